"""The scale-of-data table of ``hallterm bench --data-scale N`` (issue 15 item 4, seed §6.2).

On one throw-away PostgreSQL cluster: a big database (``data_scale.generate``: N SEs and what
goes with them, by COPY) and a small one (only the seed), then

1. generation: rows, seconds per stage, database size, indexes as the migrations made them, and
   a linear extrapolation to ten million SEs;
2. the throughput bench's services against ``hallterm platform serve`` on each database, in
   alternating rounds (small, big, small, big: the shared machine's noise falls on both), side by
   side: steps/s, p50/p99, server CPU per step, and big ÷ small (target: within 10 %);
3. every SQL statement the hot path sent (run once in process), EXPLAINed on the big database,
   any Seq Scan of a big table flagged;
4. the statistics report (admin ``/stats``: all time and the last 7 days) and a monthly bill run
   on the big database, each with its time, or that it did not finish within the limit.

Figures are printed, never asserted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa

from tests.bench import data_scale, hot_plans
from tests.bench.bench_all import Figures, measure, say
from tests.bench.platform_proc import PlatformProcess, seed

TEN_MILLION = 10_000_000
TARGET_RATIO = 1.10
REPORT_LIMIT_S = 600


def handles(url: str, key: Path) -> tuple[Any, Any, Any]:
    """Engine, sessions and keystore on an already seeded database (the load registers its cards)."""
    from ota.platform.db import make_engine, session_factory
    from ota.platform.keystore import SoftwareKeyStore, load_master_key

    engine = make_engine(url)
    sessions = session_factory(engine)
    return engine, sessions, SoftwareKeyStore(sessions, load_master_key(key))


def scale_table(work: Path, server_url: str, n: int, terminals: int, seconds: float, rounds: int) -> None:
    from tests.platform.conftest import _fresh_pg_database

    say(f"== 5. Scale of data (seed §6.2): PostgreSQL with {n:,} SEs beside the small database ==")
    big_url, small_url = _fresh_pg_database(server_url), _fresh_pg_database(server_url)
    big_key, small_key = work / "big.key", work / "small.key"
    generated = data_scale.generate(big_url, n, big_key, say)
    seed(small_url, small_key)[0].dispose()
    with psycopg.connect(data_scale.conninfo(small_url)) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    generation(generated, int(row[0]) if row else 0)
    side_by_side({"small": (small_url, small_key), "big": (big_url, big_key)}, work, terminals, seconds, rounds)
    plans(big_url, big_key)
    reports(big_url)
    say()


def generation(g: data_scale.Generated, seeded_bytes: int) -> None:
    """``seeded_bytes``: the size of the same database before the COPY (the small one)."""
    rows = sum(g.rows.values())
    copy_s = sum(s for stage, s in g.seconds.items() if stage.startswith("COPY"))
    say(f"   generated {g.ses:,} SEs, {rows:,} rows by COPY in {g.total_seconds:.0f} s "
        f"({rows / max(copy_s, 1e-9):,.0f} rows/s while copying); database size {data_scale.size_text(g.database_bytes)}")
    for stage, s in g.seconds.items():
        say(f"     {stage:<28}{s:>8.1f} s")
    say("   indexes and constraints: dropped before COPY, created again after it from PostgreSQL's own "
        f"definitions; same as the migrations made: {'yes' if g.same_schema else 'NO'}")
    if not g.same_schema:
        for line in sorted(set(g.schema_before) ^ set(g.schema_after)):
            say(f"     differs: {line}")
    if g.ses < TEN_MILLION:
        factor = TEN_MILLION / g.ses
        grown = seeded_bytes + (g.database_bytes - seeded_bytes) * factor
        say(f"   at {TEN_MILLION:,} SEs (linear, x{factor:.0f}; index builds grow a little faster, n log n): about "
            f"{(g.total_seconds - g.seconds['migrate + seed']) * factor / 60:.0f} min and {data_scale.size_text(grown)} "
            f"(seeded database {data_scale.size_text(seeded_bytes)} + the generated rows)")


def side_by_side(databases: dict[str, tuple[str, Path]], work: Path, terminals: int, seconds: float,
                 rounds: int) -> None:
    say(f"   load: {terminals} terminals, the throughput mix, {rounds} x {seconds:.0f} s per database, alternating")
    totals: dict[str, Figures] = {}
    for _ in range(rounds):
        for name, (url, key) in databases.items():
            h = handles(url, key)
            with PlatformProcess(url, key, work / "tls") as server:
                f = measure([server], h, terminals, seconds)
            h[0].dispose()
            totals[name] = totals[name] + f if name in totals else f
    small, big = totals["small"], totals["big"]
    figures: list[tuple[str, Callable[[Figures], float], str]] = [
        ("steps/s", lambda f: f.steps_s, ".1f"),
        ("p50 ms", lambda f: f.percentile(0.5) * 1000, ".0f"),
        ("p99 ms", lambda f: f.percentile(0.99) * 1000, ".0f"),
        ("server CPU ms/step", lambda f: f.cpu_ms_per_step, ".1f"),
        ("errors", lambda f: float(len(f.errors)), ".0f"),
    ]
    say(f"   {'figure':<22}{'small':>10}{'big':>10}{'big/small':>11}")
    for label, value, fmt in figures:
        a, b = value(small), value(big)
        ratio = f"{b / a:.2f}" if a else "-"
        say(f"   {label:<22}{a:>10{fmt}}{b:>10{fmt}}{ratio:>11}")
    for name, f in totals.items():
        for error in sorted(set(f.errors))[:3]:
            say(f"   {name} error: {error}")
    for label, value in (("server CPU per step", lambda f: f.cpu_ms_per_step),
                         ("p99", lambda f: f.percentile(0.99))):
        ratio = value(big) / max(value(small), 1e-9)
        verdict = "within" if ratio <= TARGET_RATIO else "OVER"
        say(f"   {label}: big / small = {ratio:.2f} ({verdict} the 10 % target)")


def plans(url: str, key: Path) -> None:
    statements = hot_plans.hot_statements(url, key)
    found = hot_plans.explain(url, statements)
    flagged = [p for p in found if p.flagged]
    with psycopg.connect(data_scale.conninfo(url)) as conn:
        big = hot_plans.big_tables(conn)
    say(f"   hot path: {len(statements)} distinct SQL statements over query, download, lock, unlock, delete; "
        f"{len(found)} EXPLAINed on the big database")
    say(f"   big tables (>= {hot_plans.BIG_ROWS:,} rows): " + ", ".join(f"{t} {c:,}" for t, c in sorted(big.items())))
    for plan in found:
        first = " ".join(plan.statement.sql.split())
        mark = "SEQ SCAN ON " + ", ".join(plan.flagged) if plan.flagged else "ok"
        say(f"   [{mark}] x{plan.statement.count} {first[:150]}{'…' if len(first) > 150 else ''}")
        for line in plan.lines:
            say(f"        {line}")
    say(f"   every hot query on an index: {'yes' if not flagged else f'NO, {len(flagged)} statements scan a big table'}")


def reports(url: str) -> None:
    """The statistics the administrators ask for and a bill run, on the big database, each with its
    time (or that it did not finish within the limit) and the big tables its statements scan whole."""
    from ota.platform.admin import stats
    from ota.platform.billing import service as billing
    from ota.platform.db import make_engine, session_factory
    from ota.platform.models import Application, Provider

    engine = make_engine(url, connect_args={"options": f"-c statement_timeout={REPORT_LIMIT_S * 1000}"})
    sessions = session_factory(engine)
    with sessions.begin() as session:
        provider = session.scalar(sa.select(Provider.name).join(Application, Application.provider_id == Provider.id)
                                  .order_by(Application.id).limit(1))
        if provider:
            billing.set_strategy(session, "bench", provider, cycle="monthly", space_unit_price=1,
                                 function_prices={"download": {"mode": "per_use", "price": 10}})
    last_month_end = datetime.now(UTC).date().replace(day=1) - timedelta(days=1)
    week = datetime.now(UTC) - timedelta(days=7)

    def stats_all() -> str:
        with sessions() as session:
            return f"{stats.compute(session).operations:,} operations counted"

    def stats_week() -> str:
        with sessions() as session:
            return f"{stats.compute(session, since=week).operations:,} operations counted"

    def bill() -> str:
        return f"{sum(b.rows for b in billing.generate(sessions, last_month_end, actor='bench'))} bill lines"

    jobs: list[tuple[str, Callable[[], str]]] = [("statistics, all time (/admin/stats)", stats_all),
                                                 ("statistics, last 7 days", stats_week)]
    if provider:
        jobs.append((f"last month's bill of {provider}", bill))
    say(f"   reports on the big database (limit {REPORT_LIMIT_S} s per statement; wall time, and the CPU of this "
        "process, where the report's Python runs):")
    for name, job in jobs:
        seen, stop = hot_plans.capture(engine)
        began, cpu = time.perf_counter(), time.process_time()
        try:
            detail = job()
            say(f"     {name:<40}{time.perf_counter() - began:>8.1f} s  ({time.process_time() - cpu:.1f} s CPU here)  "
                f"{detail}")
        except sa.exc.OperationalError as exc:
            say(f"     {name:<40} did NOT finish: {type(exc.orig).__name__} after {time.perf_counter() - began:.0f} s")
        finally:
            stop()
        for plan in hot_plans.explain(url, seen):
            if plan.flagged:
                say(f"       Seq Scan on {', '.join(plan.flagged)}: {' '.join(plan.statement.sql.split())[:110]}…")
    engine.dispose()
