"""A service screen: the card on the reader, the form, progress, result and receipt.

Subclasses add their form fields (:meth:`build_form`) and say what to run (:meth:`request`);
this base runs it on the reader's worker and shows what came back in the clerk's language.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression, QStandardPaths, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from ui import catalog, errors, summary, views
from ui.backend import ServiceRequest
from ui.i18n import current_language, pick
from ui.receipt import ReceiptData, print_receipt, save_pdf
from ui.session import RunningService, Session
from ui.widgets.panels import CardPanel, ResultPanel
from ui.widgets.progress_panel import ProgressPanel

logger = logging.getLogger(__name__)



class ServicePage(QWidget):
    kind = "query"
    completed = Signal(object)  # the outcome, for the status bar and the journal view

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.running: RunningService | None = None
        self._render: Callable[[], None] | None = None  # re-draws the result after a language switch
        self.receipt: ReceiptData | None = None
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.blurb = QLabel()
        self.blurb.setObjectName("pageBlurb")
        self.blurb.setWordWrap(True)
        self.card = CardPanel()
        self.form = QFormLayout()
        self.run_button = QPushButton()
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(self.start)
        self.progress = ProgressPanel()
        self.progress.cancel_requested.connect(self.cancel)
        self.result = ResultPanel()
        self.result.print_requested.connect(self.print_receipt)
        self.result.pdf_requested.connect(self.save_receipt)
        self._layout()
        self.subscriber_caption = QLabel()
        self.subscriber = QLineEdit()
        self.subscriber.setObjectName("subscriber")
        self.subscriber.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,15}")))
        self.form.addRow(self.subscriber_caption, self.subscriber)
        self.build_form(self.form)
        session.card_changed.connect(self.on_card)
        session.identity_changed.connect(self.on_identity)
        session.reader_changed.connect(self.card.show_reader)
        self.card.show_reader(session.reader)
        self.card.show_identity(*session.identity)
        self._blocks: tuple[int, int] | None = None  # the last LOAD progress of this run
        self.retranslate()

    def _layout(self) -> None:
        body = QWidget()
        body.setObjectName("pageBody")
        column = QVBoxLayout(body)
        column.addWidget(self.title)
        column.addWidget(self.blurb)
        column.addWidget(self.card)
        column.addLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addWidget(self.result)
        self.extra = QVBoxLayout()
        column.addLayout(self.extra)
        column.addStretch(1)  # keep the form together at the top; spare space goes below
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- for subclasses -----------------------------------------------------------------
    def build_form(self, form: QFormLayout) -> None:
        """Add this service's fields."""

    def request(self) -> ServiceRequest | None:
        """The request to run, or None after telling the clerk what is missing."""
        return ServiceRequest(self.kind, self.session.reader)

    def after_success(self) -> None:
        """Clear what must not be sent twice (a number change's new number)."""

    def on_card(self, report: Any) -> None:
        self.card.show_card(report)
        self.show_subscriber(report)

    def on_identity(self, seid: str, msisdn: str) -> None:
        """The SE and number the last service worked on (a number change moves the number)."""
        self.card.show_identity(seid, msisdn)
        if msisdn:
            self.subscriber.setText(msisdn)

    def show_subscriber(self, report: Any) -> None:
        """The number the SE is bound to, once read; the clerk types it for an unbound SE."""
        bound = views.identity(report).msisdn if report is not None else ""
        if bound or report is None:
            self.subscriber.setText(bound)

    def show_outcome(self, outcome: Any) -> None:
        ok = bool(getattr(outcome, "ok", True))
        text = (QCoreApplication.translate("ServicePage", "%1: completed.") if ok else QCoreApplication.translate("ServicePage", "%1: not completed.")).replace(
            "%1", catalog.title(self.kind))
        lines: list[str] = []
        if ok:
            language = current_language()
            lines = summary.details(self.kind, outcome, lambda app_id, name: self.session.app_title(
                app_id, name, language), self._blocks)
        else:
            reason = pick(getattr(outcome, "error", None))
            code = getattr(outcome, "error_code", None)
            if not reason and code in errors.MESSAGES:
                reason = errors.MESSAGES[code][0 if current_language().startswith("zh") else 1]
            text += " " + (reason or "")
        self.result.show_result(text.strip(), ok, receipt=ok, details=lines, meta=summary.meta(outcome))

    # --- running ------------------------------------------------------------------------
    def start(self) -> None:
        if self.running is not None:
            return
        if not self.session.reader:
            self.show_error_code("reader.none")
            return
        request = self.request()
        if request is None:
            return
        if not request.msisdn:
            request = replace(request, msisdn=self.subscriber.text().strip())
        self.result.hide()
        self._render = None
        self.run_button.setEnabled(False)
        self.progress.start(writes_card=catalog.BY_KIND[self.kind].writes_card
                            if self.kind in catalog.BY_KIND else False)
        self._blocks = None
        self.running = self.session.run(request, self._on_progress, self._done, self._failed)

    def _on_progress(self, progress: Any) -> None:
        if getattr(progress, "stage", "") == "load":
            self._blocks = (int(getattr(progress, "done", 0)), int(getattr(progress, "total", 0)))
        self.progress.update_progress(progress)

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()

    def _finish(self) -> None:
        self.running = None
        self.progress.finish()
        self.run_button.setEnabled(True)

    def show(self, render: Callable[[], None]) -> None:  # type: ignore[override]
        """Show a result through ``render``, and keep it to re-draw in another language."""
        self._render = render
        render()

    def _done(self, outcome: Any) -> None:
        self._finish()
        # A receipt is proof of a completed service; a refusal gets none.
        ok = bool(getattr(views.outcome_of(outcome), "ok", True))
        self.receipt = self.receipt_for(outcome) if ok else None
        if ok:
            self.after_success()
        self.show(lambda: self.show_outcome(outcome))
        self.completed.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.receipt = None
        if errors.is_cancellation(exc):
            self.show(lambda: self.result.show_result(QCoreApplication.translate(
                "ServicePage", "Cancelled. Nothing more was written."), False, receipt=False))
            return
        texts = errors.describe_both(exc)
        self.show(lambda: self.result.show_result(
            texts["zh_CN" if current_language().startswith("zh") else "en"].text, False, receipt=False))

    def show_error_code(self, code: str) -> None:
        pair = errors.MESSAGES[code]
        self.show(lambda: self.result.show_result(
            pair[0] if current_language().startswith("zh") else pair[1], False, False))

    # --- receipt ------------------------------------------------------------------------
    def receipt_for(self, result: Any) -> ReceiptData:
        outcome = views.outcome_of(result)
        ident = views.identity(result)
        operator = self.session.backend.operator
        config = self.session.backend.config
        duration = getattr(outcome, "duration_s", None)
        return ReceiptData(
            kind=self.kind, ok=bool(getattr(outcome, "ok", True)),
            seid=ident.seid or views.identity(self.session.card).seid,
            msisdn=ident.msisdn or views.identity(self.session.card).msisdn,
            app_id=str(getattr(outcome, "app_id", "") or self.receipt_app_id()),
            operator=str(getattr(operator, "operator", "") or ""),
            region=str(getattr(operator, "region", "") or ""),
            terminal=str(getattr(config, "terminal_id", "")),
            operation_id=str(getattr(outcome, "operation_id", "") or ""),
            duration_s=float(duration) if duration is not None else None,
            details=tuple(views.outcome_lines(result, current_language())),
        )

    def receipt_app_id(self) -> str:
        return ""

    def print_receipt(self) -> None:
        if self.receipt is not None:
            print_receipt(self.receipt, self)

    def save_receipt(self, path: str | None = None) -> Path | None:
        if self.receipt is None:
            return None
        if not path:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = str(Path(folder) / f"receipt-{self.kind}-{self.receipt.when:%Y%m%d-%H%M%S}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("ServicePage", "Save receipt"), suggested, "PDF (*.pdf)")
            if not path:
                return None
        try:
            return save_pdf(self.receipt, path)
        except OSError as exc:
            QMessageBox.warning(self, QCoreApplication.translate("ServicePage", "Save receipt"), errors.describe(exc, current_language()).text)
            return None

    # --- language and reset -------------------------------------------------------------
    def reset(self) -> None:
        """Back to a clean screen (kiosk idle reset): no customer data left on it."""
        self.cancel()
        self.result.hide()
        self.receipt = None
        self._render = None
        self.subscriber.clear()

    def retranslate(self) -> None:
        info = catalog.BY_KIND.get(self.kind)
        if info:
            self.title.setText(catalog.label(info.title))
            self.blurb.setText(catalog.label(info.blurb))
        self.run_button.setText(self.run_label())
        self.subscriber_caption.setText(QCoreApplication.translate("ServicePage", "Subscriber number"))
        self.subscriber.setPlaceholderText(QCoreApplication.translate(
            "ServicePage", "needed once, to register a new SE"))
        if self._render is not None and not self.result.isHidden():
            self._render()

    def run_label(self) -> str:
        return QCoreApplication.translate("ServicePage", "Start")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
