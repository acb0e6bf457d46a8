"""One link per SE across all platform processes (seed §5.8.8, DESIGN.md §3).

An operation holds its SE through a row in ``se_links`` for as long as it runs; the row lives
in the database, so every replica sees it.  A link is claimed inside the caller's transaction:
the row is read ``FOR UPDATE`` on PostgreSQL (concurrent inserts of the same SEID collide on the
primary key and are re-read), while SQLite transactions already start with the write lock
(``BEGIN IMMEDIATE``, see ``db.py``).  No transaction stays open between HTTP requests: the
link has an expiry that every step renews, so a crashed terminal blocks the SE only until then.
A second operation on a busy SE is refused with ``se_busy`` naming the running operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ota.platform.db import utcnow
from ota.platform.errors import KIND_ZH, ConflictError
from ota.platform.models import Operation, Operator, SeLink
from ota.protocol import OperationState


class SeBusyError(ConflictError):
    def __init__(self, seid: str, running: Operation, operator: str, expires_at: datetime) -> None:
        kind_zh = KIND_ZH.get(running.kind, running.kind)
        super().__init__(
            "se_busy",
            f"该 SE({seid})正在进行另一项操作:{kind_zh}(编号 {running.id},操作员 {operator})。"
            "请等待其完成,或请管理员终止该操作。",
            f"SE {seid} is busy with another operation: {running.kind} (id {running.id}, "
            f"operator {operator}). Wait for it to finish or ask an administrator to abort it.",
            detail={
                "seid": seid,
                "operation_id": running.id,
                "kind": running.kind,
                "operator": operator,
                "expires_at": expires_at.isoformat(),
            },
        )


def _locked_link(session: Session, seid: str) -> SeLink | None:
    query = sa.select(SeLink).where(SeLink.seid == seid).with_for_update()
    return session.scalars(query).first()


def claim(session: Session, seid: str, operation_id: str, ttl: timedelta) -> None:
    """Give ``seid`` to ``operation_id`` or raise :class:`SeBusyError`.

    A stale link (expired) is taken over; the operation that held it is failed with
    ``lease.expired`` so its terminal learns why its next step is refused.
    """
    now = utcnow()
    link = _locked_link(session, seid)
    if link is None:
        try:
            with session.begin_nested():
                session.add(
                    SeLink(seid=seid, operation_id=operation_id, claimed_at=now, expires_at=now + ttl)
                )
            return
        except IntegrityError:
            link = _locked_link(session, seid)  # another process claimed it in between
            if link is None:
                raise
    if link.operation_id == operation_id:
        link.expires_at = now + ttl
        return
    holder = session.get(Operation, link.operation_id)
    if link.expires_at > now and holder is not None:
        operator = session.get(Operator, holder.operator_id)
        raise SeBusyError(seid, holder, operator.name if operator else "?", link.expires_at)
    if holder is not None:
        _expire(session, holder, now, keep=seid)
    link.operation_id, link.claimed_at, link.expires_at = operation_id, now, now + ttl


def _expire(session: Session, operation: Operation, now: datetime, keep: str) -> None:
    if OperationState(operation.state).finished:
        return
    operation.state = OperationState.FAILED
    operation.script = None
    operation.error = {
        "code": "lease.expired",
        "message_zh": "操作长时间无响应,已被新的操作接替",
        "message_en": "the operation was idle too long and another operation took over the SE",
    }
    operation.updated_at = now
    # Links of the same operation to other SEs (migration) go with it; the row of ``keep`` is
    # being handed over, and deleting it too would leave the new holder without a link.
    session.execute(
        sa.delete(SeLink).where(SeLink.operation_id == operation.id, SeLink.seid != keep)
    )


def renew(session: Session, operation_id: str, ttl: timedelta) -> None:
    session.execute(
        sa.update(SeLink)
        .where(SeLink.operation_id == operation_id)
        .values(expires_at=utcnow() + ttl)
    )


def release(session: Session, operation_id: str) -> None:
    session.execute(sa.delete(SeLink).where(SeLink.operation_id == operation_id))


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
