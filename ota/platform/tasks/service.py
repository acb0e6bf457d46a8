"""Create, list, show, cancel and retry tasks (seed §5.8.6).

A task's targets are resolved when it is created: one :class:`TaskItem` per SE, due at the
task's time.  From then on each item is that SE's queued work (§5.8.8) until the worker pushes
it and the phone's wallet client pulls it.  Results stay with the items; failures are grouped by
reason with the SEs affected, and a retry makes a new task over the failed SEs only.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit, leases, se_queue
from ota.platform.auth import Principal
from ota.platform.db import transaction, utcnow
from ota.platform.errors import ConflictError, PlatformError, not_found
from ota.platform.models import (
    Application,
    ItemState,
    SeAppState,
    SeBatch,
    SecureElement,
    Task,
    TaskItem,
    TaskState,
)
from ota.platform.tasks.schemas import (
    CreateTask,
    FailureGroup,
    ItemView,
    QueuedWork,
    QueueRequest,
    SeQueue,
    TaskDetail,
    TaskOperation,
    TaskTarget,
    TaskView,
)
from ota.protocol import LinkView, OperationKind

_HOLDING = ("Instantiated", "Personalized", "Usable", "Locked")
"""Application states in which an SE "holds" the application (§5.8.7.2)."""


class TaskError(PlatformError):
    status = 422


def resolve_targets(session: Session, target: TaskTarget) -> list[str]:
    """The SEIDs a target names, sorted; unknown SEIDs in a list are an error."""
    if target.type == "seids":
        wanted = sorted({s.upper() for s in target.seids})
        known = set(session.scalars(sa.select(SecureElement.seid).where(SecureElement.seid.in_(wanted))))
        missing = [s for s in wanted if s not in known]
        if missing:
            raise TaskError(
                "task.unknown_se",
                detail={"missing": missing[:100]},
                params={"seids": ', '.join(missing[:5])},
            )
        return wanted
    if target.type == "range":
        start, end = (target.start or "").upper(), (target.end or "").upper()
        query = sa.select(SecureElement.seid).where(
            sa.func.length(SecureElement.seid) == len(start), SecureElement.seid >= start, SecureElement.seid <= end
        )
    elif target.type == "batch":
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == target.batch)).first()
        if batch is None:
            raise not_found("SE batch", str(target.batch))
        query = sa.select(SecureElement.seid).where(SecureElement.batch_id == batch.id)
    else:
        app = session.scalars(sa.select(Application).where(Application.name == target.app_id)).first()
        if app is None:
            raise not_found("application", str(target.app_id))
        query = sa.select(SeAppState.seid).where(
            SeAppState.application_id == app.id, SeAppState.state.in_(_HOLDING)
        )
    return sorted(set(session.scalars(query)))


def _check_operations(operations: list[TaskOperation]) -> None:
    for op in operations:
        if op.kind in (OperationKind.MIGRATE, OperationKind.CHANGE_NUMBER):
            raise TaskError("task.kind_not_remote", detail={"kind": op.kind})


def new_task(
    session: Session, actor: str, name: str, operations: list[dict[str, Any]], seids: list[str], run_at: datetime,
    target: TaskTarget | None = None, schedule: str = "immediate", retry_of: str | None = None,
) -> Task:
    """A task row and one queued item per SE, audited; the platform's own scans create theirs here too."""
    now = utcnow()
    target = target or TaskTarget(type="seids", seids=seids)
    task = Task(
        id=str(uuid.uuid4()), name=name, operations=operations, target=target.model_dump(mode="json"),
        schedule=schedule, run_at=run_at, state=TaskState.ACTIVE, created_by=actor, retry_of=retry_of,
        created_at=now,
    )
    session.add(task)
    session.flush()
    session.add_all(
        TaskItem(task_id=task.id, seid=s, state=ItemState.QUEUED, due_at=run_at, operations_done=[], updated_at=now)
        for s in seids
    )
    session.flush()
    audit.record(session, "task.create", actor, task=task.id, ses=len(seids),
                 kinds=[o["kind"] for o in operations], run_at=run_at.isoformat(), retry_of=retry_of)
    return task


class TaskService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create(self, who: Principal, request: CreateTask, retry_of: str | None = None) -> TaskDetail:
        _check_operations(request.operations)
        now = utcnow()
        if request.schedule == "timed":
            assert request.run_at is not None
            run_at = request.run_at
        else:
            run_at = now + timedelta(seconds=request.delay_s if request.schedule == "delayed" else 0)
        with transaction(self._sessions) as session:
            seids = resolve_targets(session, request.target)
            if not seids:
                raise TaskError("task.no_targets")
            task = new_task(session, who.operator, request.name,
                            [o.model_dump(mode="json") for o in request.operations], seids, run_at,
                            target=request.target, schedule=request.schedule, retry_of=retry_of)
            return self._detail(session, task)

    def request(self, who: Principal, request: QueueRequest) -> TaskDetail:
        """Queue an app manager's request for one SE (§5.8.8).

        While an earlier request of the same app manager for that SE still waits, the answer is
        ``409 queue.pending`` naming it, so the app manager can ask the user whether to cancel it;
        with ``replace`` the earlier one is cancelled and only the new one stays.
        """
        seid = request.seid.upper()
        requester = who.terminal_id
        with transaction(self._sessions) as session:
            waiting = session.execute(
                sa.select(TaskItem, Task).join(Task, Task.id == TaskItem.task_id)
                .where(Task.requester == requester, TaskItem.seid == seid,
                       TaskItem.state.in_([ItemState.QUEUED, ItemState.PUSHED]))
            ).all()
            if waiting and not request.replace:
                item, task = waiting[0]
                raise ConflictError(
                    "queue.pending",
                    detail={"task_id": task.id, "kinds": [o["kind"] for o in task.operations]},
                )
            for item, task in waiting:
                item.state, item.reason, item.updated_at = ItemState.CANCELLED, "queue.replaced", utcnow()
                task.state = TaskState.CANCELLED
                audit.record(session, "queue.replace", who.operator, task=task.id, seid=seid)
        create = CreateTask(name=f"request {requester}"[:128], operations=request.operations,
                            target=TaskTarget(type="seids", seids=[seid]))
        detail = self.create(who, create)
        with transaction(self._sessions) as session:
            task = self._task(session, detail.task.id, lock=True)
            task.requester = requester
        return detail

    def list(self, limit: int = 100) -> list[TaskView]:
        with self._sessions() as session:
            tasks = session.scalars(sa.select(Task).order_by(Task.created_at.desc()).limit(limit))
            return [self._view(session, t) for t in tasks]

    def get(self, task_id: str) -> TaskDetail:
        with self._sessions() as session:
            return self._detail(session, self._task(session, task_id))

    def cancel(self, who: Principal, task_id: str) -> TaskDetail:
        """Stop what has not started; an operation already on a card runs to its end."""
        with transaction(self._sessions) as session:
            task = self._task(session, task_id, lock=True)
            if task.state == TaskState.CANCELLED:
                return self._detail(session, task)
            task.state = TaskState.CANCELLED
            session.execute(
                sa.update(TaskItem)
                .where(TaskItem.task_id == task.id, TaskItem.state.in_([ItemState.QUEUED, ItemState.PUSHED]))
                .values(state=ItemState.CANCELLED, reason="task.cancelled", updated_at=utcnow())
            )
            audit.record(session, "task.cancel", who.operator, task=task.id)
            return self._detail(session, task)

    def retry(self, who: Principal, task_id: str) -> TaskDetail:
        """A new immediate task with the same operations over this task's failed SEs only."""
        with self._sessions() as session:
            task = self._task(session, task_id)
            failed = sorted(session.scalars(
                sa.select(TaskItem.seid).where(TaskItem.task_id == task.id, TaskItem.state == ItemState.FAILED)
            ))
            operations = [TaskOperation.model_validate(o) for o in task.operations]
            name = task.name
        if not failed:
            raise ConflictError("task.nothing_to_retry")
        request = CreateTask(name=f"{name} (retry)"[:128], operations=operations,
                             target=TaskTarget(type="seids", seids=failed), schedule="immediate")
        return self.create(who, request, retry_of=task_id)

    def se_queue(self, seid: str) -> SeQueue:
        """The SE's running operation (its link) and its waiting task work (§5.8.8)."""
        seid = seid.upper()
        with self._sessions() as session:
            running = next((a for a in leases.active_links(session) if a.link.seid == seid), None)
            rows = session.execute(
                sa.select(TaskItem, Task).join(Task, Task.id == TaskItem.task_id)
                .where(TaskItem.seid == seid, TaskItem.state.in_(
                    [ItemState.QUEUED, ItemState.PUSHED, ItemState.RUNNING]))
                .order_by(TaskItem.due_at, TaskItem.id)
            ).all()
            return SeQueue(
                seid=seid,
                running=LinkView(seid=running.link.seid, operation_id=running.operation.id,
                                 kind=OperationKind(running.operation.kind), operator=running.operator,
                                 claimed_at=running.link.claimed_at, expires_at=running.link.expires_at)
                if running else None,
                queued=[QueuedWork(task_id=t.id, task_name=t.name, state=i.state,
                                   kinds=[OperationKind(o["kind"]) for o in t.operations][i.step_index:],
                                   due_at=i.due_at) for i, t in rows],
                operations=se_queue.waiting_operations(session, seid),
            )

    # --- views -------------------------------------------------------------------------------------

    @staticmethod
    def _task(session: Session, task_id: str, lock: bool = False) -> Task:
        query = sa.select(Task).where(Task.id == task_id)
        task = session.scalars(query.with_for_update() if lock else query).first()
        if task is None:
            raise not_found("task", task_id)
        return task

    @staticmethod
    def _view(session: Session, task: Task) -> TaskView:
        counts = Counter(dict(session.execute(
            sa.select(TaskItem.state, sa.func.count()).where(TaskItem.task_id == task.id).group_by(TaskItem.state)
        ).tuples().all()))
        total = sum(counts.values())
        finished = sum(counts[s] for s in (ItemState.DONE, ItemState.FAILED, ItemState.CANCELLED))
        status: Literal["scheduled", "running", "finished", "cancelled"]
        if task.state == TaskState.CANCELLED:
            status = "cancelled"
        elif finished == total:
            status = "finished"
        elif task.run_at > utcnow():
            status = "scheduled"
        else:
            status = "running"
        return TaskView(
            id=task.id, name=task.name, state=task.state, status=status, schedule=task.schedule,
            run_at=task.run_at, operations=[TaskOperation.model_validate(o) for o in task.operations],
            target=TaskTarget.model_validate(task.target), counts={"total": total, **counts},
            created_by=task.created_by, retry_of=task.retry_of, created_at=task.created_at,
        )

    def _detail(self, session: Session, task: Task) -> TaskDetail:
        items = list(session.scalars(sa.select(TaskItem).where(TaskItem.task_id == task.id).order_by(TaskItem.seid)))
        by_reason: dict[str, list[str]] = defaultdict(list)
        for item in items:
            if item.state == ItemState.FAILED:
                by_reason[item.reason or "unknown"].append(item.seid)
        failures = []
        for reason, seids in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            failures.append(FailureGroup(reason=reason, count=len(seids), seids=seids))
        steps = len(task.operations)
        return TaskDetail(
            task=self._view(session, task),
            items=[ItemView(seid=i.seid, state=i.state, pushes=i.pushes, step_index=i.step_index, steps=steps,
                            operation_id=i.operation_id, reason=i.reason, updated_at=i.updated_at) for i in items],
            failures=failures,
        )
