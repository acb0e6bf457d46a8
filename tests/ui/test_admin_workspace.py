"""The admin workspace against a real platform over HTTPS (SQLite): applications move on through
their life cycle from the workspace, a role's refusal is shown in words, statistics are charted.
Screenshots go to test-artifacts/screenshots/admin_*.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy.engine import Engine

from app.client import PlatformClient
from app.services.admin import AdminService
from ota.platform import tls
from ota.platform.db import make_engine
from tests.platform.admin_support import AdminPlatform, admin_platform, submission  # noqa: F401
from tests.platform.conftest import shared_pki, terminal_cert
from tests.ui.conftest import shoot
from ui import errors

pytestmark = pytest.mark.gui


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'platform.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture
def tls_files() -> tls.TlsFiles:
    """The shared test CA: it issued the enrolled test terminals' certificates."""
    return shared_pki().files


def _service(p: AdminPlatform, operator: str, password: str) -> AdminService:
    client = PlatformClient(p.url, requests.Session(), ca_file=str(p.ca), client_cert=terminal_cert("laptop-01"))
    client.session.trust_env = False
    client.login(operator, password, "laptop-01")
    return AdminService(client)


def test_the_workspace_moves_an_application_on_and_charts_the_figures(
    gui, qtbot, admin_platform: AdminPlatform  # noqa: ANN001
) -> None:
    from ui import i18n
    from ui.pages.admin import AdminWorkspace

    p = admin_platform
    badmin, clerk = p.login("badmin", "laptop-01"), p.login()
    assert badmin.post(p.admin("/apps"), json=submission()).status_code == 200
    card = p.card()
    assert p.run("download", card, client=clerk, app_id="AnssiSmartPGP").state == "done"
    assert p.run("download", card, client=clerk, app_id="AnssiSmartPGP").state == "failed"

    workspace = AdminWorkspace(_service(p, "badmin", "pw-badmin-1"))
    qtbot.addWidget(workspace)
    workspace.resize(1100, 720)
    workspace.show()
    workspace.refresh()
    qtbot.waitUntil(lambda: bool(workspace.apps and workspace.providers and workspace.batches)
                    and workspace.stats is not None, timeout=10000)
    assert workspace.app_table.item(0, 2).text() == "初始"
    assert workspace.stats.by_kind == {"download": 2}

    def step(expected_state: str) -> None:
        workspace.app_table.selectRow(0)
        workspace.step_button.click()
        qtbot.waitUntil(lambda: workspace.apps[0].state == expected_state, timeout=10000)

    workspace.app_table.selectRow(0)
    assert workspace.step_button.text() == "审核通过"
    step("audited")
    assert workspace.app_table.item(0, 2).text() == "已审核"
    # a business admin may not pass a test: the platform's refusal is shown in words
    workspace.app_table.selectRow(0)
    assert workspace.step_button.text() == "测试通过"
    workspace.step_button.click()
    refused = errors.text_for_code("auth.forbidden", "zh_CN")  # the clerk-facing words for the code
    qtbot.waitUntil(lambda: workspace.message.text().startswith(refused[:8]), timeout=10000)
    tester = p.login("tester1")
    assert tester.post(p.admin("/apps/MemProbe/test"), json={}).status_code == 200
    workspace.refresh()
    qtbot.waitUntil(lambda: workspace.apps[0].state == "tested", timeout=10000)
    step("published")
    assert workspace.app_table.item(0, 2).text() == "已发布"
    assert "发布" in workspace.message.text()
    shoot(workspace, "admin_apps", "zh_CN")

    workspace.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: bool(workspace.charts["by_kind"].values), timeout=5000)
    assert dict(workspace.charts["by_kind"].values) == {"下载": 2}
    installed = errors.describe_code("app.already_installed", "zh_CN")  # failures charted in words
    assert [(installed.startswith(label.rstrip("…")), n) for label, n in workspace.charts["failures"].values] == [(True, 1)]
    assert "安装" not in workspace.totals.text() and "业务总量 2" in workspace.totals.text()
    shoot(workspace, "admin_stats", "zh_CN")

    # providers: blacklist from the workspace
    workspace.tabs.setCurrentIndex(1)
    row = next(n for n, x in enumerate(workspace.providers) if x.name == "ANSSI")
    workspace.provider_table.selectRow(row)
    assert workspace.blacklist_button.text() == "加入黑名单"
    assert workspace.provider_table.item(row, 1).text() == "审核成功"  # the code "approved", worded by the GUI
    workspace.blacklist_button.click()
    qtbot.waitUntil(lambda: any(x.name == "ANSSI" and x.blacklisted for x in workspace.providers), timeout=10000)
    run = p.run("download", p.card(), client=clerk, app_id="AnssiSmartPGP")
    assert (run.state, run.error["code"]) == ("failed", "provider.blacklisted")

    i18n.translators.apply("en")
    workspace.retranslate()
    qtbot.wait(100)  # let the layouts take the new words' widths
    assert workspace.tabs.tabText(1) == "Providers" and workspace.app_table.item(0, 2).text() == "Published"
    row = next(n for n, x in enumerate(workspace.providers) if x.name == "ANSSI")
    assert workspace.provider_table.item(row, 1).text() == "Approved"
    shoot(workspace, "admin_providers", "en")
    workspace.tabs.setCurrentIndex(3)
    qtbot.wait(50)
    shoot(workspace, "admin_stats", "en")
    workspace.tabs.setCurrentIndex(2)
    qtbot.wait(50)
    shoot(workspace, "admin_batches", "en")


def test_only_administrators_get_the_workspace(gui, qtbot) -> None:  # noqa: ANN001
    from types import SimpleNamespace

    from app.services.admin import AdminStats
    from ui.main import admin_wanted, open_admin_workspace

    assert admin_wanted(["hallterm"], SimpleNamespace(role="business_admin"))
    assert not admin_wanted(["hallterm"], SimpleNamespace(role="admin"))
    assert admin_wanted(["hallterm", "--admin"], SimpleNamespace(role="admin"))
    assert not admin_wanted(["hallterm", "--admin"], SimpleNamespace(role="clerk"))

    class NoData:  # one layer only: the wiring, with a service that has nothing to show
        def apps(self) -> list[object]:
            return []

        providers = batches = apps

        def stats(self) -> AdminStats:
            return AdminStats(operations=0, registered_ses=0)

    workspace = open_admin_workspace(SimpleNamespace(admin=NoData))
    qtbot.addWidget(workspace)
    qtbot.waitUntil(lambda: workspace.stats is not None, timeout=5000)
    assert workspace.isVisible() and workspace.windowTitle() == "业务管理工作台"
    assert not workspace.step_button.isEnabled()


def test_the_workspace_stores_a_companion_app_link(gui, qtbot, admin_platform: AdminPlatform) -> None:  # noqa: ANN001
    """Issue 14 round 3: the selected app's phone app link, kept by the platform; a bad one in words."""
    from ui import i18n
    from ui.pages.admin import AdminWorkspace

    p = admin_platform
    badmin = p.login("badmin", "laptop-01")
    assert badmin.post(p.admin("/apps"), json=submission()).status_code == 200
    i18n.translators.apply("zh_CN")
    workspace = AdminWorkspace(_service(p, "badmin", "pw-badmin-1"))
    qtbot.addWidget(workspace)
    workspace.show()
    workspace.refresh()
    qtbot.waitUntil(lambda: bool(workspace.apps) and workspace.busy == 0, timeout=10000)
    workspace.app_table.selectRow(0)
    workspace.companion_url.setText("http://not-tls.example/app.apk")
    workspace.companion_button.click()
    qtbot.waitUntil(lambda: workspace.message.text() == errors.text_for_code("request.invalid", "zh_CN"),
                    timeout=10000)
    assert badmin.get(p.admin("/apps/MemProbe/companion")).status_code == 404  # nothing stored
    workspace.companion_url.setText("https://apps.example.com/memprobe")
    workspace.companion_button.click()
    qtbot.waitUntil(lambda: workspace.message.text().startswith("已完成"), timeout=10000)
    assert badmin.get(p.admin("/apps/MemProbe/companion")).json()["link"] == "https://apps.example.com/memprobe"


def test_the_workspace_labels_an_instance_and_gives_it_its_own_data(
    gui, qtbot, admin_platform: AdminPlatform, tmp_path: Path  # noqa: ANN001
) -> None:
    """Issue 14 round 4 (§5.8.4.1): the selected app's instances, each labelled and given its own
    personalisation file; a file that is not JSON is refused in words and nothing is stored."""
    import json

    from ui import i18n
    from ui.pages.admin import AdminWorkspace

    p = admin_platform
    badmin = p.login("badmin", "laptop-01")
    first, second = submission()["main_module"] + "01", submission()["main_module"] + "02"
    body = submission(needs_personalisation=True, instances=[{"aid": first, "module": submission()["main_module"]},
                                                             {"aid": second, "module": submission()["main_module"]}])
    assert badmin.post(p.admin("/apps"), json=body).status_code == 200
    i18n.translators.apply("zh_CN")
    workspace = AdminWorkspace(_service(p, "badmin", "pw-badmin-1"))
    qtbot.addWidget(workspace)
    workspace.show()
    workspace.refresh()
    qtbot.waitUntil(lambda: bool(workspace.apps) and workspace.busy == 0, timeout=10000)
    workspace.app_table.selectRow(0)
    panel = workspace.instance_panel
    qtbot.waitUntil(lambda: panel.choice.count() == 2, timeout=10000)
    assert panel.choice.itemText(1) == "#2 (使用应用的个人化数据)"  # no raw AID, no label yet
    panel.choice.setCurrentIndex(1)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    panel.label_zh.setText("停车卡")
    panel.label_en.setText("Parking card")
    panel.perso_file.setText(str(bad))
    panel.save_button.click()
    qtbot.waitUntil(lambda: workspace.message.text() == errors.text_for_code("input.invalid", "zh_CN"), timeout=10000)
    assert badmin.get(p.admin("/apps/MemProbe/instances")).json()["instances"][1]["label_zh"] == ""  # nothing stored
    good = tmp_path / "second.json"
    good.write_text(json.dumps({"mode": 3, "records": [{"tag": "5F20", "value": "5031"}]}), encoding="utf-8")
    panel.perso_file.setText(str(good))
    panel.save_button.click()
    qtbot.waitUntil(lambda: workspace.message.text().startswith("已保存实例"), timeout=10000)
    stored = badmin.get(p.admin("/apps/MemProbe/instances")).json()["instances"][1]
    assert (stored["aid"], stored["label_zh"], stored["label_en"], stored["own_perso"]) == (
        second, "停车卡", "Parking card", True)
    assert panel.choice.itemText(1) == "停车卡 (自有个人化数据)"
    shoot(workspace, "admin_instances", "zh_CN")
    i18n.translators.apply("en")
    workspace.retranslate()
    assert panel.choice.itemText(1) == "Parking card (own personalisation data)"
    shoot(workspace, "admin_instances", "en")
    i18n.translators.apply("zh_CN")
