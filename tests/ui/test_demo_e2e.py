"""End to end: the GUI against the real demo (platform over HTTPS + virtual SEs in process).

Nothing here is faked: the login goes to the platform, the services relay real APDUs to the
virtual SE, the journal is the real SQLite journal.  The services the demo platform cannot run
yet are marked ``xfail(strict=True)`` with the reason, so they turn red (XPASS) the day the
platform supports them and the marker must come off.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shoot
from tests.ui.pdf_text import pdf_text
from ui import i18n

pytestmark = pytest.mark.slow

READER_A, READER_B = "Virtual PCD 00 00", "Virtual PCD 00 01"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # noqa: ANN001, ANN201
    from app.demo import DemoEnvironment

    env = DemoEnvironment(tmp_path_factory.mktemp("demo"), use_pcsc=False).start()
    yield env
    env.stop()


@pytest.fixture
def terminal(gui, qtbot, demo):  # noqa: ANN001, ANN201
    """A logged-in GUI on the demo, logged in through the real login dialog."""
    from ui.backend import AppBackend
    from ui.login import LoginDialog
    from ui.main import GuiController

    i18n.translators.apply("zh_CN")
    backend = AppBackend(demo.config, demo)
    controller = GuiController(backend, kiosk=False, technician=True)
    dialog = LoginDialog(controller.session, "clerk1", "wrong-password")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert dialog.error.text() == "工号或密码错误。"
    dialog.password.setText("clerk1-demo")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.submit()
    window = controller.open_window()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: controller.session.reader == READER_A, timeout=10000)
    yield controller, window
    window.close()
    backend.close()


def form_labels(form) -> list[str]:  # noqa: ANN001
    return [form.itemAt(i, form.ItemRole.LabelRole).widget().text() for i in range(form.rowCount())]


def run(qtbot, window, kind: str) -> object:  # noqa: ANN001
    window.show_page(kind)
    page = window.page(kind)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=60000)
    return page


def test_status_bar_shows_the_real_platform_and_operator(terminal, qtbot) -> None:
    _c, window = terminal
    qtbot.waitUntil(lambda: "在线" in window.status.platform.text(), timeout=10000)
    assert "clerk1" in window.status.operator.text() and "GD-GZ" in window.status.operator.text()
    assert window.status.card.text() == "手机已放置"
    assert window.status.reader_choice.count() == 2


def test_query_reads_the_virtual_se(terminal, qtbot, tmp_path: Path) -> None:
    _c, window = terminal
    page = run(qtbot, window, "query")
    assert page.result.message.text() == "手机读取成功。", page.result.message.text()
    assert page.card.seid.text() == "86860100000000000001"
    assert page.chart.total == 524288
    assert page.sds.rowCount() >= 1 and page.sds.item(0, 0).text() == "A000000151000000"
    assert form_labels(page.identity_form) == ["SEID", "手机号码", "批次"]
    assert "芯片制造商" in form_labels(page.chip_form) and "ATR" in form_labels(page.chip_form)
    assert page.chip_toggle.isVisible() and not page.chip_box.isVisible()  # folded by default
    shoot(window, "demo_query", "zh_CN")
    i18n.translators.apply("en")
    qtbot.wait(50)  # let the layouts settle after the language change
    assert page.identity_box.title() == "Identity"
    assert page.result.message.text() == "The phone was read."
    shoot(window, "demo_query", "en")
    i18n.translators.apply("zh_CN")
    QApplication.processEvents()
    text = "".join(pdf_text(page.save_receipt(str(tmp_path / "q.pdf"))).split())
    assert "86860100000000000001" in text and "查询" in text and "clerk1" in text


def test_trace_and_readers_show_real_apdus(terminal, qtbot, tmp_path: Path) -> None:
    _c, window = terminal
    run(qtbot, window, "query")
    window.show_page("trace")
    trace = window.page("trace")
    qtbot.waitUntil(lambda: trace.table.rowCount() > 4, timeout=5000)
    commands = [trace.table.item(r, 2).text() for r in range(trace.table.rowCount())]
    assert any("SELECT" in c for c in commands) and any("GET DATA" in c for c in commands)
    shoot(window, "demo_trace", "zh_CN")
    exported = trace.export(str(tmp_path / "t.txt")).read_text()
    assert "00A40400" in exported.replace(" ", "")
    window.show_page("readers")
    readers = window.page("readers")
    qtbot.waitUntil(lambda: readers.table.rowCount() == 2 and readers.rescan_button.isEnabled(), timeout=10000)
    assert {readers.table.item(r, 0).text() for r in range(2)} == {READER_A, READER_B}
    assert readers.table.item(0, 3).text() == "T=1"


def test_platform_check_against_the_demo(terminal, qtbot) -> None:
    _c, window = terminal
    window.show_page("platform")
    page = window.page("platform")
    page.check()
    qtbot.waitUntil(lambda: page.last is not None, timeout=10000)
    assert page.last.ok and page.last.tls and page.last.version
    assert page.values["tls"].text() == "是"


def test_a_refused_service_is_explained_in_chinese(terminal, qtbot) -> None:
    """The clerk serves a number the phone is not bound to: the platform refuses (se.bound_elsewhere),
    the reason reaches the clerk in Chinese, and a refusal gets no receipt."""
    _c, window = terminal
    run(qtbot, window, "query")
    window.show_page("lock")
    page = window.page("lock")
    page.app_choice.setEditText("JCMemory")
    page.subscriber.setText("13900139000")  # another subscriber (of another region, too)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=60000)
    text = page.result.message.text()
    assert text.startswith("锁定：未办理成功。") and "已绑定其他手机号码" in text, text
    assert "Traceback" not in text and "bound" not in text
    assert page.receipt is None
    assert not page.result.print_button.isVisible() and not page.result.pdf_button.isVisible()
    assert page.result.message.property("state") == "error"
    shoot(window, "demo_refused", "zh_CN")


def test_day_list_comes_from_the_real_journal(terminal, qtbot, tmp_path: Path) -> None:
    _c, window = terminal
    run(qtbot, window, "query")
    window.show_page("daylist")
    page = window.page("daylist")
    qtbot.waitUntil(lambda: page.table.rowCount() >= 1, timeout=10000)
    kinds = {page.table.item(r, 1).text() for r in range(page.table.rowCount())}
    assert "查询" in kinds
    out = page.export(str(tmp_path / "day.csv")).read_text(encoding="utf-8-sig")
    assert "query" in out and "86860100000000000001" in out
    assert date.today().isoformat()[:4] in out


def _ok(qtbot, window, kind: str) -> object:  # noqa: ANN001
    page = run(qtbot, window, kind)
    assert page.receipt is not None and page.receipt.ok, (kind, page.result.message.text())
    return page


def test_counter_day_on_the_demo(terminal, qtbot, tmp_path: Path) -> None:
    """Register the subscriber, download the 92 KB CAP block by block, lock, unlock, migrate."""
    _c, window = terminal
    query = window.page("query")
    window.show_page("query")
    query.subscriber.setText("13800138000")  # the demo SE is bound to no number yet
    _ok(qtbot, window, "query")
    assert query.card.msisdn.text() == "13800138000"
    window.show_page("download")
    download = window.page("download")
    download.app_choice.setEditText("AnssiSmartPGP")
    seen: list[tuple[int, int, str, bool]] = []  # value, maximum, stage text, banner shown
    bar = download.progress.bar
    bar.valueChanged.connect(lambda v: seen.append((v, bar.maximum(), download.progress.stage.text(),
                                                    download.progress.banner.isVisible())))
    _ok(qtbot, window, "download")
    load = [s for s in seen if s[1] > 50]
    assert len({v for v, *_ in load}) > 50, "the LOAD of the 92 KB CAP went block by block on screen"
    assert all(shown for *_, shown in seen)
    assert any(f"/{load[-1][1]})" in text for _, _, text, _ in load)
    assert not download.progress.banner.isVisible()  # "do not remove" only while writing
    blocks = load[-1][1]
    details = download.result.details.text().splitlines()
    assert "应用：SmartPGP 数字签名" in details, details
    assert f"已写入卡片：{blocks}/{blocks} 块" in details, details
    assert "安全芯片：8686…00000001" in details and "应用状态：可用" in details, details
    assert any(line.startswith("当前剩余空间：") and line.endswith("KB") for line in details), details
    assert download.result.meta.text().startswith("业务编号 ") and "秒" in download.result.meta.text()
    assert download.card.seid.text() == "86860100000000000001" and download.card.msisdn.text() == "13800138000"
    shoot(window, "demo_download", "zh_CN")
    i18n.translators.apply("en")
    qtbot.wait(50)
    assert "Application state: Usable" in download.result.details.text()
    shoot(window, "demo_download", "en")
    i18n.translators.apply("zh_CN")
    assert "AnssiSmartPGP" in "".join(pdf_text(download.save_receipt(str(tmp_path / "d.pdf"))).split())
    _ok(qtbot, window, "query")
    names = [query.apps.item(r, 0).text() for r in range(query.apps.rowCount())]
    assert "SmartPGP 数字签名" in names, names
    states = {query.apps.item(r, 0).text(): query.apps.item(r, 2).text() for r in range(query.apps.rowCount())}
    assert states["SmartPGP 数字签名"] == "可用", states
    window.resize(1280, 800)
    qtbot.wait(50)
    bottom = query.apps.mapTo(window, QPoint(0, query.apps.height())).y()
    assert query.apps.isVisible() and bottom <= window.status.y(), "the applications need no scrolling"
    assert query.chart.isVisible() and query.identity_box.isVisible()
    shoot(window, "demo_query_with_app", "zh_CN")
    i18n.translators.apply("en")
    qtbot.wait(50)
    assert query.apps.item(names.index("SmartPGP 数字签名"), 2).text() == "Usable"
    shoot(window, "demo_query_with_app", "en")
    i18n.translators.apply("zh_CN")
    qtbot.wait(50)
    for kind in ("lock", "unlock"):
        window.show_page(kind)
        page = window.page(kind)
        page.app_choice.setCurrentIndex(page.app_choice.findText("SmartPGP", Qt.MatchFlag.MatchContains))
        _ok(qtbot, window, kind)
        if kind == "lock":
            assert "应用状态：已锁定" in page.result.details.text(), page.result.details.text()
            shoot(window, "demo_lock", "zh_CN")
            i18n.translators.apply("en")
            qtbot.wait(50)
            assert "Application state: Locked" in page.result.details.text()
            assert page.app_choice.currentText().endswith("[Locked]")  # not the query's "Usable"
            shoot(window, "demo_lock", "en")
            i18n.translators.apply("zh_CN")
    shoot(window, "demo_unlock", "zh_CN")
    window.show_page("migrate")
    migrate = window.page("migrate")
    migrate.app_choice.setCurrentIndex(migrate.app_choice.findText("SmartPGP", Qt.MatchFlag.MatchContains))
    migrate.target.setCurrentIndex(migrate.target.findData(READER_B))
    _ok(qtbot, window, "migrate")
    assert "新手机安全芯片：8686…00000002" in migrate.result.details.text(), migrate.result.details.text()
    assert migrate.app_choice.currentText().endswith("[未下载]")  # it left the old phone
    shoot(window, "demo_migrate", "zh_CN")
    i18n.translators.apply("en")
    qtbot.wait(50)
    shoot(window, "demo_migrate", "en")
    i18n.translators.apply("zh_CN")
    _ok(qtbot, window, "query")  # the old phone no longer has it (migration deletes at the source)
    assert "SmartPGP 数字签名" not in [query.apps.item(r, 0).text() for r in range(query.apps.rowCount())]
    window.status.reader_choice.setCurrentText(READER_B)
    _ok(qtbot, window, "query")
    assert query.card.seid.text() != "86860100000000000001" and query.card.msisdn.text() == "13800138000"
    window.show_page("delete")
    delete = window.page("delete")
    delete.app_choice.setCurrentIndex(delete.app_choice.findText("SmartPGP", Qt.MatchFlag.MatchContains))
    _ok(qtbot, window, "delete")
    shoot(window, "demo_delete", "zh_CN")


def test_change_number_on_the_demo(terminal, qtbot) -> None:
    """Subscriber 13800138000 owns both demo phones; the one on reader B moves to 13800138001."""
    _c, window = terminal
    window.status.reader_choice.setCurrentText(READER_B)  # a reader change clears the subscriber
    window.show_page("change_number")
    page = window.page("change_number")
    assert page.card.seid.text() == "尚未读取"
    page.subscriber.setText("13800138000")
    page.msisdn.setText("13800138001")
    page.imsi.setText("460001234567891")
    page = run(qtbot, window, "change_number")
    shoot(window, "demo_change_number", "zh_CN")
    assert page.receipt is not None and page.receipt.ok, page.result.message.text()
    details = page.result.details.text()
    assert "新号码：13800138001" in details and "原号码：13800138000" in details, details
    assert page.card.msisdn.text() == "13800138001"  # the card panel follows the service
    assert page.card.seid.text() == "86860100000000000002"
    i18n.translators.apply("en")
    qtbot.wait(50)
    shoot(window, "demo_change_number", "en")
    assert "New phone number: 13800138001" in page.result.details.text()
    i18n.translators.apply("zh_CN")
    query = _ok(qtbot, window, "query")
    assert query.subscriber.text() == "13800138001"
    assert query.card.msisdn.text() == "13800138001"
    assert query.identity_form.itemAt(1, query.identity_form.ItemRole.FieldRole).widget().text() == "13800138001"


def test_kiosk_on_the_demo_is_the_customers_screen(gui, qtbot, demo) -> None:  # noqa: ANN001
    """The kiosk against the real platform: masked number, customer states, confirmed lock."""
    from PySide6.QtWidgets import QComboBox, QLabel

    from ui.backend import AppBackend, ServiceRequest
    from ui.main import GuiController, create_application

    clerk = AppBackend(demo.config, demo)  # at a counter first: an application to lock
    clerk.operator = clerk.login("clerk1", "clerk1-demo")
    clerk.run_service(ServiceRequest("download", READER_A, app_id="AnssiSmartPGP", msisdn="13800138000"),
                      None, lambda _p: None, clerk.new_cancel_token())
    create_application([], kiosk=True)
    i18n.translators.apply("zh_CN")
    name, password = next((n, p) for n, p, role, _r in demo.operators() if role.endswith("kiosk"))
    backend = AppBackend(demo.config, demo)
    backend.operator = backend.login(name, password)
    controller = GuiController(backend, kiosk=True, technician=False)
    window = controller.open_window()
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: controller.session.reader == READER_A, timeout=10000)
        assert not window.status.findChildren(QComboBox)
        qtbot.waitUntil(lambda: window.status.platform.text() == "服务正常", timeout=10000)
        bar = " ".join(label.text() for label in window.status.findChildren(QLabel))
        assert name not in bar and "营业员" not in bar
        page = run(qtbot, window, "query")
        assert page.result.message.text() == "已读取您的手机，信息如下。", page.result.message.text()
        msisdn = window.session.identity[1]
        shown = " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())
        assert window.session.identity[0] not in shown  # no SEID
        if msisdn:
            assert page.number.text() == msisdn[:3] + "*" * (len(msisdn) - 7) + msisdn[-4:]
            assert msisdn not in shown
        lock = window.page("lock")
        window.show_page("lock")
        smartpgp = [b for b in lock.app_buttons.values() if "SmartPGP" in b.text()]
        assert smartpgp and smartpgp[0].isEnabled() and "可以使用" in smartpgp[0].text(), lock.app_buttons
        smartpgp[0].click()
        lock.run_button.click()
        qtbot.waitUntil(lambda: lock.confirm_box is not None and lock.confirm_box.isVisible(), timeout=5000)
        lock.confirm_yes.click()
        qtbot.waitUntil(lambda: lock.running is None and lock.result.isVisible(), timeout=60000)
        assert lock.result.message.text() == "“SmartPGP 数字签名”已锁定。", lock.result.message.text()
        button = next(b for b in lock.app_buttons.values() if "SmartPGP" in b.text())  # rebuilt
        assert "已锁定" in button.text() and not button.isEnabled()
        assert "8686" not in lock.result.details.text()  # no SEID for the customer
        window.resize(1280, 800)
        qtbot.wait(50)
        shoot(window, "demo_kiosk_lock", "zh_CN")
        page = run(qtbot, window, "query")  # the platform agrees: locked
        shown = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
        assert "SmartPGP 数字签名" in shown and "已锁定" in shown, shown
        shoot(window, "demo_kiosk_query", "zh_CN")
    finally:
        window.close()
        backend.close()
        clerk.run_service(ServiceRequest("delete", READER_A, app_id="AnssiSmartPGP"), None, lambda _p: None,
                          clerk.new_cancel_token())
        clerk.close()
