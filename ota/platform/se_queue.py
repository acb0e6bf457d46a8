"""The per-SE queue of counter operations (seed §5.8.8, issue 10 round 3).

One link per SE stays (``leases.py``).  A start that asks to wait (``wait_in_queue``) and finds
the SE busy is stored as a ``queued`` operation instead of being refused; the queue *is* the
set of queued operations of that SE, oldest first, so every platform process sees the same
order without a table of its own.  The terminal long-polls ``POST /operations/{id}/wait``: each
poll proves the terminal is still there (``updated_at``) and lets the head of the queue take the
link once it is free.  A queued operation whose terminal stopped polling for a lease's time is
dropped (``queue.expired``) so a vanished terminal cannot block the SE; it never held the link,
so no card state is in doubt.

Why long-poll and not a held start request: the start stays one short transaction (no
connection or lock kept open while another terminal works), a terminal that loses its network
simply polls again, and the platform keeps no per-request state between polls.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform.errors import ConflictError
from ota.platform.models import Operation, Operator, SeLink
from ota.protocol import OperationKind, OperationState, QueuePlace, WaitingOperation

POLL_SECONDS = 0.5
"""How often a long-poll looks at the link again."""
MAX_WAIT_SECONDS = 30.0
"""The longest one long-poll request is held."""

_ORDER = (Operation.created_at, Operation.id)
# Every start reads the SE's queue: built once with a bound parameter (issue 15 item 1).
_WAITING = (
    sa.select(Operation)
    .where(Operation.seid == sa.bindparam("seid"), Operation.state == OperationState.QUEUED)
    .order_by(*_ORDER)
)


class PreviousWaitingError(ConflictError):
    """This terminal (and operator) already has a request waiting in a queue: the UI or CLI
    asks whether to cancel it, and starts again with ``cancel_previous``.  No SEID or id in the
    words (a kiosk shows them); the id is in ``detail`` for the terminal's own use."""

    def __init__(self, previous: Operation, position: int) -> None:
        super().__init__(
            "queue.previous_waiting",
            detail={"previous": previous.id, "kind": previous.kind, "position": position},
            params={"kind": previous.kind, "position": position},
        )


def waiting(session: Session, seid: str) -> list[Operation]:
    """The SE's queue, first in line first."""
    return list(session.execute(_WAITING, {"seid": seid}).scalars())


def place(session: Session, op: Operation) -> QueuePlace:
    line = [queued.id for queued in waiting(session, op.seid)]
    position = line.index(op.id) + 1 if op.id in line else len(line) + 1
    held = session.scalar(sa.select(sa.func.count()).select_from(SeLink).where(SeLink.seid == op.seid))
    return QueuePlace(position=position, ahead=position - 1 + (1 if held else 0))


def previous_waiting(session: Session, terminal_id: str, operator_id: int) -> Operation | None:
    """The request this terminal and operator already have waiting in any SE's queue."""
    query = sa.select(Operation).where(
        Operation.terminal_id == terminal_id,
        Operation.operator_id == operator_id,
        Operation.state == OperationState.QUEUED,
    ).order_by(*_ORDER).with_for_update()
    return session.scalars(query).first()


def stale(session: Session, seid: str, ttl: timedelta, now: datetime) -> list[Operation]:
    """Queued operations of ``seid`` whose terminal has not polled for ``ttl``, locked; rows
    another transaction holds are skipped (they are being polled right now)."""
    query = sa.select(Operation).where(
        Operation.seid == seid,
        Operation.state == OperationState.QUEUED,
        Operation.updated_at < now - ttl,
    ).with_for_update(skip_locked=True)
    return list(session.scalars(query.execution_options(populate_existing=True)))


def waiting_operations(session: Session, seid: str) -> list[WaitingOperation]:
    """The SE's queued counter operations, for the administrators' queue view."""
    names = dict(session.execute(sa.select(Operator.id, Operator.name)).tuples().all())
    return [
        WaitingOperation(
            operation_id=op.id,
            kind=OperationKind(op.kind),
            operator=names.get(op.operator_id, "?"),
            terminal_id=op.terminal_id,
            position=n,
            queued_at=op.created_at,
            last_seen=op.updated_at,
        )
        for n, op in enumerate(waiting(session, seid), start=1)
    ]
