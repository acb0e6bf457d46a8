"""``hallterm demo [--headless]`` (``hallterm gui``: app.commands.gui_command)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from app.cli import ExitCode
from app.commands.common import guarded
from app.commands.gui_command import GUI_MISSING, add_mode_flags, gui_argv


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = subparsers.add_parser("demo", help="start the demo: platform, demo data, two virtual phones")
    demo.add_argument("--headless", action="store_true", help="no GUI; print how to use it and keep running")
    demo.add_argument("--data-dir", type=Path, help="where the demo keeps its files")
    demo.add_argument("--port", type=int, default=0, help="platform port (default: a free one)")
    demo.add_argument("--pcsc", choices=("auto", "yes", "no"), default="auto",
                      help="serve the virtual phones through pcscd/vpcd (auto: when pcscd lists them)")
    demo.add_argument("--showcase", action="store_true",
                      help="first show a scheduled upgrade reaching both phones by SMS PUSH and the "
                           "wallet agent, and the day's bill file landing on a local FTP server")
    add_mode_flags(demo)
    demo.set_defaults(func=guarded(_demo))


def _demo(args: argparse.Namespace) -> int:
    from app.demo import DemoEnvironment

    run_gui = None if args.headless else args.run_gui
    if not args.headless and run_gui is None:
        print(GUI_MISSING, file=sys.stderr)
        return ExitCode.USAGE
    use_pcsc = {"auto": None, "yes": True, "no": False}[args.pcsc]
    env = DemoEnvironment(args.data_dir, use_pcsc=use_pcsc, port=args.port).start()
    try:
        if args.showcase:
            print(env.run_showcase(), flush=True)
            if args.headless:
                return ExitCode.OK
        if run_gui is not None:
            return int(run_gui(gui_argv(args), kiosk=args.kiosk, technician=args.technician, config=env.config, demo=env) or 0)
        print(env.banner(), flush=True)
        print("running; Ctrl-C to stop", file=sys.stderr, flush=True)
        _wait_for_stop()
        return ExitCode.OK
    finally:
        env.stop()


def _wait_for_stop() -> None:
    stop = threading.Event()
    # Both signals set the event explicitly: a demo started in the background by a script
    # inherits SIGINT as "ignored", and Ctrl-C must still stop it when sent on purpose.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(0.5):
        pass
