"""``hallterm platform task create|list|show|cancel|retry`` and ``hallterm platform worker``.

Both work on the database directly, like ``platform serve``: they are the operator's tools on a
platform host.  Task commands act as a named administrator (``--as``), who is audited.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from datetime import datetime, timedelta
from typing import Any

from ota import wording

ENV_GATEWAY = "HALLTERM_SMS_GATEWAY"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from ota.platform.cli import _common

    task = commands.add_parser("task", help="tasks: at a given time, on given SEs, do given operations")
    sub = task.add_subparsers(dest="task_command", metavar="COMMAND", required=True)
    create = sub.add_parser("create", help="create a task")
    create.add_argument("--name", required=True)
    create.add_argument("--op", action="append", required=True, metavar="KIND[:APP]",
                        help="an operation, in order (upgrade: --op delete:APP --op download:APP)")
    target = create.add_mutually_exclusive_group(required=True)
    target.add_argument("--seid", action="append", help="a target SE (repeatable)")
    target.add_argument("--range", nargs=2, metavar=("FIRST", "LAST"), help="a SEID range")
    target.add_argument("--batch", help="every SE of an SE batch")
    target.add_argument("--holding", metavar="APP", help="every SE holding an application")
    when = create.add_mutually_exclusive_group()
    when.add_argument("--delay", type=float, metavar="SECONDS", help="run after this delay")
    when.add_argument("--at", metavar="ISO-TIME", help="run at this time (with time zone)")
    for name, text in (("list", "list tasks"), ("show", "a task with its failures by reason"),
                       ("cancel", "cancel a task"), ("retry", "retry a task's failed SEs")):
        cmd = sub.add_parser(name, help=text)
        if name != "list":
            cmd.add_argument("task_id")
    for cmd in sub.choices.values():
        _common(cmd)
        cmd.add_argument("--as", dest="admin", default="admin", help="administrator acting (audited)")
        cmd.add_argument("--json", action="store_true", help="print JSON")
        cmd.set_defaults(func=_task)
    create.set_defaults(func=_task)

    worker = commands.add_parser("worker", help="claim due tasks and push them by SMS")
    _common(worker)
    add_gateway_option(worker)
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between idle ticks")
    worker.add_argument("--batch", type=int, default=100, help="items claimed per tick")
    worker.add_argument("--repush-after", type=float, default=600, help="seconds before a push is repeated")
    worker.add_argument("--max-pushes", type=int, default=3)
    worker.add_argument("--until-idle", action="store_true", help="stop when nothing is due")
    worker.set_defaults(func=_worker)


def add_gateway_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gateway", "--sms", dest="gateway", default=os.environ.get(ENV_GATEWAY),
                        help=f"SMS gateway, cmpp://SPID@host:port or smpp://SYSTEM_ID@host:port (default "
                             f"${ENV_GATEWAY}; the secret from $HALLTERM_CMPP_SECRET / $HALLTERM_SMPP_PASSWORD)")


def serve_worker(args: argparse.Namespace, engine: Any, keystore: Any = None) -> Any:
    """The one in-process worker of ``platform serve`` on SQLite, when a gateway is configured;
    with the key service it also schedules SD key updates whose period ran out (``sd_key_period``)."""
    if not getattr(args, "gateway", None) or engine.dialect.name != "sqlite":
        return None
    from ota.platform.db import session_factory
    from ota.platform.sd_key_period import KeyPeriodScan
    from ota.platform.sms.gateway import from_url
    from ota.platform.tasks.worker import Worker, WorkerThread

    sessions = session_factory(engine)
    scans = [KeyPeriodScan(sessions, keystore)] if keystore is not None else []
    return WorkerThread(Worker(sessions, from_url(args.gateway), scans=scans)).start()


def _principal(sessions: Any, name: str) -> Any:
    import sqlalchemy as sa

    from ota.platform.auth import Principal
    from ota.platform.models import Operator
    from ota.protocol import Role, TerminalKind

    with sessions() as session:
        operator = session.scalars(sa.select(Operator).where(Operator.name == name)).first()
    if operator is None or operator.role != Role.ADMIN or not operator.active:
        raise SystemExit(f"{name!r} is not an active administrator")
    return Principal(operator.id, operator.name, Role.ADMIN, operator.region, "cli", TerminalKind.LAPTOP)


def _operation(text: str) -> dict[str, Any]:
    kind, _, app = text.partition(":")
    return {"kind": kind, "params": {"app_id": app} if app else {}}


def _task(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from ota.platform.cli import _database
    from ota.platform.errors import PlatformError
    from ota.platform.tasks.schemas import CreateTask
    from ota.platform.tasks.service import TaskService

    _engine, sessions = _database(args)
    service = TaskService(sessions)
    try:
        if args.task_command == "list":
            result: Any = [t.model_dump(mode="json") for t in service.list()]
        elif args.task_command == "show":
            result = service.get(args.task_id).model_dump(mode="json")
        elif args.task_command == "cancel":
            result = service.cancel(_principal(sessions, args.admin), args.task_id).model_dump(mode="json")
        elif args.task_command == "retry":
            result = service.retry(_principal(sessions, args.admin), args.task_id).model_dump(mode="json")
        else:
            target: dict[str, Any] = (
                {"type": "seids", "seids": args.seid} if args.seid else
                {"type": "range", "start": args.range[0], "end": args.range[1]} if args.range else
                {"type": "batch", "batch": args.batch} if args.batch else {"type": "app", "app_id": args.holding}
            )
            schedule: dict[str, Any] = (
                {"schedule": "delayed", "delay_s": args.delay} if args.delay is not None else
                {"schedule": "timed", "run_at": datetime.fromisoformat(args.at)} if args.at else {}
            )
            request = CreateTask.model_validate(
                {"name": args.name, "operations": [_operation(o) for o in args.op], "target": target, **schedule})
            result = service.create(_principal(sessions, args.admin), request).model_dump(mode="json")
    except PlatformError as exc:
        print(f"{exc.code}: {wording.error_text(exc.code, exc.params, wording.language())}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(f"request.invalid: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print(result)
    return 0


def _print(result: Any) -> None:
    rows = result if isinstance(result, list) else [result.get("task", result)]
    for t in rows:
        counts = " ".join(f"{k}={v}" for k, v in sorted(t["counts"].items()))
        print(f"{t['id']}  {t['status']:<9}  {t['run_at']}  {t['name']}  [{counts}]")
    if isinstance(result, dict):
        for f in result.get("failures", []):
            print(f"  failed {f['count']}: {f['reason']} — {wording.error_text(f['reason'], None, wording.language())}")
            print(f"    {' '.join(f['seids'][:10])}{' …' if f['count'] > 10 else ''}")


def _key_period_scans(args: argparse.Namespace, sessions: Any) -> list[Any]:
    """The SD key-period scan of ``serve``'s in-process worker, when this worker has the key service
    (on PostgreSQL, ``serve`` runs no worker: this process is the one that schedules them)."""
    from ota.platform.cli import _master_key_path
    from ota.platform.keys.spec import ENV_KEYSTORE, open_keystore
    from ota.platform.keystore import MASTER_KEY_ENV
    from ota.platform.sd_key_period import KeyPeriodScan

    spec = args.keystore or os.environ.get(ENV_KEYSTORE) or "software"
    if spec == "software" and not os.environ.get(MASTER_KEY_ENV) and not _master_key_path(args).exists():
        print("no key service (--master-key / --keystore): SD key periods are not scanned by this worker",
              file=sys.stderr)
        return []
    return [KeyPeriodScan(sessions, open_keystore(args.keystore, sessions, _master_key_path(args)))]


def _worker(args: argparse.Namespace) -> int:
    import signal

    from ota.platform.cli import _database
    from ota.platform.sms.gateway import GatewayError, from_url
    from ota.platform.tasks.worker import PushSettings, Worker

    if not args.gateway:
        print(f"no SMS gateway: pass --gateway or set ${ENV_GATEWAY}", file=sys.stderr)
        return 2
    try:
        gateway = from_url(args.gateway)
    except GatewayError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    _engine, sessions = _database(args)
    settings = PushSettings(repush_after=timedelta(seconds=args.repush_after), max_pushes=args.max_pushes,
                            batch=args.batch)
    worker = Worker(sessions, gateway, settings, scans=_key_period_scans(args, sessions))
    try:
        if args.until_idle:
            sent = worker.run_until_idle()
            print(f"pushed {sent}")
            return 0
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        print(f"worker {worker.worker_id} running; Ctrl-C to stop", file=sys.stderr, flush=True)
        worker.run(stop, args.interval)
        return 0
    finally:
        gateway.close()
