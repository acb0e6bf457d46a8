from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ota.platform import tls
from tests.tasks.rig import Rig, make_rig


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tls.TlsFiles:
    return tls.generate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def rig(tmp_path: Path, tls_files: tls.TlsFiles) -> Iterator[Rig]:
    r = make_rig(tmp_path, tls_files)
    yield r
    r.close()
