"""``hallterm platform se-queue SEID [--end-running]``: an SE's running and queued work (§5.8.8):
the operation holding the link, counter operations waiting for it, and task work for the SE.

Like the task commands it works on the database directly, as a named administrator (``--as``);
ending the running operation is audited (``link.abort``) exactly as through the API.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ota import wording


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("se-queue", help="an SE's running and queued work; end the running one")
    common(parser)
    parser.add_argument("seid")
    parser.add_argument("--end-running", action="store_true", help="end the operation holding the SE (audited)")
    parser.add_argument("--as", dest="admin", default="admin", help="administrator acting (audited)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=_se_queue)


def _se_queue(args: argparse.Namespace) -> int:
    from ota.platform.cli import _database
    from ota.platform.db import transaction
    from ota.platform.engine import abort_running
    from ota.platform.errors import PlatformError
    from ota.platform.tasks.cli import _principal
    from ota.platform.tasks.service import TaskService

    _engine, sessions = _database(args)
    seid = args.seid.upper()
    try:
        if args.end_running:
            admin = _principal(sessions, args.admin)
            with transaction(sessions) as session:
                ended = abort_running(session, admin.operator, seid)
            print(f"ended {ended.id} ({ended.kind})", file=sys.stderr)
        view = TaskService(sessions).se_queue(seid)
    except PlatformError as exc:
        print(f"{exc.code}: {wording.error_text(exc.code, exc.params, wording.language())}", file=sys.stderr)
        return 1
    if args.json:
        print(view.model_dump_json(indent=2))
        return 0
    running = view.running
    print(f"{view.seid}: " + (f"running {running.kind} {running.operation_id} by {running.operator}, "
                              f"lease until {running.expires_at:%H:%M:%S}" if running else "idle"))
    for q in view.operations:
        print(f"  {q.position}. {q.kind:<13} {q.operation_id} by {q.operator} at {q.terminal_id}, "
              f"queued {q.queued_at:%H:%M:%S}, last seen {q.last_seen:%H:%M:%S}")
    for w in view.queued:
        print(f"  task {w.task_id} {w.task_name}: {' '.join(w.kinds)} ({w.state}, due {w.due_at:%H:%M:%S})")
    return 0



