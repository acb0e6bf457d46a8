"""The real entry point starts and paints: from a config file, and as `--demo` (platform + SEs)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, HALLTERM_EXIT_AFTER_FIRST_PAINT="1", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "data"), **extra)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "ui.main", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_gui_paints_its_login_from_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"platform_url": "https://127.0.0.1:9", "terminal_id": "T-9",
                                  "journal_path": str(tmp_path / "j.sqlite")}))
    out = _run([], _env(tmp_path, HALLTERM_CONFIG=str(config)))
    found = re.search(r"first-paint ([\d.]+)s peak-rss (\d+) KiB", out)
    assert found and float(found.group(1)) < 10
    assert (tmp_path / "data" / "hallterm" / "logs" / "hallterm-gui.log").exists()


@pytest.mark.slow
def test_demo_mode_starts_the_platform_and_paints(tmp_path: Path) -> None:
    out = _run(["--demo", "--kiosk"], _env(tmp_path))
    assert out.startswith("first-paint")
    assert (tmp_path / "data" / "hallterm" / "demo" / "terminal.json").exists()
