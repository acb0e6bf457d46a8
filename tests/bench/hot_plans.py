"""The hot path's SQL on a big database (issue 15 item 4: "every hot query on an index").

``hot_statements`` runs the counter services once in process against a database and keeps each
distinct SQL statement the platform sends (an engine event) with the parameters it ran with;
``explain`` EXPLAINs each one there (plain EXPLAIN: nothing runs) and flags any Seq Scan of a big
table, one of at least ``BIG_ROWS`` rows by the planner's own count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tests.bench.data_scale import conninfo

BIG_ROWS = 10_000
"""A table with at least this many rows (pg_class.reltuples) is big: a Seq Scan on it is flagged."""


@dataclass
class Statement:
    sql: str
    parameters: Any
    count: int = 1


@dataclass
class Plan:
    statement: Statement
    lines: list[str]
    scans: list[tuple[str, str]]  # (node type, relation) of every scan node
    flagged: list[str]  # big tables read by a Seq Scan


def capture(engine: Engine) -> tuple[dict[str, Statement], Callable[[], None]]:
    """Keep each distinct SQL text ``engine`` runs (with its first parameters) until the returned
    function is called."""
    seen: dict[str, Statement] = {}

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if statement in seen:
            seen[statement].count += 1
        else:
            seen[statement] = Statement(statement, parameters[0] if many and parameters else parameters)

    sa.event.listen(engine, "before_cursor_execute", keep)
    return seen, lambda: sa.event.remove(engine, "before_cursor_execute", keep)


def hot_statements(url: str, master_key: Path) -> dict[str, Statement]:
    """Run the throughput bench's services (query, download, lock, unlock, delete) once in process on
    ``url`` and return every SQL statement the platform sent for them."""
    from ota.platform.api import create_app
    from ota.platform.db import make_engine, session_factory
    from ota.platform.flows import default_registry
    from ota.platform.keystore import SoftwareKeyStore, load_master_key
    from ota.platform.server import ServerThread
    from ota.platform.settings import PlatformSettings
    from tests.bench.bench_setup import SCENARIO
    from tests.platform.conftest import shared_pki
    from tests.platform.flow_support import FlowPlatform

    engine = make_engine(url)
    keystore = SoftwareKeyStore(session_factory(engine), load_master_key(master_key))
    app = create_app(engine, keystore=keystore, settings=PlatformSettings(), registry=default_registry(),
                     migrate=False)
    tls_files = shared_pki().files
    try:
        with ServerThread(app, tls=tls_files) as server:
            platform = FlowPlatform(server.url, tls_files.ca_cert, engine, app.state.sessions, keystore)
            client = platform.login()
            card = platform.card()
            platform.run("query", card, client=client)  # warm-up: routes, caches
            seen, stop = capture(engine)
            try:
                for kind, params in SCENARIO:
                    run = platform.run(kind, card, client=client, **params)
                    if run.state != "done":
                        raise RuntimeError(f"{kind} ended {run.state}: {run.error}")
            finally:
                stop()
            for c in platform.clients:
                c.close()
    finally:
        engine.dispose()
    return seen


def _walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _walk(child)


def big_tables(conn: psycopg.Connection[Any]) -> dict[str, int]:
    rows = conn.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r' "
                        "AND relnamespace = 'public'::regnamespace AND reltuples >= %s", (BIG_ROWS,)).fetchall()
    return {name: int(count) for name, count in rows}


EXPLAINABLE = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


def explain(url: str, statements: dict[str, Statement]) -> list[Plan]:
    """EXPLAIN each statement with the parameters it ran with; flag Seq Scans of big tables.
    Nothing is executed (plain EXPLAIN), so the database is left as it was."""
    plans = []
    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        big = big_tables(conn)
        for statement in statements.values():
            if not statement.sql.lstrip().upper().startswith(EXPLAINABLE):
                continue
            text = conn.execute(f"EXPLAIN {statement.sql}", statement.parameters or None).fetchall()
            tree = conn.execute(f"EXPLAIN (FORMAT JSON) {statement.sql}", statement.parameters or None).fetchone()
            nodes = list(_walk(tree[0][0]["Plan"])) if tree else []
            scans = [(n["Node Type"], n["Relation Name"]) for n in nodes if "Relation Name" in n]
            flagged = sorted({rel for kind, rel in scans if kind == "Seq Scan" and rel in big})
            plans.append(Plan(statement, [r[0] for r in text], scans, flagged))
    return plans
