"""The GUI reaches the command line only through the entry point (ui/cli.py -> app.cli)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from app import cli
from app.cli import ExitCode

ROOT = Path(__file__).resolve().parents[2]


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
    assert calls[0]["config_path"] == _config(tmp_path)  # read by the GUI after its first paint


def test_a_missing_configuration_file_is_said_on_the_command_line_before_any_window(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    calls: list[dict[str, Any]] = []
    rc = cli.main(["gui", "--config", str(tmp_path / "nope.json")], run_gui=lambda argv, **kw: calls.append(kw) or 0)
    assert rc == ExitCode.USAGE and calls == []
    assert "config.invalid" in capsys.readouterr().err


def test_the_gui_command_with_a_demo_hands_the_gui_the_demos_configuration(tmp_path: Path) -> None:
    from app.demo import demo_config_path

    demo_config_path(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    demo_config_path(tmp_path).write_text(_config(tmp_path).read_text())
    calls: list[dict[str, Any]] = []
    rc = cli.main(["gui", "--demo", "--data-dir", str(tmp_path)], run_gui=lambda argv, **kw: calls.append(kw) or 0)
    assert rc == ExitCode.OK and calls[0]["config"].terminal_id == "T-1"


def test_gui_starts_without_building_the_whole_command_line() -> None:
    """Issue 15 item 4: `hallterm gui` parses with its own module; pydantic and the platform load later."""
    probe = ("import json, sys\nfrom app import cli\n"
             "heavy = ('pydantic', 'sqlalchemy', 'app.config', 'app.commands.common', 'ota.platform', 'PySide6')\n"
             "cli.main(['gui'], run_gui=lambda argv, **kw: print(json.dumps([m for m in heavy if m in sys.modules])) or 0)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == []


def test_only_the_gui_command_skips_the_whole_command_line() -> None:
    assert cli._modules_for(["-v", "gui", "--kiosk"]) == ("app.commands.gui_command",)
    assert cli._modules_for(["-v", "readers"]) == cli._modules_for(["--help"]) == cli.SUBCOMMAND_MODULES
    parser = cli.build_parser(cli._modules_for(["gui"]))
    commands = {name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
                for name in action.choices}
    assert commands == {"gui"}


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
