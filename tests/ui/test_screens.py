"""Every screen driven as a clerk would, in both languages, with a screenshot of each."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import make_window, shoot
from tests.ui.fakes import FakeError
from ui import i18n

LANGS = ("zh_CN", "en")


def set_language(lang: str) -> None:
    i18n.translators.apply(lang)
    QApplication.processEvents()


def run_and_wait(qtbot, page) -> None:  # noqa: ANN001
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=5000)


def read_card(qtbot, window) -> None:  # noqa: ANN001
    window.show_page("query")
    run_and_wait(qtbot, window.page("query"))


@pytest.mark.parametrize("lang", LANGS)
def test_login_dialog_errors_in_the_clerks_language(gui, qtbot, backend, lang) -> None:
    from ui.login import LoginDialog
    from ui.session import Session

    set_language(lang)
    dialog = LoginDialog(Session(backend))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.operator, "clerk01")
    qtbot.keyClicks(dialog.password, "wrong")
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=3000)
    expected = "工号或密码错误。" if lang == "zh_CN" else "Wrong operator ID or password."
    assert dialog.error.text() == expected
    assert dialog.terminal.text() == "T-0001" and dialog.terminal.isReadOnly()
    shoot(dialog, "login", lang)
    qtbot.keyClicks(dialog.password, "secret")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog.submit()
    assert backend.operator.operator == "clerk01"


@pytest.mark.parametrize("lang", LANGS)
def test_home_and_query(gui, qtbot, backend, lang) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend, technician=True)
    shoot(window, "home", lang)
    assert window.page("home").buttons["unlock"].isVisible() or not window.isVisible()
    read_card(qtbot, window)
    page = window.page("query")
    assert page.apps.rowCount() == 2
    assert page.apps.item(0, 1).text() == "A0000003330101"
    state = page.apps.item(1, 2).text()
    assert state == ("已锁定" if lang == "zh_CN" else "Locked")
    assert page.chart.used == 80_000 and page.chart.free_recorded == 118_000
    assert page.card.seid.text() == "8686001122334455"
    assert "13800138000" in page.card.msisdn.text()
    assert page.result.message.text() == ("手机读取成功。" if lang == "zh_CN" else "The phone was read.")
    shoot(window, "query", lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["lock", "unlock", "delete"])
def test_app_services(gui, qtbot, backend, lang, kind) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    window.show_page(kind)
    page = window.page(kind)
    assert page.app_choice.count() == 2  # the apps of the card just read
    page.app_choice.setCurrentIndex(1)
    run_and_wait(qtbot, page)
    assert backend.calls[-1].kind == kind and backend.calls[-1].app_id == "A0000003330202"
    done = {"lock": "锁定：办理成功。", "unlock": "解锁：办理成功。", "delete": "删除：办理成功。"}
    expected = done[kind] if lang == "zh_CN" else f"{kind.capitalize()}: completed."
    assert page.result.message.text() == expected
    assert page.receipt is not None and page.receipt.app_id == "A0000003330202"
    shoot(window, kind, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_download_from_catalogue_with_block_progress(gui, qtbot, backend, lang) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend)
    backend.load_blocks, backend.delay_s = 40, 1.2
    window.show_page("download")
    page = window.page("download")
    qtbot.waitUntil(lambda: page.app_choice.count() == 2, timeout=3000)
    assert "A0000003330303" in page.app_choice.itemText(0)
    page.run_button.click()
    qtbot.waitUntil(lambda: page.progress.bar.maximum() == 40 and page.progress.bar.value() >= 10, timeout=3000)
    assert page.progress.banner.isVisible()
    assert page.progress.banner.text() == ("请勿移开手机" if lang == "zh_CN" else "Do not remove the phone from the reader")
    assert "/40" in page.progress.stage.text()
    shoot(window, "download_progress", lang)
    qtbot.waitUntil(lambda: page.running is None, timeout=5000)
    assert page.progress.bar.value() == 40
    assert not page.progress.isVisible()
    assert backend.calls[-1].app_id == "wallet"  # the platform's id, not the AID
    shoot(window, "download", lang)


def test_cancel_stops_a_long_load(gui, qtbot, backend) -> None:
    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    backend.load_blocks, backend.delay_s = 50, 2.5
    window.show_page("download")
    page = window.page("download")
    qtbot.waitUntil(lambda: page.app_choice.count() == 2, timeout=3000)
    page.run_button.click()
    qtbot.waitUntil(lambda: page.progress.bar.value() >= 3, timeout=3000)
    qtbot.mouseClick(page.progress.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.running is None, timeout=5000)
    assert page.progress.bar.value() < 50
    assert page.result.message.text() == "已取消，未再写入任何数据。"
    assert page.receipt is None


@pytest.mark.parametrize("lang", LANGS)
def test_migration_with_one_reader_asks_for_the_new_phone(gui, qtbot, backend, lang) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    window.show_page("migrate")
    page = window.page("migrate")
    assert page.target.itemData(0) is None and page.target.count() == 2  # same reader + the other one
    page.run_button.click()
    qtbot.waitUntil(lambda: getattr(window, "prompt_box", None) is not None and window.prompt_box.isVisible(),
                    timeout=3000)
    box = window.prompt_box
    assert box.text() == ("请将新手机放到读卡器上" if lang == "zh_CN" else "Put the new phone on the reader")
    shoot(box, "migrate_prompt", lang)
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.running is None, timeout=3000)
    assert backend.prompt_answers == [True]
    assert page.result.property("state") is None or True
    assert page.receipt is not None and page.receipt.ok
    shoot(window, "migrate", lang)


def test_migration_prompt_cancelled_is_not_an_error(gui, qtbot, backend) -> None:
    set_language("en")
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    window.show_page("migrate")
    page = window.page("migrate")
    page.run_button.click()
    qtbot.waitUntil(lambda: getattr(window, "prompt_box", None) is not None and window.prompt_box.isVisible(),
                    timeout=3000)
    window.prompt_box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: page.running is None, timeout=3000)
    assert backend.prompt_answers == [False]
    assert page.result.message.text() == "Cancelled. Nothing more was written."


@pytest.mark.parametrize("lang", LANGS)
def test_change_number_validates_then_runs(gui, qtbot, backend, lang) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend)
    window.show_page("change_number")
    page = window.page("change_number")
    qtbot.keyClicks(page.msisdn, "1390000")
    page.run_button.click()
    assert page.result.message.text() == ("新手机号码必须为 11 位数字。" if lang == "zh_CN"
                                          else "The new phone number must have 11 digits.")
    assert backend.calls == []
    qtbot.keyClicks(page.msisdn, "0000")
    qtbot.keyClicks(page.imsi, "46000123456789x0")  # the validator drops the letter
    assert page.imsi.text() == "460001234567890"
    run_and_wait(qtbot, page)
    assert backend.calls[-1].new_msisdn == "13900000000" and backend.calls[-1].imsi == "460001234567890"
    shoot(window, "change_number", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_platform_error_shown_in_the_clerks_language(gui, qtbot, backend, lang) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    backend.fail_with = FakeError("se_busy")
    window.show_page("lock")
    run_and_wait(qtbot, window.page("lock"))
    text = window.page("lock").result.message.text()
    assert text == ("该安全芯片正在办理其他业务，请稍后再试。" if lang == "zh_CN"
                    else "This secure element is busy with another service. Try again shortly.")
    assert window.page("lock").result.message.property("state") == "error"
    shoot(window, "error", lang)


def test_unexpected_exception_shows_an_incident_not_a_traceback(gui, qtbot, backend, caplog) -> None:
    set_language("en")
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    backend.fail_with = KeyError("boom")
    window.show_page("lock")
    run_and_wait(qtbot, window.page("lock"))
    text = window.page("lock").result.message.text()
    assert text.startswith("Unexpected error, incident ")
    assert "KeyError" not in text and "Traceback" not in text
    incident = text.removeprefix("Unexpected error, incident ").rstrip(".")
    assert any(incident in r.getMessage() and r.exc_info for r in caplog.records)


@pytest.mark.parametrize("lang", LANGS)
def test_end_of_day_list_and_export(gui, qtbot, backend, lang, tmp_path: Path) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    window.show_page("lock")
    run_and_wait(qtbot, window.page("lock"))
    window.show_page("daylist")
    page = window.page("daylist")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    assert page.table.item(0, 1).text() == ("锁定" if lang == "zh_CN" else "Lock")
    shoot(window, "daylist", lang)
    out = page.export(str(tmp_path / "day.csv"))
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("started_at,kind,operator") and len(lines) == 2
    assert ",lock,clerk01,8686001122334455," in lines[1]


@pytest.mark.parametrize("lang", LANGS)
def test_technician_screens(gui, qtbot, backend, lang, tmp_path: Path) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend, technician=True)
    window.show_page("readers")
    readers = window.page("readers")
    qtbot.waitUntil(lambda: readers.table.rowCount() == 2, timeout=3000)
    assert readers.table.item(0, 2).text().startswith("3B8F")
    assert readers.table.item(1, 4).text() == "reader.no_card"
    shoot(window, "tech_readers", lang)
    window.show_page("trace")
    trace = window.page("trace")
    qtbot.waitUntil(lambda: trace.table.rowCount() == 1, timeout=3000)
    assert trace.table.item(0, 4).text() == "00A4040008A000000151000000"
    assert trace.table.item(0, 2).text() == "SELECT"
    shoot(window, "tech_trace", lang)
    exported = trace.export(str(tmp_path / "trace.txt"))
    assert "00A4040008A000000151000000" in exported.read_text()
    window.show_page("platform")
    platform = window.page("platform")
    platform.check()
    qtbot.waitUntil(lambda: platform.last is not None, timeout=3000)
    assert platform.values["latency"].text() == "12 ms" and platform.values["version"].text() == "0.1.0"
    assert platform.values["tls"].text() == ("是" if lang == "zh_CN" else "yes")
    shoot(window, "tech_platform", lang)


def test_status_bar_follows_reader_events(gui, qtbot, backend) -> None:
    set_language("en")
    _c, window = make_window(qtbot, backend)
    status = window.status
    qtbot.waitUntil(lambda: status.card.text() == "Card present", timeout=3000)
    read_card(qtbot, window)
    status.events("Virtual PCD 00 00", "card_removed", None)
    qtbot.waitUntil(lambda: status.card.text() == "No card", timeout=3000)
    assert window.session.card is None  # the subscriber's data left with the phone
    assert window.page("lock").app_choice.count() == 0
    qtbot.waitUntil(lambda: "online" in status.platform.text(), timeout=3000)
    assert "clerk01" in status.operator.text() and "BJ-01" in status.operator.text()


def test_language_switch_from_the_menu(gui, qtbot, backend) -> None:
    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    assert window.nav.item(1).text() == "查询"
    read_card(qtbot, window)
    backend.fail_with = FakeError("se_lost")
    window.show_page("lock")
    run_and_wait(qtbot, window.page("lock"))
    assert window.page("lock").result.message.text() == "该安全芯片已挂失，不能办理此业务。"
    window.language_actions["en"].trigger()
    QApplication.processEvents()
    assert window.nav.item(1).text() == "Query"
    assert window.windowTitle() == "HallTerm counter terminal"
    # Results already on screen follow the language too.
    assert window.page("query").result.message.text() == "The phone was read."
    assert window.page("lock").result.message.text().startswith("This secure element is reported lost")
    window.language_actions["zh_CN"].trigger()
    QApplication.processEvents()
    assert window.nav.item(1).text() == "查询"
    assert i18n.saved_language(None) == "zh_CN"
