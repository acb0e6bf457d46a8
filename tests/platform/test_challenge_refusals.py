"""A hostile terminal and the host challenges of issue 15 item 2 (``ota/platform/challenges.py``).

Each misuse of an issued challenge fails the operation before any card command, with a stable
code, and leaves a ``challenge.refused`` audit row (or, for the counter, the failed operation's):
replayed, expired, another terminal's, never issued, and a card answer kept from an earlier
contact (its sequence counter went back).  SQLite only: the rules live in the engine.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from ota.platform import audit
from ota.platform.db import transaction, utcnow
from ota.platform.models import (
    AuditEntry,
    HostChallenge,
)
from ota.vse.card import VirtualCard
from tests.platform.flow_support import MSISDN, FlowPlatform, flow_platform, identity, run_script  # noqa: F401

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


def test_batch_wide_keys_still_read_the_identity_before_a_write(flow_platform: FlowPlatform) -> None:
    """With batch-wide keys any card of the batch answers the cryptogram: even with script 1
    carried by the start, a write waits one round trip for the identity read inside the channel
    (the demo batch's per-card keys take 2: test_challenges.py)."""
    platform = flow_platform
    platform.batch_wide()
    card = platform.card()
    platform.openings = True
    trips = {}
    for kind in ("download", "lock", "unlock", "delete"):
        run = platform.run(kind, card, app_id=CAP)
        assert run.state == "done", (kind, run.error)
        trips[kind] = 1 + run.round_trips
    assert trips == {"download": 3, "lock": 3, "unlock": 3, "delete": 3}


def _at_the_swap(platform: FlowPlatform) -> tuple[requests.Session, dict[str, Any], VirtualCard, VirtualCard]:
    """A migration of an installed app, waiting for the new phone."""
    old, new = platform.card(), platform.card()
    assert platform.run("download", old, app_id=CAP).state == "done"
    clerk = platform.login()
    view = platform.start(clerk, "migrate", old, app_id=CAP).json()
    assert view["state"] == "need_card" and view["need_card"]["role"] == "target", view
    return clerk, view, old, new


def test_a_new_cards_opening_is_held_to_the_same_rules(flow_platform: FlowPlatform) -> None:
    """A need_card answer's opening is a start's: a spent challenge fails the migration before
    anything reaches the new phone (audited), and an opening on a running step is refused."""
    platform = flow_platform
    clerk, view, old, new = _at_the_swap(platform)
    spent = platform.challenges(clerk, 1)[0]
    _start(platform, clerk, platform.card(), spent)  # spends it on another phone's query
    body = {"step": view["step"], "responses": [], "completed": True, "card": identity(new),
            "opening": platform.opening(clerk, new, spent)}
    reply = platform.post(clerk, view, body)
    assert reply.status_code == 200, reply.text
    _refused(platform, reply.json(), "challenge.replayed")
    assert _audited(platform, "challenge.replayed")
    assert new.state.key_sets[0].seq == 0 and not new.state.load_files[1:]  # no EXTERNAL AUTHENTICATE reached it
    assert old.state.load_files[1:], "the old phone keeps the app"

    clerk, view, old, new = _at_the_swap(platform)
    body = {"step": view["step"], "responses": [], "completed": True, "card": identity(new)}
    running = platform.post(clerk, view, body).json()
    assert running["state"] == "running"
    wrong = {**run_script(new, running["script"]), "opening": platform.opening(clerk, new)}
    reply = platform.post(clerk, running, wrong)
    assert reply.status_code == 422 and reply.json()["code"] == "step.opening_unexpected"
