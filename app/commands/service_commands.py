"""``hallterm query | lock | unlock | download | delete | migrate | change-number | perso-update | journal``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any, TextIO

from app.cli import ExitCode
from app.commands import common
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
)
from app.errors import InputError
from ota import wording

Runner = Callable[[Any, argparse.Namespace], Any]
"""``runner(ctx, args)``: calls one service.  Services, HTTP and SQL load only when one runs."""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    def service(name: str, help_text: str, runner: Runner, app_arg: bool = True) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help_text)
        add_config_args(parser)
        add_login_args(parser)
        add_output_args(parser)
        parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of messages")
        parser.add_argument("--msisdn", help="the subscriber served (registers an unbound SE to this number)")
        parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                            help="extra operation parameter, e.g. personalisation data (repeatable)")
        if app_arg:
            parser.add_argument("app_id", help="application (catalog name, e.g. YubicoYubiKeyOath)")
        parser.set_defaults(func=guarded(lambda args: _run_service(args, runner)))
        return parser

    service("query", "show what is on the SE: identity, subscriber, applications, space", _query, app_arg=False)
    one = [
        service("lock", "lock an application (lost phone)",
                lambda c, a: _svc("lock").lock(c, a.reader, a.app_id, a.msisdn, _params(a), a.instance)),
        service("unlock", "unlock an application (business hall only)",
                lambda c, a: _svc("unlock").unlock(c, a.reader, a.app_id, a.msisdn, _params(a), a.instance)),
        service("download", "download and install an application",
                lambda c, a: _svc("download").download(c, a.reader, a.app_id, a.msisdn, _params(a), a.instance)),
        service("delete", "delete an application", lambda c, a: _svc("delete").delete(
            c, a.reader, a.app_id, a.instance_only, a.msisdn, _params(a), a.instance)),
    ]
    for parser in one:  # one instance of a multi-instance application (seed §5.8.4.1)
        parser.add_argument("--instance", metavar="AID", help="act on this instance of the application only")
    one[-1].add_argument("--instance-only", action="store_true", help="keep the load file")
    migrate = service("migrate", "move an application to the subscriber's new phone", lambda c, a: _svc(
        "migrate").migrate(c, a.reader, a.app_id, a.to_reader, a.msisdn, _params(a)))
    migrate.add_argument("--to-reader", help="reader with the new phone (else: swap phones when asked)")
    change = service("change-number", "write a new MSISDN (BOSS number change)", lambda c, a: _svc(
        "change_number").change_number(c, a.reader, a.new_msisdn, a.imsi, a.msisdn, _params(a)), app_arg=False)
    change.add_argument("new_msisdn", help="the new phone number")
    change.add_argument("--imsi", help="the IMSI of the new number (default: the platform's record)")

    perso = service("perso-update", "personalise an installed application again with its provider's data",
                    lambda c, a: _svc("perso_update").perso_update(c, a.reader, a.app_id, a.msisdn, _params(a)),
                    app_arg=False)
    perso.add_argument("--app", dest="app_id", required=True, help="application (catalog name)")

    journal = subparsers.add_parser("journal", help="this terminal's services of a day (end-of-day list)")
    add_config_args(journal)
    add_output_args(journal)
    journal.add_argument("--date", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    journal.add_argument("--operator", help="only this operator's services")
    journal.add_argument("--lang", choices=("zh_CN", "en"), help="language of messages")
    journal.set_defaults(func=guarded(_journal))


def _svc(name: str) -> Any:
    import importlib

    return importlib.import_module(f"app.services.{name}")


def _query(ctx: Any, args: argparse.Namespace) -> Any:
    return _svc("query").query(ctx, args.reader, args.msisdn)


def _params(args: argparse.Namespace) -> dict[str, str]:
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"--param {item!r}: expected KEY=VALUE", {"field": "param"})
        params[key] = value
    return params


def _run_service(args: argparse.Namespace, runner: Runner) -> int:
    from app.terminal import Terminal

    config, source = config_from(args)
    operator, password = credentials(args)
    language = wording.language(args.lang or config.language)
    terminal = Terminal.open(config, source)
    try:
        terminal.login(operator, password)
        ctx = terminal.context(prompt=ConsolePrompt(args.yes, language), on_progress=LineProgress(language=language))
        result = runner(ctx, args)
    finally:
        terminal.close()
    outcome = result.outcome if hasattr(result, "outcome") else result
    data = result.to_dict()
    add_words(data.get("outcome") or data, language)
    emit(args, data, lambda out: print_result(out, result, outcome, language))
    return ExitCode.OK if outcome.ok else ExitCode.FAILED


def add_words(outcome: dict[str, Any], language: str) -> None:
    """The JSON keeps the core's codes and params, and adds their words in ``language``."""
    receipt = outcome["receipt"]
    receipt["title"]["text"] = wording.error_text(receipt["title"]["code"], receipt["title"]["params"], language)
    for line in receipt["lines"]:
        line["label"] = wording.error_text(line["code"], None, language)
        line["text"] = wording.value_words(line["key"], line["value"], language)
    if outcome.get("error"):
        outcome["error"]["text"] = wording.error_text(outcome["error"]["code"], outcome["error"]["params"], language)


def print_result(out: TextIO, result: Any, outcome: Any, language: str) -> None:
    """The outcome as a clerk at a console reads it: every word from the .ts files (ota.wording);
    SEID, MSISDN and AID are the allowed technical names."""

    def say(code: str, **params: object) -> str:
        return common.say(language, code, **params)

    status = say("progress.done" if outcome.ok else "progress.failed")
    print(f"{wording.say(outcome.receipt.title, language)}: {status}", file=out)
    if outcome.error:
        print(f"  [{outcome.error_code}] {wording.say(outcome.error, language)}", file=out)
    print(f"  SEID       {outcome.seid or '-'}", file=out)
    if outcome.msisdn:
        print(f"  MSISDN     {outcome.msisdn}", file=out)
    if outcome.receipt.app_id and all(line.value != outcome.receipt.app_id for line in outcome.receipt.lines):
        print(f"  {say('receipt.label.app')}  {outcome.receipt.app_id}", file=out)
    for line in outcome.receipt.lines:
        label, value = wording.say(line.label, language), wording.value_words(line.key, line.value, language)
        print(f"  {label}  {value}", file=out)
    if hasattr(result, "apps"):
        _print_query(out, result, say, language)
    print(f"  {say('console.operation', operation_id=outcome.operation_id, seconds=f'{outcome.duration_s:.1f}')}",
          file=out)


def _print_query(out: TextIO, report: Any, say: Callable[..., str], language: str) -> None:
    if report.batch:
        print(f"  {say('console.batch', batch=report.batch)}", file=out)
    space = report.space
    free = say("console.space", free_measured=space.free_measured, free_recorded=space.free_recorded,
               used=space.used, total=space.total)
    print(f"  {free}", file=out)
    if not report.apps:
        print(f"  {say('console.no_apps')}", file=out)
    for app in report.apps:
        flag = f"  {say('console.needs_activation')}" if app.needs_activation else ""
        state = wording.value_words("state", app.state, language)
        print(f"  AID {app.aid:<20} {app.name:<20} {state}{flag}", file=out)
    for sd in report.security_domains:
        print(f"  {say('console.security_domain', aid=sd.get('aid', ''), life_cycle=sd.get('life_cycle', ''))}",
              file=out)


def _journal(args: argparse.Namespace) -> int:
    from app.journal import Journal

    config, _source = config_from(args)
    journal = Journal(config.journal_file())
    day = args.date or date.today()
    entries = journal.day(day, operator=args.operator)
    rows: list[dict[str, Any]] = [
        {"id": e.id, "started_at": e.started_at.isoformat(), "state": e.state, "operator": e.operator,
         "kind": e.kind, "seid": e.seid, "msisdn": e.msisdn, "app_id": e.app_id, "ok": e.ok,
         "error_code": e.error_code, "duration_s": e.duration_s, "operation_id": e.operation_id}
        for e in entries
    ]

    language = wording.language(args.lang or config.language)

    def human(out: TextIO) -> None:
        print(common.say(language, "console.day", day=day.isoformat(), count=len(rows)), file=out)
        for r in rows:
            state = common.state_words("journal.running" if r["state"] == "running" else r["state"], language)
            kind = wording.value_words("kind", r["kind"], language)
            print(f"  {r['started_at'][11:19]}  {r['operator']:<12} {kind}  {state}  "
                  f"{r['seid'] or '-'}  {r['app_id'] or ''} {r['error_code'] or ''}", file=out)

    emit(args, {"date": day.isoformat(), "entries": rows}, human)
    journal.close()
    return ExitCode.OK
