"""Multi-instance (seed §5.4.1, §5.8.4.2–3) end to end over HTTPS: one load file backs two
instances of one application, each locked, unlocked and deleted on its own; the load file stays
while the other instance uses it and goes with the last one."""

from __future__ import annotations

from tests.platform.admin_support import (  # noqa: F401
    NEW_CAP_APPLET,
    NEW_CAP_PACKAGE,
    AdminPlatform,
    admin_platform,
    sqlite_only,
    submission,
)
from tests.platform.flow_support import app_state

FIRST, SECOND = NEW_CAP_APPLET + "01", NEW_CAP_APPLET + "02"


@sqlite_only
def test_each_instance_is_managed_on_its_own_and_the_load_file_goes_with_the_last(
    admin_platform: AdminPlatform,
) -> None:
    p = admin_platform
    badmin, tester, clerk = p.login("badmin", "laptop-01"), p.login("tester1", "laptop-01"), p.login()
    body = submission(name="TwoCounters", instances=[{"aid": FIRST, "module": NEW_CAP_APPLET},
                                                     {"aid": SECOND, "module": NEW_CAP_APPLET}])
    assert badmin.post(p.admin("/apps"), json=body).status_code == 200
    assert badmin.post(p.admin("/apps/TwoCounters/audit"), json={"approve": True}).status_code == 200
    assert tester.post(p.admin("/apps/TwoCounters/test"), json={"approve": True}).status_code == 200
    assert badmin.post(p.admin("/apps/TwoCounters/publish"), json={"batches": ["DEMO-A"]}).status_code == 200

    card = p.card()
    assert p.run("download", card, client=clerk, app_id="TwoCounters").state == "done"
    state, package = card.state, bytes.fromhex(NEW_CAP_PACKAGE)
    seid = state.seid.hex().upper()
    assert [a.aid.hex().upper() for a in state.apps if a.load_file_aid == package] == [FIRST, SECOND]

    def locked(aid: str) -> bool:
        app = state.app(bytes.fromhex(aid))
        assert app is not None
        return bool(app.life_cycle & 0x80)

    # lock and unlock one instance: the other stays usable, and so does the application
    run = p.run("lock", card, client=clerk, app_id="TwoCounters", instance_aid=FIRST)
    assert run.state == "done" and run.result["instances"] == [FIRST], run.error
    assert (locked(FIRST), locked(SECOND)) == (True, False)
    assert app_state(p, seid, "TwoCounters") == "Usable"
    instances = {i["aid"]: i["locked"] for i in p.run("query", card, client=clerk).result["apps"][0]["instances"]}
    assert instances == {FIRST: True, SECOND: False}
    assert p.run("unlock", card, client=clerk, app_id="TwoCounters", instance_aid=FIRST).state == "done"
    assert not locked(FIRST)

    # an instance the application does not have is refused before the card is touched
    wrong = p.run("delete", card, client=clerk, app_id="TwoCounters", instance_aid=NEW_CAP_APPLET + "09")
    assert (wrong.state, wrong.error["code"]) == ("failed", "app.no_such_instance")

    # delete one instance: the other keeps the load file
    run = p.run("delete", card, client=clerk, app_id="TwoCounters", instance_aid=FIRST)
    assert run.state == "done", run.error
    assert (run.result["instance"], run.result["load_files_kept"], run.result["state"]) == (
        FIRST, [NEW_CAP_PACKAGE], "Usable")
    assert state.app(bytes.fromhex(FIRST)) is None and state.app(bytes.fromhex(SECOND)) is not None
    assert state.load_file(package) is not None

    # delete the last one: the load file goes with it
    run = p.run("delete", card, client=clerk, app_id="TwoCounters", instance_aid=SECOND)
    assert run.state == "done", run.error
    assert (run.result["load_files_kept"], run.result["state"]) == ([], "Ready")
    assert state.app(bytes.fromhex(SECOND)) is None and state.load_file(package) is None
    assert app_state(p, seid, "TwoCounters") == "Ready"
