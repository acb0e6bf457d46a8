"""Interrupted work in the GUI (issue 11, item 5) against the real demo platform and virtual SEs.

The platform is cut mid-download (its server stops after the second LOAD block), so the clerk
meets the real ``platform.unreachable``; the journal keeps the run open, the page says what state
the phone is in and offers Resume / Release; the platform comes back on the same port and the
clerk resumes or releases from the page.  A terminal restarted after a crash finds its open run
in the end-of-day list and resumes it there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import shoot
from tests.ui.test_demo_e2e import latin_words
from ui import i18n

pytestmark = pytest.mark.slow

READER = "Virtual PCD 00 00"
MSISDN = "13800138000"
LOAD = 0xE8  # GlobalPlatform LOAD (GPCS 11.6): its INS stays readable under secure messaging


class PlatformCut:
    """Stops the demo's platform server after ``after`` LOAD blocks; :meth:`restore` restarts it."""

    def __init__(self, demo: Any) -> None:
        self.demo = demo
        self.after = 0  # 0 = disarmed
        self.loads = 0

    def arm(self, after: int) -> None:
        self.after, self.loads = after, 0

    def seen(self, apdu: bytes) -> None:
        if self.after and len(apdu) > 1 and apdu[1] == LOAD:
            self.loads += 1
            if self.loads == self.after:
                self.after = 0
                self.demo._server.stop()  # on the service's worker thread, between two APDUs

    def restore(self) -> None:
        from ota.platform.server import ServerThread

        old = self.demo._server
        self.demo._server = ServerThread(old._server.config.app, port=old.port, tls=old.tls).start()


class _WatchedReader:
    def __init__(self, reader: Any, cut: PlatformCut) -> None:
        self._reader, self._cut = reader, cut

    def transmit(self, apdu: bytes) -> bytes:
        response = self._reader.transmit(apdu)
        self._cut.seen(apdu)
        return response

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # noqa: ANN001, ANN201
    from app.demo import DemoEnvironment

    env = DemoEnvironment(tmp_path_factory.mktemp("demo"), use_pcsc=False).start()
    yield env
    env.stop()


def open_counter(qtbot: Any, demo: Any, cut: PlatformCut | None = None) -> tuple[Any, Any]:
    """A clerk's counter window on the demo (a fresh terminal process would build the same)."""
    from ui.backend import AppBackend
    from ui.main import GuiController

    backend = AppBackend(demo.config, demo)
    if cut is not None:
        traced = backend.reader_factory
        backend.reader_factory = lambda name: _WatchedReader(traced(name), cut)  # type: ignore[method-assign]
    backend.operator = backend.login("clerk1", "clerk1-demo")
    controller = GuiController(backend, kiosk=False, technician=False)
    window = controller.open_window()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: controller.session.reader == READER, timeout=10000)
    return backend, window


@pytest.fixture
def counter(gui, qtbot, demo) -> Iterator[tuple[Any, Any, PlatformCut]]:  # noqa: ANN001
    i18n.translators.apply("zh_CN")
    cut = PlatformCut(demo)
    backend, window = open_counter(qtbot, demo, cut)
    yield backend, window, cut
    window.close()
    backend.close()


def finished(qtbot: Any, page: Any) -> None:
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=60000)


def query(qtbot: Any, window: Any) -> None:
    window.show_page("query")
    page = window.page("query")
    page.subscriber.setText(MSISDN)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    finished(qtbot, page)
    assert page.result.message.property("state") == "ok", page.result.message.text()


def download_cut(qtbot: Any, window: Any, cut: PlatformCut, app: str) -> Any:
    """Start downloading ``app``; the platform goes away after the second LOAD block."""
    window.show_page("download")
    page = window.page("download")
    qtbot.waitUntil(lambda: page.app_choice.count() > 0, timeout=10000)
    index = page.app_choice.findText(app, Qt.MatchFlag.MatchContains)
    assert index >= 0 and page.app_choice.model().item(index).isEnabled(), app
    page.app_choice.setCurrentIndex(index)
    cut.arm(after=2)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    finished(qtbot, page)
    qtbot.waitUntil(page.result.resume_button.isVisible, timeout=10000)  # the journal holds the run open
    return page


def app_states(backend: Any) -> dict[str, str]:
    from app.services.query import query as read

    return {a.name: a.state for a in read(backend._context(None, None, None), READER).apps}


def test_network_loss_mid_download_then_resume_and_release(counter, qtbot, demo) -> None:  # noqa: ANN001
    backend, window, cut = counter
    query(qtbot, window)

    # 1. The platform disappears while the phone is being written.
    page = download_cut(qtbot, window, cut, "内存检测")
    text, details = page.result.message.text(), page.result.details.text()
    assert text.startswith("下载：已中断。") and "无法连接平台" in text, text
    assert "平台仍为这笔中断的业务占用这部手机" in details and "继续办理" in details, details
    assert "手机已写入一部分" in details, details  # the phone's state, in words
    qtbot.waitUntil(lambda: window.status.platform.text() == "平台：离线", timeout=15000)  # not a stale 在线
    assert page.result.release_button.isVisible() and not page.result.retry_button.isVisible()
    assert page.receipt is None
    [open_run] = backend.open_runs()
    assert open_run.kind == "download" and open_run.error_code == "platform.unreachable"
    assert latin_words(window) == set()  # the zh_CN screen says it all in Chinese
    shoot(window, "interrupted_network", "zh_CN")
    i18n.translators.apply("en")
    qtbot.wait(300)  # the layout follows the new words
    assert "still holds this phone" in page.result.details.text() and page.result.resume_button.text() == "Resume"
    shoot(window, "interrupted_network", "en")
    i18n.translators.apply("zh_CN")

    # The day list shows it as interrupted until it is resolved.
    window.show_page("daylist")
    daylist = window.page("daylist")
    qtbot.waitUntil(lambda: any(daylist.table.item(r, 2).text() == "已中断：请检查手机"
                                for r in range(daylist.table.rowCount())), timeout=10000)

    # 2. Still offline: Resume says so and keeps offering it.
    window.show_page("download")
    qtbot.mouseClick(page.result.resume_button, Qt.MouseButton.LeftButton)
    finished(qtbot, page)
    qtbot.waitUntil(page.result.resume_button.isVisible, timeout=10000)
    assert "无法连接平台" in page.result.message.text()

    # 3. The platform is back: Resume takes the operation over and finishes the download.
    cut.restore()
    qtbot.mouseClick(page.result.resume_button, Qt.MouseButton.LeftButton)
    finished(qtbot, page)
    assert page.result.message.text().startswith("下载：办理成功。"), page.result.message.text()
    assert page.receipt is not None and page.receipt.ok
    assert not page.result.resume_button.isVisible()
    assert backend.open_runs() == []
    assert backend.terminal.client.get(open_run.operation_id).error.code == "operation.taken_over"
    assert app_states(backend)["JCMemory"] == "Usable"
    qtbot.waitUntil(lambda: "离线" not in window.status.platform.text(), timeout=15000)  # back online (or slow)
    window.show_page("daylist")
    qtbot.waitUntil(lambda: "中断后已继续办理" in [daylist.table.item(r, 2).text()
                                             for r in range(daylist.table.rowCount())], timeout=10000)
    assert not any(daylist.table.item(r, 2).text() == "已中断：请检查手机" for r in range(daylist.table.rowCount()))
    assert latin_words(window) == set()
    shoot(window, "interrupted_daylist", "zh_CN")

    # 4. Cut again on another application, and release the phone instead.
    page = download_cut(qtbot, window, cut, "SmartPGP")
    [open_run] = backend.open_runs()
    cut.restore()
    qtbot.mouseClick(page.result.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.message.text().startswith("下载：已释放。"), timeout=20000)
    assert "不会再写入任何数据" in page.result.message.text()
    assert not page.result.resume_button.isVisible() and not page.result.release_button.isVisible()
    assert backend.open_runs() == []
    assert backend.terminal.client.get(open_run.operation_id).state.value == "cancelled"
    assert latin_words(window) == set()
    shoot(window, "interrupted_released", "zh_CN")
    i18n.translators.apply("en")
    qtbot.wait(300)  # the layout follows the new words
    assert page.result.message.text().startswith("Download: released.")
    shoot(window, "interrupted_released", "en")
    i18n.translators.apply("zh_CN")
    window.show_page("daylist")
    qtbot.waitUntil(lambda: "中断后已释放" in [daylist.table.item(r, 2).text()
                                           for r in range(daylist.table.rowCount())], timeout=10000)


class Crash(BaseException):
    """The terminal process dying mid-download: nothing catches it, the journal row stays open."""


def test_restart_after_a_crash_resumes_from_the_day_list(gui, qtbot, demo) -> None:  # noqa: ANN001
    from app.services.base import Progress
    from app.services.delete import delete
    from app.services.download import download
    from app.terminal import Terminal

    i18n.translators.apply("zh_CN")
    crashed = Terminal.open(demo.config)
    crashed.reader_factory = demo.reader_factory()
    crashed.login("clerk1", "clerk1-demo")
    if "JCMemory" in {a.name for a in __import__("app.services.query", fromlist=["query"]).query(
            crashed.context(), READER, msisdn=MSISDN).apps}:
        assert delete(crashed.context(), READER, "JCMemory", msisdn=MSISDN).ok  # the module's demo is shared

    def progress(p: Progress) -> None:
        if p.stage == "load" and p.done == 1:
            raise Crash

    with pytest.raises(Crash):
        download(crashed.context(on_progress=progress), READER, "JCMemory", msisdn=MSISDN)
    crashed.close()

    backend, window = open_counter(qtbot, demo)  # the terminal restarted
    try:
        daylist = window.page("daylist")
        qtbot.waitUntil(lambda: window.current_page() == "daylist" and daylist.resume_button.isEnabled(),
                        timeout=10000)
        assert daylist.selected().kind == "download" and daylist.selected().state == "running"
        shoot(window, "interrupted_after_restart", "zh_CN")
        qtbot.mouseClick(daylist.resume_button, Qt.MouseButton.LeftButton)
        page = window.page("download")
        assert window.current_page() == "download"
        finished(qtbot, page)
        assert page.result.message.text().startswith("下载：办理成功。"), page.result.message.text()
        assert backend.open_runs() == []
        assert app_states(backend)["JCMemory"] == "Usable"
    finally:
        window.close()
        backend.close()
