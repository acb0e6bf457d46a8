"""The PyInstaller bundle builds and passes its smoke test (build/bundle.sh).

The script runs the bundled `hallterm --version`, `hallterm readers` (which must answer cleanly
with or without pcscd) and an offscreen GUI start that exits after its first paint.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bundle_builds_and_smoke_test_passes() -> None:
    done = subprocess.run(
        ["bash", str(ROOT / "build" / "bundle.sh")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    sys.stdout.write(done.stdout[-3000:])
    assert done.returncode == 0, done.stderr[-3000:]
    assert "hallterm 0.1.0" in done.stdout
    assert "bundle: ok" in done.stdout
    # The platform server is not part of the terminal bundle.
    internal = ROOT / "dist" / "hallterm" / "_internal"
    assert not (internal / "uvicorn").exists()
    assert not (internal / "fastapi").exists()
