"""Lock and unlock over real HTTPS (seed §5.8.4.3), with the registration checks of §5.5.2."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from ota.platform.cards import ensure_se
from ota.platform.db import transaction
from ota.platform.models import LostSe, MsisdnBinding, Subscriber
from ota.vse import cli as vse_cli
from ota.vse.card import VirtualCard
from tests.platform.flow_support import (  # noqa: F401
    DEAD_MSISDN,
    FOREIGN_MSISDN,
    MSISDN,
    FlowPlatform,
    app_state,
    flow_platform,
)

APP = "JCMemory"
INSTANCE = bytes.fromhex("4A43416C675465737531")
SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _installed(platform: FlowPlatform, **card_args: object):  # noqa: ANN202
    card = platform.card(**card_args)  # type: ignore[arg-type]
    run = platform.run("download", card, app_id=APP)
    assert run.state == "done", run.error
    return card, card.state.seid.hex().upper()


def test_lock_then_unlock_two_round_trips_each(flow_platform: FlowPlatform) -> None:
    card, seid = _installed(flow_platform)
    locked = flow_platform.run("lock", card, app_id=APP)
    assert locked.state == "done", locked.error
    assert locked.round_trips == 2  # per-card keys: the cryptogram proves the card, the write shares script 2
    assert card.state.app(INSTANCE).locked
    assert app_state(flow_platform, seid, APP) == "Locked"
    # Every result names the SE and its subscriber (the terminal's receipt needs both).
    assert locked.result["seid"] == seid and locked.result["msisdn"]
    unlocked = flow_platform.run("unlock", card, app_id=APP)
    assert unlocked.state == "done", unlocked.error
    assert unlocked.round_trips == 2
    assert not card.state.app(INSTANCE).locked
    assert app_state(flow_platform, seid, APP) == "Usable"


@SQLITE
def test_batch_wide_keys_read_the_identity_before_the_lock(flow_platform: FlowPlatform) -> None:
    flow_platform.batch_wide()
    card, seid = _installed(flow_platform)
    locked = flow_platform.run("lock", card, app_id=APP)
    assert locked.state == "done", locked.error
    assert locked.round_trips == 3  # batch-wide keys: identity inside the channel before the write
    identify = [bytes.fromhex(c["apdu"])[:4] for c in locked.scripts[1]["commands"]]
    assert bytes.fromhex("84CA0045") in identify and bytes.fromhex("84F04080") not in identify  # CIN, no lock yet
    assert card.state.app(INSTANCE).locked and app_state(flow_platform, seid, APP) == "Locked"


def test_unlock_refused_at_a_kiosk(flow_platform: FlowPlatform) -> None:
    card, seid = _installed(flow_platform)
    assert flow_platform.run("lock", card, app_id=APP).state == "done"
    kiosk = flow_platform.login("kiosk1", "kiosk-01")
    # The policy table refuses it before an operation exists (issue 9 item 6).
    reply = flow_platform.start(kiosk, "unlock", card, app_id=APP)
    assert reply.status_code == 403
    assert reply.json()["code"] == "policy.forbidden"
    assert "message_zh" not in reply.json() and "message_en" not in reply.json()
    assert card.state.app(INSTANCE).locked
    assert app_state(flow_platform, seid, APP) == "Locked"


def test_lost_se_only_lock_is_allowed(flow_platform: FlowPlatform) -> None:
    card, seid = _installed(flow_platform)
    with transaction(flow_platform.sessions) as session:
        session.add(LostSe(seid=seid, reason="reported lost at counter"))
    refused = flow_platform.run("delete", card, app_id=APP)
    assert (refused.state, refused.error["code"]) == ("failed", "se.lost")
    assert set(refused.error) <= {"code", "params", "incident", "detail"}
    locked = flow_platform.run("lock", card, app_id=APP)
    assert locked.state == "done", locked.error
    assert card.state.app(INSTANCE).locked
    unlock = flow_platform.run("unlock", card, app_id=APP)
    assert unlock.error["code"] == "se.lost"


def test_lock_refused_unless_usable(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    run = flow_platform.run("lock", card, app_id=APP)
    assert (run.state, run.error["code"]) == ("failed", "app.state")
    assert run.round_trips == 0


def test_registration_checks(flow_platform: FlowPlatform) -> None:
    foreign = flow_platform.card(msisdn=FOREIGN_MSISDN)
    assert flow_platform.run("download", foreign, app_id=APP).error["code"] == "policy.region"
    dead = flow_platform.card(msisdn=DEAD_MSISDN)
    assert flow_platform.run("download", dead, app_id=APP).error["code"] == "subscriber.out_of_service"
    mine = flow_platform.card()
    elsewhere = flow_platform.run("download", mine, app_id=APP, msisdn="13800138001")
    assert elsewhere.error["code"] == "se.bound_elsewhere"
    unbound = flow_platform.card(msisdn=None)
    assert flow_platform.run("download", unbound, app_id=APP).error["code"] == "se.unregistered"
    registered = flow_platform.run("download", unbound, app_id=APP, msisdn="13800138001")
    assert registered.state == "done", registered.error
    assert flow_platform.scalar(sa.select(Subscriber.region).where(Subscriber.msisdn == "13800138001")) == "GD-GZ"


@SQLITE
def test_a_card_from_vse_new_locks_in_two_round_trips(flow_platform: FlowPlatform, tmp_path: Path) -> None:
    """``hallterm vse new`` with no options: a random SEID (the DEMO-ANY batch), per-card keys from
    the GP test key. Its first contact records the KDD the cryptogram proved; a lock then writes
    in script 2."""
    assert vse_cli.main(["new", "--state", str(tmp_path / "card.json")]) == 0
    card = VirtualCard.load(tmp_path / "card.json")
    seid = card.state.seid.hex().upper()
    with transaction(flow_platform.sessions) as session:
        ensure_se(session, seid)
        session.add(MsisdnBinding(seid=seid, msisdn=MSISDN))
    assert flow_platform.run("download", card, app_id=APP).state == "done"
    locked = flow_platform.run("lock", card, app_id=APP)
    assert (locked.state, locked.round_trips) == ("done", 2), locked.error
    assert card.state.app(INSTANCE).locked and app_state(flow_platform, seid, APP) == "Locked"
