"""Statistics (seed §5.2.2.2 "用户数与业务量", §5.8.6 failure reasons): registered SEs and
subscribers, operations per kind / application / region / day, failures by reason code, and
recorded free space per SE batch.

Counted by the database (GROUP BY, one statement per figure, each restricted to the period
through the index on ``operations.created_at``): at ten million subscribers the period holds
millions of operations, and only the few grouped rows come back to Python (seed §6.2).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

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
from ota.platform.sqlfuncs import json_text, json_value, utc_day


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


def _app_label(ref: Any, names: dict[int, str]) -> str:
    """An application's name for an id (what a finished operation records), else the reference as asked."""
    return names.get(int(ref), str(ref)) if str(ref).isdigit() else str(ref)


def compute(session: Session, since: datetime | None = None, until: datetime | None = None) -> Stats:
    period = []
    if since:
        period.append(Operation.created_at >= since)
    if until:
        period.append(Operation.created_at < until)

    def grouped(*keys: Any, where: Any = (), join_operator: bool = False) -> list[tuple[Any, ...]]:
        """Rows of ``keys..., count`` for the period; grouped by position, as a JSON key's
        bound parameter makes the select and the GROUP BY expressions differ for PostgreSQL."""
        query = sa.select(*keys, sa.func.count()).select_from(Operation).where(*period, *where) \
            .group_by(*(sa.literal_column(str(i + 1)) for i in range(len(keys))))
        if join_operator:
            query = query.join(Operator, Operator.id == Operation.operator_id)
        return [(*row[:-1], int(row[-1])) for row in session.execute(query)]

    kinds: Counter[str] = Counter()
    states: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    for kind, state, region, n in grouped(Operation.kind, Operation.state, Operator.region, join_operator=True):
        kinds[kind] += n  # one pass over the period for three figures: a few dozen groups come back
        states[state] += n
        regions[region] += n
    days = grouped(utc_day(Operation.created_at))
    names = dict(session.execute(sa.select(Application.id, Application.name)).tuples().all())
    apps: Counter[str] = Counter()
    for done_ref, asked_ref, n in grouped(json_text(Operation.result, "app_id"), json_text(Operation.params, "app_id")):
        ref = json_value(done_ref) or json_value(asked_ref)  # an id once done, else as asked
        if ref:
            apps[_app_label(ref, names)] += n
    failures: Counter[str] = Counter()
    for code, n in grouped(json_text(Operation.error, "code"), where=[Operation.state == "failed"]):
        failures[json_value(code) or "unknown"] += n
    return Stats(
        since=since, until=until,
        registered_ses=_count(session, SecureElement), bound_ses=_count(session, MsisdnBinding),
        subscribers=_count(session, Subscriber), operations=sum(kinds.values()),
        by_kind=dict(sorted(kinds.items())), by_app=dict(sorted(apps.items())),
        by_region=dict(sorted(regions.items())), by_day=dict(sorted(days)), by_state=dict(sorted(states.items())),
        failures_by_reason=dict(sorted(failures.items(), key=lambda item: (-item[1], item[0]))),
        space_by_batch=_space(session),
    )


def _space(session: Session) -> list[BatchSpace]:
    """Each batch's SEs and recorded free space, summed per batch id first (from the index
    ``ix_secure_elements_batch_free`` alone) and named after; a batch without SEs shows zero."""
    free = SecureElement.recorded_free_space
    per_batch = sa.select(SecureElement.batch_id, sa.func.count().label("ses"), sa.func.sum(free).label("total"),
                          sa.func.min(free).label("low"), sa.func.avg(free).label("mean")) \
        .group_by(SecureElement.batch_id).subquery()
    rows = session.execute(
        sa.select(SeBatch.name, per_batch.c.ses, per_batch.c.total, per_batch.c.low, per_batch.c.mean)
        .outerjoin(per_batch, per_batch.c.batch_id == SeBatch.id).order_by(SeBatch.name)
    ).all()
    return [
        BatchSpace(batch=name, ses=int(n or 0), free_total=int(total or 0), free_min=None if low is None else int(low),
                   free_avg=None if avg is None else int(avg))
        for name, n, total, low, avg in rows
    ]
