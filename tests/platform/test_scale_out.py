"""Scale-out, reduced from docs/DEPLOYMENT.md: platform processes on one PostgreSQL.

Two ``hallterm platform serve`` processes share one database and an operation's steps alternate
between them (what a load balancer may do), so nothing one step needs may live in the memory of
the process that served the one before.  ``--workers 2`` starts two worker processes on one port.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.bench.bench_all import Meter, MeteredPlatform
from tests.bench.platform_proc import PlatformProcess, seed
from tests.platform.conftest import _fresh_pg_database

pytestmark = pytest.mark.postgres

STEP_LINE = re.compile(r'"POST /api/v1/operations/[^/]+/steps/\d+ HTTP')


@pytest.fixture
def pg_platform(pg_server_url: str, tmp_path: Path) -> Any:
    url = _fresh_pg_database(pg_server_url)
    key = tmp_path / "master.key"
    engine, sessions, keystore = seed(url, key)
    yield url, key, (engine, sessions, keystore)
    engine.dispose()


def _relay(servers: list[PlatformProcess], handles: tuple[Any, Any, Any]) -> MeteredPlatform:
    engine, sessions, keystore = handles
    return MeteredPlatform([s.url for s in servers], Meter(), ca=servers[0].tls.ca_cert, db=engine,
                           sessions=sessions, keystore=keystore)


def test_steps_alternate_between_two_processes_on_one_database(pg_platform: Any, tmp_path: Path) -> None:
    url, key, handles = pg_platform
    with PlatformProcess(url, key, tmp_path / "tls") as one, PlatformProcess(url, key, tmp_path / "tls") as two:
        platform = _relay([one, two], handles)
        client = platform.login()
        card = platform.card()
        download = platform.run("download", card, client=client, app_id="JCMemory")
        assert download.state == "done", download.error
        lock = platform.run("lock", card, client=client, app_id="JCMemory")
        assert lock.state == "done", lock.error
        assert card.state.app(bytes.fromhex("4A43416C675465737531")).locked
        for c in platform.clients:
            c.close()
    served = [len(STEP_LINE.findall(p.log.read_text())) for p in (one, two)]
    assert min(served) >= 2, served  # each process took steps of operations the other one started


def test_workers_option_starts_several_processes(pg_platform: Any, tmp_path: Path) -> None:
    from tests.bench.platform_proc import cpu_seconds

    url, key, handles = pg_platform
    with PlatformProcess(url, key, tmp_path / "tls", workers=2) as server:
        children = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == server.pid]
        platform = _relay([server], handles)
        run = platform.run("query", platform.card())
        assert run.state == "done", run.error
        assert cpu_seconds(server.pid) > 0
        for c in platform.clients:
            c.close()
    pids = {int(n) for n in re.findall(r"Started server process \[(\d+)\]", server.log.read_text())}
    assert len(pids) == 2 and pids <= {int(p.name) for p in children}


def _parent(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1
