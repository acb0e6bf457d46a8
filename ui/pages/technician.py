"""Technician screens: reader diagnostics, the live APDU trace, the platform connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ui import errors
from ui.backend import PlatformCheck, ReaderInfo
from ui.i18n import current_language, save_file_name
from ui.labels import sw_label
from ui.session import Session
from ui.widgets.panels import set_state


def _table(columns: int, name: str) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


class _Page(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.title)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Overridden."""


class ReadersPage(_Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.rescan_button = QPushButton()
        self.rescan_button.clicked.connect(self.rescan)
        self.table = _table(5, "readersTable")
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.rescan_button)
        self.column.addLayout(row)
        self.column.addWidget(self.table, 1)
        self.infos: list[ReaderInfo] = []
        self.retranslate()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        self.rescan()
        super().showEvent(event)

    def rescan(self) -> None:
        self.rescan_button.setEnabled(False)
        self.status.setText(self.tr("Scanning readers…"))
        self.session.in_pool(self.session.backend.reader_infos, self.show_infos, self._failed)

    def show_infos(self, infos: list[ReaderInfo]) -> None:
        self.rescan_button.setEnabled(True)
        self.infos = list(infos)
        self.table.setRowCount(len(self.infos))
        for r, info in enumerate(self.infos):
            present = self.tr("yes") if info.card_present else self.tr("no")
            cells = (info.name, present, info.atr.hex().upper(), info.protocol, info.error)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.status.setText(self.tr("%1 reader(s) found.").replace("%1", str(len(self.infos))))

    def _failed(self, exc: BaseException) -> None:
        self.rescan_button.setEnabled(True)
        self.status.setText(errors.describe(exc, current_language()).text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Reader diagnostics"))
        self.rescan_button.setText(self.tr("Re-scan"))
        self.table.setHorizontalHeaderLabels([self.tr("Reader"), self.tr("Card present"), self.tr("ATR"),
                                              self.tr("Protocol"), self.tr("Problem")])


class TracePage(_Page):
    exported = Signal(object)  # the file written
    """The decoded APDU trace, refreshed while visible; redaction is done by the core."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.table = _table(5, "traceTable")
        self.table.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.clear_button, self.export_button = QPushButton(), QPushButton()
        self.clear_button.clicked.connect(self.clear)
        self.export_button.clicked.connect(lambda: self.export())
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.clear_button)
        row.addWidget(self.export_button)
        self.column.addLayout(row)
        self.column.addWidget(self.table, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self.refresh)
        self._shown = -1
        self.retranslate()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        self.refresh()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        entries = self.session.backend.trace.entries  # a copy under the trace's lock: cheap
        if len(entries) == self._shown:
            return
        self._shown = len(entries)
        self.table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            duration = "" if entry.duration_ms is None else f"{entry.duration_ms:.0f} ms"
            note = sw_label(entry.sw, entry.sw_meaning) if entry.direction.value == "<<" else entry.name
            time_text = entry.text().split(" ", 1)[0]
            for c, text in enumerate((time_text, entry.direction.value, note, duration, entry.shown)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.scrollToBottom()
        self.status.setText(self.tr("%1 entries").replace("%1", str(len(entries))))

    def clear(self) -> None:
        self.session.backend.trace.clear()
        self.refresh()

    def export(self, path: str | None = None) -> None:
        """Write the trace on the thread pool (20 000 lines take a while); ``exported`` says when."""
        if not path:
            path, _ = save_file_name(self, self.tr("Export trace"), "apdu-trace.txt", "Text (*.txt)")
            if not path:
                return
        target = path

        def write() -> Path:
            self.session.backend.trace.export(target)
            return Path(target)

        self.session.in_pool(write, self.exported.emit,
                             lambda exc: self.status.setText(errors.describe(exc, current_language()).text))

    def retranslate(self) -> None:
        self.title.setText(self.tr("APDU trace"))
        self.clear_button.setText(self.tr("Clear"))
        self.export_button.setText(self.tr("Export…"))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Dir"), self.tr("Meaning"),
                                              self.tr("Duration"), self.tr("Bytes")])


class PlatformPage(_Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check)
        self.values = {key: QLabel("—") for key in ("url", "reachable", "latency", "tls", "version", "database")}
        self.captions = {key: QLabel() for key in self.values}
        form = QFormLayout()
        for key, value in self.values.items():
            value.setObjectName("value")
            form.addRow(self.captions[key], value)
        self.column.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.check_button)
        self.column.addLayout(row)
        self.column.addStretch(1)
        self.last: PlatformCheck | None = None
        self.retranslate()

    def check(self) -> None:
        self.check_button.setEnabled(False)
        self.status.setText(self.tr("Checking…"))
        self.session.in_pool(self.session.backend.check_platform, self.show_check, self._failed)

    def show_check(self, result: PlatformCheck) -> None:
        self.last = result
        self.check_button.setEnabled(True)
        yes, no = self.tr("yes"), self.tr("no")
        self.values["url"].setText(result.url or "—")
        self.values["reachable"].setText(yes if result.ok else no)
        self.values["latency"].setText(f"{result.latency_ms:.0f} ms")
        self.values["tls"].setText(yes if result.tls else no)
        self.values["version"].setText(result.version or "—")
        self.values["database"].setText(result.database or "—")
        if result.ok:
            self.status.setText(self.tr("The platform answers."))
        else:
            self.status.setText(errors.describe(result.error or RuntimeError("?"), current_language()).text)
        set_state(self.status, "ok" if result.ok else "error")

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.status.setText(errors.describe(exc, current_language()).text)
        set_state(self.status, "error")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Platform connection"))
        self.check_button.setText(self.tr("Check now"))
        texts = {"url": self.tr("Address"), "reachable": self.tr("Reachable"), "latency": self.tr("Latency"),
                 "tls": self.tr("TLS (HTTPS)"), "version": self.tr("Platform version"),
                 "database": self.tr("Database")}
        for key, caption in self.captions.items():
            caption.setText(texts[key])
