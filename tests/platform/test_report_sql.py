"""The statistics and the bills counted by the database (issue r5reports) give exactly what the
former row-by-row Python counting gave, on a varied data set, on SQLite and PostgreSQL.

The former computations live on here only, as the reference."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ota.platform import auth
from ota.platform.admin import stats
from ota.platform.billing import service as billing
from ota.platform.db import session_factory, transaction, upgrade
from ota.platform.models import Application, Operation, Operator, Provider, SeAppState, SeBatch, SecureElement
from ota.protocol import Role, TerminalKind

DAY = date(2026, 11, 30)
MIDNIGHT = datetime(DAY.year, DAY.month, DAY.day, tzinfo=UTC)


def _reference_stats(session: Session, since: datetime | None, until: datetime | None) -> dict[str, Any]:
    """The former ``stats.compute``: every operation of the period loaded and counted in Python."""
    query = sa.select(Operation.kind, Operation.state, Operation.created_at, Operation.params, Operation.result,
                      Operation.error, Operator.region).join(Operator, Operator.id == Operation.operator_id)
    if since:
        query = query.where(Operation.created_at >= since)
    if until:
        query = query.where(Operation.created_at < until)
    names = dict(session.execute(sa.select(Application.id, Application.name)).tuples().all())
    kinds, apps, regions, days, states, failures = (Counter[str]() for _ in range(6))
    total = 0
    for kind, state, created, params, result, error, region in session.execute(query):
        total += 1
        kinds[kind] += 1
        states[state] += 1
        regions[region] += 1
        days[created.date().isoformat()] += 1
        ref = (result or {}).get("app_id") or (params or {}).get("app_id")
        if ref:
            apps[names.get(int(ref), str(ref)) if str(ref).isdigit() else str(ref)] += 1
        if state == "failed":
            failures[(error or {}).get("code", "unknown")] += 1
    return {"operations": total, "by_kind": dict(kinds), "by_app": dict(apps), "by_region": dict(regions),
            "by_day": dict(days), "by_state": dict(states), "failures_by_reason": dict(failures)}


def _reference_space(session: Session) -> list[dict[str, Any]]:
    """The former free space per batch: every SE joined to its batch, grouped by the batch's name."""
    free = SecureElement.recorded_free_space
    rows = session.execute(
        sa.select(SeBatch.name, sa.func.count(SecureElement.seid), sa.func.sum(free), sa.func.min(free),
                  sa.func.avg(free))
        .outerjoin(SecureElement, SecureElement.batch_id == SeBatch.id).group_by(SeBatch.name).order_by(SeBatch.name))
    return [{"batch": name, "ses": int(n), "free_total": int(total or 0), "free_min": None if low is None else int(low),
             "free_avg": None if avg is None else int(avg)} for name, n, total, low, avg in rows]


def _reference_used(session: Session, names: set[str], start: datetime, end: datetime) -> Counter[str]:
    """The former function-charge count of ``billing._lines``: every finished operation loaded."""
    used: Counter[str] = Counter()
    for op in session.scalars(sa.select(Operation).where(
            Operation.state == "done", Operation.updated_at >= start, Operation.updated_at < end)):
        if str(op.params.get("app_id")) in names:
            used[op.kind] += 1
    return used


def _seed(db: Engine) -> dict[str, int]:
    """Operations of every shape the platform writes: an app asked for by name, by id (number
    or digits), not at all; a result naming the app's id; failures with and without a code;
    times on both sides of midnight UTC over several days."""
    upgrade(db)
    rng = random.Random(20261202)
    sessions = session_factory(db)
    with transaction(sessions) as session:
        north = auth.add_operator(session, "n", "pw-n-12345", Role.CLERK, "GD-GZ")
        south = auth.add_operator(session, "s", "pw-s-12345", Role.CLERK, "HN-HK")
        auth.add_terminal(session, "t1", TerminalKind.COUNTER, "GD-GZ")
        acme, other = Provider(name="ACME"), Provider(name="Other")
        session.add_all([acme, other])
        session.flush()
        apps = [Application(name=name, version="1", provider_id=provider.id, code_size=size)
                for name, provider, size in [("Transit", acme, 2500), ("Wallet", acme, 700), ("Door", other, 4096)]]
        session.add_all(apps)
        session.flush()
        ids = {app.name: app.id for app in apps}
        batches = [SeBatch(name=name, seid_start="00", seid_end="FF", chip_type="x", cms2ac_version="1",
                           java_version="3.0.4", initial_free_space=65536, isd_aid="A000000151000000",
                           key_set_ref="demo") for name in ["B1", "B2", "empty"]]
        session.add_all(batches)
        session.flush()
        for i in range(12):
            seid = f"868605{i:014d}"
            session.add(SecureElement(seid=seid, batch_id=[batches[0].id, batches[1].id, None][i % 3],
                                      recorded_free_space=rng.choice([None, 0, 1000, 65536 - i])))
            session.flush()
            for app in apps[: i % 4]:
                session.add(SeAppState(seid=seid, application_id=app.id, state=rng.choice(
                    ["Ready", "Loaded", "Usable", "Locked"])))
        for _ in range(400):
            name = rng.choice(list(ids))
            params = rng.choice([{"app_id": name}, {"app_id": ids[name]}, {"app_id": str(ids[name])}, {},
                                 {"app_id": "Gone"}])
            state = rng.choice(["done", "done", "failed", "running"])
            result = {"app_id": ids[name]} if state == "done" and rng.random() < 0.5 else None
            error = rng.choice([{"code": "card.no_space"}, {"code": "scp.auth"}, {}, None]) \
                if state == "failed" else None
            created = MIDNIGHT + timedelta(hours=rng.uniform(-72, 30))
            session.add(Operation(
                id=str(uuid.uuid4()), kind=rng.choice(["download", "delete", "lock", "unlock", "query"]),
                seid="86860500000000000000", state=state, step=3, idempotency_key=uuid.uuid4().hex,
                request_hash="x", operator_id=rng.choice([north, south]).id, terminal_id="t1", card={},
                params=params, checkpoint={}, result=result, error=error, created_at=created,
                updated_at=created + timedelta(minutes=rng.choice([0, 1, 30]))))
        for provider, cycle in [("ACME", "monthly"), ("Other", "daily")]:
            billing.set_strategy(session, "admin", provider, provider_type="third_party", sd_space="non_fixed",
                                 cycle=cycle, granularity=1024, space_unit_price=5,
                                 function_prices={"download": {"mode": "per_use", "price": 100},
                                                  "delete": {"mode": "monthly", "price": 300},
                                                  "query": {"mode": "per_use", "price": 1}},
                                 bundles=[{"name": "lockpack", "kinds": ["lock", "unlock"], "price": 50}])
    return ids


def test_statistics_counted_in_sql_are_the_former_ones(db: Engine) -> None:
    _seed(db)
    with session_factory(db)() as session:
        if db.dialect.name == "postgresql":  # a day is a UTC day whatever the session's zone
            session.execute(sa.text("SET TIME ZONE 'Asia/Shanghai'"))
        periods = [(None, None), (MIDNIGHT - timedelta(days=1), None), (MIDNIGHT - timedelta(days=2), MIDNIGHT),
                   (MIDNIGHT + timedelta(days=5), None)]
        for since, until in periods:
            got = stats.compute(session, since, until).model_dump()
            want = _reference_stats(session, since, until)
            assert {key: got[key] for key in want} == want, (since, until)
        everything = stats.compute(session)
        space = [row.model_dump() for row in everything.space_by_batch]
        assert space == _reference_space(session) and [row["batch"] for row in space] == ["B1", "B2", "empty"]
        assert space[2] == {"batch": "empty", "ses": 0, "free_total": 0, "free_min": None, "free_avg": None}
        assert everything.operations == 400 and len(everything.by_day) >= 4
        assert {"Transit", "Wallet", "Door", "Gone"} <= set(everything.by_app)
        assert set(everything.failures_by_reason) == {"card.no_space", "scp.auth", "unknown"}
        counts = list(everything.failures_by_reason.values())
        assert counts == sorted(counts, reverse=True)
        assert stats.compute(session, MIDNIGHT + timedelta(days=5)).by_kind == {}


def test_bills_counted_in_sql_are_the_former_ones(db: Engine) -> None:
    ids = _seed(db)
    sessions = session_factory(db)
    made = billing.generate(sessions, DAY)  # the last day of November: ACME's month and Other's day
    assert sorted(bill.cycle_key for bill in made) == ["202611", "20261130"]
    with sessions() as session:
        holders = Counter(session.scalars(sa.select(SeAppState.application_id).where(SeAppState.state != "Ready")))
        for bill in made:
            lines = [line.split("|") for line in bill.content.decode().splitlines()]
            acme = bill.cycle_key == "202611"
            names = {"Transit", "Wallet"} if acme else {"Door"}
            cycle = billing.Cycle.month(DAY) if acme else billing.Cycle.day(DAY)
            used = _reference_used(session, names, cycle.start, cycle.end)
            assert used["download"] and used["delete"]  # the data set exercises the function charges
            space = {line[2]: int(line[3]) for line in lines if line[0] == "S"}
            assert space == {name: holders[ids[name]] for name in names if holders[ids[name]]}
            functions = {line[2]: int(line[3]) for line in lines if line[0] == "F"}
            # "query" is priced but FUNC_QUERY is no charge type: it stays off the bill.
            assert functions == {kind: used[kind] for kind in ["delete", "download"] if used[kind]}
            [bundle] = [line for line in lines if line[0] == "B"]
            assert int(bundle[3]) == used["lock"] + used["unlock"]
            total = sum(int(line[7] if line[0] == "S" else line[5]) for line in lines[1:-1])
            assert lines[-1] == ["T", str(len(lines) - 2), str(total)] and bill.total == total
