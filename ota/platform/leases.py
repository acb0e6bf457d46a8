"""One link per SE across all platform processes (seed §5.8.8, DESIGN.md §3).

An operation holds its SE through a row in ``se_links`` for as long as it runs; the row lives
in the database, so every replica sees it.  A link is claimed inside the caller's transaction:
the row is read ``FOR UPDATE`` on PostgreSQL (concurrent inserts of the same SEID collide on the
primary key and are re-read), while SQLite transactions already start with the write lock
(``BEGIN IMMEDIATE``, see ``db.py``).  No transaction stays open between HTTP requests: the
link has an expiry that every step renews, so a crashed terminal blocks the SE only until then.
A second operation on a busy SE is refused with ``se_busy`` (kiosk-safe words); the same
terminal and operator may take over their own unfinished operation at once (issue 9, item 9).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ota.platform.db import utcnow
from ota.platform.errors import ConflictError
from ota.platform.models import Operation, Operator, SeLink
from ota.protocol import OperationState


class SeBusyError(ConflictError):
    """The SE is held by another operation.  The words are safe for a kiosk's screen: they name
    no operator, SEID or operation id (those are in the administrators' link list)."""

    def __init__(self, running: Operation, expires_at: datetime) -> None:
        super().__init__(
            "se_busy",
            detail={"kind": running.kind, "expires_at": expires_at.isoformat()},
            params={"kind": running.kind},
        )


class SdKeysUpdatingError(SeBusyError):
    """The SE is held by an SD key update (``sd_create``: creation and key update, §5.8.3.1-2):
    "SE 上安全域的密钥处于更新状态时，所有的业务操作必须在完成密钥更新业务操作之后才能进行"
    (§5.8.3.2).  Its own code so the terminal can say why; a start that may wait is queued
    behind it like any other (``se_queue.py``)."""

    def __init__(self, running: Operation, expires_at: datetime) -> None:
        ConflictError.__init__(
            self,
            "sd.keys_updating",
            detail={"kind": running.kind, "sd": str((running.params or {}).get("sd_aid") or "").upper(),
                    "expires_at": expires_at.isoformat()},
        )


def busy(running: Operation, expires_at: datetime) -> SeBusyError:
    """The refusal for an SE that ``running`` holds: an SD key update says so (§5.8.3.2)."""
    if running.kind == "sd_create":
        return SdKeysUpdatingError(running, expires_at)
    return SeBusyError(running, expires_at)


# The two statements every step runs, built once as Core (issue 15 item 1): no ORM bulk-update
# bookkeeping.  They only move ``expires_at``; a link row a session loaded is always re-read
# with ``populate_existing`` (``_locked_link``) before anything looks at it.
_LINKS = cast(sa.Table, SeLink.__table__)
_RENEW_ALL = (
    sa.update(_LINKS)
    .where(_LINKS.c.operation_id == sa.bindparam("link_operation"))
    .values(expires_at=sa.bindparam("new_expiry"))
)
_RENEW_ALL_SAYING = _RENEW_ALL.returning(_LINKS.c.seid)
_CLAIM_FREE = sa.insert(_LINKS)
_RELEASE = sa.delete(_LINKS).where(_LINKS.c.operation_id == sa.bindparam("link_operation"))
_RELEASE_BUT = _RELEASE.where(_LINKS.c.seid != sa.bindparam("keep"))


def _locked_link(session: Session, seid: str) -> SeLink | None:
    query = sa.select(SeLink).where(SeLink.seid == seid).with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).first()


def lock_operation(session: Session, operation_id: str) -> Operation | None:
    """Lock an operation row: always before any link row (the one lock order)."""
    query = sa.select(Operation).where(Operation.id == operation_id).with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).first()


def claim(
    session: Session,
    seid: str,
    operation_id: str,
    ttl: timedelta,
    finish: Callable[[Operation, str], None] | None = None,
    own: Callable[[Operation], bool] | None = None,
    new: bool = False,
) -> None:
    """Give ``seid`` to ``operation_id`` or raise :class:`SeBusyError`.

    A stale link (expired) is taken over, and so is one held by an operation ``own`` says
    belongs to the same terminal and operator; ``finish(holder, reason)`` ends the holder
    ("expired" / "taken_over") the way any operation ends.  Locks: the caller holds its own
    operation row; the holder's row is locked next, the link row last.  ``new``: the operation
    holds no link yet (a start), so a free SE is taken with one INSERT and nothing is renewed.
    """
    now = utcnow()
    if new:
        if _take_free(session, seid, operation_id, now, ttl):
            return
    else:
        # The usual case, every step of a running operation: the link is already ours; renewing
        # it in place locks the row (PostgreSQL) and is the whole claim.  Every other link the
        # operation holds (a migration's second SE) is renewed with it: the step's renewal.
        renewed = session.connection().execute(
            _RENEW_ALL_SAYING, {"link_operation": operation_id, "new_expiry": now + ttl}
        )
        if seid in renewed.scalars().all():
            return
    peek = session.scalars(sa.select(SeLink.operation_id).where(SeLink.seid == seid)).first()
    holder = lock_operation(session, peek) if peek is not None and peek != operation_id else None
    link = _locked_link(session, seid)
    if link is None:
        if _take_free(session, seid, operation_id, now, ttl):
            return
        link = _locked_link(session, seid)  # another process claimed it in between
        if link is None:
            raise RuntimeError(f"the link of {seid} could be neither taken nor read")
    if link.operation_id == operation_id:
        link.expires_at = now + ttl
        return
    if holder is None or holder.id != link.operation_id:
        holder = lock_operation(session, link.operation_id)  # changed hands since the peek
    if holder is not None and not OperationState(holder.state).finished:
        if own is not None and own(holder):
            reason = "taken_over"
        elif link.expires_at > now:
            raise busy(holder, link.expires_at)
        else:
            reason = "expired"
        if finish is not None:
            finish(holder, reason)
    link.operation_id, link.claimed_at, link.expires_at = operation_id, now, now + ttl


def _take_free(session: Session, seid: str, operation_id: str, now: datetime, ttl: timedelta) -> bool:
    """Insert the link of an SE nobody holds; False when a link row is already there."""
    try:
        with session.begin_nested():
            session.connection().execute(
                _CLAIM_FREE, {"seid": seid, "operation_id": operation_id, "claimed_at": now, "expires_at": now + ttl}
            )
        return True
    except IntegrityError:
        return False


def release(session: Session, operation_id: str, keep: str | None = None) -> None:
    """Drop the operation's links; ``keep`` is the SE whose link is being handed over.

    Core, not the ORM's bulk DELETE (which matches the rows against the identity map first):
    a link row a session loaded is always re-read before use (``_locked_link``)."""
    if keep is None:
        session.connection().execute(_RELEASE, {"link_operation": operation_id})
    else:
        session.connection().execute(_RELEASE_BUT, {"link_operation": operation_id, "keep": keep})


def holds(session: Session, operation_id: str) -> bool:
    query = sa.select(sa.func.count()).select_from(SeLink).where(SeLink.operation_id == operation_id)
    return bool(session.scalar(query))


@dataclass(frozen=True)
class ActiveLink:
    link: SeLink
    operation: Operation
    operator: str


def active_links(session: Session) -> list[ActiveLink]:
    """Every link, with its operation and operator, oldest first."""
    query = (
        sa.select(SeLink, Operation, Operator.name)
        .join(Operation, Operation.id == SeLink.operation_id)
        .join(Operator, Operator.id == Operation.operator_id)
        .order_by(SeLink.claimed_at)
    )
    return [ActiveLink(link, op, name) for link, op, name in session.execute(query)]
