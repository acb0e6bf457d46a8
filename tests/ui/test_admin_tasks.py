"""The admin workspace's tasks page against a real platform over HTTPS (SQLite): a task created from
the page, failed by a real worker, its failures shown by reason with the next step, the failed SEs
retried and a scheduled task cancelled.  Screenshots: test-artifacts/screenshots/admin_tasks_*.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy.engine import Engine

from app.client import PlatformClient
from app.services.admin import AdminService
from ota.platform import tls
from ota.platform.cards import ensure_se
from ota.platform.db import make_engine, transaction
from ota.platform.sms.gateway import CmppGateway
from ota.platform.sms.simulator import GatewaySimulator
from ota.platform.tasks.worker import Worker
from tests.platform.admin_support import AdminPlatform, admin_platform  # noqa: F401
from tests.platform.conftest import shared_pki, terminal_cert
from tests.ui.conftest import shoot
from ui import errors

pytestmark = pytest.mark.gui
UNBOUND = ["8686019900000000000A", "8686019900000000000B"]
"""Registered SEs bound to no MSISDN: no PUSH can reach them."""


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'platform.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture
def tls_files() -> tls.TlsFiles:
    return shared_pki().files


def test_tasks_page_creates_shows_failures_retries_and_cancels(
    gui, qtbot, admin_platform: AdminPlatform  # noqa: ANN001
) -> None:
    from ui import i18n
    from ui.pages.admin import AdminWorkspace

    p = admin_platform
    with transaction(p.sessions) as session:
        for seid in UNBOUND:
            ensure_se(session, seid)
    client = PlatformClient(p.url, requests.Session(), ca_file=str(p.ca), client_cert=terminal_cert("laptop-01"))
    client.session.trust_env = False
    client.login("admin", "pw-admin", "laptop-01")
    workspace = AdminWorkspace(AdminService(client))
    qtbot.addWidget(workspace)
    workspace.resize(1200, 720)
    workspace.show()
    page = workspace.tasks_page
    assert page is not None and workspace.tabs.tabText(4) == "任务"
    workspace.tabs.setCurrentIndex(4)

    # create from the page: a bad SEID is refused in words before any call
    page.name_edit.setText("补装 SmartPGP")
    page.kind_box.setCurrentIndex(page.kind_box.findData("query"))
    page.seids_edit.setText("not-hex")
    page.create_button.click()
    assert "SEID" in page.message.text() and page.tasks == []
    page.seids_edit.setText(", ".join(s.lower() for s in UNBOUND))
    page.create_button.click()
    qtbot.waitUntil(lambda: len(page.tasks) == 1, timeout=10000)
    assert page.message.text() == "任务已创建:补装 SmartPGP"
    assert page.table.item(0, 3).text() == "查询"

    # a real worker takes it: no SMS can reach an SE without a number, so both fail with that reason
    with GatewaySimulator({"901234": "s"}) as sim:
        Worker(p.sessions, CmppGateway("127.0.0.1", sim.sp_port, "901234", "s")).run_until_idle()
    page.refresh()
    qtbot.waitUntil(lambda: bool(page.tasks) and page.tasks[0].status == "finished", timeout=10000)
    assert page.table.item(0, 1).text() == "已结束" and page.table.item(0, 5).text() == "2"
    assert page.table.item(0, 6).text() == "0"  # nothing left waiting
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.failures.rowCount() == 1, timeout=10000)
    assert page.failures.item(0, 0).text() == errors.text_for_code("push.no_msisdn", "zh_CN") and page.failures.item(0, 1).text() == "2"
    assert "绑定号码" in page.failures.item(0, 0).text()  # the next step, in the code's words
    assert page.failures.item(0, 2).text().startswith("8686")  # which SEs
    assert page.retry_button.isEnabled() and not page.cancel_button.isEnabled()
    page.retry_button.click()
    qtbot.waitUntil(lambda: len(page.tasks) == 2, timeout=10000)
    retry = next(t for t in page.tasks if t.retry_of)
    assert retry.name == "补装 SmartPGP (retry)" and retry.counts["total"] == 2

    # a delayed task, then cancelled from the page
    page.name_edit.setText("夜间锁定")
    page.kind_box.setCurrentIndex(page.kind_box.findData("lock"))
    page.app_edit.setText("JCMemory")
    page.delay_box.setValue(30)
    page.create_button.click()
    qtbot.waitUntil(lambda: len(page.tasks) == 3, timeout=10000)
    row = next(n for n, t in enumerate(page.tasks) if t.name == "夜间锁定")
    assert page.tasks[row].status == "scheduled" and page.table.item(row, 1).text() == "待执行"
    page.table.selectRow(row)
    assert page.cancel_button.isEnabled()
    page.cancel_button.click()
    qtbot.waitUntil(lambda: any(t.name == "夜间锁定" and t.status == "cancelled" for t in page.tasks), timeout=10000)
    page.table.selectRow(next(n for n, t in enumerate(page.tasks) if t.name == "补装 SmartPGP"))
    qtbot.waitUntil(lambda: page.failures.rowCount() == 1, timeout=10000)
    shoot(workspace, "admin_tasks", "zh_CN")

    i18n.translators.apply("en")
    try:
        workspace.retranslate()
        qtbot.wait(100)
        assert workspace.tabs.tabText(4) == "Tasks" and page.retry_button.text() == "Retry failed SEs"
        assert page.failures.item(0, 0).text() == errors.text_for_code("push.no_msisdn", "en")
        assert page.table.item(0, 1).text() in ("Scheduled", "Running", "Finished", "Cancelled")
        shoot(workspace, "admin_tasks", "en")
    finally:
        i18n.translators.apply("zh_CN")


def test_the_progress_panel_shows_the_queue_place(gui, qtbot) -> None:  # noqa: ANN001
    from app.services.base import Progress
    from app.services.words import in_queue
    from ui import i18n
    from ui.widgets.progress_panel import ProgressPanel

    panel = ProgressPanel()
    qtbot.addWidget(panel)
    i18n.translators.apply("zh_CN")
    panel.update_progress(Progress("queue", 0, 3, in_queue(2)))
    assert panel.stage.text() == "这部手机正在办理其他业务，排队等候中，前面还有 2 项"
    i18n.translators.apply("en")
    try:
        panel.update_progress(Progress("queue", 0, 1, in_queue(0)))
        assert panel.stage.text() == "This phone is busy with another service: waiting in its queue, 0 ahead"
    finally:
        i18n.translators.apply("zh_CN")
