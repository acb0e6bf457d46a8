"""The SD key-update period acts (seed §5.3.1 "密钥更新周期", §5.8.3.2).

Each SE's supplementary SD records when it last got its keys (``se_sd_keys``, written by the
``sd_create`` flow, which is also the SD key update: on an SE that already has the SD it opens
the SD's channel and PUTs the newest key version).  An SD whose ``key_update_days`` ran out on an
SE is *due* there.  What can be done about it depends on who owns the keys:

* ``schedule``: a Mobile-owned SD whose key set in the key service has a newer version than the
  SE's: a platform task of one ``sd_create`` operation per SE, delivered at the SE's next contact
  or by PUSH like any task (``tasks/service.py``);
* ``import_keys``: a Mobile-owned SD whose newest key version is already on the SE: an operator
  imports a new version first (``hallterm platform keys import``), nothing is scheduled;
* ``provider``: a third-party SD: its keys are its provider's, the platform cannot open it;
* ``scheduled``: a task already waits for it.

:func:`schedule_due` claims due rows ``FOR UPDATE SKIP LOCKED`` (several workers may scan at
once) and audits what it scheduled and what it could not (``sd.key_update_scheduled`` /
``sd.key_update_blocked``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit
from ota.platform.db import transaction, utcnow
from ota.platform.keystore import KeyStore
from ota.platform.models import ItemState, SecurityDomain, SeSdKeys, Task, TaskItem, TaskState
from ota.protocol import OperationKind

Action = Literal["schedule", "import_keys", "provider", "scheduled"]
SYSTEM_ACTOR = "sd-key-period"


class DueKeyUpdate(BaseModel):
    model_config = ConfigDict(frozen=True)

    seid: str
    sd_aid: str
    sd_name: str
    kvn: int
    keys_set_at: datetime
    due_at: datetime
    newest_kvn: int | None
    action: Action
    task_id: str | None = None


class DueList(BaseModel):
    due: list[DueKeyUpdate]


class ScheduleReport(BaseModel):
    tasks: list[str]
    scheduled: int
    blocked: dict[str, int]
    """SEs left due, by action (``import_keys`` / ``provider``)."""


def keys_set(session: Session, seid: str, sd_aid: str, kvn: int) -> None:
    """The SD on ``seid`` now has key version ``kvn``: its period starts again."""
    row = session.get(SeSdKeys, (seid, sd_aid))
    if row is None:
        session.add(SeSdKeys(seid=seid, sd_aid=sd_aid, kvn=kvn, keys_set_at=utcnow()))
    elif row.kvn != kvn:
        row.kvn, row.keys_set_at, row.update_task_id = kvn, utcnow(), None


def sd_gone(session: Session, seid: str, sd_aid: str) -> None:
    session.execute(sa.delete(SeSdKeys).where(SeSdKeys.seid == seid, SeSdKeys.sd_aid == sd_aid))


def _open_task(session: Session, row: SeSdKeys) -> bool:
    if row.update_task_id is None:
        return False
    state = session.scalar(
        sa.select(TaskItem.state).join(Task, Task.id == TaskItem.task_id)
        .where(TaskItem.task_id == row.update_task_id, TaskItem.seid == row.seid, Task.state == TaskState.ACTIVE)
    )
    return state is not None and not ItemState(state).finished


def _action(session: Session, keystore: KeyStore, sd: SecurityDomain, row: SeSdKeys) -> tuple[Action, int | None]:
    if sd.owner != "mobile":
        return "provider", (sd.provider_keys or {}).get("kvn")
    versions = keystore.key_versions(sd.key_set_ref or "", session=session) if sd.key_set_ref else []
    newest = max(versions) if versions else None
    if _open_task(session, row):
        return "scheduled", newest
    return ("schedule" if newest is not None and newest != row.kvn else "import_keys"), newest


def _due_rows(session: Session, now: datetime, lock: bool = False) -> list[tuple[SecurityDomain, SeSdKeys]]:
    found = []
    for sd in session.scalars(
        sa.select(SecurityDomain).where(SecurityDomain.key_update_days.is_not(None)).order_by(SecurityDomain.aid)
    ):
        query = sa.select(SeSdKeys).where(
            SeSdKeys.sd_aid == sd.aid, SeSdKeys.keys_set_at <= now - timedelta(days=sd.key_update_days or 0)
        ).order_by(SeSdKeys.keys_set_at, SeSdKeys.seid)
        if lock:
            query = query.with_for_update(skip_locked=True)
        found += [(sd, row) for row in session.scalars(query)]
    return found


def due(session: Session, keystore: KeyStore, now: datetime | None = None) -> DueList:
    """Every SE whose SD keys are older than the SD's key-update period, with what can be done."""
    now = now or utcnow()
    listed = []
    for sd, row in _due_rows(session, now):
        action, newest = _action(session, keystore, sd, row)
        listed.append(DueKeyUpdate(
            seid=row.seid, sd_aid=sd.aid, sd_name=sd.name, kvn=row.kvn, keys_set_at=row.keys_set_at,
            due_at=row.keys_set_at + timedelta(days=sd.key_update_days or 0), newest_kvn=newest,
            action=action, task_id=row.update_task_id if action == "scheduled" else None,
        ))
    return DueList(due=listed)


def schedule_due(session: Session, keystore: KeyStore, actor: str = SYSTEM_ACTOR,
                 now: datetime | None = None) -> ScheduleReport:
    """One immediate task per SD over its SEs that are due and can be updated (see the module)."""
    from ota.platform.tasks.service import new_task  # the task framework sits above this module

    now = now or utcnow()
    ready: dict[str, list[SeSdKeys]] = defaultdict(list)
    blocked: dict[Action, list[tuple[str, str]]] = defaultdict(list)
    for sd, row in _due_rows(session, now, lock=True):
        action, _ = _action(session, keystore, sd, row)
        if action == "schedule":
            ready[sd.aid].append(row)
        elif action != "scheduled":
            blocked[action].append((sd.aid, row.seid))
    tasks = []
    for aid, rows in ready.items():
        task = new_task(
            session, actor, f"SD key update {aid}",
            [{"kind": OperationKind.SD_CREATE.value, "params": {"sd_aid": aid}}],
            [r.seid for r in rows], now,
        )
        for row in rows:
            row.update_task_id = task.id
        tasks.append(task.id)
        audit.record(session, "sd.key_update_scheduled", actor, sd=aid, task=task.id, ses=len(rows))
    for reason, pairs in blocked.items():
        for aid in sorted({a for a, _ in pairs}):
            audit.record(session, "sd.key_update_blocked", actor, sd=aid, reason=reason,
                         ses=sum(1 for a, _ in pairs if a == aid))
    return ScheduleReport(tasks=tasks, scheduled=sum(len(r) for r in ready.values()),
                          blocked={a: len(p) for a, p in blocked.items()})


class KeyPeriodScan:
    """:func:`schedule_due` at most once per ``every``, from the task worker's tick."""

    def __init__(self, sessions: sessionmaker[Session], keystore: KeyStore, every: timedelta = timedelta(hours=1)
                 ) -> None:
        self._sessions, self._keystore, self._every = sessions, keystore, every
        self._next = utcnow()

    def __call__(self) -> ScheduleReport | None:
        if utcnow() < self._next:
            return None
        self._next = utcnow() + self._every
        with transaction(self._sessions) as session:
            return schedule_due(session, self._keystore)
