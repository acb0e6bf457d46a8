"""Compile the bytecode a start needs, at setup rather than at every start (issue 15 item 4).

    .venv/bin/python build/precompile.py

Two things a cold ``hallterm gui`` would otherwise compile from source each time:

- the project's own modules (app, ui, ota): an editable install writes no ``.pyc``, and with
  ``PYTHONDONTWRITEBYTECODE`` set (CI, containers) no run ever writes them;
- shiboken's support modules (``shibokensupport``: signatures, enums, features), which a wheel
  keeps as source inside its binary and compiles at every ``import PySide6``.  Shiboken uses a
  ``files.dir`` folder beside its module when there is one; ``SBK_EMBED=0`` writes it.  A stamp
  with shiboken's version makes an upgraded wheel rewrite it rather than run stale files.

Safe to run again: it only compiles what changed.
"""

from __future__ import annotations

import compileall
import importlib.metadata
import importlib.util
import os
import py_compile
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "ui", "ota")
STAMP = ".hallterm-shiboken-version"


def shiboken_files_dir() -> Path | None:
    """shiboken6's ``files.dir`` (written now if missing or from another version); None without PySide6."""
    try:
        version = importlib.metadata.version("shiboken6")
    except importlib.metadata.PackageNotFoundError:
        return None
    spec = importlib.util.find_spec("shiboken6")
    assert spec is not None and spec.origin is not None
    files_dir = Path(spec.origin).parent / "files.dir"
    stamp = files_dir / STAMP
    if files_dir.exists() and (not stamp.exists() or stamp.read_text().strip() != version):
        shutil.rmtree(files_dir)
    if not files_dir.exists():
        subprocess.run([sys.executable, "-c", "import shiboken6"], env=dict(os.environ, SBK_EMBED="0"), check=True)
        if not files_dir.is_dir():
            print(f"precompile: shiboken {version} wrote no {files_dir.name}; its modules stay embedded")
            return None
        stamp.write_text(version + "\n")
    return files_dir


def main() -> int:
    ok = all(compileall.compile_dir(str(ROOT / name), quiet=1, workers=0) for name in PACKAGES)
    files_dir = shiboken_files_dir()
    if files_dir is not None:
        # Unchecked: the bundle copies these files (build/hallterm.spec) and a copy's new mtime
        # must not make them stale; the version stamp above is what keeps them current.
        ok = compileall.compile_dir(str(files_dir), quiet=1, workers=0,
                                    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
