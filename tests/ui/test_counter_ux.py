"""Issue 11 on the widgets: confirmation, customer context, keyboard, kiosk safety, progress."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import make_window, shoot
from tests.ui.fakes import FakeError
from tests.ui.test_screens import read_card, run_and_wait, set_language


def test_delete_needs_a_confirmation_that_says_what_cannot_be_undone(gui, qtbot, backend) -> None:
    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    window.show_page("delete")
    page = window.page("delete")
    page.run_button.click()
    qtbot.waitUntil(lambda: page.confirm_dialog is not None and page.confirm_dialog.isVisible(), timeout=3000)
    dialog = page.confirm_dialog
    assert dialog.facts["msisdn"].text() == "138****8000" and dialog.facts["app"].text() == "公交卡 Transit"
    assert "无法恢复" in dialog.warning.text()
    assert not dialog.last_digits.isVisible()  # delete needs no identity check
    shoot(dialog, "confirm_delete", "zh_CN")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter is "cancel" here: nothing irreversible by reflex
    qtbot.waitUntil(lambda: page.confirm_dialog is None, timeout=3000)
    assert [c.kind for c in backend.calls] == ["query"]


def test_unlock_records_only_the_last_characters_of_the_document(gui, qtbot, backend) -> None:
    set_language("en")
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    window.show_page("unlock")
    page = window.page("unlock")
    page.run_button.click()
    qtbot.waitUntil(lambda: page.confirm_dialog is not None and page.confirm_dialog.isVisible(), timeout=3000)
    dialog = page.confirm_dialog
    qtbot.keyClicks(dialog.last_digits, "44010619900101123x")  # the whole ID number typed by habit
    assert dialog.last_digits.text() == "4401"  # only four characters are ever taken
    dialog.last_digits.clear()
    qtbot.keyClicks(dialog.last_digits, "123x")
    dialog.document.setCurrentIndex(dialog.document.findData("passport"))
    shoot(dialog, "confirm_unlock", "en")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=5000)
    assert backend.calls[-1].identity_check.to_params() == {"document_type": "passport", "last_digits": "123X"}


def test_logout_leaves_nothing_of_the_customer_behind(gui, qtbot, backend) -> None:
    from PySide6.QtCore import QTimer

    set_language("zh_CN")
    controller, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    window.show_page("lock")
    run_and_wait(qtbot, window.page("lock"))
    assert window.page("lock").result.isVisible()

    def dialog_shown() -> None:
        dialog = QApplication.activeModalWidget()
        assert window.session.card is None and not window.page("lock").result.isVisible()
        assert window.page("query").subscriber.text() == "" and window.current_page() == "home"
        shoot(window, "after_logout", "zh_CN")
        dialog.reject()

    QTimer.singleShot(300, dialog_shown)
    controller.logout()
    assert window.session.card is None


def test_phone_removed_clears_the_results_about_it(gui, qtbot, backend) -> None:
    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    window.show_page("lock")
    page = window.page("lock")
    run_and_wait(qtbot, page)
    window.status.events("Virtual PCD 00 00", "card_removed", None)
    qtbot.waitUntil(lambda: not page.result.isVisible(), timeout=3000)
    assert page.receipt is None and page.app_choice.count() == 0 and not page.run_button.isEnabled()


def test_function_keys_and_enter_open_the_services(gui, qtbot, backend) -> None:
    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    window.activateWindow()
    for n, key in enumerate(("query", "lock", "unlock", "download", "delete", "migrate", "change_number",
                             "daylist"), 1):
        window.shortcuts[key].activated.emit()
        assert window.current_page() == key, (n, key)
        assert window.nav.item(list(window.pages).index(key)).toolTip() == f"F{n}"
    window.show_page("home")
    tile = window.page("home").buttons["download"]
    assert tile.text().endswith("F4")
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "download", timeout=2000)


def test_subscriber_number_takes_exactly_eleven_digits(gui, qtbot, backend) -> None:
    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    window.show_page("query")
    page = window.page("query")
    page.subscriber.clear()
    qtbot.keyClicks(page.subscriber, "138001380001")
    assert page.subscriber.text() == "13800138000"
    page.subscriber.setText("1380013")
    page.run_button.click()
    assert page.result.message.text() == "用户号码必须为 11 位数字。" and backend.calls == []


def test_a_network_error_at_login_keeps_the_form(gui, qtbot, backend) -> None:
    from ui.login import LoginDialog
    from ui.session import Session

    set_language("zh_CN")
    dialog = LoginDialog(Session(backend), "clerk01", "secret")
    qtbot.addWidget(dialog)
    dialog.show()
    real_login = backend.login
    backend.login = lambda *_a: (_ for _ in ()).throw(FakeError("platform.unreachable"))
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=3000)
    assert dialog.error.text().startswith("无法连接平台") and dialog.password.text() == "secret"
    backend.login = real_login
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog.submit()


def test_reader_list_shows_which_reader_holds_a_phone(gui, qtbot, backend) -> None:
    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    choice = window.status.reader_choice
    qtbot.waitUntil(lambda: choice.count() == 2, timeout=3000)
    window.status.events("Virtual PCD 00 01", "card_removed", None)
    assert choice.itemData(0, Qt.ItemDataRole.ToolTipRole) == "手机已放置"
    assert choice.itemData(1, Qt.ItemDataRole.ToolTipRole) == "未放置手机"
    assert not choice.itemIcon(0).isNull()
    target = window.page("migrate").target
    assert target.itemText(1) == "Virtual PCD 00 01" and not target.itemIcon(1).isNull()


def test_slow_platform_is_shown_in_the_warning_colour(gui, qtbot, backend) -> None:
    from ui.backend import PlatformCheck

    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    window.status.show_platform(PlatformCheck("https://x", True, 4500.0, True))
    assert window.status.platform.text() == "平台：响应慢（4500 毫秒）"
    assert window.status.platform.property("state") == "warn"


def test_a_second_service_on_a_busy_reader_says_it_waits(gui, qtbot, backend) -> None:
    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    backend.delay_s = 1.5
    window.show_page("lock")
    window.page("lock").run_button.click()
    query = window.page("query")
    window.show_page("query")
    query.run_button.click()
    assert query.progress.stage.text() == "等待本读卡器上正在办理的业务完成…"
    shoot(window, "waiting", "zh_CN")
    qtbot.waitUntil(lambda: query.running is None, timeout=10000)


def test_kiosk_ignores_close_and_resets_to_chinese(gui, qtbot, backend) -> None:
    from ui import i18n
    from ui.main import create_application

    create_application([], kiosk=True)
    i18n.translators.apply("en")
    _controller, window = make_window(qtbot, backend, kiosk=True)
    window.close()
    assert window.isVisible()
    window.reset_to_start()
    assert i18n.current_language() == "zh_CN"
    window.allow_close = True
    window.close()


def test_receipt_pdf_is_written_off_the_gui_thread(gui, qtbot, backend, tmp_path) -> None:  # noqa: ANN001
    import threading

    import ui.receipt as receipt_module
    from tests.ui.pdf_text import pdf_text

    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    page = window.page("query")
    threads: list[str] = []
    real = receipt_module._write_pdf

    def spy(*args):  # noqa: ANN002, ANN202
        threads.append(threading.current_thread().name)
        return real(*args)

    receipt_module._write_pdf = spy
    try:
        with qtbot.waitSignal(page.receipt_saved, timeout=10000) as saved:
            page.save_receipt_in_background(str(tmp_path / "bg.pdf"))
    finally:
        receipt_module._write_pdf = real
    assert threads and threads[0] != threading.main_thread().name
    assert "查询" in "".join(pdf_text(saved.args[0]).split())


def test_the_core_types_the_result_summary() -> None:
    from dataclasses import fields

    from app.services.base import ServiceOutcome
    from app.services.result_summary import ResultSummary, summarise
    from tests.ui.fakes import outcome

    done = outcome("migrate", raw={"app_id": "7", "app": "SmartPGP", "target": {"seid": "8687", "state": "Usable"},
                                   "space": {"free_measured": 1000}, "load_blocks": 12},
                   duration_s=1.5, operation_id="op-1")
    result = summarise(done)
    assert isinstance(result, ResultSummary)
    assert (result.ok, result.app_id, result.state, result.target_seid, result.load_blocks, result.free_after) == (
        True, "7", "Usable", "8687", 12, 1000)
    assert summarise(outcome("lock", ok=False, error_code="se_busy")).ok is False
    # One typed value, no raw platform dict beside it.
    assert {f.name: f.type for f in fields(ServiceOutcome)}["result"] in (ResultSummary, "ResultSummary")
    assert not any(f.name == "summary" for f in fields(ServiceOutcome))


def test_no_fail_open_ok_defaults_anywhere() -> None:
    """The UI and the core read ``ok`` from typed results; no ``getattr(x, "ok", default)``."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"""getattr\([^()]*,\s*["']ok["']""")
    found = [f"{path.relative_to(root)}:{n}" for folder in ("app", "ui", "ota")
             for path in sorted((root / folder).rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == []


def test_kiosk_never_shows_staff_seids_or_operation_ids_from_the_platform(gui, qtbot, backend) -> None:
    from app.errors import PlatformRefusedError
    from ui import i18n
    from ui.main import create_application

    create_application([], kiosk=True)
    i18n.translators.apply("zh_CN")
    _c, window = make_window(qtbot, backend, kiosk=True)
    backend.fail_with = PlatformRefusedError("se_busy", {"kind": "download"},
                                             {"operation": "op-9", "seid": "8686001122334455"})
    window.show_page("query")
    page = window.page("query")
    page.run_button.click()
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=5000)
    text = page.result.message.text()
    assert "正在办理另一项业务（应用下载）" in text
    for leak in ("clerk7", "8686", "op-9"):
        assert leak not in text, text


def test_day_list_keeps_interrupted_runs_in_sight(gui, qtbot, backend) -> None:
    from datetime import datetime

    from tests.ui.fakes import JournalEntry

    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    backend.journal.append(JournalEntry(datetime.now(), "download", "clerk01", "8686", "13800138000", "wallet",
                                        False, "platform.unreachable", "op-0002"))
    window.show_page("daylist")
    page = window.page("daylist")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    assert page.table.item(0, 2).text() == "已中断：请检查手机"
    assert page.table.item(0, 5).text().startswith("无法连接平台")  # the reason in words, not the code
    assert "1 笔中断" in page.summary.text()
    assert not page.reprint_button.isEnabled()  # no receipt for what did not complete
