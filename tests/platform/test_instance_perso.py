"""Per-instance personalisation (seed §5.8.4.1, §5.8.4.6) over HTTPS: two instances of one load
file, each with its own data on the virtual SE; a second instance installed later as a counter
download of that instance gets its own data, not the first's; perso_update on one instance
leaves the other's data alone."""

from __future__ import annotations

from typing import Any

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
CARD_NO = 0x5F20


def mode3(value: str) -> dict[str, Any]:
    return {"mode": 3, "records": [{"tag": "5F20", "value": value.encode().hex()}]}


def publish(p: AdminPlatform) -> None:
    badmin, tester = p.login("badmin", "laptop-01"), p.login("tester1", "laptop-01")
    body = submission(name="TwoCards", needs_personalisation=True, perso_template=mode3("SHARED"),
                      instances=[{"aid": FIRST, "module": NEW_CAP_APPLET}, {"aid": SECOND, "module": NEW_CAP_APPLET}])
    assert badmin.post(p.admin("/apps"), json=body).status_code == 200
    assert badmin.post(p.admin("/apps/TwoCards/audit"), json={"approve": True}).status_code == 200
    assert tester.post(p.admin("/apps/TwoCards/test"), json={"approve": True}).status_code == 200
    assert badmin.post(p.admin("/apps/TwoCards/publish"), json={"batches": ["DEMO-A"]}).status_code == 200


def test_each_instance_gets_its_own_data_and_a_later_instance_is_added_at_the_counter(
    admin_platform: AdminPlatform,
) -> None:
    p = admin_platform
    publish(p)
    badmin, clerk = p.login("badmin", "laptop-01"), p.login()
    for aid, number, zh, en in ((FIRST, "CARD-0001", "门禁卡 1", "Door card 1"),
                                (SECOND, "CARD-0002", "门禁卡 2", "Door card 2")):
        reply = badmin.put(p.admin(f"/apps/TwoCards/instances/{aid}"),
                           json={"perso_template": mode3(number), "label_zh": zh, "label_en": en})
        assert reply.status_code == 200, reply.text
        assert reply.json()["own_perso"] is True and "perso_template" not in reply.json()  # never echoed
    listed = badmin.get(p.admin("/apps/TwoCards/instances")).json()["instances"]
    assert [(i["aid"], i["label_en"], i["own_perso"]) for i in listed] == [
        (FIRST, "Door card 1", True), (SECOND, "Door card 2", True)]

    # the first instance alone, with its own data
    card = p.card()
    seid = card.state.seid.hex().upper()
    run = p.run("download", card, client=clerk, app_id="TwoCards", instance_aid=FIRST)
    assert run.state == "done", run.error
    assert run.result["instances"] == [FIRST]

    def data(aid: str) -> bytes | None:
        app = card.state.app(bytes.fromhex(aid))
        return None if app is None else app.data.get(CARD_NO)

    assert (data(FIRST), card.state.app(bytes.fromhex(SECOND))) == (b"CARD-0001", None)
    assert app_state(p, seid, "TwoCards") == "Usable"

    # the second instance later, as a counter download of that instance: its own data
    run = p.run("download", card, client=clerk, app_id="TwoCards", instance_aid=SECOND)
    assert run.state == "done", run.error
    assert (run.result["instances"], run.result["state"], run.result["load_blocks"]) == ([SECOND], "Usable", 0)
    assert (data(FIRST), data(SECOND)) == (b"CARD-0001", b"CARD-0002")
    again = p.run("download", card, client=clerk, app_id="TwoCards", instance_aid=SECOND)
    assert (again.state, again.error["code"]) == ("failed", "app.instance_present")
    query = p.run("query", card, client=clerk).result["apps"][0]
    assert [(i["aid"], i["label_zh"]) for i in query["instances"]] == [(FIRST, "门禁卡 1"), (SECOND, "门禁卡 2")]

    # new data for the second instance, applied to it alone by perso_update
    assert badmin.put(p.admin(f"/apps/TwoCards/instances/{SECOND}"),
                      json={"perso_template": mode3("CARD-0002-B")}).status_code == 200
    run = p.run("perso_update", card, client=clerk, app_id="TwoCards", instance_aid=SECOND)
    assert run.state == "done", run.error
    assert (data(FIRST), data(SECOND)) == (b"CARD-0001", b"CARD-0002-B")


@sqlite_only
def test_instances_without_their_own_data_get_the_apps_and_bad_data_is_refused(admin_platform: AdminPlatform) -> None:
    p = admin_platform
    publish(p)
    badmin, tester, clerk = p.login("badmin", "laptop-01"), p.login("tester1", "laptop-01"), p.login()
    assert badmin.put(p.admin(f"/apps/TwoCards/instances/{SECOND}"), json={"perso_template": mode3("OWN")}).status_code == 200

    # refused: a tester may not set instances; bad templates name the field; unknown instance
    assert tester.put(p.admin(f"/apps/TwoCards/instances/{FIRST}"), json={"label_en": "x"}).status_code == 403
    for template, field in (({"mode": 7}, "perso_template.steps[0].mode"),
                            ({"mode": 3, "instance": FIRST}, "perso_template.steps[0].instance"),
                            ({"mode": 3, "records": [{"tag": "ZZ", "value": "00"}]}, "perso_template.steps[0].records")):
        reply = badmin.put(p.admin(f"/apps/TwoCards/instances/{SECOND}"), json={"perso_template": template})
        assert (reply.status_code, reply.json()["code"], reply.json()["detail"]["field"]) == (
            422, "instance.perso_invalid", field), reply.text
    missing = badmin.put(p.admin(f"/apps/TwoCards/instances/{NEW_CAP_APPLET}09"), json={"label_en": "x"})
    assert missing.status_code == 404

    # a whole download: the first gets the app's data, the second its own
    card = p.card()
    run = p.run("download", card, client=clerk, app_id="TwoCards")
    assert run.state == "done", run.error
    values = {aid: card.state.app(bytes.fromhex(aid)).data.get(CARD_NO) for aid in (FIRST, SECOND)}  # type: ignore[union-attr]
    assert values == {FIRST: b"SHARED", SECOND: b"OWN"}

    # an undeclared instance is refused before the card is touched
    wrong = p.run("download", p.card(), client=clerk, app_id="TwoCards", instance_aid=NEW_CAP_APPLET + "09")
    assert (wrong.state, wrong.error["code"]) == ("failed", "app.no_such_instance")


def test_the_cli_sets_an_instances_own_data_and_label(tmp_path, capsys) -> None:  # noqa: ANN001
    import json

    from ota.platform.cli import main
    from tests.platform.admin_support import forged_cap

    cap = tmp_path / "two.cap"
    cap.write_bytes(forged_cap())
    db = ["--db", f"sqlite:///{tmp_path / 'p.sqlite3'}", "--master-key", str(tmp_path / "master.key")]
    assert main(["init-demo", *db]) == 0
    assert main(["app", "submit", *db, "--cap", str(cap), "--name", "TwoCards", "--provider", "CRoCS",
                 "--version", "1.0", "--load-file-aid", NEW_CAP_PACKAGE, "--module", NEW_CAP_APPLET,
                 "--main-module", NEW_CAP_APPLET, "--instance", FIRST, "--instance", SECOND,
                 "--personalisation", "--batch", "DEMO-A"]) == 0
    capsys.readouterr()
    template = tmp_path / "second.json"
    template.write_text(json.dumps(mode3("CARD-0002")), encoding="utf-8")
    assert main(["app", "instance", *db, "TwoCards", SECOND.lower(), "--perso", str(template),
                 "--label-zh", "门禁卡 2", "--label-en", "Door card 2"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert (view["aid"], view["own_perso"], view["label_zh"]) == (SECOND, True, "门禁卡 2")
    template.write_text(json.dumps({"mode": 9}), encoding="utf-8")
    assert main(["app", "instance", *db, "TwoCards", SECOND, "--perso", str(template)]) == 1
    assert "instance.perso_invalid" in capsys.readouterr().err
    assert main(["app", "instance", *db, "TwoCards", SECOND, "--app-perso"]) == 0
    assert json.loads(capsys.readouterr().out)["own_perso"] is False
