"""Download over real HTTPS against virtual SEs (seed §5.8.4.1, §5.8.4.6, §5.8.7, §5.8.8)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ota.gp.constants import AppLifeCycle
from ota.platform.models import SecureElement, Subscription
from tests.platform.flow_support import MSISDN, FlowPlatform, app_id, app_state, flow_platform  # noqa: F401

CAPS = {
    "JCMemory": "4A43416C6754657375",
    "JCAlgTest": "4A43416C6754657374",
    "YubicoYubiKeyOath": "A0000005272101",
    "PChovanecJCOpenPGP": "D27600012400",
    "AnssiSmartPGP": "D27600012401",
}
FINAL = {"YubicoYubiKeyOath": "Personalized"}  # needs activation: waits in Personalized


@pytest.mark.parametrize("name", sorted(CAPS))
def test_download_each_real_cap_in_three_round_trips(flow_platform: FlowPlatform, name: str) -> None:
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    free_before = card.state.nvm_free
    run = flow_platform.run("download", card, app_id=name, cardholder_name="Zhang San")
    assert run.state == "done", run.error
    assert run.round_trips == 3
    assert run.scripts[2]["load_blocks"] == run.result["load_blocks"] > 0
    load_file = card.state.load_file(bytes.fromhex(CAPS[name]))
    assert load_file is not None
    instances = [a for a in card.state.apps if a.load_file_aid == load_file.aid]
    assert instances and all(a.life_cycle >= AppLifeCycle.SELECTABLE for a in instances)
    assert app_state(flow_platform, seid, name) == run.result["state"] == FINAL.get(name, "Usable")
    se = flow_platform.scalar(sa.select(SecureElement).where(SecureElement.seid == seid))
    code_size = run.result["space"]["free_recorded"]
    assert se.recorded_free_space == code_size == free_before - _code_size(flow_platform, name)
    subscribed = flow_platform.scalar(
        sa.select(Subscription.active).where(
            Subscription.msisdn == MSISDN, Subscription.application_id == app_id(flow_platform, name)
        )
    )
    assert subscribed is (True if FINAL.get(name, "Usable") == "Usable" else None)


def _code_size(platform: FlowPlatform, name: str) -> int:
    from ota.platform.models import Application

    return int(platform.scalar(sa.select(Application.code_size).where(Application.name == name)))


def test_personalisation_mode_3_reaches_the_applet(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    run = flow_platform.run("download", card, app_id="PChovanecJCOpenPGP", cardholder_name="Zhang San")
    assert run.state == "done", run.error
    app = next(a for a in card.state.apps if a.load_file_aid == bytes.fromhex(CAPS["PChovanecJCOpenPGP"]))
    assert app.data[0x5E] == MSISDN.encode()
    assert app.data[0x5B] == b"Zhang San"
    assert app.data[0x5F2D] == bytes.fromhex("7A68656E")
    # INSTALL [for personalization] went through the ISD's channel (CLA 84) before the data.
    ins = [(a[0], a[1]) for a in run.apdus()]
    assert (0x84, 0xE6) in ins and (0x84, 0xE2) in ins


def _template(platform: FlowPlatform, name: str, template: dict) -> None:  # type: ignore[type-arg]
    from ota.platform.db import transaction
    from ota.platform.models import Application

    with transaction(platform.sessions) as session:
        app = session.scalars(sa.select(Application).where(Application.name == name)).one()
        app.perso_template, app.needs_personalisation = template, True


def test_personalisation_mode_3_then_mode_1_pass_through_last(flow_platform: FlowPlatform) -> None:
    _template(
        flow_platform,
        "JCMemory",
        {
            "steps": [
                {"mode": 3, "records": [{"tag": "5E", "source": "subscriber:msisdn", "encoding": "ascii"}]},
                # The business platform's own command, passed through as is: reads back the 5E.
                {"mode": 1, "apdus": [{"apdu": "80CA005E00", "accept": ["9000"]}]},
            ]
        },
    )
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    run = flow_platform.run("download", card, app_id="JCMemory")
    assert run.state == "done", run.error
    tail = [c["apdu"] for c in run.scripts[2]["commands"][-2:]]
    assert tail == ["00A404000A4A43416C67546573753100", "80CA005E00"]  # plain, after every SM command
    assert app_state(flow_platform, seid, "JCMemory") == "Usable"


def test_refused_pass_through_command_leaves_the_app_instantiated(flow_platform: FlowPlatform) -> None:
    _template(flow_platform, "JCMemory", {"mode": 1, "apdus": ["80CA009900"]})
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    run = flow_platform.run("download", card, app_id="JCMemory")
    assert (run.state, run.error["code"]) == ("failed", "card.status_word")
    assert run.error["detail"] == {"command": "perso:4A43416C675465737531:apdu:0", "sw": "6A88", "state": "Instantiated"}
    assert app_state(flow_platform, seid, "JCMemory") == "Instantiated"


def test_not_enough_space_is_refused_before_loading(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card(nvm=8 * 1024)
    run = flow_platform.run("download", card, app_id="JCAlgTest")
    assert (run.state, run.error["code"]) == ("failed", "se.no_space")
    assert run.round_trips == 2
    assert run.error["detail"]["free"] == card.state.nvm_free
    assert not any(a[1] == 0xE8 for a in run.apdus())


def test_incompatible_batch_and_blacklisted_provider(flow_platform: FlowPlatform) -> None:
    from ota.platform.db import transaction
    from ota.platform.models import Application, ApplicationBatch, Provider, SeBatch

    with transaction(flow_platform.sessions) as session:
        app = session.scalars(sa.select(Application).where(Application.name == "JCMemory")).one()
        session.get(Provider, app.provider_id).blacklisted = True
        other = session.scalars(sa.select(Application).where(Application.name == "JCAlgTest")).one()
        demo_a = session.scalars(sa.select(SeBatch.id).where(SeBatch.name == "DEMO-A")).one()
        session.execute(
            sa.delete(ApplicationBatch).where(ApplicationBatch.application_id == other.id, ApplicationBatch.batch_id == demo_a)
        )
    card = flow_platform.card()
    assert flow_platform.run("download", card, app_id="JCMemory").error["code"] == "provider.blacklisted"
    assert flow_platform.run("download", card, app_id="JCAlgTest").error["code"] == "app.batch_incompatible"


def test_activation_timeout_then_download_again_needs_no_card_writes(flow_platform: FlowPlatform) -> None:
    """§5.8.7.2: Personalized -> Instantiated after the activation period; a new download only
    moves it back to Personalized (the card already holds everything)."""
    from ota.platform.db import transaction
    from ota.platform.flows.states import set_state
    from ota.platform.models import AppState

    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    assert flow_platform.run("download", card, app_id="YubicoYubiKeyOath").state == "done"
    the_app = app_id(flow_platform, "YubicoYubiKeyOath")
    with transaction(flow_platform.sessions) as session:
        set_state(session, seid, the_app, AppState.INSTANTIATED)
    run = flow_platform.run("download", card, app_id="YubicoYubiKeyOath")
    assert run.state == "done", run.error
    assert run.round_trips == 2 and run.result["resumed_from"] == "Instantiated"
    assert app_state(flow_platform, seid, "YubicoYubiKeyOath") == "Personalized"


def test_missing_security_domain_is_created_first_and_the_app_extradited(flow_platform: FlowPlatform) -> None:
    from ota.gp.constants import Privilege
    from ota.platform.db import transaction
    from ota.platform.models import Application, SecurityDomain

    ssd = "A00000015153504101"
    with transaction(flow_platform.sessions) as session:
        session.add(SecurityDomain(aid=ssd, name="Mobile SSD", owner="mobile", privileges=int(Privilege.SECURITY_DOMAIN)))
        session.flush()
        session.scalars(sa.select(Application).where(Application.name == "JCMemory")).one().sd_aid = ssd
    card = flow_platform.card()
    run = flow_platform.run("download", card, app_id="JCMemory")
    assert run.state == "done", run.error
    assert run.round_trips == 3 and run.result["sd_created"] == ssd
    domain = card.state.app(bytes.fromhex(ssd))
    assert domain is not None and domain.is_sd
    assert card.state.app(bytes.fromhex("4A43416C675465737531")).sd_aid == bytes.fromhex(ssd)
    query = flow_platform.run("query", card)
    assert ssd in [sd["aid"] for sd in query.result["security_domains"]]
