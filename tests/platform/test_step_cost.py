"""What a step costs the database (issue 15 item 1), counted in SQL statements, never timed.

Over real HTTPS on SQLite and PostgreSQL: the caller is authenticated with one SELECT and no
write lock, the people, key sets and batches come from the process's caches (metadata_cache), the policy check of a step reads two columns without a write lock, each request
writes in exactly one transaction, a row a step looked up once is not loaded again, and a
running operation renews its SE's link with one statement.  A read-only session on SQLite takes
no write lock, so it reads while a writer holds it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ota.platform.db import reading, session_factory, transaction
from ota.platform.models import OperationStep, Operator
from tests.platform.flow_support import FlowPlatform, flow_platform, run_script  # noqa: F401

APP = "JCMemory"


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        seen.append(" ".join(statement.split()))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def _requests(seen: list[str]) -> list[list[str]]:
    """The statements per HTTP request: each request authenticates first (one auth SELECT)."""
    out: list[list[str]] = []
    for i, statement in enumerate(seen):
        if "FROM auth_sessions" in statement:
            begun = i > 0 and seen[i - 1].startswith("BEGIN")
            if begun and out:
                out[-1].pop()
            out.append([seen[i - 1]] if begun else [])
        if out:
            out[-1].append(statement)
    return out


def lock_after_download(flow_platform: FlowPlatform) -> tuple[Any, list[list[str]]]:
    """A lock of an app just downloaded: the run and the SQL of each of its HTTP requests."""
    card = flow_platform.card()
    client = flow_platform.login()
    assert flow_platform.run("download", card, client=client, app_id=APP).state == "done"
    with statements(flow_platform.db) as seen:
        run = flow_platform.run("lock", card, client=client, app_id=APP)
    assert run.state == "done", run.error
    return run, _requests(seen)


def test_a_step_costs_one_auth_read_one_write_transaction_and_no_repeated_loads(
    flow_platform: FlowPlatform,
) -> None:
    run, per_request = lock_after_download(flow_platform)
    assert len(per_request) == 1 + run.round_trips
    sqlite = flow_platform.db.dialect.name == "sqlite"
    for request in per_request:
        auth_reads = [s for s in request if "FROM auth_sessions" in s]
        # the token's row with the people's version; who they are comes from the process's cache
        assert len(auth_reads) == 1 and "metadata_versions" in auth_reads[0]
        assert not [s for s in request if s.startswith(("UPDATE auth_sessions", "SELECT terminals."))]
        assert not [s for s in request if "FROM operators" in s or "FROM key_sets" in s], request
        if sqlite:  # the auth read and the policy look-up take no write lock; the step takes one
            assert sum(s == "BEGIN IMMEDIATE" for s in request) == 1
            assert request[0] == "BEGIN" and "FROM auth_sessions" in request[1]
        assert sum("FROM secure_elements" in s for s in request) <= 1, request
        assert not [s for s in request if "FROM se_batches" in s], request  # cached (metadata_cache)
    for step in per_request[1:]:  # a running operation's link: renewed in place, never re-read
        assert not [s for s in step if s.startswith("SELECT") and "FROM se_links" in s], step


def test_a_reading_session_does_not_wait_for_the_writer(flow_platform: FlowPlatform) -> None:
    sessions = session_factory(flow_platform.db)
    read: list[int] = []
    with transaction(sessions) as writer:
        writer.execute(sa.update(Operator).where(Operator.name == "clerk1").values(region=Operator.region))

        def read_operators() -> None:
            with reading(sessions) as session:
                read.append(len(session.scalars(sa.select(Operator)).all()))

        reader = threading.Thread(target=read_operators)
        reader.start()
        reader.join(10)  # on SQLite a write-locking BEGIN would wait out the 30 s busy timeout
        assert not reader.is_alive() and read and read[0] > 0


def test_a_step_answer_is_stored_without_its_script_and_replayed_whole(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    client = flow_platform.login()
    view = flow_platform.start(client, "download", card, app_id=APP).json()
    first_body = run_script(card, view["script"])
    answer = flow_platform.post(client, view, first_body)
    assert answer.status_code == 200 and answer.json()["script"]["commands"]
    again = flow_platform.post(client, view, first_body)
    assert again.status_code == 200 and again.json() == answer.json()  # the script put back, byte for byte
    stored = flow_platform.query_db(
        sa.select(OperationStep.response).where(OperationStep.operation_id == view["id"])
    )
    assert stored and all("script" not in row for row in stored)
    later = flow_platform.post(client, answer.json(), run_script(card, answer.json()["script"]))
    assert later.status_code == 200 and later.json()["state"] == "running"
    # The first step again, after a later one: the operation's current state, not a superseded script.
    stale = flow_platform.post(client, view, first_body)
    current = client.get(flow_platform.api(f"/operations/{view['id']}")).json()
    assert stale.status_code == 200 and stale.json() == current
    assert stale.json()["step"] == later.json()["step"]
