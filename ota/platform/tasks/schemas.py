"""The task API's shapes (``/api/v1/admin/tasks``, ``/api/v1/admin/ses/{seid}/queue``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ota.protocol import LinkView, OperationKind, WaitingOperation

MAX_OPERATIONS = 10
MAX_SEIDS = 100_000


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TaskOperation(_Model):
    kind: OperationKind
    params: dict[str, Any] = Field(default_factory=dict)


class TaskTarget(_Model):
    """Which SEs: a list, a SEID range, a batch, or everyone holding an application."""

    type: Literal["seids", "range", "batch", "app"]
    seids: list[str] = Field(default_factory=list, max_length=MAX_SEIDS)
    start: str | None = Field(default=None, pattern=r"^[0-9A-Fa-f]{2,64}$")
    end: str | None = Field(default=None, pattern=r"^[0-9A-Fa-f]{2,64}$")
    batch: str | None = Field(default=None, max_length=64)
    app_id: str | None = Field(default=None, max_length=64)

    @model_validator(mode="after")
    def _complete(self) -> TaskTarget:
        needed = {"seids": bool(self.seids), "range": bool(self.start and self.end),
                  "batch": bool(self.batch), "app": bool(self.app_id)}
        if not needed[self.type]:
            raise ValueError(f"target type {self.type} needs its field(s)")
        return self


class CreateTask(_Model):
    name: str = Field(min_length=1, max_length=128)
    operations: list[TaskOperation] = Field(min_length=1, max_length=MAX_OPERATIONS)
    target: TaskTarget
    schedule: Literal["immediate", "delayed", "timed"] = "immediate"
    delay_s: float = Field(default=0, ge=0, le=366 * 86400)
    run_at: datetime | None = None

    @model_validator(mode="after")
    def _when(self) -> CreateTask:
        if self.schedule == "timed" and (self.run_at is None or self.run_at.tzinfo is None):
            raise ValueError("a timed task needs run_at with a time zone")
        return self


class QueueRequest(_Model):
    """An app manager asks for work on one SE, delivered by PUSH when the SE is free (§5.8.8)."""

    seid: str = Field(pattern=r"^[0-9A-Fa-f]{2,64}$")
    operations: list[TaskOperation] = Field(min_length=1, max_length=MAX_OPERATIONS)
    replace: bool = False
    """True when the user chose to cancel the earlier request that still waits."""


class FailureGroup(_Model):
    """Failed SEs of one reason, with what to do about it (§5.8.6: 统计失败原因并分析解决方案)."""

    reason: str
    """A stable code: the words and the next step are the terminal's (resources/i18n, ``Errors``)."""
    count: int
    seids: list[str]


class ItemView(_Model):
    seid: str
    state: str
    pushes: int
    step_index: int
    steps: int
    operation_id: str | None
    reason: str | None
    updated_at: datetime


class TaskView(_Model):
    id: str
    name: str
    state: str
    status: Literal["scheduled", "running", "finished", "cancelled"]
    schedule: str
    run_at: datetime
    operations: list[TaskOperation]
    target: TaskTarget
    counts: dict[str, int]
    created_by: str
    retry_of: str | None
    created_at: datetime


class TaskDetail(_Model):
    task: TaskView
    items: list[ItemView]
    failures: list[FailureGroup]


class TaskList(_Model):
    tasks: list[TaskView]


class QueuedWork(_Model):
    task_id: str
    task_name: str
    state: str
    kinds: list[OperationKind]
    due_at: datetime


class SeQueue(_Model):
    """An SE's running link and the work waiting for it (§5.8.8)."""

    seid: str
    running: LinkView | None
    queued: list[QueuedWork]
    operations: list[WaitingOperation] = Field(default_factory=list)
    """Counter operations waiting for the link (``se_queue.py``), first in line first."""
