"""The bundle recipe is consistent (PyInstaller itself is the build extra; the lead runs it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_spec_is_valid_python_and_names_existing_resources() -> None:
    source = (ROOT / "build" / "hallterm.spec").read_text(encoding="utf-8")
    compile(source, "hallterm.spec", "exec")
    for folder, pattern in (("i18n", "*.qm"), ("qss", "*.qss"), ("icons", "*.svg")):
        assert f'"{folder}" / "{pattern}"' in source
        assert list((ROOT / "resources" / folder).glob(pattern)), folder
    for excluded in ("ota.platform", "ota.vse", "fastapi", "uvicorn", "PySide6.{m}"):
        assert f'"{excluded}"' in source or excluded in source


def test_bundle_script_parses_and_keeps_work_files_out_of_build() -> None:
    script = ROOT / "build" / "bundle.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text()
    assert "--workpath" in text and "--distpath dist" in text
