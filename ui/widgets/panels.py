"""Small panels every service screen shares: the card on the reader, and the result."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from ui import views


def set_state(widget: QWidget, state: str) -> None:
    """Dynamic property for the stylesheet (ok / error / info), re-polished so it shows."""
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class CardPanel(QFrame):
    """Who and what is on the reader: reader, SEID, phone number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardPanel")
        self.reader = QLabel("—")
        self.seid = QLabel("—")
        self.msisdn = QLabel("—")
        for label in (self.reader, self.seid, self.msisdn):
            label.setObjectName("value")
        self.form = QFormLayout(self)
        self._captions = [QLabel(), QLabel(), QLabel()]
        for caption, value in zip(self._captions, (self.reader, self.seid, self.msisdn), strict=True):
            self.form.addRow(caption, value)
        self.retranslate()

    def show_reader(self, name: str) -> None:
        self.reader.setText(name or self.tr("no reader"))

    def show_card(self, report: Any) -> None:
        ident = views.identity(report) if report is not None else views.Identity()
        self.seid.setText(ident.seid or self.tr("not read yet"))
        self.msisdn.setText(ident.msisdn or "—")

    def retranslate(self) -> None:
        for caption, text in zip(self._captions, (self.tr("Reader"), self.tr("SE (SEID)"),
                                                  self.tr("Phone number")), strict=True):
            caption.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ResultPanel(QFrame):
    """The outcome in the clerk's language, with the receipt buttons."""

    print_requested = Signal()
    pdf_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.message = QLabel()
        self.message.setObjectName("resultMessage")
        self.message.setWordWrap(True)
        self.print_button = QPushButton()
        self.pdf_button = QPushButton()
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        self.hide()

    def show_result(self, text: str, ok: bool, receipt: bool) -> None:
        self.message.setText(text)
        set_state(self.message, "ok" if ok else "error")
        self.print_button.setVisible(receipt)
        self.pdf_button.setVisible(receipt)
        self.show()

    def retranslate(self) -> None:
        self.print_button.setText(self.tr("Print receipt"))
        self.pdf_button.setText(self.tr("Save receipt as PDF"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
