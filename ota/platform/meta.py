"""What a database is for: a demo (``init-demo`` made it) or production (issue 9 item 10).

A demo database may get a fresh master key and a self-signed CA without being asked; a
production database never does (``platform serve`` needs ``--create-master-key`` /
``--self-signed``), and ``init-demo`` refuses to put demo operators and known keys into it.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform.models import Operator, PlatformMeta, SecureElement, Terminal

PURPOSE = "purpose"
DEMO = "demo"


def purpose(session: Session) -> str | None:
    row = session.get(PlatformMeta, PURPOSE)
    return row.value if row else None


def is_demo(session: Session) -> bool:
    return purpose(session) == DEMO


def is_empty(session: Session) -> bool:
    """Nothing anyone would miss: no operators, terminals or secure elements yet."""
    return all(
        session.scalar(sa.select(sa.func.count()).select_from(table)) == 0
        for table in (Operator, Terminal, SecureElement)
    )


def mark_demo(session: Session) -> None:
    if session.get(PlatformMeta, PURPOSE) is None:
        session.add(PlatformMeta(key=PURPOSE, value=DEMO))
        session.flush()
