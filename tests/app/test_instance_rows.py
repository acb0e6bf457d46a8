"""One row per instance of a multi-instance application (issue 14, §5.8.4.1): the core's query
report and the screens' rows, by label, each with its own state; a one-instance app stays one row."""

from __future__ import annotations

from app.services.query import _apps
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
