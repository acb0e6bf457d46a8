"""One step, in process: SQL statements and server CPU per HTTP step, per service (issue 15 item 1).

The platform (the real app behind real HTTPS, in a thread) and one terminal with its virtual SE
share this process; every SQL statement the platform sends is counted with an engine event, and
the server's CPU is the process's CPU time less the main thread's, where the terminal runs, so
the terminal's own work (HTTPS client, virtual SE) is not counted.

    .venv/bin/python tests/bench/bench_step.py [--db sqlite|postgres] [--rounds 5]

Not a test: pytest does not collect it.  Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import sqlalchemy as sa

from ota.platform.db import make_engine
from ota.platform.server import ServerThread
from tests.bench.bench_setup import SCENARIO, demo_app, postgres_url, service_label
from tests.platform.conftest import shared_pki
from tests.platform.flow_support import FlowPlatform


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hallterm-step-"))
    stop_pg: Callable[[], None] = lambda: None  # noqa: E731
    url: str | None = f"sqlite:///{work / 'step.sqlite3'}"
    if args.db == "postgres":
        url, stop_pg = postgres_url(work / "pg")
    try:
        if url is None:
            return 1
        run(url, args.rounds, work)
    finally:
        stop_pg()
    return 0


def run(url: str, rounds: int, work: Path) -> None:
    engine = make_engine(url)
    statements = {"n": 0}
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.__setitem__("n", statements["n"] + 1))
    app, keystore = demo_app(engine)
    keystore.add_key_set("platform-token", 0x70, os.urandom(16), os.urandom(16), os.urandom(16))
    tls_files = shared_pki().files
    with ServerThread(app, tls=tls_files) as server:
        platform = FlowPlatform(server.url, tls_files.ca_cert, engine, app.state.sessions, keystore)
        client = platform.login()
        card = platform.card()
        per: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
        for round_no in range(rounds + 1):  # round 0 warms up (FastAPI builds its routes lazily)
            for kind, params in SCENARIO:
                statements["n"] = 0
                server_before = time.process_time() - time.thread_time()
                result = platform.run(kind, card, client=client, **params)
                server_cpu = time.process_time() - time.thread_time() - server_before
                assert result.state == "done", result.error
                if round_no:
                    per[service_label(kind, params)].append((1 + result.round_trips, statements["n"], server_cpu))
        for c in platform.clients:
            c.close()
    print(f"{engine.dialect.name}: {rounds} rounds, one terminal; per HTTP step (medians over rounds)")
    print(f"{'service':<22}{'HTTP':>5}{'SQL/step':>10}{'server CPU ms/step':>20}")
    totals = [0, 0, 0.0]
    for label, rows in per.items():
        http = rows[0][0]
        sql = statistics.median(r[1] for r in rows) / http
        cpu = statistics.median(r[2] for r in rows) / http * 1000
        for r in rows:
            for i in range(3):
                totals[i] += r[i]
        print(f"{label:<22}{http:>5}{sql:>10.1f}{cpu:>20.2f}")
    print(f"{'all':<22}{totals[0]:>5}{totals[1] / totals[0]:>10.1f}{totals[2] / totals[0] * 1000:>20.2f}")
    engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
