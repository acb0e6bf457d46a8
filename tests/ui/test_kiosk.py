"""Kiosk mode: full screen, large targets, only query and lock, idle reset to the start screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QScrollArea

from tests.ui.conftest import make_window, shoot
from ui import i18n
from ui.pages import kiosk as kiosk_pages


def kiosk_window(qtbot, backend, lang="zh_CN"):  # noqa: ANN001
    from ui.main import create_application

    create_application([], kiosk=True)
    i18n.translators.apply(lang)
    controller, window = make_window(qtbot, backend, kiosk=True)
    return controller, window


def test_kiosk_offers_only_query_and_lock(gui, qtbot, backend) -> None:
    _controller, window = kiosk_window(qtbot, backend)
    assert list(window.pages) == ["home", "query", "lock"]  # no unlock (seed §5.8.4.3), no day list
    assert set(window.page("home").buttons) == {"query", "lock"}
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "解锁" not in labels and "Unlock" not in labels
    assert not window.menuBar().isVisible()
    assert window.isFullScreen()


def shoot_kiosk(window, name: str, language: str) -> None:  # noqa: ANN001
    """At a typical kiosk screen's size (the offscreen screen is 800x800; the layout fits both)."""
    window.resize(1280, 800)
    for _ in range(3):  # the scroll areas settle after the layouts
        QApplication.processEvents()
    shoot(window, name, language)


def _visible_buttons(widget):  # noqa: ANN001, ANN202
    return [b for b in widget.findChildren(QPushButton) if b.isVisible()]


def test_kiosk_touch_targets_are_at_least_64px(gui, qtbot, backend) -> None:
    _c, window = kiosk_window(qtbot, backend)
    for key in ("home", "query", "lock"):
        window.show_page(key)
        QApplication.processEvents()
        buttons = _visible_buttons(window.page(key))
        assert buttons, key
        for button in buttons:
            assert button.height() >= 64, (key, button.text(), button.height())
    for row in range(window.nav.count()):
        assert window.nav.visualItemRect(window.nav.item(row)).height() >= 64
    # After reading the phone: the print button, the app choice, the confirmation's buttons.
    query = window.page("query")
    window.show_page("query")
    qtbot.mouseClick(query.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: query.result.isVisible(), timeout=3000)
    assert [b.text() for b in _visible_buttons(query.result)] == ["打印凭条"]
    assert all(b.height() >= 64 for b in _visible_buttons(query))
    lock = window.page("lock")
    window.show_page("lock")
    QApplication.processEvents()
    assert len(lock.app_buttons) == 2
    lock.app_buttons["A0000003330101"].click()
    qtbot.mouseClick(lock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lock.confirm_box is not None and lock.confirm_box.isVisible(), timeout=3000)
    QApplication.processEvents()
    for key, widget in (("lock", lock), ("confirm", lock.confirm_box)):
        buttons = _visible_buttons(widget)
        assert buttons, key
        for button in buttons:
            assert button.height() >= 64, (key, button.text(), button.height())
    lock.confirm_no.click()


def test_kiosk_status_bar_is_the_customers(gui, qtbot, backend) -> None:
    _c, window = kiosk_window(qtbot, backend)
    status = window.status
    assert not status.findChildren(QComboBox)  # the configured reader; nothing to choose
    assert window.session.reader == backend.readers[0]
    qtbot.waitUntil(lambda: status.card.text() == "您的手机已放好", timeout=3000)
    qtbot.waitUntil(lambda: status.platform.text() == "服务正常", timeout=3000)
    texts = " ".join(label.text() for label in status.findChildren(QLabel) if label.isVisible())
    for clerk_word in ("clerk01", "BJ-01", "营业员", "区域", "读卡器：", "毫秒"):
        assert clerk_word not in texts, clerk_word
    status.on_reader_event(backend.readers[0], "card_removed", None)
    assert status.card.text() == "请将手机放到读卡器上"
    status.show_operator()  # log-out calls it; nothing to show at the kiosk
    assert "clerk01" not in " ".join(label.text() for label in status.findChildren(QLabel))


def test_counter_status_bar_keeps_reader_choice_and_operator(gui, qtbot, backend) -> None:
    from tests.ui.conftest import make_window

    _c, window = make_window(qtbot, backend)
    assert window.status.reader_choice is not None and window.status.reader_choice.count() == 2
    assert "clerk01" in window.status.operator.text()


@pytest.mark.parametrize(("number", "masked"), [("13800138000", "138****8000"), ("8613800138000", "861******8000"),
                                                ("1234567", "*****67"), ("", "")])
def test_mask_number(number: str, masked: str) -> None:
    assert kiosk_pages.mask_number(number) == masked


def test_short_reference_is_the_tail_of_the_operation_id() -> None:
    assert kiosk_pages.short_reference("6f1c2d3e-aa00-4bcd-9e8f-0123456789ab") == "6789AB"
    assert kiosk_pages.short_reference("") == ""


def test_kiosk_query_shows_masked_number_apps_and_space_but_no_chip_details(gui, qtbot, backend) -> None:
    _c, window = kiosk_window(qtbot, backend)
    window.show_page("query")
    page = window.page("query")
    assert not page.subscriber.isVisible() and not page.card.isVisible()
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.isVisible(), timeout=3000)
    assert page.number.text() == "138****8000"

    def shown_text() -> str:  # new labels are shown by the layout on the next event-loop turn
        return " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())

    qtbot.waitUntil(lambda: "公交卡 Transit" in shown_text(), timeout=3000)
    shown = shown_text()
    assert "公交卡 Transit" in shown and "银行卡 Bank" in shown
    assert "待开通" in shown and "已锁定" in shown  # customer wording, not 已个人化
    assert "剩余" in shown and "195.3 KB" in shown
    for chip in ("13800138000", "8686001122334455", "3B8F8001", "A0000003330101", "4790", "op-0001", "SEID",
                 "BATCH"):
        assert chip not in shown, chip
    assert not [w for w in page.findChildren(QLineEdit) if w.isVisible()]
    assert not page.result.pdf_button.isVisible()
    QApplication.processEvents()
    scroll = page.findChildren(QScrollArea)[0]
    assert not scroll.horizontalScrollBar().isVisible(), window.size()  # nothing cut off at the right
    assert page.number.visibleRegion().boundingRect().width() == page.number.width()


def _lock_transit(qtbot, page) -> None:  # noqa: ANN001
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.app_buttons) == 2, timeout=3000)
    page.app_buttons["A0000003330101"].click()
    page.run_button.click()
    qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible(), timeout=3000)
    page.confirm_yes.click()
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=3000)


def test_kiosk_receipt_is_masked_with_a_short_reference(gui, qtbot, backend, monkeypatch) -> None:
    printed = []
    monkeypatch.setattr(kiosk_pages, "print_receipt", lambda data, parent, ask: printed.append((data, ask)) or True)
    _c, window = kiosk_window(qtbot, backend)
    window.show_page("lock")
    page = window.page("lock")
    _lock_transit(qtbot, page)
    assert "OP0001" not in page.result.details.text()  # no reference before a slip is printed
    qtbot.mouseClick(page.result.print_button, Qt.MouseButton.LeftButton)
    data, ask = printed[-1]
    assert ask is False  # no print dialog for a customer
    assert data.customer and data.reference == "OP0001" and data.app_title == "公交卡 Transit"
    assert "参考号：OP0001" in page.result.details.text()
    from ui.receipt import receipt_html

    html = receipt_html(data)
    assert "138****8000" in html and "13800138000" not in html
    assert "8686001122334455" not in html and "clerk01" not in html  # no staff name at the kiosk
    assert "OP0001" in html and "op-0001" not in html


def test_kiosk_print_without_printer_says_so(gui, qtbot, backend, monkeypatch) -> None:
    monkeypatch.setattr(kiosk_pages, "print_receipt", lambda data, parent, ask: False)
    _c, window = kiosk_window(qtbot, backend)
    window.show_page("query")
    page = window.page("query")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.isVisible(), timeout=3000)
    page.result.print_button.click()
    assert "打印机暂不可用" in page.result.details.text()


def test_kiosk_lock_needs_confirmation_then_shows_the_result(gui, qtbot, backend) -> None:
    _c, window = kiosk_window(qtbot, backend)
    window.show_page("lock")
    page = window.page("lock")
    assert not page.app_buttons and page.read_button.isVisible() and not page.run_button.isVisible()
    typed = page.findChildren(QLineEdit) + page.findChildren(QComboBox)
    assert not [w for w in typed if w.isVisible()]  # no typed AID
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)  # straight to lock: read here
    qtbot.waitUntil(lambda: len(page.app_buttons) == 2, timeout=3000)
    assert not page.read_button.isVisible()
    transit, bank = page.app_buttons["A0000003330101"], page.app_buttons["A0000003330202"]
    assert transit.isEnabled() and not bank.isEnabled()  # already locked
    assert "待开通" in transit.text() and "已锁定" in bank.text()
    assert not page.run_button.isEnabled()  # nothing chosen yet
    qtbot.mouseClick(transit, Qt.MouseButton.LeftButton)
    assert page.run_button.isEnabled()
    shoot_kiosk(window, "kiosk_lock_choose", "zh_CN")
    # No: nothing is sent.
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible(), timeout=3000)
    assert "锁定后该应用将无法使用，需到营业厅解锁" in page.confirm_box.informativeText()
    assert "公交卡 Transit" in page.confirm_box.text()
    page.confirm_no.click()
    QApplication.processEvents()
    assert [c.kind for c in backend.calls] == ["query"]
    assert not page.result.isVisible()
    # Yes: the lock runs and the customer sees the result.
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible(), timeout=3000)
    shoot(page.confirm_box, "kiosk_lock_confirm", "zh_CN")
    page.confirm_yes.click()
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=3000)
    assert backend.calls[-1].kind == "lock" and backend.calls[-1].app_id == "A0000003330101"
    assert page.result.message.text() == "“公交卡 Transit”已锁定。"
    assert "营业厅" in page.result.details.text() and "op-0001" not in page.result.details.text()
    assert not page.app_buttons["A0000003330101"].isEnabled()  # locked now
    assert "已锁定" in page.app_buttons["A0000003330101"].text()
    shoot_kiosk(window, "kiosk_lock", "zh_CN")


def test_kiosk_idle_reset_returns_to_start_and_forgets_the_customer(gui, qtbot, backend) -> None:
    controller, window = kiosk_window(qtbot, backend)
    controller.idle.timer.setInterval(300)  # configured in seconds; shortened for the test
    window.show_page("query")
    page = window.page("query")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=3000)
    assert window.session.card is not None
    shoot_kiosk(window, "kiosk_query", "zh_CN")
    controller.idle.timer.start()
    qtbot.waitUntil(lambda: window.current_page() == "home", timeout=3000)
    assert window.session.card is None
    assert not page.result.isVisible() and not page.number_box.isVisible() and not page.apps_box.isVisible()
    assert page.number.text() == "" and page.subscriber.text() == ""
    assert not [label for label in page.findChildren(QLabel) if "Transit" in label.text() and label.isVisible()]
    assert not window.page("lock").app_buttons  # the lock screen forgot the apps too


def test_kiosk_activity_postpones_the_reset(gui, qtbot, backend) -> None:
    controller, window = kiosk_window(qtbot, backend)
    controller.idle.timer.setInterval(400)
    window.show_page("lock")
    controller.idle.timer.start()
    for _ in range(4):
        qtbot.wait(200)
        qtbot.mouseClick(window.page("lock").blurb, Qt.MouseButton.LeftButton)
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
    shoot_kiosk(window, "kiosk_home", "zh_CN")
    home.language_button.click()
    QApplication.processEvents()
    assert home.buttons["query"].text() == "Query"
    assert home.language_button.text() == "中文"
    shoot_kiosk(window, "kiosk_home", "en")
    window.show_page("query")
    qtbot.mouseClick(window.page("query").run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page("query").result.isVisible(), timeout=3000)
    assert window.page("query").number.text() == "138****8000"
    assert window.page("query").result.print_button.text() == "Print receipt"
    assert window.status.card.text() == "Your phone is on the reader"
    shoot_kiosk(window, "kiosk_query", "en")
    lock = window.page("lock")
    window.show_page("lock")
    lock.app_buttons["A0000003330101"].click()
    lock.run_button.click()
    qtbot.waitUntil(lambda: lock.confirm_box is not None and lock.confirm_box.isVisible(), timeout=3000)
    assert "cannot be used until it is unlocked at a business hall" in lock.confirm_box.informativeText()
    lock.confirm_yes.click()
    qtbot.waitUntil(lambda: lock.running is None and lock.result.isVisible(), timeout=3000)
    assert lock.result.message.text() == '"公交卡 Transit" is now locked.'
    assert lock.hint.text() == "All the applications on your phone are locked."
    shoot_kiosk(window, "kiosk_lock", "en")
