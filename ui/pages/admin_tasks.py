"""The admin workspace's tasks page (issue 10, seed §5.8.6): every task with its state and counts,
the selected task's failures by reason with the next step, and the common actions — create a
task (one operation on a list of SEs, now or after a delay), cancel it, retry its failed SEs.

Calls go to ``app.services.admin_tasks.TaskAdminService`` on the network pool; the words are in
the Linguist files (context ``TasksPage``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import errors
from ui.i18n import current_language
from ui.pages.admin import _fill, _table
from ui.workers import run_in_pool

KINDS = ("download", "delete", "lock", "unlock", "query")


class TasksPage(QWidget):
    """``service`` is an ``app.services.admin_tasks.TaskAdminService``."""

    def __init__(self, service: Any, parent: QWidget | None = None,
                 run: Callable[..., None] = run_in_pool) -> None:
        super().__init__(parent)
        self.service, self.run = service, run
        self.tasks: list[Any] = []
        self.detail: Any = None

        self.table = _table(7)
        self.table.itemSelectionChanged.connect(self._selected)
        self.failures = _table(3)
        self.failures_box = QGroupBox()
        QVBoxLayout(self.failures_box).addWidget(self.failures)
        self.cancel_button, self.retry_button = QPushButton(), QPushButton()
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.retry_button.clicked.connect(self.retry_selected)

        self.create_box = QGroupBox()
        form = QFormLayout(self.create_box)
        self.name_edit, self.app_edit, self.seids_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.kind_box = QComboBox()
        self.delay_box = QSpinBox()
        self.delay_box.setRange(0, 7 * 24 * 60)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self.create_task)
        self.form_labels = [QLabel() for _ in range(5)]
        for label, field in zip(self.form_labels, (self.name_edit, self.kind_box, self.app_edit,
                                                   self.seids_edit, self.delay_box), strict=True):
            form.addRow(label, field)
        form.addRow(self.create_button)

        self.message = QLabel()
        self.message.setObjectName("adminMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.retry_button)
        left = QVBoxLayout()
        left.addWidget(self.table, 3)
        left.addLayout(buttons)
        left.addWidget(self.failures_box, 2)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self.create_box)
        right.addWidget(self.message)
        right.addStretch(1)
        layout.addLayout(right, 2)
        self.retranslate()

    # --- words -----------------------------------------------------------------------------

    def _status(self, status: str) -> str:
        return {"scheduled": self.tr("Scheduled"), "running": self.tr("Running"),
                "finished": self.tr("Finished"), "cancelled": self.tr("Cancelled")}.get(status, status)

    def _kind(self, kind: str) -> str:
        return {"download": self.tr("Download"), "delete": self.tr("Delete"), "lock": self.tr("Lock"),
                "unlock": self.tr("Unlock"), "query": self.tr("Query")}.get(kind, kind)

    def title(self) -> str:
        return self.tr("Tasks")

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("State"), self.tr("Runs at"), self.tr("Operations"), self.tr("Done"),
            self.tr("Failed"), self.tr("Waiting")])
        self.failures.setHorizontalHeaderLabels([self.tr("Reason and next step"), self.tr("SEs"), "SEID"])
        self.failures_box.setTitle(self.tr("Failures by reason"))
        self.cancel_button.setText(self.tr("Cancel task"))
        self.retry_button.setText(self.tr("Retry failed SEs"))
        self.create_box.setTitle(self.tr("New task"))
        for label, text in zip(self.form_labels, (self.tr("Name"), self.tr("Operation"), self.tr("Application"),
                                                  self.tr("SEIDs"), self.tr("Start after (minutes)")), strict=True):
            label.setText(text)
        self.seids_edit.setPlaceholderText(self.tr("one or more SEIDs, separated by spaces or commas"))
        self.app_edit.setPlaceholderText(self.tr("application name, for download and delete"))
        current = self.kind_box.currentIndex()
        self.kind_box.clear()
        for kind in KINDS:
            self.kind_box.addItem(self._kind(kind), kind)
        self.kind_box.setCurrentIndex(max(current, 0))
        self.create_button.setText(self.tr("Create task"))
        self.message.clear()
        self._show()

    # --- loading and showing ---------------------------------------------------------------

    def refresh(self) -> None:
        self.run(self.service.tasks, self._got, self._failed)

    def _got(self, tasks: list[Any]) -> None:
        self.tasks = tasks
        self._show()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(errors.describe(exc, current_language()).text)

    def _show(self) -> None:
        selected = self.selected()
        _fill(self.table, [
            [t.name, self._status(t.status), t.run_at.astimezone().strftime("%Y-%m-%d %H:%M"),
             " → ".join(self._kind(k) for k in t.kinds), str(t.counts.get("done", 0)), str(t.failed),
             str(t.waiting)]
            for t in self.tasks
        ])
        if selected is not None:
            for n, t in enumerate(self.tasks):
                if t.id == selected.id:
                    self.table.selectRow(n)
        self._show_failures()
        self._buttons()

    def _show_failures(self) -> None:
        language = current_language()
        failures = self.detail.failures if self.detail is not None else ()
        # The code's words carry the reason and the next step; the third column: which SEs.
        _fill(self.failures, [
            [errors.text_for_code(f.reason, language), str(f.count), " ".join(f.seids[:5]) + (" …" if f.count > 5 else "")]
            for f in failures
        ])

    def selected(self) -> Any:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        return self.tasks[rows[0].row()] if rows and rows[0].row() < len(self.tasks) else None

    def _selected(self) -> None:
        task = self.selected()
        self._buttons()
        if task is None:
            self.detail = None
            self._show_failures()
            return
        self.run(lambda: self.service.show(task.id), self._got_detail, self._failed)

    def _got_detail(self, detail: Any) -> None:
        self.detail = detail
        self._show_failures()

    def _buttons(self) -> None:
        task = self.selected()
        self.cancel_button.setEnabled(task is not None and task.status in ("scheduled", "running"))
        self.retry_button.setEnabled(task is not None and task.failed > 0)

    # --- actions ---------------------------------------------------------------------------

    def create_task(self) -> None:
        name, app_id = self.name_edit.text().strip(), self.app_edit.text().strip() or None
        seids = [s.upper() for s in re.split(r"[\s,;，]+", self.seids_edit.text()) if s]
        kind = str(self.kind_box.currentData())
        if not name or not seids or not all(re.fullmatch(r"[0-9A-F]{2,64}", s) for s in seids):
            self.message.setText(self.tr("Give the task a name and at least one SEID (hexadecimal digits)."))
            return
        if kind in ("download", "delete") and not app_id:
            self.message.setText(self.tr("Name the application to download or delete."))
            return
        delay = self.delay_box.value() * 60.0
        self.run(lambda: self.service.create(name, kind, seids, app_id, delay),
                 self._done(self.tr("Task created: %1")), self._failed)

    def cancel_selected(self) -> None:
        task = self.selected()
        if task is not None:
            self.run(lambda: self.service.cancel(task.id), self._done(self.tr("Task cancelled: %1")), self._failed)

    def retry_selected(self) -> None:
        task = self.selected()
        if task is not None:
            self.run(lambda: self.service.retry(task.id),
                     self._done(self.tr("Retrying the failed SEs in a new task: %1")), self._failed)

    def _done(self, words: str) -> Callable[[Any], None]:
        def show(task: Any) -> None:
            self.message.setText(words.replace("%1", task.name))
            self.refresh()
        return show
