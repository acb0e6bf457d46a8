"""``hallterm gui``: start the counter terminal's GUI.

The command the clerk starts every morning, so it parses with this module alone (see
``app.cli.DIRECT_COMMANDS``) and imports nothing heavy: the GUI paints its login form first and
reads and validates the configuration file after that (issue 15 item 4).  Errors before the GUI
starts are reported by :func:`app.commands.common.fail`, imported only then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import ExitCode

GUI_MISSING = "the GUI is not available here (start `hallterm`, not `python -m app.cli`); try `hallterm demo --headless`"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    gui = subparsers.add_parser("gui", help="start the counter terminal GUI")
    gui.add_argument("--config", type=Path, help="configuration file")
    gui.add_argument("--demo", action="store_true", help="use a running headless demo's configuration")
    gui.add_argument("--data-dir", type=Path, help="the demo's data folder (with --demo)")
    add_mode_flags(gui)
    gui.set_defaults(func=_guarded_gui)


def add_mode_flags(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--kiosk", action="store_true",
                      help="self-service kiosk: full screen, touch, query and lock only")
    mode.add_argument("--technician", action="store_true",
                      help="field technician: reader diagnostics, APDU trace, connectivity check")
    mode.add_argument("--admin", action="store_true",
                      help="administration workspace (admin and business-admin roles)")


def gui_argv(args: argparse.Namespace) -> list[str]:
    """The argv the GUI sees: the mode flags it reads itself."""
    return ["hallterm", "--admin"] if getattr(args, "admin", False) else ["hallterm"]


def _guarded_gui(args: argparse.Namespace) -> int:
    try:
        return _gui(args)
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the edge of the program
        from app.commands.common import fail

        return fail(args, exc)


def _gui(args: argparse.Namespace) -> int:
    run_gui = args.run_gui
    if run_gui is None:
        print(GUI_MISSING, file=sys.stderr)
        return ExitCode.USAGE
    mode = {"kiosk": args.kiosk, "technician": args.technician}
    if args.demo:  # the demo's configuration must exist before anything opens
        from app.commands.common import config_from

        config, _ = config_from(args)
        return int(run_gui(gui_argv(args), **mode, config=config, demo=None) or 0)
    if args.config is not None and not args.config.is_file():  # a mistyped path: said here, no window
        from app.errors import ConfigError

        raise ConfigError(str(args.config), None, "file does not exist")
    # The GUI reads (and validates) the file itself, after its login form has painted.
    return int(run_gui(gui_argv(args), **mode, config_path=args.config, demo=None) or 0)
