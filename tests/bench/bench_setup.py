"""What the in-process platform benches share: the counter scenario, the demo platform, the database.

bench_platform.py (N terminals) and bench_step.py (one terminal, SQL and CPU per step) run the same
services against the same seeded demo platform behind real HTTPS; only what they measure differs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy.engine import Engine

from ota.platform.api import create_app
from ota.platform.db import session_factory
from ota.platform.demo import init_demo
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.settings import PlatformSettings
from tests.platform.conftest import _fresh_pg_database, _start_cluster, seed_people
from tests.platform.flow_support import CAPS

SCENARIO: list[tuple[str, dict[str, Any]]] = [
    ("query", {}),
    ("download", {"app_id": "JCMemory"}),
    ("lock", {"app_id": "JCMemory"}),
    ("unlock", {"app_id": "JCMemory"}),
    ("delete", {"app_id": "JCMemory"}),
    ("download", {"app_id": "JCAlgTest"}),
    ("delete", {"app_id": "JCAlgTest"}),
]
"""The counter services each simulated terminal runs, in order (the SE ends as it began)."""


def service_label(kind: str, params: dict[str, Any]) -> str:
    return f"{kind} {params.get('app_id', '')}".strip()


def demo_app(engine: Engine) -> tuple[FastAPI, SoftwareKeyStore]:
    """The platform app on ``engine`` with the demo's people, catalogue, batches and keys."""
    keystore = SoftwareKeyStore(session_factory(engine), os.urandom(32))
    app = create_app(engine, keystore=keystore, settings=PlatformSettings())
    seed_people(app.state.sessions)
    init_demo(app.state.sessions, keystore, CAPS)
    return app, keystore


def postgres_url(base: Path) -> tuple[str | None, Callable[[], None]]:
    """A fresh database on ``HALLTERM_TEST_PG_URL``, else on a throwaway cluster under ``base``
    (None when this machine has no PostgreSQL); the second value stops what was started."""
    given = os.environ.get("HALLTERM_TEST_PG_URL")
    if given:
        return _fresh_pg_database(given), lambda: None
    base.mkdir(parents=True, exist_ok=True)
    for folder in (base.parent, base):  # the postgres user runs the cluster in there
        os.chmod(folder, 0o755)
    try:
        server, stop = _start_cluster(base)
    except Exception as e:  # noqa: BLE001 - no PostgreSQL here: the caller benches SQLite alone
        print(f"PostgreSQL not available ({e}); SQLite only")
        return None, lambda: None
    return _fresh_pg_database(server), stop
