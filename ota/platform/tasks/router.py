"""HTTP routes: tasks and SE queues for administrators, the pull for wallet clients."""

# No ``from __future__ import annotations``: FastAPI must see ``Admin`` (a local) evaluated.
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query

from ota.platform.engine import OperationEngine
from ota.platform.tasks.pull import PushDesk
from ota.platform.tasks.schemas import CreateTask, QueuedWork, QueueRequest, SeQueue, TaskDetail, TaskList
from ota.platform.tasks.service import TaskService
from ota.protocol import CardIdentity, ErrorBody, OperationView, StepResult
from ota.push import PullRequest, PushWork

_ERRORS: dict[int | str, dict[str, Any]] = {c: {"model": ErrorBody} for c in (401, 403, 404, 409, 422)}
Serial = Annotated[str, Header(alias="X-Push-Serial", pattern=r"^[0-9A-Fa-f]{32}$")]


def build(admin: Any, who: Any, sessions: Any, engine: OperationEngine) -> APIRouter:
    """``admin`` / ``who`` are the API's principal dependencies (``Annotated[Principal, Depends]``)."""
    tasks = TaskService(sessions)
    desk = PushDesk(sessions, engine)
    router = APIRouter(responses=_ERRORS)
    Admin, Who = admin, who

    @router.post("/admin/tasks", response_model=TaskDetail)
    def create_task(body: CreateTask, who: Admin) -> TaskDetail:  # type: ignore[valid-type]
        return tasks.create(who, body)

    @router.get("/admin/tasks", response_model=TaskList)
    def list_tasks(who: Admin, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> TaskList:  # type: ignore[valid-type]
        return TaskList(tasks=tasks.list(limit))

    @router.get("/admin/tasks/{task_id}", response_model=TaskDetail)
    def show_task(task_id: str, who: Admin) -> TaskDetail:  # type: ignore[valid-type]
        return tasks.get(task_id)

    @router.post("/admin/tasks/{task_id}/cancel", response_model=TaskDetail)
    def cancel_task(task_id: str, who: Admin) -> TaskDetail:  # type: ignore[valid-type]
        return tasks.cancel(who, task_id)

    @router.post("/admin/tasks/{task_id}/retry", response_model=TaskDetail)
    def retry_task(task_id: str, who: Admin) -> TaskDetail:  # type: ignore[valid-type]
        return tasks.retry(who, task_id)

    @router.get("/admin/ses/{seid}/queue", response_model=SeQueue)
    def se_queue(seid: str, who: Admin) -> SeQueue:  # type: ignore[valid-type]
        return tasks.se_queue(seid)

    @router.post("/admin/ses/{seid}/queue/abort", response_model=OperationView)
    def abort_running(seid: str, who: Admin) -> OperationView:  # type: ignore[valid-type]
        return engine.abort_link(who, seid)

    @router.post("/queue", response_model=TaskDetail)
    def queue_request(body: QueueRequest, who: Who) -> TaskDetail:  # type: ignore[valid-type]
        return tasks.request(who, body)

    @router.get("/queue/{seid}", response_model=list[QueuedWork])
    def pending_work(seid: str, who: Who) -> list[QueuedWork]:  # type: ignore[valid-type]
        """The SE's pending task work, for the counter to show (§5.8.8)."""
        return tasks.se_queue(seid).queued

    @router.post("/queue/run", response_model=PushWork)
    def run_pending(body: CardIdentity, who: Who) -> PushWork:  # type: ignore[valid-type]
        """Run the SE's first pending work at the counter; steps go to /operations as usual."""
        return desk.run_at_counter(who, body)

    # --- the wallet client (seed §5.8.5.2): the push serial is its credential ---------------------

    @router.post("/push/pull", response_model=PushWork)
    def pull(body: PullRequest) -> PushWork:
        return desk.pull(body)

    @router.post("/push/steps/{n}", response_model=OperationView)
    def push_step(n: int, body: StepResult, serial: Serial) -> OperationView:
        return desk.post_step(serial, n, body)

    @router.post("/push/cancel", response_model=OperationView)
    def push_cancel(serial: Serial) -> OperationView:
        return desk.cancel(serial)

    return router
