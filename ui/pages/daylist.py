"""End of day: every service this terminal ran on a date, from the journal, in words.

Times are local, services and reasons are in the clerk's language, applications by their
catalogue names; a run that never finished (the terminal or the network went away) is shown as
interrupted until it is resolved.  Any completed run's receipt can be reprinted; the CSV export
says the same as the screen and is written off the GUI thread.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.services.base import receipt_values
from ui import catalog, errors, receipt
from ui.i18n import current_language, save_file_name
from ui.pages.base import INTERRUPTIONS
from ui.receipt_preview import ReceiptPreview
from ui.session import Session
from ui.views import short_reference


def local_time(value: datetime | None, with_date: bool = False) -> str:
    if value is None:
        return ""
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone()
    return local.strftime("%Y-%m-%d %H:%M:%S" if with_date else "%H:%M:%S")


class DayListPage(QWidget):
    exported = Signal(object)  # the CSV path, once written
    export_failed = Signal(str)
    resume_requested = Signal(object)  # an interrupted run's journal entry: its service page resumes it

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[Any] = []
        self._select_open = False  # select the first interrupted run when the list comes in
        self.preview: ReceiptPreview | None = None
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(lambda: self.reprint())
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export())
        self.resume_button = QPushButton()
        self.resume_button.setObjectName("resumeButton")
        self.resume_button.clicked.connect(lambda: self.resume())
        self.release_button = QPushButton()
        self.release_button.setObjectName("releaseButton")
        self.release_button.clicked.connect(lambda: self.release())
        self.summary = QLabel()
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("journalTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.reprint())
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        row.addWidget(self.resume_button)
        row.addWidget(self.release_button)
        row.addWidget(self.reprint_button)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self._selection_changed()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        day: Any = self.date.date().toPython()  # a datetime.date
        if not self.session.catalog:
            self.session.in_pool(self.session.backend.catalog, self._catalog_ready, lambda _e: None)
        self.session.in_pool(lambda: self.session.backend.journal_day(day), self.show_entries, self._failed)

    def _catalog_ready(self, apps: list[Any]) -> None:
        self.session.catalog = list(apps)
        self.show_entries(self.entries)  # application names instead of ids

    # --- words -----------------------------------------------------------------------------
    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Service"), self.tr("Result"), self.tr("Phone number"),
                self.tr("Application"), self.tr("Reason"), self.tr("Operator"), self.tr("Reference")]

    def result_text(self, entry: Any) -> str:
        state = getattr(entry, "state", "")
        code = getattr(entry, "error_code", None)
        if code == "operation.resumed":
            return self.tr("Interrupted, then resumed")
        if code == "operation.released":
            return self.tr("Interrupted, then released")
        if state == "running" or (entry.ok is not True and getattr(entry, "error_code", None) in INTERRUPTIONS):
            return self.tr("Interrupted: check the phone")  # until the phone is queried and served again
        if state == "cancelled":
            return self.tr("Cancelled")
        return self.tr("Completed") if entry.ok is True else self.tr("Not completed")

    def reason_text(self, entry: Any) -> str:
        code = getattr(entry, "error_code", None)
        if not code or entry.ok is True or code in ("cancelled", "operation.resumed", "operation.released"):
            return ""
        return errors.text_for_code(code, current_language())

    def app_text(self, entry: Any) -> str:
        """The catalogue title: by the id, else by the name the run's receipt recorded."""
        app_id = str(getattr(entry, "app_id", "") or "")
        record = getattr(entry, "receipt", None)
        name = receipt_values(record).get("app", "") if isinstance(record, dict) else ""
        return self.session.app_title(app_id, name, current_language()) if (app_id or name) else ""

    def cells(self, entry: Any, with_date: bool = False) -> list[str]:
        return [local_time(getattr(entry, "started_at", None), with_date), catalog.title(str(entry.kind)),
                self.result_text(entry), str(getattr(entry, "msisdn", "") or ""), self.app_text(entry),
                self.reason_text(entry), str(getattr(entry, "operator", "") or ""),
                short_reference(str(getattr(entry, "operation_id", "") or ""))]

    def show_entries(self, entries: list[Any]) -> None:
        self.entries = list(entries)
        self.table.setRowCount(len(self.entries))
        for r, entry in enumerate(self.entries):
            for c, text in enumerate(self.cells(entry)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        ok = sum(1 for e in self.entries if e.ok is True)
        interrupted = sum(1 for e in self.entries if self.result_text(e) == self.tr("Interrupted: check the phone"))
        text = (self.tr("%1 services, %2 completed, %3 not completed")
                .replace("%1", str(len(self.entries))).replace("%2", str(ok))
                .replace("%3", str(len(self.entries) - ok)))
        if interrupted:
            text += " · " + self.tr("%1 interrupted: check those phones").replace("%1", str(interrupted))
        self.summary.setText(text)
        if self._select_open:
            self._select_open = False
            self.select_open()
        self._selection_changed()

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(errors.describe(exc, current_language()).text)

    # --- reprint ---------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        entry = self.selected()
        self.reprint_button.setEnabled(entry is not None and entry.ok is True)
        interrupted = entry is not None and self.is_open(entry)
        self.resume_button.setEnabled(interrupted)
        self.release_button.setEnabled(interrupted)

    @staticmethod
    def is_open(entry: Any) -> bool:
        """Still open in the journal: the platform may hold the phone until it is resumed or released."""
        return getattr(entry, "state", "") == "running" and bool(getattr(entry, "operation_id", None))

    def show_open(self, entry: Any) -> None:
        """After a restart: the day of ``entry``, an interrupted run, selected once the list is in."""
        self._select_open = True
        started = getattr(entry, "started_at", None)
        if isinstance(started, datetime):
            local = (started if started.tzinfo else started.replace(tzinfo=UTC)).astimezone()
            self.date.setDate(QDate(local.year, local.month, local.day))

    def select_open(self) -> None:
        """Select the first interrupted run."""
        for row, entry in enumerate(self.entries):
            if self.is_open(entry):
                self.table.selectRow(row)
                return

    def resume(self) -> None:
        """Its service page takes the interrupted operation over (main window wiring)."""
        entry = self.selected()
        if entry is not None and self.is_open(entry):
            self.resume_requested.emit(entry)

    def release(self) -> None:
        """Cancel the interrupted operation on the platform; the list shows it released."""
        entry = self.selected()
        if entry is None or not self.is_open(entry):
            return
        self.release_button.setEnabled(False)
        self.session.in_pool(lambda: self.session.backend.release(entry.id), lambda _v: self.refresh(), self._failed)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows and rows[0].row() < len(self.entries) else None

    def reprint(self, row: int | None = None) -> ReceiptPreview | None:
        """The receipt of a completed run, shown for printing or saving again."""
        entry = self.entries[row] if row is not None else self.selected()
        if entry is None or entry.ok is not True:
            return None
        language = current_language()
        data = receipt.from_journal(entry, lambda app_id, name: self.session.app_title(app_id, name, language),
                                    self.session.backend.operator, self.session.backend.config)
        self.preview = ReceiptPreview(data, self.session, self)
        self.preview.open()
        return self.preview

    # --- export ----------------------------------------------------------------------------
    def export(self, path: str | None = None) -> None:
        """Write the list as CSV (on the thread pool); ``exported`` says when it is written."""
        if not path:
            suggested = f"hallterm-{self.date.date().toString('yyyyMMdd')}.csv"
            path, _ = save_file_name(self, self.tr("Export day list"), suggested, "CSV (*.csv)")
            if not path:
                return
        out = Path(path)
        rows = [self.headers()] + [self.cells(entry, with_date=True) for entry in self.entries]

        def write() -> Path:
            with out.open("w", newline="", encoding="utf-8-sig") as f:  # BOM: Excel opens UTF-8 Chinese right
                csv.writer(f).writerows(rows)
            return out

        self.session.in_pool(write, self.exported.emit,
                             lambda exc: self.export_failed.emit(errors.describe(exc, current_language()).text))

    def retranslate(self) -> None:
        self.title.setText(self.tr("End of day"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.reprint_button.setText(self.tr("Reprint receipt"))
        self.export_button.setText(self.tr("Export CSV"))
        self.resume_button.setText(self.tr("Resume"))
        self.release_button.setText(self.tr("Release the phone"))
        self.table.setHorizontalHeaderLabels(self.headers())
        if self.entries:
            self.show_entries(self.entries)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
