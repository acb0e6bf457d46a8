"""The platform under load: N simulated terminals, each with its own virtual SE, over real HTTPS.

Each terminal (a thread) logs in and runs, ``--rounds`` times, the counter services query,
download (small and ~100-block CAPs), lock, unlock and delete against its own ``VirtualCard``,
relaying every script like a terminal does.  Printed per database: round trips (scripts run on
the card) per operation kind, mean latency per operation, and HTTP steps per second overall.
SQLite and PostgreSQL side by side when PostgreSQL is available (``HALLTERM_TEST_PG_URL``, or
an ``initdb`` found on this machine, as in tests/platform/conftest.py).

    .venv/bin/python tests/bench/bench_platform.py --terminals 8 --rounds 2

Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ota.platform import tls
from ota.platform.db import make_engine
from ota.platform.server import ServerThread
from tests.bench.bench_setup import SCENARIO, demo_app, postgres_url, service_label
from tests.platform.conftest import shared_pki
from tests.platform.flow_support import FlowPlatform


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.round_trips: dict[str, list[int]] = defaultdict(list)
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.http_steps = 0
        self.failures: list[str] = []

    def add(self, label: str, round_trips: int, seconds: float, http_steps: int, error: str | None) -> None:
        with self.lock:
            self.round_trips[label].append(round_trips)
            self.latency[label].append(seconds)
            self.http_steps += http_steps
            if error:
                self.failures.append(f"{label}: {error}")


def terminal(platform: FlowPlatform, rounds: int, stats: Stats) -> None:
    client = platform.login()
    card = platform.card()
    for _ in range(rounds):
        for kind, params in SCENARIO:
            began = time.perf_counter()
            run = platform.run(kind, card, client=client, **params)
            error = None if run.state == "done" else str(run.error.get("code"))
            # one POST to start, then one per script and one per card swap
            stats.add(service_label(kind, params), run.round_trips, time.perf_counter() - began, 1 + run.round_trips, error)


def bench(db_url: str, terminals: int, rounds: int, tls_files: tls.TlsFiles) -> tuple[Stats, float]:
    engine = make_engine(db_url, pool_size=terminals + 5) if db_url.startswith("postgresql") else make_engine(db_url)
    app, keystore = demo_app(engine)
    server = ServerThread(app, tls=tls_files).start()
    platform = FlowPlatform(server.url, tls_files.ca_cert, engine, app.state.sessions, keystore)
    stats = Stats()
    threads = [threading.Thread(target=terminal, args=(platform, rounds, stats)) for _ in range(terminals)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    for client in platform.clients:
        client.close()
    server.stop()
    engine.dispose()
    return stats, wall


def report(results: dict[str, tuple[Stats, float]], terminals: int) -> None:
    names = list(results)
    labels = list(next(iter(results.values()))[0].round_trips)
    print(f"\n{terminals} concurrent terminals, each with its own virtual SE, HTTPS on 127.0.0.1\n")
    header = f"{'operation':<22}{'round trips':>12}" + "".join(f"{n + ' mean ms':>20}" for n in names)
    print(header)
    print("-" * len(header))
    for label in labels:
        trips = sorted(set(results[names[0]][0].round_trips[label]))
        cells = "".join(f"{statistics.mean(results[n][0].latency[label]) * 1000:>20.0f}" for n in names)
        print(f"{label:<22}{'/'.join(map(str, trips)):>12}{cells}")
    print()
    for name, (stats, wall) in results.items():
        ops = sum(len(v) for v in stats.latency.values())
        print(
            f"{name:<10} {ops} operations, {stats.http_steps} HTTP steps in {wall:.1f} s: "
            f"{stats.http_steps / wall:.1f} steps/s, {ops / wall:.1f} operations/s, failures: {len(stats.failures)}"
        )
        for failure in stats.failures[:5]:
            print(f"           {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terminals", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--db", choices=("both", "sqlite", "postgres"), default="both")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hallterm-bench-"))
    tls_files = shared_pki().files  # the CA that certified the seeded terminals
    results: dict[str, tuple[Stats, float]] = {}
    if args.db in ("both", "sqlite"):
        results["SQLite"] = bench(f"sqlite:///{work / 'bench.sqlite3'}", args.terminals, args.rounds, tls_files)
    if args.db in ("both", "postgres"):
        url, stop = postgres_url(work / "pg")
        try:
            if url:
                results["PostgreSQL"] = bench(url, args.terminals, args.rounds, tls_files)
        finally:
            stop()
    report(results, args.terminals)


if __name__ == "__main__":
    main()
