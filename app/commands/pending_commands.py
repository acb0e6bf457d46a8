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
    say,
    state_words,
)
from ota import wording


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pending = subparsers.add_parser("pending", help="pending task work for the SE on the reader (--run: do it now)")
    add_config_args(pending)
    add_login_args(pending)
    add_output_args(pending)
    pending.add_argument("--run", action="store_true", help="run the first pending work now")
    pending.add_argument("--lang", choices=("zh_CN", "en"), help="language of messages")
    pending.set_defaults(func=guarded(_pending))


def _pending(args: argparse.Namespace) -> int:
    from app.services.pending import list_pending, run_pending
    from app.terminal import Terminal

    config, source = config_from(args)
    language = wording.language(args.lang or config.language)
    terminal = Terminal.open(config, source)
    try:
        terminal.login(*credentials(args))
        if args.run:
            run = run_pending(terminal.client, terminal.reader_factory, args.reader)
            data: dict[str, Any] = {"seid": run.seid, "state": run.state, "operations": run.operations,
                                    "reason": run.reason}
            ran = "  ".join(_operation_words(o, language) for o in run.operations)
            reason = f"  {wording.error_text(run.reason, None, language)}" if run.reason else ""
            emit(args, data, lambda out: print(f"SE {run.seid}: {state_words(run.state, language)}  {ran}{reason}",
                                               file=out))
            return ExitCode.OK if run.state == "done" else ExitCode.FAILED
        seid, work = list_pending(terminal.client, terminal.reader_factory, args.reader)

        def human(out: TextIO) -> None:
            print(say(language, "console.pending.count", seid=seid, count=len(work)), file=out)
            for w in work:
                kinds = ", ".join(wording.value_words("kind", k, language) for k in w["kinds"])
                line = say(language, "console.pending.task", task=w["task_name"], kinds=kinds,
                           state=state_words(str(w["state"]), language), due_at=w["due_at"])
                print(f"  {line}", file=out)

        emit(args, {"seid": seid, "pending": work}, human)
        return ExitCode.OK
    finally:
        terminal.close()


def _operation_words(ran: str, language: str) -> str:
    """``lock:done`` (a sequence's operation and how it ended) -> 锁定 办理成功."""
    kind, _, state = ran.partition(":")
    return f"{wording.value_words('kind', kind, language)} {state_words(state, language)}"
