"""``hallterm pending``: the customer's SE's pending task work, and ``--run`` to do it now."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from app.cli import ExitCode
from app.commands.common import (
    add_config_args,
    add_login_args,
    add_output_args,
    config_from,
    credentials,
    emit,
    guarded,
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pending = subparsers.add_parser("pending", help="pending task work for the SE on the reader (--run: do it now)")
    add_config_args(pending)
    add_login_args(pending)
    add_output_args(pending)
    pending.add_argument("--run", action="store_true", help="run the first pending work now")
    pending.set_defaults(func=guarded(_pending))


def _pending(args: argparse.Namespace) -> int:
    from app.services.pending import list_pending, run_pending
    from app.terminal import Terminal

    config, source = config_from(args)
    terminal = Terminal.open(config, source)
    try:
        terminal.login(*credentials(args))
        if args.run:
            run = run_pending(terminal.client, terminal.reader_factory, args.reader)
            data: dict[str, Any] = {"seid": run.seid, "state": run.state, "operations": run.operations,
                                    "reason": run.reason}
            emit(args, data, lambda out: print(f"SE {run.seid}: {run.state} {' '.join(run.operations)}"
                                               + (f" ({run.reason})" if run.reason else ""), file=out))
            return ExitCode.OK if run.state == "done" else ExitCode.FAILED
        seid, work = list_pending(terminal.client, terminal.reader_factory, args.reader)

        def human(out: TextIO) -> None:
            print(f"SE {seid}: {len(work)} pending", file=out)
            for w in work:
                print(f"  {w['task_name']}: {', '.join(w['kinds'])} ({w['state']}, due {w['due_at']})", file=out)

        emit(args, {"seid": seid, "pending": work}, human)
        return ExitCode.OK
    finally:
        terminal.close()
