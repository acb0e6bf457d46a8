"""The admin workspace (issue 14): applications through their life cycle, providers, SE batches and
statistics, for the admin and business-admin roles.

Every call goes to ``app.services.admin.AdminService`` on the network pool; this module only shows
what comes back.  Its words live in :data:`WORDS` (zh_CN, en) like ``ui/errors.py``: the workspace
is small and its own, so it does not touch the counter screens' translation files.  The codes the
platform sends (a release's or a provider's state) are worded from the Linguist files, context
``ErrorParams`` (:func:`code_words`), like every code the platform sends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ota import wording
from ui import errors
from ui.i18n import current_language
from ui.pages.admin_instances import InstancePanel
from ui.workers import run_in_pool

WORDS: dict[str, tuple[str, str]] = {
    "title": ("业务管理工作台", "Administration workspace"),
    "apps": ("应用", "Applications"),
    "providers": ("应用提供商", "Providers"),
    "batches": ("SE 批次", "SE batches"),
    "stats": ("统计", "Statistics"),
    "refresh": ("刷新", "Refresh"),
    "name": ("名称", "Name"),
    "provider": ("提供商", "Provider"),
    "state": ("状态", "State"),
    "version_id": ("版本标识", "Version"),
    "code_size": ("代码大小(字节)", "Code (bytes)"),
    "spid": ("SPID", "SPID"),
    "blacklisted": ("黑名单", "Blacklisted"),
    "app_count": ("应用数", "Apps"),
    "range": ("SEID 号段", "SEID range"),
    "chip": ("芯片类型", "Chip"),
    "java": ("Java Card 版本", "Java Card"),
    "free": ("初始可用空间", "Initial free space"),
    "ses": ("SE 数量", "SEs"),
    "audit": ("审核通过", "Pass the audit"),
    "test": ("测试通过", "Pass the test"),
    "publish": ("发布", "Publish"),
    "archive": ("归档", "Archive"),
    "no_step": ("请选择一个可处理的应用", "Select an application to move on"),
    "blacklist_on": ("加入黑名单", "Blacklist"),
    "blacklist_off": ("移出黑名单", "Remove from blacklist"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "by_kind": ("各类业务量", "Operations per kind"),
    "by_app": ("各应用业务量", "Operations per application"),
    "failures": ("失败原因", "Failures by reason"),
    "free_by_batch": ("各批次可用空间(字节)", "Free space per batch (bytes)"),
    "totals": ("业务总量 {ops},已登记 SE {ses}", "{ops} operations, {ses} registered SEs"),
    "loading": ("正在读取……", "Loading…"),
    "done": ("已完成:{what}", "Done: {what}"),
    "companion_hint": ("手机客户端下载地址(https://…)", "Phone app link (https://…)"),
    "companion_save": ("保存手机客户端地址", "Save phone app link"),
}
KIND_WORDS = {"query": ("查询", "Query"), "lock": ("锁定", "Lock"), "unlock": ("解锁", "Unlock"),
              "download": ("下载", "Download"), "delete": ("删除", "Delete"), "migrate": ("迁移", "Migration"),
              "change_number": ("换号", "Number change")}


def word(key: str, **values: Any) -> str:
    zh, en = WORDS.get(key, (key, key))
    return (zh if current_language().startswith("zh") else en).format(**values)


def code_words(name: str, code: str) -> str:
    """A code from the platform (``release_state``, ``published``) as a table cell reads it: 已发布 / Published."""
    text = wording.value_words(name, code, current_language())
    return text[:1].upper() + text[1:]


class BarChart(QWidget):
    """One figure as horizontal bars: a label, a bar to scale, the number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.values: list[tuple[str, int]] = []
        self.setMinimumSize(320, 160)

    def show_values(self, title: str, values: dict[str, int]) -> None:
        self.title, self.values = title, sorted(values.items(), key=lambda kv: -kv[1])[:8]
        self.update()

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width(), self.height()
        painter.drawText(QRectF(8, 4, width - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        if not self.values:
            return
        top, row = 28.0, min(24.0, (height - 32) / len(self.values))
        label_w, number_w = width * 0.35, 70.0
        biggest = max(v for _, v in self.values) or 1
        for n, (label, value) in enumerate(self.values):
            y = top + n * row
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(8, y, label_w - 12, row), Qt.AlignmentFlag.AlignVCenter, label)
            bar = (width - label_w - number_w - 16) * value / biggest
            painter.fillRect(QRectF(label_w, y + 3, max(bar, 1.0), row - 6), QColor("#2e7d32"))
            painter.drawText(QRectF(label_w + bar + 6, y, number_w, row), Qt.AlignmentFlag.AlignVCenter, str(value))
        painter.end()


def _short(sentence: str) -> str:
    """The first clause of an error text: enough for a chart's label."""
    return sentence.split("，")[0].split("；")[0].split(". ")[0].split(": ")[0].rstrip("。.")


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))


def _tasks_page(service: Any, run: Callable[..., None]) -> Any:
    """The tasks page, for a service that talks to a platform (not for a wiring test's stand-in)."""
    client = getattr(service, "client", None)
    if client is None:
        return None
    from app.services.admin_tasks import TaskAdminService
    from ui.pages.admin_tasks import TasksPage

    return TasksPage(TaskAdminService(client), run=run)


class AdminWorkspace(QWidget):
    """Tabs over the admin service; ``service`` is an ``app.services.admin.AdminService``."""

    def __init__(self, service: Any, parent: QWidget | None = None,
                 run: Callable[..., None] = run_in_pool) -> None:
        super().__init__(parent)
        self.service, self.run = service, run
        self.apps: list[Any] = []
        self.providers: list[Any] = []
        self.busy = 0
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.message = QLabel()
        self.message.setObjectName("adminMessage")
        self.message.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.tabs = QTabWidget()

        self.app_table = _table(6)
        self.app_table.itemSelectionChanged.connect(self._app_selected)
        self.step_button = QPushButton()
        self.step_button.clicked.connect(self.advance_selected)
        apps_page = self._page(self.app_table, self.step_button)
        # issue 14 round 3: the selected app's companion phone app link (§5.4.2, §5.4.7)
        self.companion_url = QLineEdit()
        self.companion_button = QPushButton()
        self.companion_button.clicked.connect(self.save_companion)
        companion_row = QHBoxLayout()
        companion_row.addWidget(self.companion_url, 1)
        companion_row.addWidget(self.companion_button)
        apps_layout = apps_page.layout()
        assert isinstance(apps_layout, QVBoxLayout)
        apps_layout.addLayout(companion_row)
        self.instance_panel = InstancePanel(service, run, self.message)  # each instance's label and data, §5.8.4.1
        apps_layout.addWidget(self.instance_panel)
        self.tabs.addTab(apps_page, "")

        self.provider_table = _table(5)
        self.provider_table.itemSelectionChanged.connect(self._provider_selected)
        self.blacklist_button = QPushButton()
        self.blacklist_button.clicked.connect(self.toggle_blacklist)
        self.tabs.addTab(self._page(self.provider_table, self.blacklist_button), "")

        self.batch_table = _table(6)
        self.tabs.addTab(self._page(self.batch_table), "")

        charts = QWidget()
        grid = QGridLayout(charts)
        self.totals = QLabel()
        self.charts = {key: BarChart() for key in ("by_kind", "by_app", "failures", "free_by_batch")}
        grid.addWidget(self.totals, 0, 0, 1, 2)
        for n, chart in enumerate(self.charts.values()):
            grid.addWidget(chart, 1 + n // 2, n % 2)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 1)
        self.tabs.addTab(charts, "")
        self.tasks_page = _tasks_page(service, run)  # issue 10: the tasks page (admin_tasks.py)
        if self.tasks_page is not None:
            self.tabs.addTab(self.tasks_page, "")

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.stats: Any = None
        self.batches: list[Any] = []
        self.retranslate()

    @staticmethod
    def _fit(button: QPushButton) -> None:
        """A button as wide as its words in the current language."""
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 48)

    @staticmethod
    def _page(table: QTableWidget, button: QPushButton | None = None) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        if button is not None:
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(button)
            layout.addLayout(row)
        return page

    # --- words -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(word("title"))
        self.heading.setText(word("title"))
        self.refresh_button.setText(word("refresh"))
        for n, key in enumerate(("apps", "providers", "batches", "stats")):
            self.tabs.setTabText(n, word(key))
        self.app_table.setHorizontalHeaderLabels(
            [word(k) for k in ("name", "provider", "state", "version_id", "batches", "code_size")])
        self.provider_table.setHorizontalHeaderLabels(
            [word(k) for k in ("name", "state", "spid", "blacklisted", "app_count")])
        self.batch_table.setHorizontalHeaderLabels(
            [word(k) for k in ("name", "range", "chip", "java", "free", "ses")])
        self.companion_url.setPlaceholderText(word("companion_hint"))
        self.companion_button.setText(word("companion_save"))
        self._fit(self.companion_button)
        self.instance_panel.retranslate()
        self.message.clear()  # its words were in the other language
        if self.tasks_page is not None:
            self.tabs.setTabText(4, self.tasks_page.title())
            self.tasks_page.retranslate()
        self._show_apps()
        self._show_providers()
        self._show_batches()
        self._show_stats()
        self._fit(self.refresh_button)

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.message.setText(word("loading"))
        self._call(self.service.apps, self._got_apps)
        self._call(self.service.providers, self._got_providers)
        self._call(self.service.batches, self._got_batches)
        self._call(self.service.stats, self._got_stats)
        if self.tasks_page is not None:
            self.tasks_page.refresh()

    def _call(self, task: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.busy += 1

        def ok(value: Any) -> None:
            self.busy -= 1
            done(value)
            if not self.busy and self.message.text() == word("loading"):
                self.message.clear()

        def failed(exc: BaseException) -> None:
            self.busy -= 1
            self.message.setText(errors.describe(exc, current_language()).text)

        self.run(task, ok, failed)

    def _got_apps(self, apps: list[Any]) -> None:
        self.apps = apps
        self._show_apps()

    def _got_providers(self, providers: list[Any]) -> None:
        self.providers = providers
        self._show_providers()

    def _got_batches(self, batches: list[Any]) -> None:
        self.batches = batches
        self._show_batches()

    def _got_stats(self, stats: Any) -> None:
        self.stats = stats
        self._show_stats()

    # --- showing ---------------------------------------------------------------------------

    def _show_apps(self) -> None:
        zh = current_language().startswith("zh")
        _fill(self.app_table, [
            [a.title_zh if zh else a.title_en, a.provider, code_words("release_state", a.state), a.version_id, ", ".join(a.batches),
             str(a.code_size)] for a in self.apps
        ])
        self._app_selected()

    def _show_providers(self) -> None:
        _fill(self.provider_table, [
            [p.name, code_words("provider_state", p.state), p.spid or "", word("yes" if p.blacklisted else "no"), str(len(p.apps))]
            for p in self.providers
        ])
        self._provider_selected()

    def _show_batches(self) -> None:
        _fill(self.batch_table, [
            [b.name, f"{b.seid_start} – {b.seid_end}", b.chip_type, b.java_version, str(b.initial_free_space),
             str(b.ses)] for b in self.batches
        ])

    def _show_stats(self) -> None:
        s = self.stats
        if s is None:
            return
        zh = current_language().startswith("zh")
        kinds = {KIND_WORDS.get(k, (k, k))[0 if zh else 1]: v for k, v in s.by_kind.items()}
        self.totals.setText(word("totals", ops=s.operations, ses=s.registered_ses))
        self.charts["by_kind"].show_values(word("by_kind"), kinds)
        self.charts["by_app"].show_values(word("by_app"), s.by_app)
        failures = {_short(errors.describe_code(code, "zh_CN" if zh else "en")): n
                    for code, n in s.failures_by_reason.items()}
        self.charts["failures"].show_values(word("failures"), failures)
        self.charts["free_by_batch"].show_values(word("free_by_batch"), s.free_by_batch)

    # --- actions ---------------------------------------------------------------------------

    def selected_app(self) -> Any:
        rows = self.app_table.selectionModel().selectedRows() if self.app_table.selectionModel() else []
        return self.apps[rows[0].row()] if rows and rows[0].row() < len(self.apps) else None

    def _app_selected(self) -> None:
        app = self.selected_app()
        step = app.next_step if app else None
        self.step_button.setEnabled(step is not None)
        self.step_button.setText(word(step) if step else word("no_step"))
        self._fit(self.step_button)
        self.instance_panel.show_app(app.name if app else None)

    def advance_selected(self) -> None:
        app = self.selected_app()
        if app is None or app.next_step is None:
            return
        step = app.next_step
        batches = app.batches or tuple(b.name for b in self.batches)

        def moved(_app: Any) -> None:
            self.message.setText(word("done", what=f"{word(step)} {app.name}"))
            self._call(self.service.apps, self._reselect(app.name))

        self.run(lambda: self.service.advance(app.name, step, batches), moved,
                 lambda exc: self.message.setText(errors.describe(exc, current_language()).text))

    def _reselect(self, name: str) -> Callable[[list[Any]], None]:
        def show(apps: list[Any]) -> None:
            self._got_apps(apps)
            for n, a in enumerate(self.apps):
                if a.name == name:
                    self.app_table.selectRow(n)
        return show

    def selected_provider(self) -> Any:
        rows = self.provider_table.selectionModel().selectedRows() if self.provider_table.selectionModel() else []
        return self.providers[rows[0].row()] if rows and rows[0].row() < len(self.providers) else None

    def _provider_selected(self) -> None:
        provider = self.selected_provider()
        self.blacklist_button.setEnabled(provider is not None)
        on = provider is not None and provider.blacklisted
        self.blacklist_button.setText(word("blacklist_off" if on else "blacklist_on"))
        self._fit(self.blacklist_button)

    def toggle_blacklist(self) -> None:
        provider = self.selected_provider()
        if provider is None:
            return
        self.run(lambda: self.service.set_blacklisted(provider.name, not provider.blacklisted),
                 lambda _none: self._call(self.service.providers, self._got_providers),
                 lambda exc: self.message.setText(errors.describe(exc, current_language()).text))

    def save_companion(self) -> None:
        app, url = self.selected_app(), self.companion_url.text().strip()
        if app is None:
            self.message.setText(word("no_step"))
            return
        self.run(lambda: self.service.set_companion(app.name, url),
                 lambda _link: self.message.setText(word("done", what=f"{word('companion_save')} {app.name}")),
                 lambda exc: self.message.setText(errors.describe(exc, current_language()).text))
