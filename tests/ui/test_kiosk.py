"""Kiosk mode: full screen, large targets, only query and lock, idle reset to the start screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from tests.ui.conftest import make_window, shoot
from ui import i18n


def kiosk_window(qtbot, backend, lang="zh_CN"):  # noqa: ANN001
    from ui.main import create_application

    create_application([], kiosk=True)
    i18n.translators.apply(lang)
    controller, window = make_window(qtbot, backend, kiosk=True)
    return controller, window


def test_kiosk_offers_only_query_and_lock(gui, qtbot, backend) -> None:
    controller, window = kiosk_window(qtbot, backend)
    assert list(window.pages) == ["home", "query", "lock"]  # no unlock (seed §5.8.4.3), no day list
    assert set(window.page("home").buttons) == {"query", "lock"}
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "解锁" not in labels and "Unlock" not in labels
    assert not window.menuBar().isVisible()
    assert window.isFullScreen()


def test_kiosk_touch_targets_are_at_least_64px(gui, qtbot, backend) -> None:
    _c, window = kiosk_window(qtbot, backend)
    for key in ("home", "query", "lock"):
        window.show_page(key)
        QApplication.processEvents()
        buttons = [b for b in window.page(key).findChildren(QPushButton) if b.isVisible()]
        assert buttons, key
        for button in buttons:
            assert button.height() >= 64, (key, button.text(), button.height())
    for row in range(window.nav.count()):
        assert window.nav.visualItemRect(window.nav.item(row)).height() >= 64


def test_kiosk_idle_reset_returns_to_start_and_forgets_the_customer(gui, qtbot, backend) -> None:
    controller, window = kiosk_window(qtbot, backend)
    controller.idle.timer.setInterval(300)  # configured in seconds; shortened for the test
    window.show_page("query")
    page = window.page("query")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=3000)
    assert window.session.card is not None
    shoot(window, "kiosk_query", "zh_CN")
    controller.idle.timer.start()
    qtbot.waitUntil(lambda: window.current_page() == "home", timeout=3000)
    assert window.session.card is None
    assert not page.result.isVisible() and not page.identity_box.isVisible()
    assert page.card.seid.text() == "尚未读取"


def test_kiosk_activity_postpones_the_reset(gui, qtbot, backend) -> None:
    controller, window = kiosk_window(qtbot, backend)
    controller.idle.timer.setInterval(400)
    window.show_page("lock")
    controller.idle.timer.start()
    for _ in range(4):
        qtbot.wait(200)
        qtbot.mouseClick(window.page("lock").app_choice, Qt.MouseButton.LeftButton)
    assert window.current_page() == "lock"
    qtbot.waitUntil(lambda: window.current_page() == "home", timeout=3000)


def test_kiosk_idle_seconds_come_from_the_config(gui, qtbot, backend) -> None:
    backend.config.idle_reset_s = 45
    controller, _window = kiosk_window(qtbot, backend)
    assert controller.idle.timer.interval() == 45_000


def test_kiosk_language_toggle_and_screens(gui, qtbot, backend) -> None:
    _c, window = kiosk_window(qtbot, backend)
    home = window.page("home")
    assert home.language_button.text() == "English"
    shoot(window, "kiosk_home", "zh_CN")
    home.language_button.click()
    QApplication.processEvents()
    assert home.buttons["query"].text() == "Query"
    assert home.language_button.text() == "中文"
    shoot(window, "kiosk_home", "en")
    window.show_page("query")
    qtbot.mouseClick(window.page("query").run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page("query").result.isVisible(), timeout=3000)
    shoot(window, "kiosk_query", "en")
