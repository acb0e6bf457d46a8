"""Subscribers (seed §5.5) and business platforms' notices (§5.7.1, §5.8.7.2) over HTTPS."""

from __future__ import annotations

import sqlalchemy as sa

from ota.platform.models import MsisdnBinding, Subscription
from tests.platform.admin_support import AdminPlatform, admin_platform, sqlite_only  # noqa: F401
from tests.platform.flow_support import MSISDN, OTHER_MSISDN, app_id, app_state

OATH = "YubicoYubiKeyOath"  # needs activation: waits in Personalized after download


def _platform_account(p: AdminPlatform, badmin, name: str, provider: str, capabilities: list[str]):  # noqa: ANN001, ANN202
    body = {"account": name, "password": f"{name}-password", "provider": provider, "capabilities": capabilities}
    reply = badmin.post(p.admin("/business-platforms"), json=body)
    assert reply.status_code == 200, reply.text
    p.extra = {**getattr(p, "extra", {}), name: (f"{name}-password", None, "-")}
    return p.login(name, "laptop-01")


def test_activation_and_unsubscribe_notices_check_the_business_platform(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    badmin, clerk = p.login("badmin", "laptop-01"), p.login()
    notifier = _platform_account(p, badmin, "yubico-bp", "Yubico", ["activation_notice"])
    downloader = _platform_account(p, badmin, "yubico-dl", "Yubico", ["download"])
    unsubscriber = _platform_account(p, badmin, "yubico-un", "Yubico", ["unsubscribe_notice"])
    anssi = _platform_account(p, badmin, "anssi-bp", "ANSSI", ["activation_notice"])
    card = p.card()
    seid = card.state.seid.hex().upper()
    assert p.run("download", card, client=clerk, app_id=OATH).state == "done"
    assert app_state(p, seid, OATH) == "Personalized"

    activate = {"kind": "activate", "msisdn": MSISDN, "app": OATH}
    refused = downloader.post(p.admin("/business/notices"), json=activate)
    assert (refused.status_code, refused.json()["code"]) == (403, "business.capability")
    assert clerk.post(p.admin("/business/notices"), json=activate).json()["code"] == "auth.forbidden"
    assert anssi.post(p.admin("/business/notices"), json=activate).json()["code"] == "business.not_owner"
    assert app_state(p, seid, OATH) == "Personalized"
    done = notifier.post(p.admin("/business/notices"), json=activate)
    assert done.status_code == 200, done.text
    assert done.json()["changed"] == {seid: "Usable"} and app_state(p, seid, OATH) == "Usable"
    again = notifier.post(p.admin("/business/notices"), json=activate)
    assert (again.status_code, again.json()["code"]) == (409, "business.no_such_app_state")

    unsubscribe = {**activate, "kind": "unsubscribe"}
    assert notifier.post(p.admin("/business/notices"), json=unsubscribe).json()["code"] == "business.capability"
    assert unsubscriber.post(p.admin("/business/notices"), json=unsubscribe).json()["changed"] == {seid: "Instantiated"}
    active = p.scalar(sa.select(Subscription.active).where(
        Subscription.msisdn == MSISDN, Subscription.application_id == app_id(p, OATH)))
    assert active is False

    # no activation notice within the configured period: back to Instantiated
    late = p.card(msisdn=OTHER_MSISDN)
    late_seid = late.state.seid.hex().upper()
    assert p.run("download", late, client=clerk, app_id=OATH).state == "done"
    admin = p.login("admin", "laptop-01")
    assert badmin.post(p.admin("/activations/expire")).json()["fallen_back"] == []  # 72 hours not over
    assert admin.put(p.admin("/parameters/activation.timeout_hours"), json={"value": 0}).ok
    fallen = badmin.post(p.admin("/activations/expire")).json()["fallen_back"]
    assert fallen == [{"seid": late_seid, "app": OATH}] and app_state(p, late_seid, OATH) == "Instantiated"


@sqlite_only
def test_registration_leaving_the_network_and_deregistration(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    badmin, clerk, tester = p.login("badmin", "laptop-01"), p.login(), p.login("tester1")
    new_number = "13500135000"
    assert tester.post(p.admin("/subscribers"), json={"msisdn": new_number, "region": "GD-GZ"}).status_code == 403
    added = badmin.post(p.admin("/subscribers"), json={"msisdn": new_number, "region": "GD-GZ"}).json()
    assert (added["in_service"], added["ses"]) == (True, [])

    # a number with apps cannot deregister (§5.5.3)
    card = p.card()
    assert p.run("download", card, client=clerk, app_id="AnssiSmartPGP").state == "done"
    busy = badmin.post(p.admin(f"/subscribers/{MSISDN}/deregister"))
    assert (busy.status_code, busy.json()["code"]) == (409, "subscriber.has_apps")
    assert busy.json()["detail"]["subscriptions"] == ["AnssiSmartPGP"]

    # leaving the network (§5.5.6): the SE is released and registers to a new number (§5.5.2 3b)
    old = p.card(msisdn=OTHER_MSISDN)
    old_seid = old.state.seid.hex().upper()
    left = badmin.post(p.admin(f"/subscribers/{OTHER_MSISDN}/leave")).json()
    assert (left["in_service"], left["ses"]) == (False, [])
    run = p.run("query", old, client=clerk, msisdn=new_number)
    assert run.state == "done", run.error
    assert p.scalar(sa.select(MsisdnBinding.msisdn).where(MsisdnBinding.seid == old_seid)) == new_number
    assert badmin.get(p.admin(f"/subscribers/{new_number}")).json()["ses"] == [old_seid]

    # a number whose SEs hold nothing deregisters: its SEs are free again
    gone = badmin.post(p.admin(f"/subscribers/{new_number}/deregister"))
    assert gone.status_code == 200, gone.text
    assert gone.json()["ses"] == [] and p.scalar(sa.select(MsisdnBinding).where(MsisdnBinding.seid == old_seid)) is None
