"""One row per instance of a multi-instance application (issue 14, §5.8.4.1): the core's query
report and the screens' rows, by label, each with its own state; a one-instance app stays one row."""

from __future__ import annotations

from app.services.query import _apps
from app.services.result_summary import from_platform
from app.services.runner import _receipt_lines
from ui import views

RAW = {"app_id": 7, "name": "TwoCards", "title_zh": "双卡通", "title_en": "Two cards", "state": "Usable",
       "declared_instances": 2, "instances": [
           {"aid": "A00000000101", "locked": True, "label_zh": "门禁卡", "label_en": "Door card"},
           {"aid": "A00000000102", "locked": False, "label_zh": "", "label_en": ""}]}


def test_each_instance_is_a_row_with_its_own_state_and_label() -> None:
    rows = _apps(RAW)
    assert [(r.instance_aid, r.state, r.locked, r.instance_label_en) for r in rows] == [
        ("A00000000101", "Locked", True, "Door card"), ("A00000000102", "Usable", False, "")]
    shown = views.apps(type("Report", (), {"apps": rows})(), "zh_CN")
    assert [(r.name, r.instance_aid, r.app_id) for r in shown] == [
        ("双卡通 · 门禁卡", "A00000000101", "7"), ("双卡通 · #2", "A00000000102", "7")]  # never the raw AID
    assert views.apps(type("Report", (), {"apps": rows})(), "en")[0].name == "Two cards · Door card"


def test_a_one_instance_application_stays_one_row() -> None:
    single = {**RAW, "declared_instances": 1, "instances": RAW["instances"][:1]}
    [row] = _apps(single)
    assert (row.instance_aid, row.state, row.locked) == ("", "Usable", True)


def test_a_service_on_one_instance_reports_that_instances_state_and_labels() -> None:
    raw = {"app": "TwoCards", "app_id": 7, "state": "Usable", "instances": ["A00000000101"],
           "chosen_instance": {"aid": "A00000000101", "state": "Locked", "label_zh": "门禁卡", "label_en": "Door card"}}
    summary = from_platform("lock", True, raw)
    assert (summary.state, summary.instance_aid, summary.instance_label_zh, summary.instance_label_en) == (
        "Locked", "A00000000101", "门禁卡", "Door card")  # not the application's Usable
    whole = from_platform("lock", True, {k: v for k, v in raw.items() if k != "chosen_instance"})
    assert (whole.state, whole.instance_aid) == ("Usable", "")
    assert views.result_title(summary, lambda _id, _name: "双卡通", "zh_CN") == "双卡通 · 门禁卡"
    assert views.result_title(summary, lambda _id, _name: "Two cards · Door card", "en") == "Two cards · Door card"
    journal = {line.key: line.value for line in _receipt_lines(raw)}  # what a day-list reprint shows
    assert (journal["app"], journal["state"]) == ("TwoCards", "Locked")
