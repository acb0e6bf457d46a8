"""The audit log of logins and key operations (seed §7.4), chained so an edit is noticed.

Each row stores ``hash = sha256(prev_hash || canonical JSON of the row)``.  Changing, deleting
or reordering a row breaks the chain from that row on, and :func:`verify` names the first row
that does not match.  Appending is serialised (PostgreSQL: a transaction-level advisory lock;
SQLite: every transaction already holds the write lock) and ``prev_hash`` is unique, so two
writers can never fork the chain.

So that the chain does not serialise unrelated operations for longer than the insert itself,
:func:`record` only queues the entry on the session; the queue is written just before the
session commits (``before_commit``), so the advisory lock is held from the insert to the
commit and no longer.  A caller that rolls back a savepoint drops what was queued inside it
(:func:`mark`, :func:`discard_since`); a rolled-back transaction drops the whole queue.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform.db import utcnow
from ota.platform.models import AuditEntry

GENESIS = "0" * 64
_AUDIT_LOCK_KEY = 0x4F544155  # "OTAU": one advisory lock for the audit chain


def _row_hash(prev_hash: str, at: datetime, actor: str, event: str, detail: dict[str, Any]) -> str:
    content = json.dumps(
        {
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "event": event,
            "detail": detail,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256((prev_hash + content).encode()).hexdigest()


_QUEUE = "audit_queue"


def record(session: Session, event: str, actor: str, **detail: Any) -> None:
    """Queue one entry in the caller's transaction; it is written when (and if) that commits."""
    _queue(session).append((event, actor, json.loads(json.dumps(detail, default=str))))


def mark(session: Session) -> int:
    """A position in the session's queue, for :func:`discard_since`."""
    return len(_queue(session))


def discard_since(session: Session, position: int) -> None:
    """Forget what was queued after ``position`` (its savepoint was rolled back)."""
    del _queue(session)[position:]


def _queue(session: Session) -> list[tuple[str, str, dict[str, Any]]]:
    return session.info.setdefault(_QUEUE, [])  # type: ignore[no-any-return]


# Built once (issue 15 item 1): the cache finds them without rebuilding them per commit.
_ENTRIES = cast(sa.Table, AuditEntry.__table__)
_LAST_HASH = sa.select(_ENTRIES.c.hash).order_by(_ENTRIES.c.id.desc()).limit(1)
_APPEND = sa.insert(_ENTRIES)
_LOCK = sa.select(sa.func.pg_advisory_xact_lock(_AUDIT_LOCK_KEY))


@sa.event.listens_for(Session, "before_commit")
def _write(session: Session) -> None:
    queue = session.info.get(_QUEUE)
    if not queue:
        return
    entries, queue[:] = list(queue), []
    # The rest of the transaction first, outside the chain's lock: the lock is then held for
    # the one SELECT and INSERT below and the commit, not for the unit of work.
    session.flush()
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(_LOCK)
    prev_hash = connection.execute(_LAST_HASH).scalar() or GENESIS
    rows = []
    for event, actor, detail in entries:
        # Microsecond precision is all both databases keep; hash what will be read back.
        at = utcnow()
        entry_hash = _row_hash(prev_hash, at, actor, event, detail)
        rows.append({"at": at, "actor": actor, "event": event, "detail": detail, "prev_hash": prev_hash,
                     "hash": entry_hash})
        prev_hash = entry_hash
    connection.execute(_APPEND, rows)


@sa.event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_QUEUE, None)


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    rows: int
    first_bad_id: int | None = None
    reason: str = ""


def verify(session: Session) -> AuditReport:
    """Walk the whole chain and report the first row that was edited, removed or reordered."""
    prev_hash = GENESIS
    count = 0
    for entry in session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)):
        count += 1
        if entry.prev_hash != prev_hash:
            return AuditReport(False, count, entry.id, "previous hash does not match")
        expected = _row_hash(prev_hash, entry.at, entry.actor, entry.event, entry.detail)
        if entry.hash != expected:
            return AuditReport(False, count, entry.id, "row content does not match its hash")
        prev_hash = entry.hash
    return AuditReport(True, count)
