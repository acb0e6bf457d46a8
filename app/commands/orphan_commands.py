"""``hallterm orphans | resume | release``: this terminal's unfinished operations (issue 9, item 9).

After a lost connection or a restart the clerk lists the operations this terminal and operator
started and never finished, then resumes one (the same service again on the same phone; the
platform hands the lease over at once) or releases it (the phone is free again).
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from app.cli import ExitCode
from app.commands.common import (
    ConsolePrompt,
    LineProgress,
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
from app.commands.service_commands import add_words, print_result
from ota import wording


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    def command(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help_text)
        add_config_args(parser)
        add_login_args(parser)
        add_output_args(parser)
        parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of messages")
        parser.set_defaults(func=guarded(func))
        return parser

    listing = command("orphans", "this terminal's unfinished operations (after a crash or lost connection)", _orphans)
    listing.add_argument("--seid", help="only those on this SE")
    resume = command("resume", "run an unfinished operation's service again on the same phone", _resume)
    resume.add_argument("id", help="journal id or operation id (see `hallterm orphans`)")
    release = command("release", "cancel an unfinished operation and free its phone", _release)
    release.add_argument("id", help="journal id or operation id (see `hallterm orphans`)")


def _language(args: argparse.Namespace) -> str:
    return wording.language(args.lang or config_from(args)[0].language)


def _with_context(args: argparse.Namespace, call: Any) -> Any:
    from app.terminal import Terminal

    config, source = config_from(args)
    operator, password = credentials(args)
    language = args.lang or config.language
    terminal = Terminal.open(config, source)
    try:
        terminal.login(operator, password)
        ctx = terminal.context(prompt=ConsolePrompt(args.yes, language), on_progress=LineProgress(language=language))
        return call(ctx)
    finally:
        terminal.close()


def _orphans(args: argparse.Namespace) -> int:
    from app.services import orphans

    found = _with_context(args, lambda ctx: orphans.unfinished(ctx, args.seid))
    rows = [o.to_dict() for o in found]

    language = _language(args)

    def human(out: TextIO) -> None:
        print(say(language, "console.unfinished", count=len(rows)), file=out)
        for r in rows:
            kind, state = wording.value_words("kind", r["kind"], language), state_words(str(r["state"]), language)
            print(f"  {r['journal_id']}  {kind}  {state}  {r['seid']}  {r['app_id'] or ''}", file=out)

    emit(args, {"orphans": rows}, human)
    return ExitCode.OK


def _release(args: argparse.Namespace) -> int:
    from app.services import orphans

    view = _with_context(args, lambda ctx: orphans.release(ctx, args.id))
    emit(args, {"operation_id": view.id, "state": view.state.value},
         lambda out: print(say(_language(args), "operation.released"), file=out))
    return ExitCode.OK


def _resume(args: argparse.Namespace) -> int:
    from app.services import orphans

    outcome = _with_context(args, lambda ctx: orphans.resume(ctx, args.id, args.reader))
    language = _language(args)
    data = outcome.to_dict()
    add_words(data, language)
    emit(args, data, lambda out: print_result(out, outcome, outcome, language))
    return ExitCode.OK if outcome.ok else ExitCode.FAILED
