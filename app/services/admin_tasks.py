"""The admin workspace's task use-cases (issue 10, seed §5.8.6): list tasks with their state and
failures by reason, create the common ones, cancel, retry the failed SEs, over ``/api/v1/admin/tasks``.
Typed values out, so ``ui`` shows them without knowing the wire format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.client import PlatformClient


@dataclass(frozen=True)
class TaskFailure:
    """Failed SEs of one reason: a code, worded (with its next step) by the screen."""

    reason: str
    count: int
    seids: tuple[str, ...]


@dataclass(frozen=True)
class AdminTask:
    id: str
    name: str
    status: str
    run_at: datetime
    kinds: tuple[str, ...]
    counts: dict[str, int]
    retry_of: str | None = None
    failures: tuple[TaskFailure, ...] = field(default_factory=tuple)

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)

    @property
    def waiting(self) -> int:
        """SEs not yet done, failed or cancelled."""
        settled = sum(self.counts.get(state, 0) for state in ("done", "failed", "cancelled"))
        return self.counts.get("total", 0) - settled


def _task(data: dict[str, Any], failures: list[dict[str, Any]] | None = None) -> AdminTask:
    return AdminTask(
        id=data["id"], name=data["name"], status=data["status"], run_at=datetime.fromisoformat(data["run_at"]),
        kinds=tuple(o["kind"] for o in data["operations"]), counts=dict(data["counts"]),
        retry_of=data.get("retry_of"),
        failures=tuple(TaskFailure(f["reason"], f["count"], tuple(f["seids"])) for f in failures or []),
    )


class TaskAdminService:
    """One logged-in administrator's task calls; every method blocks (run it off the GUI thread)."""

    def __init__(self, client: PlatformClient) -> None:
        self.client = client

    def tasks(self) -> list[AdminTask]:
        return [_task(t) for t in self.client.admin_call("GET", "/tasks")["tasks"]]

    def show(self, task_id: str) -> AdminTask:
        return self._detail(self.client.admin_call("GET", f"/tasks/{task_id}"))

    def create(self, name: str, kind: str, seids: list[str], app_id: str | None = None,
               delay_s: float = 0) -> AdminTask:
        """The common case: one operation (with its application) on a list of SEs, now or later."""
        body: dict[str, Any] = {
            "name": name,
            "operations": [{"kind": kind, "params": {"app_id": app_id} if app_id else {}}],
            "target": {"type": "seids", "seids": seids},
        }
        if delay_s > 0:
            body.update(schedule="delayed", delay_s=delay_s)
        return self._detail(self.client.admin_call("POST", "/tasks", body))

    def cancel(self, task_id: str) -> AdminTask:
        return self._detail(self.client.admin_call("POST", f"/tasks/{task_id}/cancel"))

    def retry(self, task_id: str) -> AdminTask:
        """A new task over the failed SEs only."""
        return self._detail(self.client.admin_call("POST", f"/tasks/{task_id}/retry"))

    @staticmethod
    def _detail(data: dict[str, Any]) -> AdminTask:
        return _task(data["task"], data["failures"])
