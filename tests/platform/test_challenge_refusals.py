"""A hostile terminal and the host challenges of issue 15 item 2 (``ota/platform/challenges.py``).

Each misuse of an issued challenge fails the operation before any card command, with a stable
code, and leaves a ``challenge.refused`` audit row (or, for the counter, the failed operation's):
replayed, expired, another terminal's, never issued, and a card answer kept from an earlier
contact (its sequence counter went back).  SQLite only: the rules live in the engine.
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from ota.gp.diversify import diversify
from ota.gp.scp02 import StaticKeys
from ota.platform import audit, trust
from ota.platform.cards import ensure_se
from ota.platform.db import transaction, utcnow
from ota.platform.models import (
    Application,
    ApplicationBatch,
    AuditEntry,
    Diversification,
    HostChallenge,
    MsisdnBinding,
    SeBatch,
)
from ota.vse.card import VirtualCard
from tests.platform.flow_support import MSISDN, FlowPlatform, flow_platform, identity  # noqa: F401

CAP = "JCMemory"


@pytest.fixture
def db_url(tmp_path: Path) -> str:  # overrides the SQLite + PostgreSQL pair of conftest.py
    return f"sqlite:///{tmp_path / 'platform.sqlite3'}"


def _start(platform: FlowPlatform, client: requests.Session, card: VirtualCard,
           challenge: dict[str, Any] | None = None, kept: dict[str, Any] | None = None) -> dict[str, Any]:
    """A query started with script 1 run on ``card`` now (or the ``kept`` answers of earlier)."""
    body = {"kind": "query", "card": identity(card), "params": {}, "idempotency_key": uuid.uuid4().hex}
    body["opening"] = kept or platform.opening(client, card, challenge)
    reply = client.post(platform.api("/operations"), json=body)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def _refused(platform: FlowPlatform, view: dict[str, Any], code: str) -> None:
    assert view["state"] == "failed" and view["script"] is None, view
    assert view["error"]["code"] == code, view["error"]
    assert "message_zh" not in view["error"] and "message_en" not in view["error"]


def _audited(platform: FlowPlatform, code: str) -> bool:
    rows = platform.query_db(sa.select(AuditEntry).where(AuditEntry.event == "challenge.refused"))
    return any(r.detail.get("code") == code for r in rows)


def test_every_misuse_of_a_challenge_is_refused_and_audited(flow_platform: FlowPlatform) -> None:
    platform = flow_platform
    clerk = platform.login()
    card = platform.card()
    first, spare, late = platform.challenges(clerk, 3)

    # Used once: fine.  The same challenge again, with the card's fresh answer: replayed.
    view = _start(platform, clerk, card, first)
    assert platform.relay(clerk, view, card, {}).state == "done"
    _refused(platform, _start(platform, clerk, card, first), "challenge.replayed")
    assert _audited(platform, "challenge.replayed")

    # Another terminal's challenge.
    other = platform.login("clerk2", "counter-02")
    theirs = platform.challenges(other, 1)[0]
    _refused(platform, _start(platform, clerk, card, theirs), "challenge.foreign")
    assert _audited(platform, "challenge.foreign")

    # Expired.
    with transaction(platform.sessions) as session:
        session.get(HostChallenge, late["id"]).expires_at = utcnow() - timedelta(seconds=1)
    _refused(platform, _start(platform, clerk, card, late), "challenge.expired")
    assert _audited(platform, "challenge.expired")

    # Never issued.
    forged = {"id": str(uuid.uuid4()), "challenge": "00" * 8}
    _refused(platform, _start(platform, clerk, card, forged), "challenge.unknown")
    assert _audited(platform, "challenge.unknown")

    # A real answer of this card to an issued challenge, kept while the card moved on: the
    # counter went back.  Two services pass the counter (each EXTERNAL AUTHENTICATE moves it).
    identity(card)
    kept = platform.opening(clerk, card, spare)
    for _ in range(2):
        assert platform.run("query", card, client=clerk).state == "done"
    _refused(platform, _start(platform, clerk, card, kept=kept), "challenge.counter_stale")

    # The refused starts ran nothing, the spent challenge stays spent, the audit chain holds.
    with platform.sessions() as session:
        assert session.get(HostChallenge, spare["id"]).used_at is not None
        assert audit.verify(session).ok
    # And the honest path still works afterwards, on a fresh challenge.
    view = _start(platform, clerk, card)
    assert platform.relay(clerk, view, card, {}).state == "done"


def test_challenges_survive_a_restart_and_are_bounded(flow_platform: FlowPlatform) -> None:
    platform = flow_platform
    clerk = platform.login()
    issued = platform.challenges(clerk, 16) + platform.challenges(clerk, 16)
    assert len({c["id"] for c in issued}) == 32 and all(len(c["challenge"]) == 16 for c in issued)
    assert platform.challenges(clerk, 16) == [], "a terminal holds at most 32 unspent challenges"
    for client in platform.clients:
        client.close()  # else the old server waits for its keep-alive connections
    platform.restart()
    clerk = platform.login()
    card = platform.card()
    view = _start(platform, clerk, card, issued[0])
    assert view["state"] == "running", view
    assert platform.relay(clerk, view, card, {}).state == "done"


def test_per_card_keys_lock_unlock_delete_in_two_round_trips(flow_platform: FlowPlatform) -> None:
    """Keys diversified from the registered KDD prove the card by the cryptogram alone, so the
    write shares script 2 with EXTERNAL AUTHENTICATE: start + one post."""
    platform = flow_platform
    master = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    platform.keystore.add_key_set("per-card", master.kvn, master.enc, master.mac, master.dek)
    with transaction(platform.sessions) as session:
        demo = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch = SeBatch(name="PER-CARD", seid_start="86860900000000000000", seid_end="868609FFFFFFFFFFFFFF",
                        chip_type=demo.chip_type, cms2ac_version=demo.cms2ac_version, java_version=demo.java_version,
                        initial_free_space=demo.initial_free_space, isd_aid=demo.isd_aid, key_set_ref="per-card",
                        diversification=Diversification.VISA2, scp_i=demo.scp_i, scp_level=demo.scp_level)
        session.add(batch)
        session.flush()
        app = session.scalars(sa.select(Application).where(Application.name == CAP)).one()
        session.add(ApplicationBatch(application_id=app.id, batch_id=batch.id))
    seid = bytes.fromhex("868609") + os.urandom(7)
    keys = diversify(master, seid[-10:], Diversification.VISA2)
    card = VirtualCard.create(None, seid, keys=(keys.enc, keys.mac, keys.dek), kvn=master.kvn)
    with transaction(platform.sessions) as session:
        ensure_se(session, seid.hex().upper())
        session.add(MsisdnBinding(seid=seid.hex().upper(), msisdn=MSISDN))
        trust.record_identity(session, seid.hex().upper(), kdd=card.state.kdd, cin=card.state.seid, iin=card.state.iin)
    platform.openings = True
    trips = {}
    for kind in ("download", "lock", "unlock", "delete"):
        run = platform.run(kind, card, app_id=CAP)
        assert run.state == "done", (kind, run.error)
        trips[kind] = 1 + run.round_trips
    assert trips == {"download": 3, "lock": 2, "unlock": 2, "delete": 2}
