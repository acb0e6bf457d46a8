"""End of day: every service this terminal ran on a date, from the journal, with CSV export."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ui import catalog, errors
from ui.i18n import current_language
from ui.session import Session

COLUMNS = ("started_at", "kind", "operator", "seid", "msisdn", "app_id", "ok", "error_code", "operation_id")


def _cell(entry: Any, name: str) -> str:
    value: Any = getattr(entry, name, "")
    if name == "started_at" and value:
        return value.strftime("%H:%M:%S")
    if name == "kind":
        return catalog.title(str(value))
    if value is None:
        return ""
    return str(value)


class DayListPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[Any] = []
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export())
        self.summary = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("journalTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        day: Any = self.date.date().toPython()  # a datetime.date
        self.session.in_pool(lambda: self.session.backend.journal_day(day), self.show_entries, self._failed)

    def show_entries(self, entries: list[Any]) -> None:
        self.entries = list(entries)
        self.table.setRowCount(len(self.entries))
        for r, entry in enumerate(self.entries):
            for c, name in enumerate(COLUMNS):
                text = _cell(entry, name)
                if name == "ok":
                    text = self.tr("yes") if getattr(entry, "ok", None) else self.tr("no")
                self.table.setItem(r, c, QTableWidgetItem(text))
        ok = sum(1 for e in self.entries if getattr(e, "ok", False))
        self.summary.setText(self.tr("%1 services, %2 completed, %3 not completed")
                             .replace("%1", str(len(self.entries))).replace("%2", str(ok))
                             .replace("%3", str(len(self.entries) - ok)))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(errors.describe(exc, current_language()).text)

    def export(self, path: str | None = None) -> Path | None:
        if not path:
            suggested = f"hallterm-{self.date.date().toString('yyyyMMdd')}.csv"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export day list"), suggested, "CSV (*.csv)")
            if not path:
                return None
        out = Path(path)
        with out.open("w", newline="", encoding="utf-8-sig") as f:  # BOM: Excel opens UTF-8 Chinese right
            writer = csv.writer(f)
            writer.writerow(COLUMNS)
            for entry in self.entries:
                writer.writerow([str(getattr(entry, name, "") or "") for name in COLUMNS])
        return out

    def retranslate(self) -> None:
        self.title.setText(self.tr("End of day"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Export CSV"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("Service"), self.tr("Operator"), self.tr("SEID"), self.tr("Phone number"),
            self.tr("Application"), self.tr("Completed"), self.tr("Error"), self.tr("Operation ID")])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
