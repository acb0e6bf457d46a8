"""Statements built once (issue 15 item 1, round 4): same answers as the ORM's own, fewer SELECTs.

``PlatformSession.get`` must behave as ``Session.get`` (identity map first, expired rows
refreshed, deleted rows ``None``); the keystore reads a key set's versions once per request and
a new request sees a newly imported version.  Counted in statements, never timed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ota.gp.scp02 import StaticKeys
from ota.platform.db import PlatformSession, session_factory, transaction, upgrade
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.models import Application, KeySetRow

ENC, MAC, DEK = (bytes([b]) * 16 for b in (0x11, 0x22, 0x33))


@contextmanager
def selects(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(" ".join(statement.split()))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def sessions(db: Engine):  # noqa: ANN201
    upgrade(db)
    factory = session_factory(db)
    with transaction(factory) as session:
        session.add(Application(id=7, name="Wallet", version="1.0"))
        session.add(KeySetRow(ref="isd", kvn=0x20, sealed=b"sealed"))
    return factory


def test_get_by_primary_key_answers_as_session_get(sessions, db: Engine) -> None:  # noqa: ANN001
    with sessions() as session:
        assert isinstance(session, PlatformSession)
        with selects(db) as seen:
            app = session.get(Application, 7)
            again = session.get(Application, 7)
        assert app is again and app is not None and app.name == "Wallet"
        assert len(seen) == 1  # the second look-up is the identity map's
        keys = session.get(KeySetRow, ("isd", 0x20))
        assert keys is not None and keys.sealed == b"sealed"
        for missing in ((Application, 8), (KeySetRow, ("isd", 0x21)), (KeySetRow, ("other", 0x20))):
            assert session.get(*missing) is None
            assert Session.get(session, *missing) is None
        session.delete(app)
        session.flush()
        assert session.get(Application, 7) is None and Session.get(session, Application, 7) is None
        session.rollback()
    with sessions() as session:
        app = session.get(Application, 7)
        assert app is not None
        session.commit()  # the session keeps its copy (no expiry on commit) but no lock
        with db.begin() as other:  # another writer changes the row; this session expires its copy
            other.execute(sa.update(Application).where(Application.id == 7).values(name="Renamed"))
        session.expire(app)
        assert session.get(Application, 7) is app and app.name == "Renamed"
        session.commit()
        with db.begin() as other:
            other.execute(sa.delete(Application).where(Application.id == 7))
        session.expire(app)
        assert session.get(Application, 7) is None


def test_a_request_reads_a_key_set_once_and_the_next_sees_a_new_version(sessions, db: Engine) -> None:  # noqa: ANN001
    store = SoftwareKeyStore(sessions, os.urandom(32))
    store.add_key_set("isd", 0x30, ENC, MAC, DEK)
    with sessions() as session, selects(db) as seen:
        assert store.key_versions("isd", session=session) == [0x20, 0x30]
        assert store.get_static_keys("isd", None, "none", kvn=0x30, session=session) == StaticKeys(ENC, MAC, DEK, 0x30)
        assert store.get_static_keys("isd", None, "none", session=session).kvn == 0x30  # the highest
    assert len([s for s in seen if "key_sets" in s]) == 1
    store.add_key_set("isd", 0x31, DEK, ENC, MAC)
    with sessions() as session:
        assert store.key_versions("isd", session=session) == [0x20, 0x30, 0x31]
        assert store.get_static_keys("isd", None, "none", session=session) == StaticKeys(DEK, ENC, MAC, 0x31)
