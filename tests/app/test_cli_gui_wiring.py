"""The GUI reaches the command line only through the entry point (ui/cli.py -> app.cli)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app import cli
from app.cli import ExitCode


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"platform_url": "https://127.0.0.1:9", "terminal_id": "T-1"}))
    return path


def test_gui_command_runs_the_injected_gui_with_its_mode(tmp_path: Path) -> None:
    calls: list[dict[str, Any]] = []

    def fake_gui(argv: list[str], **kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    rc = cli.main(["gui", "--kiosk", "--config", str(_config(tmp_path))], run_gui=fake_gui)
    assert rc == ExitCode.OK
    assert calls and calls[0]["kiosk"] is True and calls[0]["technician"] is False
    assert calls[0]["config"].terminal_id == "T-1"


def test_without_a_gui_the_gui_command_says_so(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    rc = cli.main(["gui", "--config", str(_config(tmp_path))])
    assert rc == ExitCode.USAGE
    assert "GUI is not available" in capsys.readouterr().err


def test_console_script_entry_point_plugs_in_the_gui() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"]["hallterm"] == "ui.cli:main"
    from ui import cli as entry

    assert callable(entry.run_gui) and callable(entry.main)
