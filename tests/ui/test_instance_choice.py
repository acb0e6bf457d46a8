"""Instance choice on the screens (issue 14, §5.8.4.1), on the scripted core: the counter's Lock
sends the chosen instance; the kiosk offers the application once and locks all of it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.services.query import AppView
from tests.ui.conftest import make_window
from tests.ui.fakes import QueryReport
from tests.ui.test_kiosk import kiosk_window
from ui import i18n

DOOR, PARKING = "A00000000101", "A00000000102"
TWO = (AppView(DOOR, "TwoCards", "Locked", app_id="7", title_zh="双卡通", title_en="Two cards", locked=True,
               instance_aid=DOOR, instance_label_zh="门禁卡", instance_label_en="Door card"),
       AppView(PARKING, "TwoCards", "Usable", app_id="7", title_zh="双卡通", title_en="Two cards",
               instance_aid=PARKING, instance_label_zh="停车卡", instance_label_en="Parking card"))


def _two_instances(backend: Any) -> None:
    run = backend.run_service

    def service(request: Any, *args: Any) -> Any:
        return QueryReport(apps=TWO) if request.kind == "query" else run(request, *args)  # type: ignore[arg-type]

    backend.run_service = service


def test_the_counter_offers_each_instance_and_sends_the_one_chosen(gui, qtbot, backend) -> None:  # noqa: ANN001
    i18n.translators.apply("zh_CN")
    _two_instances(backend)
    _c, window = make_window(qtbot, backend)
    window.show_page("query")
    query = window.page("query")
    qtbot.mouseClick(query.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: query.running is None and query.apps.rowCount() == 2, timeout=5000)
    lock, unlock = window.page("lock"), window.page("unlock")
    assert [lock.app_choice.itemText(i) for i in range(lock.app_choice.count())] == ["双卡通 · 停车卡  [可用]"]
    assert [unlock.app_choice.itemText(i) for i in range(unlock.app_choice.count())] == ["双卡通 · 门禁卡  [已锁定]"]
    window.show_page("lock")
    qtbot.mouseClick(lock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lock.running is None and lock.result.isVisible(), timeout=5000)
    assert (backend.calls[-1].kind, backend.calls[-1].app_id, backend.calls[-1].instance_aid) == ("lock", "7", PARKING)
    assert lock.app_choice.count() == 0  # both instances locked now: the door card was, the parking card is
    assert unlock.app_choice.count() == 2


def test_the_kiosk_offers_the_application_once_and_locks_all_of_it(gui, qtbot, backend) -> None:  # noqa: ANN001
    _two_instances(backend)
    _c, window = kiosk_window(qtbot, backend)
    window.show_page("lock")
    page = window.page("lock")
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.app_buttons) == 1, timeout=5000)
    [button] = page.app_buttons.values()
    assert button.isEnabled() and button.text().startswith("双卡通\n")  # lockable: one instance is not locked
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible(), timeout=3000)
    page.confirm_yes.click()
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=5000)
    assert (backend.calls[-1].kind, backend.calls[-1].app_id, backend.calls[-1].instance_aid) == ("lock", "7", "")
