"""The request layer alone: server CPU per HTTPS request on cheap routes (issue 15 item 1).

A step's CPU mixes the request layer (TLS, HTTP parsing, routing, the terminal's authentication,
JSON) with the flow's work; these routes have (almost) none of the latter, so a change to the
request layer shows here clearly on a busy machine:

* ``/health``: TLS + HTTP + routing + one ``SELECT 1``, no authentication (the floor);
* ``GET /apps``: authentication (client certificate + bearer token) and the catalogue;
* ``GET /operations/{id}``: authentication and one operation read (a finished query's view).

The platform runs in a thread of this process behind real HTTPS; one kept-alive client sends the
requests.  Server CPU = process CPU less the main thread's (the client).

    .venv/bin/python tests/bench/bench_request.py [--db sqlite|postgres] [--requests 400]

Not a test: pytest does not collect it.  Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import requests

from ota.platform.db import make_engine
from ota.platform.server import ServerThread
from tests.bench.bench_setup import demo_app, postgres_url
from tests.platform.conftest import shared_pki
from tests.platform.flow_support import FlowPlatform


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--requests", type=int, default=400, help="requests per route and repetition")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (the lowest is printed: the least disturbed by neighbours)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hallterm-request-"))
    stop_pg: Callable[[], None] = lambda: None  # noqa: E731
    url: str | None = f"sqlite:///{work / 'request.sqlite3'}"
    if args.db == "postgres":
        url, stop_pg = postgres_url(work / "pg")
    try:
        if url is None:
            return 1
        run(url, args.requests, args.repeat)
    finally:
        stop_pg()
    return 0


def _server_cpu_ms(client: requests.Session, url: str, n: int) -> float:
    """Server CPU of ``n`` GETs of ``url``, per request, in ms."""
    before = time.process_time() - time.thread_time()
    for _ in range(n):
        reply = client.get(url)
        assert reply.status_code == 200, reply.text
    return (time.process_time() - time.thread_time() - before) / n * 1000


def run(url: str, n: int, repeat: int) -> None:
    engine = make_engine(url)
    app, keystore = demo_app(engine)
    tls_files = shared_pki().files
    with ServerThread(app, tls=tls_files) as server:
        platform = FlowPlatform(server.url, tls_files.ca_cert, engine, app.state.sessions, keystore)
        client = platform.login()
        done = platform.run("query", platform.card(), client=client)
        routes = {
            "/health": platform.api("/health"),
            "GET /apps": platform.api("/apps"),
            "GET /operations/{id}": platform.api(f"/operations/{done.view['id']}"),
        }
        for target in routes.values():  # warm-up: FastAPI builds its routes lazily
            _server_cpu_ms(client, target, 20)
        figures = {label: [_server_cpu_ms(client, target, n) for _ in range(repeat)] for label, target in routes.items()}
        for c in platform.clients:
            c.close()
    print(f"{engine.dialect.name}: server CPU per HTTPS request, {n} requests x {repeat} (lowest)")
    for label, values in figures.items():
        print(f"  {label:<24}{min(values):>8.2f} ms")
    engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
