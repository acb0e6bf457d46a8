"""A hostile (or faulty) terminal against the platform over real HTTPS (issue 9, items 1-3, 9).

Every attack of the issue's list for card trust: forged ``9000`` outcomes, another card, a
replayed step after cancel / abort / lease expiry, and a platform restart mid-download.  Each
test asserts that the platform refused and audited, and that the database and the (virtual)
card agree afterwards.  Every attack runs on SQLite; each kind of attack also runs on
PostgreSQL (``BOTH``), the rest only on SQLite to keep the suite's time in bounds.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from ota.gp.responses import parse_cplc
from ota.gp.scp02 import parse_initialize_update
from ota.platform.cards import ensure_se
from ota.platform.db import transaction, utcnow
from ota.platform.models import AuditEntry, MsisdnBinding, SeBatch, SecureElement, SeLink
from ota.vse.card import VirtualCard
from ota.vse.carddata import cplc
from ota.vse.factory import new_card
from tests.platform.flow_support import (  # noqa: F401
    MSISDN,
    FlowPlatform,
    app_state,
    flow_platform,
    new_seid,
    run_script,
)

APP = "JCMemory"
INSTANCE = bytes.fromhex("4A43416C675465737531")
PGP = "PChovanecJCOpenPGP"
WRITES = {0xF0, 0xE4, 0xE6, 0xE8, 0xE2}  # SET STATUS, DELETE, INSTALL, LOAD, STORE DATA
SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def on_both(*values: str) -> list[tuple[str, str]]:
    """Each value on SQLite; the first also on PostgreSQL."""
    return [(v, "sqlite") for v in values] + [(values[0], "postgres")]


def _writes(view: dict[str, Any]) -> bool:
    return any(bytes.fromhex(c["apdu"])[1] in WRITES for c in view["script"]["commands"])


def _honest_until_writes(
    platform: FlowPlatform, client: requests.Session, view: dict[str, Any], card: VirtualCard
) -> dict[str, Any]:
    """Relay honestly up to the first script that would change the card."""
    while view["state"] == "running" and not _writes(view):
        reply = platform.post(client, view, run_script(card, view["script"]))
        assert reply.status_code == 200, reply.text
        view = reply.json()
    assert view["state"] == "running", view
    return view


def _forged(view: dict[str, Any]) -> dict[str, Any]:
    """A made-up 9000 for every command, as a terminal that never talked to the card would."""
    return {"step": view["step"], "responses": ["9000"] * len(view["script"]["commands"]), "completed": True}


def _audit(platform: FlowPlatform, event: str) -> list[dict[str, Any]]:
    return [e.detail for e in platform.query_db(sa.select(AuditEntry).where(AuditEntry.event == event))]


def _se(platform: FlowPlatform, seid: str) -> SecureElement:
    rows = platform.query_db(sa.select(SecureElement).where(SecureElement.seid == seid))
    return rows[0]


def _installed(platform: FlowPlatform, app: str = APP, **params: Any) -> tuple[VirtualCard, str]:
    card = platform.card()
    run = platform.run("download", card, app_id=app, **params)
    assert run.state == "done", run.error
    return card, card.state.seid.hex().upper()


def _assert_refused(platform: FlowPlatform, view: dict[str, Any], seid: str, code: str) -> None:
    assert view["state"] == "failed" and view["error"]["code"] == code, view
    assert view.get("script") is None
    assert any(d["operation"] == view["id"] and d["error"] == code for d in _audit(platform, "operation.failed"))
    assert any(d["seid"] == seid and d["reason"] == code for d in _audit(platform, "se.flagged"))
    assert _se(platform, seid).reconcile == code


# --- item 1: forged outcomes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "db_url"), on_both("lock", "unlock", "delete", "download", "change_number"), indirect=["db_url"]
)
def test_forged_9000_outcomes_are_refused_audited_and_flagged(flow_platform: FlowPlatform, kind: str) -> None:
    p = flow_platform
    params: dict[str, Any] = {"app_id": APP}
    if kind == "download":
        card = p.card()
        seid = card.state.seid.hex().upper()
    elif kind == "change_number":
        card, seid = _installed(p, PGP, cardholder_name="Li Si")
        params = {"new_msisdn": "13812345678", "imsi": "460001234567890"}
    else:
        card, seid = _installed(p)
        if kind == "unlock":
            assert p.run("lock", card, app_id=APP).state == "done"
    before_db = app_state(p, seid, APP)
    before_card = card.state.app(INSTANCE)
    before_locked = before_card.locked if before_card else None
    client = p.login()
    started = p.start(client, kind, card, **params)
    assert started.status_code == 200, started.text
    view = _honest_until_writes(p, client, started.json(), card)
    reply = p.post(client, view, _forged(view))
    assert reply.status_code == 200, reply.text
    _assert_refused(p, reply.json(), seid, "card.rmac_invalid")
    # The database and the card agree: neither changed.
    assert app_state(p, seid, APP) == before_db
    after_card = card.state.app(INSTANCE)
    assert (after_card.locked if after_card else None) == before_locked
    if kind == "change_number":
        assert p.scalar(sa.select(MsisdnBinding.msisdn).where(MsisdnBinding.seid == seid)) == MSISDN
        assert card.state.msisdn != b"13812345678"


def test_wrong_rmac_after_a_real_lock_is_refused_then_reconciled(flow_platform: FlowPlatform) -> None:
    """The terminal runs the lock on the card but posts a tampered answer: refused and flagged;
    the next contact reads the card's GET STATUS (R-MAC'd) and the record follows the card."""
    p = flow_platform
    card, seid = _installed(p)
    client = p.login()
    view = _honest_until_writes(p, client, p.start(client, "lock", card, app_id=APP).json(), card)
    body = run_script(card, view["script"])
    body["responses"][-1] = body["responses"][-1][:-6] + "0000" + body["responses"][-1][-2:]
    failed = p.post(client, view, body).json()
    _assert_refused(p, failed, seid, "card.rmac_invalid")
    assert card.state.app(INSTANCE).locked and app_state(p, seid, APP) == "Usable"  # they differ now
    query = p.run("query", card)
    assert query.state == "done", query.error
    assert query.result["reconciliation"]["diverged"] == [{"app": APP, "recorded": "Usable", "card": "Locked"}]
    assert app_state(p, seid, APP) == "Locked" and card.state.app(INSTANCE).locked
    assert _se(p, seid).reconcile is None
    assert any(d["seid"] == seid and d["corrected"] for d in _audit(p, "se.divergence"))


@SQLITE
def test_batch_without_rmac_must_say_so_and_is_reconciled_every_contact(flow_platform: FlowPlatform) -> None:
    p = flow_platform
    card, seid = _installed(p)
    with transaction(p.sessions) as session:
        session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one().scp_i = 0x15
    refused = p.run("lock", card, app_id=APP)
    assert (refused.state, refused.error["code"]) == ("failed", "batch.rmac_unavailable")
    with transaction(p.sessions) as session:
        session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one().reported_outcomes = True
    locked = p.run("lock", card, app_id=APP)
    assert locked.state == "done", locked.error
    assert locked.result["reconciliation"]["diverged"] == []
    assert app_state(p, seid, APP) == "Locked" and card.state.app(INSTANCE).locked
    card.state.app(INSTANCE).life_cycle &= 0x7F  # unlocked behind the platform's back
    query = p.run("query", card)
    assert query.result["reconciliation"] == {
        "diverged": [{"app": APP, "recorded": "Locked", "card": "Usable"}], "corrected": False,
    }
    assert _se(p, seid).reconcile == "diverged"  # flagged for an administrator, not corrected
    assert any(d["seid"] == seid and not d["corrected"] for d in _audit(p, "se.divergence"))


# --- item 2: the card is the SE the operation names -----------------------------------------


def _relay_to(p: FlowPlatform, shown: VirtualCard, actual: VirtualCard, rewrite_kdd: bool = False) -> dict[str, Any]:
    """Start a lock as ``shown`` and run every script on ``actual``."""
    client = p.login()
    view = p.start(client, "lock", shown, app_id=APP).json()
    for _ in range(5):
        if view["state"] != "running":
            break
        body = run_script(actual, view["script"])
        if rewrite_kdd and view["step"] == 1:
            iu = bytes.fromhex(body["responses"][-1])
            assert parse_initialize_update(iu).kdd == actual.state.kdd
            body["responses"][-1] = (shown.state.kdd + iu[10:]).hex().upper()
        view = p.post(client, view, body).json()
    return view


@pytest.mark.parametrize(
    ("variant", "db_url"), on_both("kdd_rewritten", "reported_kdd", "unregistered_first_contact"), indirect=["db_url"]
)
def test_another_card_is_refused_before_it_is_changed(flow_platform: FlowPlatform, variant: str) -> None:
    p = flow_platform
    if variant == "kdd_rewritten":  # with per-card keys the cryptogram fails first (the test below)
        p.batch_wide()
    a, seid_a = _installed(p)
    b, seid_b = _installed(p)
    if variant == "unregistered_first_contact":
        with transaction(p.sessions) as session:
            se = session.get(SecureElement, seid_a)
            se.kdd = se.cin = None
    view = _relay_to(p, a, b, rewrite_kdd=variant == "kdd_rewritten")
    _assert_refused(p, view, seid_a, "card.wrong_card")
    for card, seid in ((a, seid_a), (b, seid_b)):
        assert not card.state.app(INSTANCE).locked and app_state(p, seid, APP) == "Usable"
    # No identity was asked in clear: script 1 is SELECT + INITIALIZE UPDATE only.
    first = p.query_db(sa.select(SecureElement.kdd).where(SecureElement.seid == seid_a))
    assert first[0] in (None, a.state.kdd.hex().upper())


@SQLITE
def test_identity_is_read_inside_the_channel_and_recorded_at_first_contact(flow_platform: FlowPlatform) -> None:
    p = flow_platform
    p.batch_wide()  # per-card keys prove the card by the cryptogram: nothing more is read
    card = p.card(register=False)
    seid = card.state.seid.hex().upper()
    run = p.run("query", card)
    assert run.state == "done", run.error
    first = run.scripts[0]["commands"]
    assert [bytes.fromhex(c["apdu"])[1] for c in first] == [0xA4, 0x50]  # SELECT, INITIALIZE UPDATE
    identity = bytes.fromhex(run.scripts[1]["commands"][1]["apdu"])
    assert identity[:4] == bytes.fromhex("84CA0045")  # GET DATA CIN under C-MAC (and R-MAC)
    assert _se(p, seid).cin == seid


# --- item 3: replays are state-aware -----------------------------------------------------------


def _lock_at_step_2(p: FlowPlatform) -> tuple[VirtualCard, str, requests.Session, dict[str, Any], dict[str, Any]]:
    card, seid = _installed(p)
    client = p.login()
    view = p.start(client, "lock", card, app_id=APP).json()
    body = run_script(card, view["script"])
    running = p.post(client, view, body).json()
    assert running["state"] == "running" and running["script"]
    return card, seid, client, body, running


def _replay(p: FlowPlatform, client: requests.Session, body: dict[str, Any], op: str) -> dict[str, Any]:
    reply = client.post(p.api(f"/operations/{op}/steps/{body['step']}"), json=body)
    assert reply.status_code == 200, reply.text
    return reply.json()


@pytest.mark.parametrize(("how", "db_url"), on_both("expiry", "cancel", "abort"), indirect=["db_url"])
def test_replayed_step_of_a_finished_operation_answers_its_state_not_a_script(
    flow_platform: FlowPlatform, how: str
) -> None:
    p = flow_platform
    card, seid, client, body, running = _lock_at_step_2(p)
    if how == "cancel":
        assert client.post(p.api(f"/operations/{running['id']}/cancel")).status_code == 200
        expected = "cancelled"
    elif how == "abort":
        admin = p.login("admin", "counter-02")
        assert admin.post(p.api(f"/admin/links/{seid}/abort")).status_code == 200
        expected = "cancelled"
    else:
        with transaction(p.sessions) as session:
            session.execute(sa.update(SeLink).where(SeLink.seid == seid).values(expires_at=utcnow() - timedelta(seconds=1)))
        other = p.login("clerk2", "counter-02")
        assert p.run("query", card, client=other).state == "done"  # takes the stale link over
        expected = "failed"
        assert any(d["operation"] == running["id"] and d["error"] == "lease.expired" for d in _audit(p, "operation.failed"))
    again = _replay(p, client, body, running["id"])
    assert again["state"] == expected and again.get("script") is None and again.get("need_card") is None
    assert not card.state.app(INSTANCE).locked and app_state(p, seid, APP) == "Usable"
    assert p.scalar(sa.select(sa.func.count()).select_from(SeLink).where(SeLink.operation_id == running["id"])) == 0


# --- item 9: no stranded phones ----------------------------------------------------------------


def test_restart_mid_download_then_the_same_terminal_resumes_and_another_waits(flow_platform: FlowPlatform) -> None:
    p = flow_platform
    card = p.card()
    seid = card.state.seid.hex().upper()
    client = p.login()
    view = p.start(client, "download", card, app_id=APP).json()
    while view["state"] == "running" and not _writes(view):
        view = p.post(client, view, run_script(card, view["script"])).json()
    p.restart()
    # Another terminal is told the phone is busy, in words a kiosk may show.
    kiosk = p.login("kiosk1", "kiosk-01")
    busy = p.start(kiosk, "query", card)
    assert busy.status_code == 409 and busy.json()["code"] == "se_busy"
    shown = busy.text
    for secret in (seid, view["id"], "clerk1"):
        assert secret not in shown
    # The same terminal and operator take their own operation over at once and finish the job.
    again = p.login()
    run = p.run("download", card, client=again, app_id=APP)
    assert run.state == "done", run.error
    assert app_state(p, seid, APP) == "Usable" and card.state.app(INSTANCE) is not None
    old = again.get(p.api(f"/operations/{view['id']}")).json()
    assert old["state"] == "cancelled" and old["error"]["code"] == "operation.taken_over"
    assert any(d["operation"] == view["id"] for d in _audit(p, "operation.cancelled"))


@SQLITE
def test_restart_mid_download_then_release(flow_platform: FlowPlatform) -> None:
    p = flow_platform
    card = p.card()
    seid = card.state.seid.hex().upper()
    client = p.login()
    view = p.start(client, "download", card, app_id=APP).json()
    view = p.post(client, view, run_script(card, view["script"])).json()
    p.restart()
    again = p.login()
    released = again.post(p.api(f"/operations/{view['id']}/cancel"))
    assert released.status_code == 200 and released.json()["state"] == "cancelled"
    other = p.login("clerk2", "counter-02")
    assert p.run("query", card, client=other).state == "done"
    assert app_state(p, seid, APP) == "Ready" and card.state.app(INSTANCE) is None


@SQLITE
def test_per_card_keys_prove_identity_so_a_lock_keeps_two_round_trips(flow_platform: FlowPlatform) -> None:
    """Keys diversified from the *registered* KDD: only the registered card can answer the
    cryptogram, so the identity read and the write share script 2; another card fails before
    EXTERNAL AUTHENTICATE even when the terminal rewrites its KDD."""
    p = flow_platform  # the demo batch: per-card keys (EMV CPG 2.04), registered KDDs
    a, b = p.card(), p.card()
    seid_a = a.state.seid.hex().upper()
    assert p.run("download", a, app_id=APP).state == "done"
    view = _relay_to(p, a, b, rewrite_kdd=True)  # b's KDD rewritten to a's: the cryptogram fails
    assert view["state"] == "failed" and view["error"]["code"] == "scp02.card_cryptogram"
    assert b.state.key_sets[0].seq == 0  # nothing reached EXTERNAL AUTHENTICATE on b
    locked = p.run("lock", a, app_id=APP)
    assert locked.state == "done", locked.error
    assert locked.round_trips == 2
    assert a.state.app(INSTANCE).locked and app_state(p, seid_a, APP) == "Locked"


@SQLITE
def test_a_card_without_cin_is_identified_by_its_cplc(flow_platform: FlowPlatform) -> None:
    """Many real eSEs answer GET DATA 0045 with 6A88: such a card is known by its CPLC chip
    identity, read inside the channel, instead of being refused; no command expected to fail."""
    p = flow_platform
    card = new_card(None, bytes.fromhex(new_seid()))
    card.state.has_cin = False
    seid = parse_cplc(cplc(card.state)).serial.hex().upper()
    with transaction(p.sessions) as session:
        ensure_se(session, seid)
        session.add(MsisdnBinding(seid=seid, msisdn=MSISDN))
    run = p.run("download", card, app_id=APP)
    assert run.state == "done", run.error
    identity = [bytes.fromhex(c["apdu"]) for c in run.scripts[1]["commands"]][1]
    assert identity[:4] == bytes.fromhex("84CA9F7F")  # CPLC, inside the channel
    assert _se(p, seid).cplc_serial == seid and _se(p, seid).cin is None
    other = new_card(None, bytes.fromhex(new_seid()))
    other.state.has_cin = False
    view = _relay_to(p, card, other)  # another chip behind the same terminal: refused
    assert view["error"]["code"] == "card.wrong_card"
    assert not card.state.app(INSTANCE).locked and not other.state.apps
