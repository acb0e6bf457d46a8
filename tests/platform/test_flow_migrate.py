"""Service migration over real HTTPS (seed §5.5.4): two SEs of one subscriber, one reader."""

from __future__ import annotations

import sqlalchemy as sa

from ota.platform.models import SeLink, Subscription
from tests.platform.flow_support import MSISDN, OTHER_MSISDN, FlowPlatform, app_id, app_state, flow_platform  # noqa: F401

APP = "YubicoYubiKeyOath"  # needs activation: Usable on the old SE must stay Usable on the new
LOAD_FILE = bytes.fromhex("A0000005272101")


def _usable_on(platform: FlowPlatform, card) -> str:  # noqa: ANN001
    seid = card.state.seid.hex().upper()
    assert platform.run("download", card, app_id=APP).state == "done"
    from ota.platform.db import transaction
    from ota.platform.flows.download import subscribe
    from ota.platform.flows.states import set_state
    from ota.platform.models import Application, AppState

    the_app = app_id(platform, APP)
    with transaction(platform.sessions) as session:  # the business platform's activation notice
        set_state(session, seid, the_app, AppState.USABLE)
        subscribe(session, seid, session.get(Application, the_app))
    return seid


def test_migration_moves_the_app_and_keeps_the_subscription(flow_platform: FlowPlatform) -> None:
    old, new = flow_platform.card(), flow_platform.card()
    old_seid, new_seid = _usable_on(flow_platform, old), new.state.seid.hex().upper()
    run = flow_platform.run("migrate", old, cards={"target": new, "source": old}, app_id=APP)
    assert run.state == "done", run.error
    assert run.round_trips == 5  # new SE: open + survey + install; old SE: open + delete (per-card keys)
    assert new.state.load_file(LOAD_FILE) is not None and old.state.load_file(LOAD_FILE) is None
    assert app_state(flow_platform, new_seid, APP) == "Usable"
    assert app_state(flow_platform, old_seid, APP) == "Ready"
    subs = flow_platform.query_db(sa.select(Subscription).where(Subscription.application_id == app_id(flow_platform, APP)))
    assert [(s.msisdn, s.active) for s in subs] == [(MSISDN, True)]
    assert flow_platform.query_db(sa.select(SeLink)) == []  # both links released


def test_migration_needs_both_ses_on_one_msisdn(flow_platform: FlowPlatform) -> None:
    old, stranger = flow_platform.card(), flow_platform.card(msisdn=OTHER_MSISDN)
    _usable_on(flow_platform, old)
    run = flow_platform.run("migrate", old, cards={"target": stranger, "source": old}, app_id=APP)
    assert (run.state, run.error["code"]) == ("failed", "se.bound_elsewhere")
    assert stranger.state.load_file(LOAD_FILE) is None and old.state.load_file(LOAD_FILE) is not None


def test_migration_with_the_wrong_card_back(flow_platform: FlowPlatform) -> None:
    old, new, third = flow_platform.card(), flow_platform.card(), flow_platform.card()
    _usable_on(flow_platform, old)
    run = flow_platform.run(
        "migrate", old, cards={"target": new, "source": third}, app_id=APP, target_seid=new.state.seid.hex()
    )
    assert (run.state, run.error["code"]) == ("failed", "card.wrong_card")
    assert new.state.load_file(LOAD_FILE) is not None  # the new SE got it; the old one keeps it
    assert old.state.load_file(LOAD_FILE) is not None
    # Running it again finishes the job: straight to the delete on the old SE (open, delete).
    again = flow_platform.run("migrate", old, app_id=APP, target_seid=new.state.seid.hex())
    assert again.state == "done", again.error
    assert again.round_trips == 2
    assert old.state.load_file(LOAD_FILE) is None
    assert app_state(flow_platform, new.state.seid.hex().upper(), APP) == "Usable"


def test_migration_holds_the_link_of_both_ses(flow_platform: FlowPlatform) -> None:
    old, new = flow_platform.card(), flow_platform.card()
    _usable_on(flow_platform, old)
    client = flow_platform.login()
    view = flow_platform.start(client, "migrate", old, app_id=APP, target_seid=new.state.seid.hex()).json()
    assert view["state"] == "need_card" and view["need_card"]["role"] == "target"
    assert view["need_card"]["seid_expected"] == new.state.seid.hex().upper()
    other = flow_platform.login("clerk2", "counter-02")
    for card in (old, new):
        busy = flow_platform.start(other, "query", card)
        assert busy.status_code == 409 and busy.json()["code"] == "se_busy"
    done = flow_platform.relay(client, view, old, {"target": new, "source": old})
    assert done.state == "done", done.error
    assert flow_platform.run("query", new, client=other).state == "done"
