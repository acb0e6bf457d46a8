"""Small panels every service screen shares: the card on the reader, and the result."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from ui import views


def set_state(widget: QWidget, state: str) -> None:
    """Dynamic property for the stylesheet (ok / error / info), re-polished so it shows."""
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class CardPanel(QFrame):
    """Whose phone is on the reader, on one line: SEID and phone number.

    The reader itself is in the status bar (where the clerk changes it); here it is the
    panel's tooltip, so the line stays short enough for the kiosk's large type.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardPanel")
        self.reader = QLabel("—")
        self.seid = QLabel("—")
        self.msisdn = QLabel("—")
        self._captions = [QLabel(), QLabel()]
        self._identity = ("", "")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        for caption, value in zip(self._captions, (self.seid, self.msisdn), strict=True):
            caption.setObjectName("caption")
            value.setObjectName("value")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(caption)
            row.addWidget(value)
            row.addSpacing(24)
        row.addStretch(1)
        self.retranslate()

    def show_reader(self, name: str) -> None:
        self.reader.setText(name or self.tr("no reader"))
        self.setToolTip(self.tr("Reader") + ": " + self.reader.text())

    def show_card(self, report: Any) -> None:
        ident = views.identity(report) if report is not None else views.Identity()
        self.show_identity(ident.seid, ident.msisdn)

    def show_identity(self, seid: str, msisdn: str) -> None:
        """The SE and subscriber a service last worked on (or the last query read)."""
        self._identity = (seid, msisdn)
        self._render_identity()

    def _render_identity(self) -> None:
        seid, msisdn = self._identity
        self.seid.setText(seid or self.tr("not read yet"))
        self.msisdn.setText(msisdn or "—")

    def retranslate(self) -> None:
        for caption, text in zip(self._captions, (self.tr("SE (SEID)"), self.tr("Phone number")), strict=True):
            caption.setText(text)
        self._render_identity()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ResultPanel(QFrame):
    """The outcome in the clerk's language: one headline, the lines to read out to the
    customer, the operation id and duration in small print, and the receipt buttons."""

    print_requested = Signal()
    pdf_requested = Signal()
    retry_requested = Signal()
    resume_requested = Signal()  # take the interrupted operation over and finish it
    release_requested = Signal()  # cancel the interrupted operation: the phone is free

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.customer = False  # at the kiosk: one print button in the customer's words, no PDF
        self.message = QLabel()
        self.message.setObjectName("resultMessage")
        self.message.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("resultDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel()
        self.meta.setObjectName("resultMeta")
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.pdf_button = QPushButton()
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryButton")
        self.retry_button.hide()
        self.resume_button = QPushButton()
        self.resume_button.setObjectName("resumeButton")
        self.release_button = QPushButton()
        self.release_button.setObjectName("releaseButton")
        self.resume_button.clicked.connect(self.resume_requested)
        self.release_button.clicked.connect(self.release_requested)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        self.retry_button.clicked.connect(self.retry_requested)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.message)
        text.addWidget(self.details)
        text.addWidget(self.meta)
        buttons = QVBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.release_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.hide()

    def show_result(self, text: str, ok: bool, receipt: bool,
                    details: list[str] | None = None, meta: str = "") -> None:
        """``receipt`` only for a completed service: a receipt is proof of a service done."""
        self.message.setText(text)
        set_state(self.message, "ok" if ok else "error")
        self.details.setText("\n".join(details or ()))
        self.details.setVisible(bool(details))
        self.meta.setText(meta)
        self.meta.setVisible(bool(meta))
        self.print_button.setVisible(receipt)
        self.pdf_button.setVisible(receipt and not self.customer)
        self.show_actions(retry=False)
        self.show()

    def show_actions(self, retry: bool, resume: bool = False) -> None:
        """After an interruption: what the clerk can do next.  ``resume`` offers Resume and
        Release of the operation the platform still holds (app.services.orphans)."""
        self.retry_button.setVisible(retry)
        self.resume_button.setVisible(resume)
        self.release_button.setVisible(resume)

    def set_customer(self, customer: bool) -> None:
        self.customer = customer
        self.pdf_button.setVisible(self.pdf_button.isVisible() and not customer)
        self.retranslate()

    def retranslate(self) -> None:
        self.print_button.setText(QCoreApplication.translate("Kiosk", "Print receipt") if self.customer
                                  else self.tr("Print receipt"))
        self.pdf_button.setText(self.tr("Save receipt as PDF"))
        self.retry_button.setText(self.tr("Retry"))
        self.resume_button.setText(self.tr("Resume"))
        self.release_button.setText(self.tr("Release the phone"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
