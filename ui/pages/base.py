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

from app.services.result_summary import summarise
from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression, QStandardPaths, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from ui import catalog, errors, summary, views
from ui.backend import ServiceRequest
from ui.confirm import CONFIRMED_KINDS, Confirmation, ConfirmDialog
from ui.i18n import current_language, save_file_name
from ui import receipt
from ui.receipt import ReceiptData, pdf_job, print_receipt, save_pdf
from ui.session import RunningService, Session
from ui.widgets.panels import CardPanel, ResultPanel
from ui.widgets.progress_panel import ProgressPanel

logger = logging.getLogger(__name__)

MSISDN_DIGITS = 11  # a mainland mobile number
# Failures that interrupt a service half-way: the clerk is told the phone's state and may retry.
INTERRUPTIONS = frozenset({"platform.unreachable", "platform.server_error", "reader.card_removed", "card.removed",
                           "reader.reader_removed", "reader.timeout", "operation.aborted"})


def sentences(*parts: str) -> str:
    """Sentences one after the other: Chinese runs them together, English puts a space."""
    glue = "" if current_language().startswith("zh") else " "
    return glue.join(p for p in parts if p)


class ServicePage(QWidget):
    kind = "query"
    completed = Signal(object)  # the outcome, for the status bar and the journal view
    receipt_saved = Signal(object)  # the PDF's path, written on the thread pool

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
        self.result.pdf_requested.connect(lambda: self.save_receipt_in_background())
        self.result.retry_requested.connect(self.retry)
        self.result.resume_requested.connect(self.resume)
        self.result.release_requested.connect(self.release)
        self.open_run: Any = None  # the journal row of an interrupted run the platform may still hold
        self._layout()
        self.subscriber_caption = QLabel()
        self.subscriber = QLineEdit()
        self.subscriber.setObjectName("subscriber")
        self.subscriber.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{MSISDN_DIGITS}}}")))
        self.form.addRow(self.subscriber_caption, self.subscriber)
        self.build_form(self.form)
        session.card_changed.connect(self.on_card)
        session.identity_changed.connect(self.on_identity)
        session.reader_changed.connect(self.card.show_reader)
        session.customer_cleared.connect(self.reset)
        self.card.show_reader(session.reader)
        self.card.show_identity(*session.identity)
        self._blocks: tuple[int, int] | None = None  # the last LOAD progress of this run
        self.confirm_dialog: ConfirmDialog | None = None  # open while the clerk confirms
        self.last_request: ServiceRequest | None = None  # what the running or last service was asked
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
        self.clear_old_result(report)

    def clear_old_result(self, report: Any) -> None:
        """The phone left or the reader changed: a result about the last phone must not stay."""
        if report is None and self.running is None:
            self.result.hide()
            self.receipt = None
            self._render = None

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
        result = summarise(outcome)
        lines: list[str] = []
        if result.ok:
            language = current_language()
            lines = summary.details(self.kind, outcome, self.title_of(language), self._blocks)
            self.result.show_result(self.headline(True), True, receipt=True, details=lines,
                                    meta=summary.meta(outcome))
            return
        # Codes only: the words are the terminal's own (ui/errors.py), never the platform's prose.
        reason = errors.text_for_code(result.error_code, current_language(), dict(result.error_params))
        self.result.show_result(sentences(self.headline(False), reason or ""), False, receipt=False,
                                meta=summary.meta(outcome))

    def headline(self, ok: bool) -> str:
        text = (QCoreApplication.translate("ServicePage", "%1: completed.") if ok
                else QCoreApplication.translate("ServicePage", "%1: not completed."))
        return text.replace("%1", catalog.title(self.kind))

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
        if request.msisdn and len(request.msisdn) != MSISDN_DIGITS:
            self.show_message(QCoreApplication.translate(
                "ServicePage", "The subscriber number must have 11 digits."))
            self.subscriber.setFocus()
            return
        if self.kind in CONFIRMED_KINDS:
            self.ask_confirmation(request)
            return
        self.launch(request)

    def confirmation_for(self, request: ServiceRequest) -> Confirmation:
        """What the clerk reads back before an irreversible service (subclasses add the change)."""
        title = self.title_of(current_language(), request)(request.app_id, "") if request.app_id else ""
        return Confirmation(self.kind, request.msisdn or self.session.identity[1], title)

    def ask_confirmation(self, request: ServiceRequest) -> None:
        dialog = ConfirmDialog(self.confirmation_for(request), self)
        self.confirm_dialog = dialog

        def confirmed() -> None:
            self.confirm_dialog = None
            self.launch(replace(request, identity_check=dialog.identity_check()))

        dialog.accepted.connect(confirmed)
        dialog.rejected.connect(lambda: setattr(self, "confirm_dialog", None))
        dialog.open()

    def show_message(self, text: str) -> None:
        """A problem with the form: said on the page, nothing is run."""
        self.show(lambda: self.result.show_result(text, False, False))

    def launch(self, request: ServiceRequest) -> None:
        if self.running is not None:
            return
        self.last_request = request
        self.result.hide()
        self._render = None
        self.run_button.setEnabled(False)
        self.progress.start(writes_card=catalog.BY_KIND[self.kind].writes_card if self.kind in catalog.BY_KIND
                            else False, waiting=self.session.reader_busy(request.reader))
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
        self.open_run = None  # a resumed run closed its journal row
        # A receipt is proof of a completed service; a refusal gets none.
        ok = summarise(outcome).ok
        self.receipt = self.receipt_for(outcome) if ok else None
        if ok:
            self.after_success()
        self.show(lambda: self.show_outcome(outcome))
        self.completed.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        written = self.progress.phase == "write"  # the phone was being written when it stopped
        self._finish()
        self.receipt = None
        self.open_run = None  # looked up again below: the journal says whether the run is still open
        if errors.is_cancellation(exc) or getattr(exc, "code", None) in INTERRUPTIONS:
            self.show(lambda: self.show_interrupted(exc, written))
            self.look_for_open_run()
            return
        texts = errors.describe_both(exc, public=self.session.kiosk)
        self.show(lambda: self.result.show_result(sentences(self.headline(False), texts[
            "zh_CN" if current_language().startswith("zh") else "en"].text), False, receipt=False))

    def show_interrupted(self, exc: BaseException, written: bool) -> None:
        """Cancel, network loss, phone removed: what the phone's state is, and what to do next.

        When the journal still holds the run open (the platform kept the operation and the
        phone's lease), the clerk is offered Resume and Release instead of Retry.
        """
        if errors.is_cancellation(exc):
            reason = QCoreApplication.translate("ServicePage", "Cancelled.")
        else:
            reason = errors.describe(exc, current_language(), public=self.session.kiosk).text
        writes = catalog.BY_KIND[self.kind].writes_card if self.kind in catalog.BY_KIND else False
        if not writes:
            state = ""
        elif written and self.open_run is not None:
            state = QCoreApplication.translate(
                "ServicePage", "The phone was partly written: the application is not usable yet.")
        elif written:
            state = QCoreApplication.translate(
                "ServicePage", "The phone was partly written. Query the phone to see the application's "
                "state before you retry.")
        else:
            state = QCoreApplication.translate("ServicePage", "Nothing was written to the phone: it is as before.")
        held = QCoreApplication.translate(
            "ServicePage", "The platform still holds this phone for the interrupted service. "
            "Resume continues it where it stopped; Release the phone cancels it, so that the phone "
            "can be served again.") if self.open_run is not None else ""
        headline = QCoreApplication.translate("ServicePage", "%1: interrupted.").replace("%1", catalog.title(self.kind))
        self.result.show_result(sentences(headline, reason), False, receipt=False,
                                details=[line for line in (state, held) if line] or None)
        staff = not self.session.kiosk
        self.result.show_actions(retry=staff and self.open_run is None and self.last_request is not None,
                                 resume=staff and self.open_run is not None)

    def look_for_open_run(self) -> None:
        """After an interruption: does the journal hold the run open?  (Local, no network.)"""
        if self.session.kiosk:
            return
        seid = self.session.identity[0] or None

        def found(entries: list[Any]) -> None:
            mine = [e for e in entries if getattr(e, "kind", "") == self.kind]
            self.offer_open_run(mine[-1] if mine else None)

        self.session.in_pool(lambda: self.session.backend.open_runs(seid), found)

    def offer_open_run(self, entry: Any) -> None:
        """Offer Resume / Release for ``entry`` (a journal row still open), or stop offering."""
        self.open_run = entry
        if self._render is not None and not self.result.isHidden() and self.running is None:
            self._render()

    def resume(self) -> None:
        """Take the interrupted operation over on the phone now on the reader, and finish it."""
        if self.open_run is None or self.running is not None:
            return
        base = self.last_request or ServiceRequest(self.kind, self.session.reader)
        self.launch(replace(base, reader=self.session.reader, resume_of=self.open_run.id))

    def release(self) -> None:
        """Cancel the interrupted operation on the platform: nothing more is written, the phone is free."""
        entry = self.open_run
        if entry is None or self.running is not None:
            return
        self.result.show_actions(retry=False)

        def released(_view: Any) -> None:
            self.open_run = None
            self.show(lambda: self.result.show_result(sentences(
                QCoreApplication.translate("ServicePage", "%1: released.").replace("%1", catalog.title(self.kind)),
                QCoreApplication.translate("ServicePage", "The phone is free again and nothing more will be "
                                           "written to it. Query the phone to see its applications.")),
                True, receipt=False))

        def failed(exc: BaseException) -> None:
            self.show(lambda: self._release_failed(exc))

        self.session.in_pool(lambda: self.session.backend.release(entry.id), released, failed)

    def _release_failed(self, exc: BaseException) -> None:
        self.result.show_result(sentences(QCoreApplication.translate(
            "ServicePage", "%1: not released.").replace("%1", catalog.title(self.kind)),
            errors.describe(exc, current_language()).text), False, receipt=False)
        self.result.show_actions(retry=False, resume=self.open_run is not None)

    def retry(self) -> None:
        """The same request again (it was confirmed already), after an interruption."""
        if self.last_request is not None and self.running is None:
            self.launch(replace(self.last_request, resume_of=""))

    def show_error_code(self, code: str) -> None:
        pair = errors.lookup(code) or errors.UNKNOWN_CODE
        self.show(lambda: self.result.show_result(
            pair[0] if current_language().startswith("zh") else pair[1], False, False))

    # --- receipt ------------------------------------------------------------------------
    def receipt_for(self, result: Any) -> ReceiptData:
        language = current_language()
        return receipt.from_outcome(
            self.kind, result, self.title_of(language),
            self.session.backend.operator, self.session.backend.config,
            msisdn=self.session.identity[1], app_id=self.receipt_app_id())

    def title_of(self, language: str, request: ServiceRequest | None = None) -> Callable[[str, str], str]:
        """Titles for the confirmation, the result and the receipt: the application's, or for a
        service on one instance (§5.8.4.1) that instance's, by its label (never its AID)."""
        chosen = request or self.last_request
        one = chosen.instance_aid if chosen is not None else ""
        row = next((r for r in self.session.current_apps(language) if one and r.instance_aid == one), None)
        if row is not None:
            return lambda _app_id, _name: row.name
        return lambda app_id, name: self.session.app_title(app_id, name, language)

    def receipt_app_id(self) -> str:
        """The application the service was asked for (the list may have changed since)."""
        return self.last_request.app_id if self.last_request is not None else ""


    def print_receipt(self) -> None:
        if self.receipt is not None:
            print_receipt(self.receipt, self)

    def save_receipt(self, path: str | None = None) -> Path | None:
        if self.receipt is None:
            return None
        if not path:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = str(Path(folder) / f"receipt-{self.kind}-{self.receipt.when:%Y%m%d-%H%M%S}.pdf")
            path, _ = save_file_name(self, QCoreApplication.translate("ServicePage", "Save receipt"), suggested, "PDF (*.pdf)")
            if not path:
                return None
        try:
            return save_pdf(self.receipt, path)
        except OSError as exc:
            QMessageBox.warning(self, QCoreApplication.translate("ServicePage", "Save receipt"), errors.describe(exc, current_language()).text)
            return None

    def save_receipt_in_background(self, path: str | None = None) -> None:
        """The PDF button: choose the file here, write it on the thread pool (a PDF takes a moment)."""
        if self.receipt is None:
            return
        if not path:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = str(Path(folder) / f"receipt-{self.kind}-{self.receipt.when:%Y%m%d-%H%M%S}.pdf")
            path, _ = save_file_name(self, QCoreApplication.translate("ServicePage", "Save receipt"),
                                                  suggested, "PDF (*.pdf)")
            if not path:
                return
        data, target = self.receipt, path

        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, QCoreApplication.translate("ServicePage", "Save receipt"),
                                errors.describe(exc, current_language()).text)

        self.session.in_pool(pdf_job(data, target), self.receipt_saved.emit, failed)

    # --- language and reset -------------------------------------------------------------
    def reset(self) -> None:
        """Back to a clean screen (kiosk idle reset): no customer data left on it."""
        self.cancel()
        self.result.hide()
        self.receipt = None
        self._render = None
        self.open_run = None
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
