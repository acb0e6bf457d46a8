"""Per-process caches of key sets, batches, the catalogue and the people (issue 15 item 1) are
right at once, whoever changes what: every change bumps its scope's version in the database
(triggers), a transaction that wrote reads its own changes, and two platform processes on one
PostgreSQL see each other's changes from the next request on."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ota.platform import metadata_cache
from ota.platform.db import session_factory, transaction, upgrade
from ota.platform.demo import DEMO_KEY_REF, DEMO_KVN
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.models import SeBatch
from tests.bench.platform_proc import PlatformProcess, seed
from tests.platform.conftest import _fresh_pg_database, seed_people
from tests.platform.flow_support import FlowPlatform

CHANGES = {
    metadata_cache.KEYS: "UPDATE key_sets SET created_at = created_at",
    metadata_cache.BATCHES: "UPDATE se_batches SET chip_type = chip_type",
    metadata_cache.CATALOGUE: "UPDATE app_instances SET label_en = label_en",
    metadata_cache.PRINCIPALS: "UPDATE terminals SET hall = hall",
}


def _versions(db: Engine) -> dict[str, int]:
    with transaction(session_factory(db)) as session:
        return dict(metadata_cache.versions(session))


def test_every_change_of_a_cached_table_bumps_its_scope(db: Engine) -> None:
    from tests.bench.bench_setup import demo_app

    _app, keystore = demo_app(db)
    assert set(_versions(db)) == set(metadata_cache.SCOPES)
    for scope, statement in CHANGES.items():
        before = _versions(db)
        with db.begin() as connection:
            connection.execute(sa.text(statement))
        after = _versions(db)
        assert after[scope] > before[scope], scope
        assert {s: v for s, v in after.items() if s != scope} == {s: v for s, v in before.items() if s != scope}
    before = _versions(db)
    keystore.add_key_set(DEMO_KEY_REF, DEMO_KVN, os.urandom(16), os.urandom(16), os.urandom(16))  # same version
    assert _versions(db)[metadata_cache.KEYS] > before[metadata_cache.KEYS]


def _batch(session: Session, batch_id: int) -> SeBatch:
    batch = metadata_cache.cached_get(session, SeBatch, batch_id, metadata_cache.BATCHES)
    assert batch is not None
    return batch


def test_a_transaction_reads_its_own_changes_and_caches_none(db: Engine) -> None:
    upgrade(db)
    sessions = session_factory(db)
    metadata_cache.install(db)
    seed_people(sessions)
    keystore = SoftwareKeyStore(sessions, os.urandom(32))
    keystore.add_key_set("cache-test", 1, b"\x11" * 16, b"\x12" * 16, b"\x13" * 16)
    assert keystore.get_static_keys("cache-test", None, "none").enc == b"\x11" * 16  # cached now
    with transaction(sessions) as session:
        session.add(SeBatch(name="B", seid_start="00", seid_end="FF", chip_type="c", cms2ac_version="1",
                            java_version="3", initial_free_space=1, isd_aid="A000000151000000", key_set_ref="k"))
        session.flush()
        batch_id = session.scalars(sa.select(SeBatch.id)).one()
    with transaction(sessions) as session:
        assert _batch(session, batch_id).chip_type == "c"
    with transaction(sessions) as session:  # the row comes from the cache, merged: it still flushes
        batch = _batch(session, batch_id)
        batch.chip_type = "changed"
        session.flush()
        assert metadata_cache.wrote(session, metadata_cache.BATCHES)
        session.expunge(batch)
        assert _batch(session, batch_id).chip_type == "changed"
        session.execute(sa.text("UPDATE key_sets SET sealed = sealed"))
        assert keystore.key_versions("cache-test", session=session) == [1]
        session.rollback()
    with transaction(sessions) as session:
        assert _batch(session, batch_id).chip_type == "c"


# --- two platform processes on one PostgreSQL, over HTTPS ------------------------------------------


@pytest.fixture
def two_processes(pg_server_url: str, tmp_path: Path) -> Any:
    url = _fresh_pg_database(pg_server_url)
    key = tmp_path / "master.key"
    engine, sessions, keystore = seed(url, key)
    with PlatformProcess(url, key, tmp_path / "tls") as one, PlatformProcess(url, key, tmp_path / "tls") as two:
        platforms = [FlowPlatform(p.url, p.tls.ca_cert, engine, sessions, keystore) for p in (one, two)]
        yield platforms, keystore
        for platform in platforms:
            for client in platform.clients:
                client.close()
    engine.dispose()


def _apps(platform: FlowPlatform, client: requests.Session) -> set[str]:
    reply = client.get(platform.api("/apps"))
    assert reply.status_code == 200, reply.text
    return {a["app_id"] for a in reply.json()["apps"]}


@pytest.mark.postgres
def test_two_processes_see_each_others_changes_at_once(two_processes: Any) -> None:
    (one, two), keystore = two_processes
    clerk_two = two.login("clerk1")
    admin_one = one.login("admin")

    # catalogue: a provider blacklisted through one is gone from two's catalogue at once
    assert {"JCMemory", "JCAlgTest"} <= _apps(two, clerk_two)
    reply = admin_one.put(one.api("/admin/providers/CRoCS/blacklist"), json={"blacklisted": True})
    assert reply.status_code == 200, reply.text
    assert not {"JCMemory", "JCAlgTest"} & _apps(two, clerk_two)

    # keys: both processes opened cards with the demo keys; a re-import under the same key
    # version (by the key ceremony, another writer) is what both use for the next card
    old_card = two.card()
    for platform in (one, two):
        assert platform.run("query", old_card, client=platform.login("clerk1")).state == "done"
    new_master = os.urandom(16)  # the demo's batch diversifies one master key per card
    keystore.add_key_set(DEMO_KEY_REF, DEMO_KVN, new_master, new_master, new_master)
    new_card = two.card(master=new_master)
    for platform in (one, two):
        client = platform.login("clerk1")
        ran = platform.run("query", new_card, client=client)
        assert ran.state == "done", ran.error
        assert platform.run("query", old_card, client=client).state == "failed"

    # people: a logout, an operator deactivated, a terminal revoked through one: refused by two at once
    assert clerk_two.get(two.api("/apps")).status_code == 200
    session_one = one.client()
    session_one.headers["Authorization"] = clerk_two.headers["Authorization"]
    assert session_one.post(one.api("/logout")).status_code in (200, 204)
    refused = clerk_two.get(two.api("/apps"))
    assert refused.status_code == 401 and refused.json()["code"] == "auth.invalid"
    clerk2 = two.login("clerk2", "counter-02")
    assert clerk2.get(two.api("/apps")).status_code == 200
    assert admin_one.patch(one.api("/admin/operators/clerk2"), json={"active": False}).status_code == 200
    refused = clerk2.get(two.api("/apps"))  # the token itself is still valid: only the cache knew
    assert refused.status_code == 401 and refused.json()["code"] == "auth.invalid"
    clerk1 = two.login("clerk1", "counter-02")
    assert clerk1.get(two.api("/apps")).status_code == 200
    assert admin_one.post(one.api("/admin/terminals/counter-02/revoke")).status_code == 200
    revoked = clerk1.get(two.api("/apps"))
    assert revoked.status_code == 403 and revoked.json()["code"] == "terminal.revoked"
