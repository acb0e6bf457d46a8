"""``hallterm platform billing run``: make the bills of a day's cycles and send them to BOSS by FTP.

Run it daily (cron, systemd timer); a run after a failure or a restart sends what is still
unsent and never makes a bill twice.  The FTP password comes from ``$HALLTERM_BOSS_FTP_PASSWORD``.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime
from urllib.parse import unquote, urlsplit

ENV_PASSWORD = "HALLTERM_BOSS_FTP_PASSWORD"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from ota.platform.cli import _common

    billing = commands.add_parser("billing", help="bills for BOSS (seed §5.7.2)")
    sub = billing.add_subparsers(dest="billing_command", metavar="COMMAND", required=True)
    run = sub.add_parser("run", help="make a day's bills and send unsent bills by FTP")
    _common(run)
    run.add_argument("--day", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today, UTC)")
    run.add_argument("--ftp", required=True, metavar="ftp://USER@HOST:PORT/DIR",
                     help=f"BOSS's bill inbox; the password from ${ENV_PASSWORD}")
    run.add_argument("--attempts", type=int, default=3)
    run.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from ota.platform.billing import service
    from ota.platform.billing.ftp import BillSender, FtpTarget
    from ota.platform.cli import _database

    parts = urlsplit(args.ftp)
    if parts.scheme != "ftp" or not parts.hostname or not parts.username:
        print("--ftp must be ftp://USER@HOST:PORT/DIR", file=sys.stderr)
        return 2
    target = FtpTarget(parts.hostname, parts.port or 21, unquote(parts.username),
                       unquote(parts.password or "") or os.environ.get(ENV_PASSWORD, ""), parts.path or "/")
    _engine, sessions = _database(args)
    made = service.generate(sessions, args.day or datetime.now(UTC).date())
    sent = BillSender(sessions, target, attempts=args.attempts).send_pending()
    print(f"bills made: {len(made)}; files sent: {', '.join(sent) or '-'}")
    return 0
