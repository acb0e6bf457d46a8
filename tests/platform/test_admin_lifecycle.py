"""Application life cycle end to end over HTTPS (seed §5.4.1–§5.4.4): a CAP the catalog never had
goes submit -> audit -> test -> publish -> counter download -> archive -> archived."""

from __future__ import annotations

import sqlalchemy as sa

from ota.platform.models import AuditEntry
from tests.platform.admin_support import (  # noqa: F401
    NEW_CAP_APPLET,
    NEW_CAP_PACKAGE,
    TEST_NUMBER,
    AdminPlatform,
    admin_platform,
    sqlite_only,
    submission,
)
from tests.platform.flow_support import app_state


def _refusals(platform: AdminPlatform, action: str) -> int:
    rows = platform.query_db(sa.select(AuditEntry).where(AuditEntry.event == "admin.refused"))
    return sum(1 for r in rows if r.detail.get("action") == action)


def test_a_new_cap_from_submission_to_archive(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    badmin, tester, clerk, admin = p.login("badmin", "laptop-01"), p.login("tester1"), p.login(), p.login("admin")

    # submit: a clerk may not; the business admin may
    assert clerk.post(p.admin("/apps"), json=submission()).json()["code"] == "auth.forbidden"
    assert _refusals(p, "app.submit") == 1
    reply = badmin.post(p.admin("/apps"), json=submission())
    assert reply.status_code == 200, reply.text
    app = reply.json()
    assert app["state"] == "initial" and "state_zh" not in app  # a code; the GUI and the CLI word it
    assert app["version_id"] == f"{NEW_CAP_APPLET}+2.0+20261201"
    assert app["app_aid"] == NEW_CAP_APPLET and app["load_files"][0]["aid"] == NEW_CAP_PACKAGE
    assert app["code_size"] > 0 and app["batches"] == ["DEMO-A"]

    # initial: not in the counter's catalog, and a download is refused
    assert "MemProbe" not in [a["name"] for a in clerk.get(p.api("/apps")).json()["apps"]]
    run = p.run("download", p.card(), client=clerk, app_id="MemProbe")
    assert (run.state, run.error["code"]) == ("failed", "release.not_available")

    # audit: a tester may not; the business admin may
    assert tester.post(p.admin("/apps/MemProbe/audit"), json={"approve": True}).status_code == 403
    assert badmin.post(p.admin("/apps/MemProbe/audit"), json={"approve": True}).json()["state"] == "audited"

    # test: only the configured test numbers may download (§5.4.4.3)
    assert admin.put(p.admin("/parameters/test.msisdns"), json={"value": [TEST_NUMBER]}).status_code == 200
    run = p.run("download", p.card(), client=clerk, app_id="MemProbe")
    assert (run.state, run.error["code"]) == ("failed", "release.test_numbers_only")
    test_card = p.card(msisdn=TEST_NUMBER)
    run = p.run("download", test_card, client=clerk, app_id="MemProbe")
    assert run.state == "done", run.error
    assert badmin.post(p.admin("/apps/MemProbe/test"), json={"approve": True}).status_code == 403
    assert tester.post(p.admin("/apps/MemProbe/test"), json={"approve": True}).json()["state"] == "tested"

    # publish names the batches (§5.4.4.4)
    assert tester.post(p.admin("/apps/MemProbe/publish"), json={"batches": ["DEMO-A"]}).status_code == 403
    published = badmin.post(p.admin("/apps/MemProbe/publish"), json={"batches": ["DEMO-A"]}).json()
    assert published["state"] == "published"

    # a clerk downloads it at the counter, over HTTPS, onto a subscriber's card
    assert "MemProbe" in [a["name"] for a in clerk.get(p.api("/apps")).json()["apps"]]
    card = p.card()
    run = p.run("download", card, client=clerk, app_id="MemProbe")
    assert run.state == "done", run.error
    assert card.state.load_file(bytes.fromhex(NEW_CAP_PACKAGE)) is not None
    seid, test_seid = card.state.seid.hex().upper(), test_card.state.seid.hex().upper()
    assert app_state(p, seid, "MemProbe") == "Usable"

    # archive: one removal per SE holding it, each waiting for the subscriber's consent
    assert clerk.post(p.admin("/apps/MemProbe/archive"), json={}).status_code == 403
    removals = badmin.post(p.admin("/apps/MemProbe/archive"), json={"method": "platform"}).json()["removals"]
    assert sorted(r["seid"] for r in removals) == sorted([seid, test_seid])
    assert {r["status"] for r in removals} == {"awaiting_consent"}
    assert badmin.get(p.admin("/apps/MemProbe")).json()["state"] == "archiving"
    by_seid = {r["seid"]: r for r in removals}
    for r in removals:
        answered = badmin.post(p.admin(f"/removals/{r['id']}/consent"), json={"consent": True}).json()
        assert answered["status"] == "queued" and answered["consent"] is True

    # the test phone is unreachable at first: the attempt fails and the removal stays queued
    failed = badmin.post(
        p.admin(f"/removals/{by_seid[test_seid]['id']}/attempts"), json={"ok": False, "error": "SE unreachable"}
    ).json()
    assert (failed["status"], failed["attempts"], failed["last_error"]) == ("queued", 1, "SE unreachable")

    # archived apps leave the catalog and cannot be downloaded any more
    assert "MemProbe" not in [a["name"] for a in clerk.get(p.api("/apps")).json()["apps"]]
    run = p.run("download", p.card(), client=clerk, app_id="MemProbe")
    assert (run.state, run.error["code"]) == ("failed", "release.not_available")

    # the counter's delete of the app completes that SE's removal
    run = p.run("delete", card, client=clerk, app_id="MemProbe")
    assert run.state == "done", run.error
    assert card.state.load_file(bytes.fromhex(NEW_CAP_PACKAGE)) is None
    assert badmin.get(p.admin("/apps/MemProbe")).json()["state"] == "archiving"

    # the retry reaches the test phone: the last removal ends the archive
    run = p.run("delete", test_card, client=clerk, app_id="MemProbe")
    assert run.state == "done", run.error
    final = badmin.get(p.admin("/apps/MemProbe/removals")).json()["removals"]
    assert {r["status"] for r in final} == {"done"}
    assert badmin.get(p.admin("/apps/MemProbe")).json()["state"] == "archived"
    events = [e.event for e in p.query_db(sa.select(AuditEntry).order_by(AuditEntry.id))]
    for event in ("app.submit", "app.audit", "app.test", "app.publish", "app.archive", "archive.removed", "app.archived"):
        assert event in events
    assert p.login("auditor1", "laptop-01").get(p.api("/admin/audit/verify")).json()["ok"] is True  # auditors read the audit (issue 9)


@sqlite_only
def test_a_declared_structure_that_differs_from_the_cap_is_refused_naming_the_field(
    admin_platform: AdminPlatform,
) -> None:
    p = admin_platform
    badmin = p.login("badmin", "laptop-01")
    good = submission()
    load_file = good["load_files"][0]
    cases = {
        "load_files[0].aid": {"load_files": [{**load_file, "aid": "A0000000010203"}]},
        "load_files[0].modules": {"load_files": [{**load_file, "modules": ["A000000001020301"]}]},
        "load_files[0].sha1": {"load_files": [{**load_file, "sha1": "00" * 20}]},
        "main_module": {"main_module": "A000000001020301"},
        "instances[0].module": {"instances": [{"aid": "A000000001020302", "module": "A000000001020301"}]},
        "memory.code": {"memory": {"code": 1}},
    }
    for field, change in cases.items():
        reply = badmin.post(p.admin("/apps"), json=submission(**change))
        assert reply.status_code == 422, (field, reply.text)
        body = reply.json()
        assert body["code"] == "release.structure_mismatch" and body["detail"]["field"] == field
        assert body["params"] == {"field": field}
    broken = badmin.post(p.admin("/apps"), json=submission(load_files=[{**load_file, "content_b64": "UEsDBA=="}]))
    assert (broken.status_code, broken.json()["code"]) == (422, "release.cap_invalid")
    # once stored, its AIDs are taken: a second submission of the same CAP is refused
    taken = badmin.post(p.admin("/apps"), json=submission(name="Again"))
    assert taken.status_code == 200
    again = badmin.post(p.admin("/apps"), json=submission(name="Third"))
    assert (again.status_code, again.json()["code"], again.json()["detail"]["field"]) == (
        409, "release.aid_taken", "load_files[0].aid"
    )
    # nothing half-stored, and every refusal left an audit row
    assert [a["name"] for a in badmin.get(p.admin("/apps")).json()["apps"]] == ["Again"]
    refused = p.query_db(sa.select(AuditEntry).where(AuditEntry.event == "admin.refused"))
    assert len(refused) == len(cases) + 2


@sqlite_only
def test_each_role_is_refused_where_it_may_not_act(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    clients = {name: p.login(name, "laptop-01") for name in ("clerk1", "tester1", "badmin", "admin")}
    assert clients["badmin"].post(p.admin("/apps"), json=submission()).status_code == 200
    forbidden = {
        ("post", "/apps/MemProbe/audit", "clerk1"), ("post", "/apps/MemProbe/audit", "tester1"),
        ("post", "/apps/MemProbe/test", "clerk1"), ("post", "/apps/MemProbe/test", "badmin"),
        ("post", "/apps/MemProbe/publish", "tester1"), ("post", "/apps/MemProbe/archive", "tester1"),
        ("get", "/apps", "clerk1"), ("get", "/system", "clerk1"), ("get", "/system", "tester1"),
        ("put", "/parameters/x", "badmin"), ("post", "/operators", "badmin"), ("post", "/regions", "tester1"),
    }
    bodies = {"/audit": {}, "/test": {}, "/publish": {"batches": ["DEMO-A"]}, "/archive": {},
              "/parameters/x": {"value": 1}, "/operators": {"name": "x", "password": "12345678", "role": "clerk",
                                                          "region": "GD-GZ"},
              "/regions": {"code": "GD", "name_zh": "广东", "level": "province"}}
    for method, path, who in sorted(forbidden):
        body = next((b for k, b in bodies.items() if path.endswith(k)), None)
        reply = getattr(clients[who], method)(p.admin(path), **({"json": body} if method != "get" else {}))
        assert (reply.status_code, reply.json()["code"]) == (403, "auth.forbidden"), (method, path, who)
    refused = p.query_db(sa.select(AuditEntry).where(AuditEntry.event == "admin.refused"))
    assert len(refused) == len(forbidden)
    # a step out of order is refused with the state it needs
    early = clients["badmin"].post(p.admin("/apps/MemProbe/publish"), json={"batches": ["DEMO-A"]})
    assert (early.status_code, early.json()["code"], early.json()["detail"]["needed"]) == (
        409, "release.bad_state", "tested"
    )


@sqlite_only
def test_archive_consent_declined_retries_exhausted_then_deleted_at_the_counter(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    badmin, tester, clerk, admin = p.login("badmin", "laptop-01"), p.login("tester1"), p.login(), p.login("admin")
    assert badmin.post(p.admin("/apps"), json=submission()).status_code == 200
    badmin.post(p.admin("/apps/MemProbe/audit"), json={})
    tester.post(p.admin("/apps/MemProbe/test"), json={})
    assert badmin.post(p.admin("/apps/MemProbe/publish"), json={"batches": ["DEMO-A"]}).json()["state"] == "published"
    cards = [p.card(), p.card()]
    for card in cards:
        assert p.run("download", card, client=clerk, app_id="MemProbe").state == "done"
    seids = [c.state.seid.hex().upper() for c in cards]
    removals = {r["seid"]: r for r in badmin.post(p.admin("/apps/MemProbe/archive"), json={}).json()["removals"]}
    declined, agreed = removals[seids[0]], removals[seids[1]]

    # the first subscriber says no: they are asked to delete it themselves instead
    answer = badmin.post(p.admin(f"/removals/{declined['id']}/consent"), json={"consent": False}).json()
    assert (answer["consent"], answer["method"], answer["status"]) == (False, "notify", "notified")
    assert tester.post(p.admin(f"/removals/{agreed['id']}/consent"), json={"consent": True}).status_code == 403
    assert badmin.post(p.admin(f"/removals/{agreed['id']}/consent"), json={"consent": True}).json()["status"] == "queued"

    # the platform's task fails until the limit of attempts
    assert admin.put(p.admin("/parameters/archive.max_attempts"), json={"value": 2}).ok
    first = badmin.post(p.admin(f"/removals/{agreed['id']}/attempts"), json={"ok": False, "error": "no answer"})
    assert first.json()["status"] == "queued"
    second = badmin.post(p.admin(f"/removals/{agreed['id']}/attempts"), json={"ok": False, "error": "no answer"})
    assert (second.json()["status"], second.json()["attempts"]) == ("failed", 2)
    late = badmin.post(p.admin(f"/removals/{agreed['id']}/attempts"), json={"ok": True})
    assert (late.status_code, late.json()["code"]) == (409, "archive.removal_state")
    assert badmin.get(p.admin("/apps/MemProbe")).json()["state"] == "archiving"

    # both subscribers come to a counter: each delete completes its removal, the last one the archive
    for card in cards:
        assert p.run("delete", card, client=clerk, app_id="MemProbe").state == "done"
    final = badmin.get(p.admin("/apps/MemProbe/removals")).json()["removals"]
    assert {r["status"] for r in final} == {"done"}
    assert badmin.get(p.admin("/apps/MemProbe")).json()["state"] == "archived"
    events = [e.event for e in p.query_db(sa.select(AuditEntry).order_by(AuditEntry.id))]
    assert events.count("archive.attempt_failed") == 2 and events.count("archive.consent") == 2
