"""Statistics (seed §5.2.2.2 "用户数与业务量", §5.8.6 failure reasons): registered SEs and
subscribers, operations per kind / application / region / day, failures by reason code, and
recorded free space per SE batch.  Counted in Python over one period's operations: an
administrator's figure, not a hot path.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.orm import Session

from ota.platform.models import (
    Application,
    MsisdnBinding,
    Operation,
    Operator,
    SeBatch,
    SecureElement,
    Subscriber,
)


class BatchSpace(BaseModel):
    batch: str
    ses: int
    free_total: int
    free_min: int | None
    free_avg: int | None


class Stats(BaseModel):
    since: datetime | None
    until: datetime | None
    registered_ses: int
    bound_ses: int
    subscribers: int
    operations: int
    by_kind: dict[str, int]
    by_app: dict[str, int]
    by_region: dict[str, int]
    by_day: dict[str, int]
    by_state: dict[str, int]
    failures_by_reason: dict[str, int]
    space_by_batch: list[BatchSpace]


def _count(session: Session, model: type) -> int:
    return int(session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def compute(session: Session, since: datetime | None = None, until: datetime | None = None) -> Stats:
    query = sa.select(Operation.kind, Operation.state, Operation.created_at, Operation.params, Operation.result,
                      Operation.error, Operator.region).join(Operator, Operator.id == Operation.operator_id)
    if since:
        query = query.where(Operation.created_at >= since)
    if until:
        query = query.where(Operation.created_at < until)
    names = dict(session.execute(sa.select(Application.id, Application.name)).tuples().all())
    kinds: Counter[str] = Counter()
    apps: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    days: Counter[str] = Counter()
    states: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    total = 0
    for kind, state, created, params, result, error, region in session.execute(query):
        total += 1
        kinds[kind] += 1
        states[state] += 1
        regions[region] += 1
        days[created.date().isoformat()] += 1
        ref = (result or {}).get("app_id") or (params or {}).get("app_id")  # an id once done, else as asked
        if ref:
            apps[names.get(int(ref), str(ref)) if str(ref).isdigit() else str(ref)] += 1
        if state == "failed":
            code = (error or {}).get("code", "unknown")
            failures[code] += 1
    return Stats(
        since=since, until=until,
        registered_ses=_count(session, SecureElement), bound_ses=_count(session, MsisdnBinding),
        subscribers=_count(session, Subscriber), operations=total,
        by_kind=dict(sorted(kinds.items())), by_app=dict(sorted(apps.items())),
        by_region=dict(sorted(regions.items())), by_day=dict(sorted(days.items())),
        by_state=dict(sorted(states.items())), failures_by_reason=dict(failures.most_common()),
        space_by_batch=_space(session),
    )


def _space(session: Session) -> list[BatchSpace]:
    rows = session.execute(
        sa.select(SeBatch.name, sa.func.count(SecureElement.seid), sa.func.sum(SecureElement.recorded_free_space),
                  sa.func.min(SecureElement.recorded_free_space), sa.func.avg(SecureElement.recorded_free_space))
        .outerjoin(SecureElement, SecureElement.batch_id == SeBatch.id)
        .group_by(SeBatch.name).order_by(SeBatch.name)
    ).all()
    return [
        BatchSpace(batch=name, ses=int(n), free_total=int(total or 0), free_min=None if low is None else int(low),
                   free_avg=None if avg is None else int(avg))
        for name, n, total, low, avg in rows
    ]
