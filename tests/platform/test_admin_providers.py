"""Providers end to end over HTTPS (seed §5.6): register, approve, change, self-service,
blacklist (download refused; lock and delete allowed), deregister after archiving."""

from __future__ import annotations

from tests.platform.admin_support import AdminPlatform, admin_platform, submission  # noqa: F401
from tests.platform.flow_support import MSISDN, OTHER_MSISDN

ACME = {
    "name": "Acme",
    "basic": {"number": "P-001", "kind": "third_party", "business_licence": "BL-9", "app_types": "transport"},
    "extended": {"address": "1 Road", "phone": "020-1234"},
}


def test_provider_from_registration_to_deregistration(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    badmin, tester, clerk, admin = p.login("badmin", "laptop-01"), p.login("tester1"), p.login(), p.login("admin")

    assert tester.post(p.admin("/providers"), json=ACME).status_code == 403
    registered = badmin.post(p.admin("/providers"), json=ACME).json()
    assert (registered["state"], registered["spid"]) == ("pending", None) and "state_zh" not in registered
    pending = badmin.get(p.admin("/providers"), params={"state": "pending"}).json()["providers"]
    assert [x["name"] for x in pending] == ["Acme"]
    # a pending provider cannot submit applications
    assert badmin.post(p.admin("/apps"), json=submission(provider="Acme")).json()["code"] == "provider.not_active"

    no_account = badmin.post(p.admin("/providers/Acme/approval"), json={"approve": True})
    assert (no_account.status_code, no_account.json()["code"]) == (422, "provider.account_missing")
    approved = badmin.post(
        p.admin("/providers/Acme/approval"), json={"approve": True, "account": "acme", "password": "acme-first-pw1"}
    )
    assert approved.status_code == 200, approved.text
    assert "acme-first-pw1" not in approved.text
    assert approved.json()["state"] == "approved" and approved.json()["spid"].startswith("SP")
    p.extra = {"acme": ("acme-first-pw1", None, "-")}
    acme = p.login("acme", "laptop-01")

    # extended attributes by the provider, basic ones by administrators only (§5.6.4)
    changed = acme.put(p.admin("/providers/Acme/extended"), json={"address": "2 Road", "contact": "Li"}).json()
    assert changed["extended"]["address"] == "2 Road"
    assert acme.put(p.admin("/providers/Acme/basic"), json={"number": "X"}).status_code == 403
    assert acme.put(p.admin("/providers/CRoCS/extended"), json={"address": "x"}).status_code == 403
    assert badmin.put(p.admin("/providers/Acme/basic"), json={"number": "P-002"}).json()["basic"]["number"] == "P-002"

    # the provider submits its own application, not someone else's
    assert acme.post(p.admin("/apps"), json=submission(provider="CRoCS")).status_code == 403
    assert acme.post(p.admin("/apps"), json=submission(provider="Acme")).status_code == 200
    assert acme.get(p.admin("/providers")).status_code == 403
    badmin.post(p.admin("/apps/MemProbe/audit"), json={})
    tester.post(p.admin("/apps/MemProbe/test"), json={})
    badmin.post(p.admin("/apps/MemProbe/publish"), json={"batches": ["DEMO-A"]})
    card = p.card()
    assert p.run("download", card, client=clerk, app_id="MemProbe").state == "done"
    seid = card.state.seid.hex().upper()

    # self-service (§5.6.7): its apps, its downloads by MSISDN / SEID, the SEs holding them
    assert [a["name"] for a in acme.get(p.admin("/self/apps"), params={"state": "published"}).json()["apps"]] == ["MemProbe"]
    assert len(acme.get(p.admin("/self/downloads"), params={"msisdn": MSISDN}).json()["downloads"]) == 1
    assert acme.get(p.admin("/self/downloads"), params={"msisdn": OTHER_MSISDN}).json()["downloads"] == []
    assert acme.get(p.admin("/self/downloads"), params={"seid": seid}).json()["downloads"][0]["app"] == "MemProbe"
    ses = acme.get(p.admin("/self/ses")).json()
    assert ses["ses_with_my_apps"] == 1 and ses["holdings"][0]["seid"] == seid and ses["registered_ses"] >= 1
    assert badmin.get(p.admin("/self/ses")).status_code == 403
    bad = acme.post(p.admin("/self/password"), json={"old": "wrong", "new": "acme-second-pw2"})
    assert bad.json()["code"] == "auth.bad_credentials"
    assert acme.post(p.admin("/self/password"), json={"old": "acme-first-pw1", "new": "acme-second-pw2"}).ok
    p.extra = {"acme": ("acme-second-pw2", None, "-")}

    # blacklist (§5.6.6): no login, no download; lock and delete still work for subscribers
    assert badmin.put(p.admin("/providers/Acme/blacklist"), json={"blacklisted": True}).json()["blacklisted"]
    refused_login = p.client_login_status("acme", "acme-second-pw2")
    assert refused_login == 401
    assert acme.get(p.admin("/self/apps")).status_code == 401
    blacklisted = badmin.get(p.admin("/providers"), params={"blacklisted": True}).json()["providers"]
    assert [x["name"] for x in blacklisted] == ["Acme"]
    run = p.run("download", p.card(), client=clerk, app_id="MemProbe")
    assert (run.state, run.error["code"]) == ("failed", "provider.blacklisted")
    assert p.run("lock", card, client=clerk, app_id="MemProbe").state == "done"
    assert p.run("delete", card, client=clerk, app_id="MemProbe").state == "done"
    assert badmin.put(p.admin("/providers/Acme/blacklist"), json={"blacklisted": False}).status_code == 200
    assert p.client_login_status("acme", "acme-second-pw2") == 200

    # deregister (§5.6.5): only after every app is archived
    assert badmin.post(p.admin("/providers/Acme/deregister")).status_code == 403
    early = admin.post(p.admin("/providers/Acme/deregister"))
    assert (early.status_code, early.json()["code"], early.json()["detail"]["apps"]) == (
        409, "provider.apps_not_archived", ["MemProbe"]
    )
    assert badmin.post(p.admin("/apps/MemProbe/archive"), json={}).json()["removals"] == []
    assert badmin.get(p.admin("/apps/MemProbe")).json()["state"] == "archived"
    gone = admin.post(p.admin("/providers/Acme/deregister")).json()
    assert gone["state"] == "deregistered"
    assert p.client_login_status("acme", "acme-second-pw2") == 401
