"""The operator's reports on a generated database of N SEs (issue r5reports; seed §5.2.2.2, §5.7.2, §6.2):

    .venv/bin/python -m tests.bench.bench_reports [N]      (default 200,000 SEs; minutes, not hours)

On a throw-away PostgreSQL cluster: ``data_scale.generate`` makes N SEs and what goes with them,
then ``bench_scale.reports`` times the statistics (all time, last 7 days) and last month's bill;
the former row-by-row statistics (kept as the reference in tests/platform/test_report_sql.py) are
timed beside them; and every statement the reports sent is EXPLAINed with the scans it plans.
Figures are printed, never asserted.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.bench import data_scale, hot_plans
from tests.bench.bench_all import postgres, say
from tests.bench.bench_scale import reports


def former_statistics(url: str) -> None:
    from ota.platform.db import make_engine, session_factory
    from tests.platform.test_report_sql import _reference_stats

    engine = make_engine(url)
    week = datetime.now(UTC) - timedelta(days=7)
    say("   the former row-by-row count of the operations alone (the reference of tests/platform/test_report_sql.py; "
        "without the SE, subscriber and batch figures):")
    for name, since in [("all time", None), ("last 7 days", week)]:
        with session_factory(engine)() as session:
            began, cpu = time.perf_counter(), time.process_time()
            counted = _reference_stats(session, since, None)["operations"]
            say(f"     {name:<40}{time.perf_counter() - began:>8.1f} s  ({time.process_time() - cpu:.1f} s CPU here)  "
                f"{counted:,} operations counted")
    engine.dispose()


def report_plans(url: str) -> None:
    from ota.platform.admin import stats
    from ota.platform.billing import service as billing
    from ota.platform.db import make_engine, session_factory
    from ota.platform.models import Bill

    engine = make_engine(url)
    seen, stop = hot_plans.capture(engine)
    spent: dict[str, float] = {}

    def start(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        spent[statement] = spent.get(statement, 0.0) - time.perf_counter()

    def end(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        spent[statement] += time.perf_counter()

    sa.event.listen(engine, "before_cursor_execute", start)
    sa.event.listen(engine, "after_cursor_execute", end)
    week = datetime.now(UTC) - timedelta(days=7)
    with session_factory(engine)() as session:
        stats.compute(session)
        stats.compute(session, since=week)
    with session_factory(engine).begin() as session:
        session.execute(sa.delete(Bill))  # made by the timed run above: this run makes it again
    billing.generate(session_factory(engine), datetime.now(UTC).date().replace(day=1) - timedelta(days=1))
    stop()
    say("   the statements of the statistics (all time, last 7 days) and of a bill run: time, and the scans planned:")
    for plan in hot_plans.explain(url, seen):
        if plan.scans:
            scans = ", ".join(f"{kind} on {relation}" for kind, relation in plan.scans)
            say(f"     {spent.get(plan.statement.sql, 0):6.2f} s  {' '.join(plan.statement.sql.split())[:100]}…\n"
                f"              {scans}")
    engine.dispose()


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 200_000
    work = Path(tempfile.mkdtemp(prefix="hallterm-reports-"))
    url, stop = postgres(work, "pg-reports")
    if url is None:
        say("no PostgreSQL here: nothing measured")
        return 1
    try:
        say(f"== The operator's reports on PostgreSQL with {n:,} SEs ==")
        data_scale.generate(url, n, work / "big.key", say)
        reports(url)
        former_statistics(url)
        report_plans(url)
    finally:
        stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
