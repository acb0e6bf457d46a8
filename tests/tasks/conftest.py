from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ota.platform import tls
from tests.platform.conftest import shared_pki
from tests.tasks.rig import Rig, make_rig


@pytest.fixture(scope="session")
def tls_files() -> tls.TlsFiles:
    """The shared test CA: it issued the test terminals' certificates the rig enrols."""
    return shared_pki().files


@pytest.fixture
def rig(tmp_path: Path, tls_files: tls.TlsFiles) -> Iterator[Rig]:
    r = make_rig(tmp_path, tls_files)
    yield r
    r.close()
