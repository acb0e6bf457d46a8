"""The `hallterm` command line: one entry point, one subcommand per job.

The console script is ``ui.cli:main``, which hands this module the GUI runner; ``app.cli`` itself
runs every command but the GUI ones without Qt (``python -m app.cli``).

Each subcommand lives in its own module and registers itself with `register(subparsers)`; the
modules are imported only when listed here, and heavy imports (Qt, uvicorn) happen inside the
handlers, so `hallterm --version` and `hallterm readers` start fast.

Exit codes scripts can rely on: 0 ok, 1 the operation failed (card or platform said no),
2 usage or configuration error, 3 no reader / no card / PC/SC unavailable, 4 platform unreachable
or login refused, 130 cancelled by the operator.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from app import __version__

# (module, what it adds) in the order `hallterm --help` lists them. The benchmarks are scripts in
# tests/bench/ (they need the source tree and measure it); `hallterm bench` runs them from there.
SUBCOMMAND_MODULES = (
    "app.commands.reader_commands",  # readers, card info
    "app.commands.service_commands",  # query, lock, unlock, download, delete, migrate, change-number
    "app.commands.orphan_commands",  # orphans, resume, release (issue 9: no stranded phones)
    "app.commands.demo_commands",  # demo
    "app.commands.gui_command",  # gui
    "app.commands.wallet_commands",  # wallet (the phone's wallet client, headless)
    "app.commands.pending_commands",  # pending (task work waiting for the SE on the reader)
    "ota.vse.cli",  # vse new/serve/show  (in-process launcher: allowed by the layer rules)
    "ota.platform.cli",  # platform serve/init-demo (absent from the terminal bundle)
    "app.commands.bench_commands",  # bench: runs tests/bench/bench_all.py from a source checkout
)

DIRECT_COMMANDS = {"gui": "app.commands.gui_command"}
"""Commands parsed with their own module only: the whole parser imports every subcommand module
(SQLAlchemy, the platform's models: seconds), and the GUI must paint within 0.5 s (issue 15 item 4)."""


class ExitCode:
    OK = 0
    FAILED = 1
    USAGE = 2
    NO_CARD = 3
    PLATFORM = 4
    CANCELLED = 130


GuiRunner = Callable[..., int]
"""How to open the GUI: ``ui.main.run_gui``, handed in by the ``ui`` entry point (ui/cli.py).

``app`` never imports ``ui`` (the layers run ui -> app); a build or a caller without a GUI
passes None and the GUI commands say so."""


def build_parser(modules: Sequence[str] = SUBCOMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hallterm", description="HallTerm counter terminal for secure-element services."
    )
    parser.add_argument("--version", action="version", version=f"hallterm {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            # A part left out of this build (the terminal bundle has no platform or virtual SE)
            # must not break the commands that are there.
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        module.register(subparsers)
    return parser


def _modules_for(argv: Sequence[str]) -> Sequence[str]:
    """Only the command's own module for a direct command, else every subcommand module."""
    command = next((word for word in argv if not word.startswith("-")), None)
    direct = DIRECT_COMMANDS.get(command or "")
    return (direct,) if direct else SUBCOMMAND_MODULES


def main(argv: Sequence[str] | None = None, run_gui: GuiRunner | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_modules_for(argv))
    parser.set_defaults(run_gui=run_gui)
    args = parser.parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.USAGE
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("cancelled", file=sys.stderr)
        return ExitCode.CANCELLED


if __name__ == "__main__":
    sys.exit(main())
