"""SE batches (seed §5.8.1) and system management (§5.7.3) over HTTPS."""

from __future__ import annotations

import sqlalchemy as sa

from ota.platform.models import SecureElement
from tests.platform.admin_support import AdminPlatform, admin_platform, sqlite_only  # noqa: F401
from tests.platform.flow_support import MSISDN

BATCH = {
    "name": "GZ-2027",
    "seid_start": "86860200000000000000",
    "seid_end": "868602FFFFFFFFFFFFFF",
    "chip_type": "virtual-GP221",
    "cms2ac_version": "1.1",
    "java_version": "3.0.4",
    "initial_free_space": 300000,
    "key_set_ref": "demo-isd",
    "scp_i": 0x35,  # the virtual cards' i: R-MAC capable, so outcomes are authenticated (issue 9)
    "preloads": [{"aid": "A0000003330101", "kind": "app", "memory": "rom", "state": "Usable"},
                 {"aid": "A000000151535041", "kind": "sd", "memory": "flash", "state": "Personalized"}],
}


def test_a_new_batch_serves_its_seid_range(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    admin, badmin, clerk = p.login("admin", "laptop-01"), p.login("badmin"), p.login()
    assert badmin.post(p.admin("/batches"), json=BATCH).status_code == 403
    overlapping = admin.post(p.admin("/batches"), json={**BATCH, "seid_start": "868601FFFFFFFFFFFF00", "seid_end": "86860200000000000010"})
    assert (overlapping.status_code, overlapping.json()["code"]) == (409, "batch.overlap")
    bad_range = admin.post(p.admin("/batches"), json={**BATCH, "seid_end": "8686"})
    assert (bad_range.status_code, bad_range.json()["code"]) == (422, "request.invalid")
    added = admin.post(p.admin("/batches"), json=BATCH)
    assert added.status_code == 200, added.text
    assert sorted(x["kind"] for x in added.json()["preloads"]) == ["app", "sd"]
    found = badmin.get(p.admin("/batches/by-seid/86860212345678901234")).json()
    assert (found["name"], found["cms2ac_version"], found["initial_free_space"]) == ("GZ-2027", "1.1", 300000)
    assert badmin.get(p.admin("/batches/by-seid/99")).status_code == 404

    # a phone of the new batch is served at the counter and recorded under it
    seid = "86860200000000000042"
    run = p.run("query", p.card(seid=seid), client=clerk)
    assert run.state == "done", run.error
    se = p.scalar(sa.select(SecureElement).where(SecureElement.seid == seid))
    assert se.batch_id == found["id"]
    changed = admin.put(p.admin("/batches/GZ-2027"), json={**BATCH, "chip_type": "chip-B", "preloads": []}).json()
    assert (changed["chip_type"], changed["preloads"], changed["ses"]) == ("chip-B", [], 1)
    assert "GZ-2027" in [b["name"] for b in badmin.get(p.admin("/batches")).json()["batches"]]
    assert clerk.get(p.admin("/batches")).status_code == 403


@sqlite_only
def test_operators_regions_and_parameters(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    admin, badmin = p.login("admin", "laptop-01"), p.login("badmin")
    province = {"code": "GD", "name_zh": "广东", "name_en": "Guangdong", "level": "province"}
    assert admin.post(p.admin("/regions"), json=province).status_code == 200
    city = {"code": "GD-GZ", "name_zh": "广州", "level": "city", "parent": "GD"}
    assert admin.post(p.admin("/regions"), json=city).status_code == 200
    wrong = admin.post(p.admin("/regions"), json={"code": "X1", "name_zh": "某县", "level": "county", "parent": "GD"})
    assert (wrong.status_code, wrong.json()["code"], wrong.json()["detail"]["field"]) == (422, "region.parent", "parent")
    assert admin.post(p.admin("/regions"), json=province).json()["code"] == "region.exists"

    operator = {"name": "clerk9", "password": "clerk9-password", "role": "clerk", "region": "GD-GZ"}
    assert badmin.post(p.admin("/operators"), json=operator).status_code == 403
    unknown_region = admin.post(p.admin("/operators"), json={**operator, "region": "NOWHERE"})
    assert unknown_region.status_code == 404
    added = admin.post(p.admin("/operators"), json=operator)
    assert added.status_code == 200 and "password" not in added.json()
    assert p.client_login_status("clerk9", "clerk9-password", "counter-01") == 200
    assert admin.patch(p.admin("/operators/clerk9"), json={"active": False}).json()["active"] is False
    assert p.client_login_status("clerk9", "clerk9-password", "counter-01") == 401

    assert admin.put(p.admin("/parameters/archive.max_attempts"), json={"value": 5, "description": "retries"}).ok
    listing = badmin.get(p.admin("/system")).json()
    assert {"name": "archive.max_attempts", "value": 5, "description": "retries"} in listing["parameters"]
    assert [r["code"] for r in listing["regions"]] == ["GD", "GD-GZ"]
    assert "clerk9" in [o["name"] for o in listing["operators"]] and listing["terminals"]
    assert admin.delete(p.admin("/parameters/archive.max_attempts")).ok
    assert admin.delete(p.admin("/parameters/archive.max_attempts")).status_code == 404
    assert MSISDN  # the flow support's subscribers stay untouched by system management


@sqlite_only
def test_statistics_count_operations_failures_and_space(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    badmin, clerk, tester = p.login("badmin", "laptop-01"), p.login(), p.login("tester1")
    card = p.card()
    assert p.run("download", card, client=clerk, app_id="AnssiSmartPGP").state == "done"
    assert p.run("download", card, client=clerk, app_id="AnssiSmartPGP").state == "failed"  # already installed
    assert p.run("query", card, client=clerk).state == "done"
    figures = badmin.get(p.admin("/stats")).json()
    assert figures["by_kind"] == {"download": 2, "query": 1} and figures["operations"] == 3
    assert figures["by_app"] == {"AnssiSmartPGP": 2}
    assert figures["by_region"] == {"GD-GZ": 3} and sum(figures["by_day"].values()) == 3
    assert figures["failures_by_reason"] == {"app.already_installed": 1}
    demo_a = next(b for b in figures["space_by_batch"] if b["batch"] == "DEMO-A")
    assert demo_a["ses"] >= 1 and demo_a["free_min"] < 512 * 1024
    assert figures["registered_ses"] >= 1 and figures["subscribers"] == 4
    later = badmin.get(p.admin("/stats"), params={"since": "2999-01-01T00:00:00Z"}).json()
    assert later["operations"] == 0
    assert tester.get(p.admin("/stats")).status_code == 403


def test_bad_references_are_refused_not_crashed(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    badmin = p.login("badmin", "laptop-01")
    for method, path, body in (
        ("get", "/apps/99999999999999999999", None),
        ("post", "/removals/99999999999999/consent", {"consent": True}),
        ("get", "/batches/by-seid/ZZ", None),
        ("post", "/apps", {"name": "x"}),
        ("post", "/apps/Nope/publish", {"batches": ["DEMO-A"]}),
        ("put", "/providers/Nope/blacklist", {"blacklisted": True}),
    ):
        reply = getattr(badmin, method)(p.admin(path), **({"json": body} if body is not None else {}))
        assert reply.status_code in (404, 422), (path, reply.text)
        assert reply.json()["code"] in ("not_found", "request.invalid"), path
