"""Every screen driven as a clerk would, in both languages, with a screenshot of each."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import confirm, make_window, shoot
from tests.ui.fakes import FakeError
from ui import i18n
from ui.confirm import CONFIRMED_KINDS

LANGS = ("zh_CN", "en")


def set_language(lang: str) -> None:
    i18n.translators.apply(lang)
    QApplication.processEvents()


def run_and_wait(qtbot, page) -> None:  # noqa: ANN001
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    if page.kind in CONFIRMED_KINDS:
        confirm(qtbot, page)
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
    expected = "工号或密码错误，请重新输入。" if lang == "zh_CN" else "Wrong operator ID or password. Please enter them again."
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
    _c, window = make_window(qtbot, backend)
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
    # Only what the service can act on: a personalised app to lock, a locked one to unlock.
    offered = {"lock": ["A0000003330101"], "unlock": ["A0000003330202"],
               "delete": ["A0000003330101", "A0000003330202"]}[kind]
    assert [page.app_choice.itemData(i) for i in range(page.app_choice.count())] == offered
    page.app_choice.setCurrentIndex(len(offered) - 1)
    run_and_wait(qtbot, page)
    assert backend.calls[-1].kind == kind and backend.calls[-1].app_id == offered[-1]
    if kind in CONFIRMED_KINDS:
        check = backend.calls[-1].identity_check
        assert (check is not None and check.last_digits == "123X") == (kind == "unlock")
    done = {"lock": "锁定：办理成功。", "unlock": "解锁：办理成功。", "delete": "删除：办理成功。"}
    expected = done[kind] if lang == "zh_CN" else f"{kind.capitalize()}: completed."
    assert page.result.message.text() == expected
    title = "公交卡 Transit" if kind == "lock" else "银行卡 Bank"
    assert page.receipt is not None and page.receipt.app_title == title
    shoot(window, kind, lang)
    # The context follows the service: the lock's app is now locked, so Unlock offers it.
    if kind == "lock":
        unlock = window.page("unlock")
        assert unlock.app_choice.count() == 2 and "A0000003330101" in [
            unlock.app_choice.itemData(i) for i in range(2)]


@pytest.mark.parametrize("lang", LANGS)
def test_download_from_catalogue_with_block_progress(gui, qtbot, backend, lang) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend)
    backend.load_blocks, backend.delay_s = 40, 1.2
    window.show_page("download")
    page = window.page("download")
    qtbot.waitUntil(lambda: page.app_choice.count() == 2, timeout=3000)
    assert page.app_choice.itemText(0) == "电子钱包 Wallet"
    page.run_button.click()
    qtbot.waitUntil(lambda: "/40" in page.progress.stage.text() and page.progress.bar.value() > 350, timeout=3000)
    assert page.progress.banner.isVisible()
    assert page.progress.stage.text().count("/") == 1  # the count once, not twice
    assert 200 < page.progress.bar.value() < 950  # one bar for the whole service: inside the write phase
    assert page.progress.stage.text().startswith("写入：" if lang == "zh_CN" else "Writing: ")
    assert page.progress.times.text().startswith("已用" if lang == "zh_CN" else "Elapsed")
    assert page.progress.banner.text() == ("请勿移开手机" if lang == "zh_CN" else "Do not remove the phone from the reader")
    assert "/40" in page.progress.stage.text()
    shoot(window, "download_progress", lang)
    qtbot.waitUntil(lambda: page.running is None, timeout=5000)
    assert page.progress.bar.value() >= 900
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
    qtbot.waitUntil(lambda: page.progress.bar.value() > 240, timeout=3000)  # a few blocks written
    qtbot.mouseClick(page.progress.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.running is None, timeout=5000)
    assert page.progress.bar.value() < 950
    assert page.result.message.text() == "下载：已中断。已取消。"
    assert page.result.details.text() == "手机已被部分写入。请先查询手机，确认应用状态后再重试。"
    assert page.result.retry_button.isVisible() and page.receipt is None
    shoot(window, "download_cancelled", "zh_CN")
    page.result.retry_button.click()  # the same download again, no second confirmation needed
    qtbot.waitUntil(lambda: page.running is None and page.receipt is not None, timeout=10000)
    assert backend.calls[-1] == backend.calls[-2]


@pytest.mark.parametrize("lang", LANGS)
def test_migration_with_one_reader_asks_for_the_new_phone(gui, qtbot, backend, lang) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    window.show_page("migrate")
    page = window.page("migrate")
    assert page.target.itemData(0) is None and page.target.count() == 2  # same reader + the other one
    page.run_button.click()
    confirm(qtbot, page)
    qtbot.waitUntil(lambda: getattr(window, "prompt_box", None) is not None and window.prompt_box.isVisible(),
                    timeout=3000)
    box = window.prompt_box
    # The GUI's own words for the core's prompt code, not the core's text.
    assert box.text() == ("请将客户的新手机放到读卡器上，然后点“确定”。" if lang == "zh_CN"
                          else "Put the customer's new phone on the reader, then press OK.")
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
    confirm(qtbot, page)
    qtbot.waitUntil(lambda: getattr(window, "prompt_box", None) is not None and window.prompt_box.isVisible(),
                    timeout=3000)
    window.prompt_box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: page.running is None, timeout=3000)
    assert backend.prompt_answers == [False]
    assert page.result.message.text() == "Migration: interrupted. Cancelled."


@pytest.mark.parametrize("lang", LANGS)
def test_change_number_validates_then_runs(gui, qtbot, backend, lang) -> None:
    set_language(lang)
    _c, window = make_window(qtbot, backend)
    read_card(qtbot, window)
    backend.calls.clear()
    window.show_page("change_number")
    page = window.page("change_number")
    qtbot.keyClicks(page.msisdn, "1390000")
    page.run_button.click()
    assert page.result.message.text() == ("新手机号码必须为 11 位数字。" if lang == "zh_CN"
                                          else "The new phone number must have 11 digits.")
    assert backend.calls == []
    qtbot.keyClicks(page.msisdn, "00000")  # the 12th digit is refused
    assert page.msisdn.text() == "13900000000"
    qtbot.keyClicks(page.imsi, "46000123456789x0")  # the validator drops the letter
    assert page.imsi.text() == "460001234567890"
    qtbot.keyClicks(page.msisdn_again, "13900000001")
    page.run_button.click()
    assert page.result.message.text() == ("两次输入的新号码不一致，请重新输入。" if lang == "zh_CN"
                                          else "The two new numbers differ. Type the new number again.")
    assert backend.calls == [] and page.msisdn_again.text() == ""
    qtbot.keyClicks(page.msisdn_again, "13900000000")
    page.run_button.click()
    qtbot.waitUntil(lambda: page.confirm_dialog is not None and page.confirm_dialog.isVisible(), timeout=3000)
    dialog = page.confirm_dialog
    assert dialog.facts["change"].text() == "138****8000 → 139 0000 0000"
    assert dialog.facts["msisdn"].text() == "138****8000"
    shoot(dialog, "confirm_change_number", lang)
    confirm(qtbot, page, "0012")
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=5000)
    assert backend.calls[-1].identity_check.to_params() == {"document_type": "resident_id", "last_digits": "0012"}
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
    # No kind came with the code (a fake): the words leave out "（{kind}）" rather than show braces.
    assert text == ("锁定：未办理成功。这部手机正在办理另一项业务，请稍后再试。" if lang == "zh_CN"
                    else "Lock: not completed. This phone is busy with another service. Try again shortly.")
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
    assert text.startswith("Lock: not completed. Unexpected error, incident ")
    assert "KeyError" not in text and "Traceback" not in text
    incident = text.removeprefix("Lock: not completed. Unexpected error, incident ").rstrip(".")
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
    assert page.table.item(0, 2).text() == ("办理成功" if lang == "zh_CN" else "Completed")
    assert page.table.item(0, 4).text() == "公交卡 Transit"  # the name, not the id
    assert page.table.item(0, 7).text() == "OP0001"  # the short reference, as on the receipt
    shoot(window, "daylist", lang)
    with qtbot.waitSignal(page.exported, timeout=3000) as written:
        page.export(str(tmp_path / "day.csv"))
    lines = written.args[0].read_text(encoding="utf-8-sig").splitlines()
    header = "时间,业务,结果,手机号码,应用,原因,营业员,参考号" if lang == "zh_CN" else \
        "Time,Service,Result,Phone number,Application,Reason,Operator,Reference"
    assert lines[0] == header and len(lines) == 2
    assert lines[1].startswith(backend.journal[0].started_at.strftime("%Y-%m-%d %H:%M:%S"))
    assert ",13800138000,公交卡 Transit,,clerk01,OP0001" in lines[1]
    assert "8686001122334455" not in lines[1] and "op-0001" not in lines[1]


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
    with qtbot.waitSignal(trace.exported, timeout=3000) as written:
        trace.export(str(tmp_path / "trace.txt"))
    assert "00A4040008A000000151000000" in written.args[0].read_text()
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
    assert "clerk01" in status.operator.text() and "Beijing" in status.operator.text()


def test_language_switch_from_the_menu(gui, qtbot, backend) -> None:
    set_language("zh_CN")
    _c, window = make_window(qtbot, backend)
    assert window.nav.item(1).text() == "查询"
    read_card(qtbot, window)
    backend.fail_with = FakeError("se_lost")
    window.show_page("lock")
    run_and_wait(qtbot, window.page("lock"))
    assert window.page("lock").result.message.text() == "锁定：未办理成功。该手机已挂失，只能办理应用锁定。"
    window.language_actions["en"].trigger()
    QApplication.processEvents()
    assert window.nav.item(1).text() == "Query"
    assert window.windowTitle() == "HallTerm counter terminal"
    # Results already on screen follow the language too.
    assert window.page("query").result.message.text() == "The phone was read."
    assert window.page("lock").result.message.text().startswith("Lock: not completed. This phone is reported lost")
    window.language_actions["zh_CN"].trigger()
    QApplication.processEvents()
    assert window.nav.item(1).text() == "查询"
    assert i18n.saved_language(None) == "zh_CN"
