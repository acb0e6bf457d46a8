"""The wallet client's pull (seed §5.8.5.2): the push serial names one SE's task item.

The SMS carries the serial; the phone's wallet client comes back over HTTPS with it and the
card's identity, and the platform runs the item's next operation through the same engine and
flows as the counter (same scripts, same steps, same one link per SE).  The serial is the
only credential the phone has, so it is 16 random bytes, bound to one SE, good only while its
item is unfinished, never logged, and never in a URL (it travels in a header or the body).
Operations run as the platform's own operator ``ota-push`` (admin role, no region), created on
first use with no usable password: nobody can log in as it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit
from ota.platform.auth import Principal
from ota.platform.db import transaction, utcnow
from ota.platform.engine import OperationEngine
from ota.platform.errors import NotFoundError
from ota.platform.leases import SeBusyError
from ota.platform.models import ItemState, Operation, Operator, Task, TaskItem, TaskState, Terminal
from ota.protocol import (
    CardIdentity,
    OperationState,
    OperationView,
    Role,
    StartOperation,
    StepResult,
    TerminalKind,
)
from ota.push import PullRequest, PushWork

log = logging.getLogger(__name__)

SYSTEM_OPERATOR = "ota-push"
SYSTEM_TERMINAL = "ota-push"
BUSY_RETRY = timedelta(seconds=2)
BUSY_REPUSH = timedelta(minutes=1)
"""A phone told to wait pulls again by itself; the worker pushes again only after this."""


def system_principal(sessions: sessionmaker[Session]) -> Principal:
    with transaction(sessions) as session:
        operator = session.scalars(sa.select(Operator).where(Operator.name == SYSTEM_OPERATOR)).first()
        if operator is None:
            # "!" is no scrypt hash: verify_password can never accept a password for it.
            operator = Operator(name=SYSTEM_OPERATOR, password_hash="!", role=Role.ADMIN, region="*")
            session.add(operator)
            session.flush()
        if session.get(Terminal, SYSTEM_TERMINAL) is None:
            session.add(Terminal(id=SYSTEM_TERMINAL, kind=TerminalKind.COUNTER, region="*"))
        return Principal(operator.id, operator.name, Role.ADMIN, "*", SYSTEM_TERMINAL, TerminalKind.COUNTER)


def _unknown() -> NotFoundError:
    # One answer for a wrong serial and a serial of another SE: nothing to learn by guessing.
    return NotFoundError("push.unknown")


def settle(session: Session, item: TaskItem, task: Task, op: Operation) -> None:
    """Take a finished operation's outcome into its item: next step, done, or failed."""
    state = OperationState(op.state)
    if not state.finished:
        return
    now = utcnow()
    item.operations_done = [*item.operations_done, {"kind": op.kind, "operation_id": op.id, "state": op.state}]
    item.operation_id, item.updated_at = None, now
    if state == OperationState.DONE:
        item.step_index += 1
        if item.step_index >= len(task.operations):
            item.state, item.reason = ItemState.DONE, None
        else:
            item.state = ItemState.RUNNING
        return
    item.state = ItemState.FAILED
    error = op.error or {}
    item.reason = str(error.get("code") or state.value)[:64]
    item.reason_detail = {"operation_id": op.id, "kind": op.kind, "params": error.get("params") or {}}


class PushDesk:
    def __init__(self, sessions: sessionmaker[Session], engine: OperationEngine) -> None:
        self._sessions = sessions
        self._engine = engine
        self._principal: Principal | None = None

    @property
    def principal(self) -> Principal:
        if self._principal is None:
            self._principal = system_principal(self._sessions)
        return self._principal

    def _item(self, session: Session, serial: str, lock: bool = False) -> tuple[TaskItem, Task]:
        query = sa.select(TaskItem).where(TaskItem.push_serial == serial.upper())
        item = session.scalars(query.with_for_update() if lock else query).first()
        if item is None:
            raise _unknown()
        task = session.get(Task, item.task_id)
        assert task is not None
        return item, task

    def _work(self, item: TaskItem, task: Task, view: OperationView | None = None, **extra: object) -> PushWork:
        state = {ItemState.DONE: "done", ItemState.FAILED: "failed", ItemState.CANCELLED: "cancelled"}.get(
            ItemState(item.state), "running")
        return PushWork(state=extra.pop("state", state), operation=view, step_index=item.step_index,  # type: ignore[arg-type]
                        steps=len(task.operations), reason=item.reason, seid=item.seid, **extra)  # type: ignore[arg-type]

    def pull(self, request: PullRequest) -> PushWork:
        seid = request.card.seid.upper()
        with transaction(self._sessions) as session:
            try:
                item, _task = self._item(session, request.push_serial)
                if item.seid != seid:
                    raise _unknown()
                item_id = item.id
            except NotFoundError:
                audit.record(session, "push.refused", "wallet", seid=seid, reason="push.unknown")
                item_id = None
        if item_id is None:
            raise _unknown()
        return self._advance(item_id, request.card, self.principal, "push.pull")

    def pending(self, seid: str) -> list[TaskItem]:
        """The SE's unfinished task work, first due first (what a counter shows, §5.8.8)."""
        with self._sessions() as session:
            return list(session.scalars(
                sa.select(TaskItem).join(Task, Task.id == TaskItem.task_id)
                .where(TaskItem.seid == seid.upper(), Task.state == TaskState.ACTIVE,
                       TaskItem.state.in_([ItemState.QUEUED, ItemState.PUSHED, ItemState.RUNNING]))
                .order_by(TaskItem.due_at, TaskItem.id)))

    def run_at_counter(self, who: Principal, card: CardIdentity) -> PushWork:
        """Run the SE's first pending work with the card on the counter's reader, as the clerk
        (whose role, terminal and region the flows check as for any counter service)."""
        pending = self.pending(card.seid)
        if not pending:
            raise NotFoundError("queue.empty")
        return self._advance(pending[0].id, card, who, "queue.counter_run")

    def _advance(self, item_id: int, card: CardIdentity, principal: Principal, event: str) -> PushWork:
        """Settle the item's last operation and start its next one, or say why not."""
        with transaction(self._sessions) as session:
            item = session.scalars(sa.select(TaskItem).where(TaskItem.id == item_id).with_for_update()).one()
            task = session.get(Task, item.task_id)
            assert task is not None
            if ItemState(item.state).finished:
                return self._work(item, task)
            if task.state == TaskState.CANCELLED:
                item.state, item.reason = ItemState.CANCELLED, "task.cancelled"
                return self._work(item, task)
            if item.operation_id:
                op = session.get(Operation, item.operation_id)
                assert op is not None
                if not OperationState(op.state).finished:
                    return self._work(item, task, self._engine.get(self.principal, op.id))
                settle(session, item, task, op)
                if ItemState(item.state).finished:
                    return self._work(item, task)
            step, op_spec = item.step_index, task.operations[item.step_index]
            key = f"task-item-{item.id}-{step}-{len(item.operations_done)}"
            # Pulled: the phone (or a counter) answered, so the worker stops pushing this item.
            item.state, item.updated_at = ItemState.RUNNING, utcnow()
        start = StartOperation(kind=op_spec["kind"], card=card, params=op_spec.get("params", {}),
                               idempotency_key=key)
        try:
            view = self._engine.start(principal, start)
        except SeBusyError:
            # The SE's one link is taken: this work stays in the SE's queue (§5.8.8).
            with transaction(self._sessions) as session:
                item = session.scalars(sa.select(TaskItem).where(TaskItem.id == item_id).with_for_update()).one()
                task = session.get(Task, item.task_id)
                assert task is not None
                item.state, item.due_at = ItemState.PUSHED, utcnow() + BUSY_REPUSH
                return self._work(item, task, state="waiting", retry_after_s=BUSY_RETRY.total_seconds())
        with transaction(self._sessions) as session:
            item = session.scalars(sa.select(TaskItem).where(TaskItem.id == item_id).with_for_update()).one()
            task = session.get(Task, item.task_id)
            assert task is not None
            item.state, item.operation_id, item.updated_at = ItemState.RUNNING, view.id, utcnow()
            audit.record(session, event, principal.operator, seid=item.seid, task=task.id, operation=view.id)
            if view.state.finished:
                op = session.get(Operation, view.id)
                assert op is not None
                settle(session, item, task, op)
            return self._work(item, task, view, state="running")

    def post_step(self, serial: str, n: int, result: StepResult) -> OperationView:
        op_id = self._current_operation(serial)
        view = self._engine.post_step(self.principal, op_id, n, result)
        if view.state.finished:
            self._settle(serial)
        return view

    def cancel(self, serial: str) -> OperationView:
        op_id = self._current_operation(serial)
        view = self._engine.cancel(self.principal, op_id)
        self._settle(serial)
        return view

    def _current_operation(self, serial: str) -> str:
        with self._sessions() as session:
            item, _task = self._item(session, serial)
            if not item.operation_id:
                raise _unknown()
            return item.operation_id

    def _settle(self, serial: str) -> None:
        with transaction(self._sessions) as session:
            item, task = self._item(session, serial, lock=True)
            if item.operation_id:
                op = session.get(Operation, item.operation_id)
                if op is not None:
                    settle(session, item, task, op)
