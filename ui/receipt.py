"""The customer's receipt: one template for the screen, the printer and a PDF file.

One document, three outputs: ``QTextDocument`` renders the HTML in a preview (``QTextBrowser``),
onto a ``QPrinter`` (print dialog) or a ``QPdfWriter`` (file).  What a customer can read and
quote, nothing internal: the hall and counter, a short reference, the local time, the
application's catalogue name, its state in words, the number masked, a line to sign.  A receipt
is built from a finished service (:func:`from_outcome`) or, for a reprint, from the end-of-day
list (:func:`from_journal`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

from app.companion import companion_link, qr_data_uri
from app.services.base import receipt_values
from app.services.result_summary import summarise
from ui.noop import QT_TRANSLATE_NOOP
from ui import catalog, views
from ui.i18n import current_language
from ui.labels import region_label, state_label
from ui.widgets.space_chart import human_bytes

LATIN_FAMILIES = ("DejaVu Sans", "Liberation Sans", "Arial", "Segoe UI")
CONTEXT = "Receipt"

TitleOf = Callable[[str, str], str]
"""``title_of(app_id, name)``: the catalogue title in the clerk's language."""

# What the application is after the service, where its state word would mislead the customer
# (a deleted application is not "ready to download", it is gone from this phone).
RESULT_STATES = {
    "delete": QT_TRANSLATE_NOOP("Receipt", "Removed from the phone"),
    "migrate": QT_TRANSLATE_NOOP("Receipt", "Moved to the new phone"),
}


def _t(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP elsewhere, translated now."""
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class ReceiptData:
    """What a receipt shows.  Numbers are kept whole here and masked when printed."""

    kind: str
    ok: bool
    msisdn: str = ""
    app_title: str = ""
    state: str = ""  # the application's state code (``USABLE``) as the platform reports it
    previous_msisdn: str = ""  # number change: the old number
    operator: str = ""
    region: str = ""
    hall: str = ""
    terminal: str = ""  # the counter
    operation_id: str = ""
    when: datetime = field(default_factory=lambda: datetime.now().astimezone())
    apps: tuple[tuple[str, str], ...] = ()  # query: (title, state code)
    free_space: int | None = None  # query: bytes free on the secure element
    # A customer's slip from the kiosk: no staff name.
    customer: bool = False
    # issue 14: where the downloaded application's companion phone app is (an https link)
    companion_url: str = ""

    @property
    def reference(self) -> str:
        return views.short_reference(self.operation_id)

    def title(self) -> str:
        return QCoreApplication.translate("Receipt", "Service receipt") + " — " + catalog.title(self.kind)

    def hall_name(self) -> str:
        if self.hall:
            return self.hall
        if self.region:
            hall = QCoreApplication.translate("Receipt", "%1 business hall")
            return hall.replace("%1", region_label(self.region))
        return ""


def enrolled_hall(operator: Any, config: Any) -> str:
    """The hall the platform enrolled this terminal in (``LoginResponse.hall``); else the config's."""
    return str(getattr(operator, "hall", "") or getattr(config, "hall", "") or "")


def _local(when: datetime) -> datetime:
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone()


def from_outcome(kind: str, result: Any, title_of: TitleOf, operator: Any, config: Any,
                 msisdn: str = "", app_id: str = "") -> ReceiptData:
    """The receipt of a service the clerk just ran (``result``: ServiceOutcome or QueryReport)."""
    summary = summarise(result)
    app_id = summary.app_id or app_id
    apps: tuple[tuple[str, str], ...] = ()
    free = None
    if kind == "query":
        apps = tuple(((r.name if r.instance_aid else title_of(r.app_id, r.name)) or r.name or r.aid, r.state)
                     for r in views.apps(result, current_language()))
        space = views.space(result)
        free = space.free_measured if space is not None else None
    name = summary.app_name
    return ReceiptData(
        kind=kind, ok=summary.ok,
        msisdn=summary.msisdn or views.identity(result).msisdn or msisdn,
        app_title=views.result_title(replace(summary, app_id=app_id), title_of, current_language()) if (app_id or name) else "",
        state=summary.state,
        previous_msisdn=summary.previous_msisdn if kind == "change_number" else "",
        operator=str(getattr(operator, "operator", "") or ""),
        region=str(getattr(operator, "region", "") or ""),
        hall=enrolled_hall(operator, config),
        terminal=str(getattr(operator, "terminal_id", "") or getattr(config, "terminal_id", "") or ""),
        operation_id=summary.operation_id,
        apps=apps, free_space=free,
        companion_url=companion_link(result, str(getattr(config, "platform_url", "") or "")),
    )


def from_journal(entry: Any, title_of: TitleOf, operator: Any, config: Any) -> ReceiptData:
    """A reprint from the end-of-day list: the journal's record of the run."""
    record: Mapping[str, Any] = getattr(entry, "receipt", None) or {}
    values = receipt_values(record)  # a row stored with codes, or an older one with words
    app_id = str(getattr(entry, "app_id", "") or "")
    name = values.get("app", "")
    when = getattr(entry, "finished_at", None) or getattr(entry, "started_at", None) or datetime.now(UTC)
    return ReceiptData(
        kind=str(entry.kind), ok=bool(entry.ok), msisdn=str(getattr(entry, "msisdn", "") or ""),
        app_title=(title_of(app_id, name) or name or app_id) if (app_id or name) else "",
        state=values.get("state", ""), previous_msisdn=values.get("previous_msisdn", ""),
        operator=str(getattr(entry, "operator", "") or ""),
        region=str(getattr(operator, "region", "") or ""),
        hall=enrolled_hall(operator, config),
        terminal=str(getattr(entry, "terminal", "") or ""),
        operation_id=str(getattr(entry, "operation_id", "") or ""),
        when=_local(when),
    )


def _rows(data: ReceiptData) -> list[tuple[str, str]]:
    result = (QCoreApplication.translate("Receipt", "Completed") if data.ok
              else QCoreApplication.translate("Receipt", "Not completed"))
    rows = [(QCoreApplication.translate("Receipt", "Service"), catalog.title(data.kind)),
            (QCoreApplication.translate("Receipt", "Result"), result)]
    if data.kind == "change_number" and data.previous_msisdn:
        rows += [(QCoreApplication.translate("Receipt", "Previous number"),
                  views.mask_number(data.previous_msisdn)),
                 (QCoreApplication.translate("Receipt", "New number"), views.mask_number(data.msisdn))]
    else:
        rows.append((QCoreApplication.translate("Receipt", "Phone number"), views.mask_number(data.msisdn) or "—"))
    if data.app_title:
        rows.append((QCoreApplication.translate("Receipt", "Application"), data.app_title))
        state = _t(RESULT_STATES[data.kind]) if data.ok and data.kind in RESULT_STATES else state_label(data.state)
        if state:
            rows.append((QCoreApplication.translate("Receipt", "Application state"), state))
    for title, state in data.apps:
        rows.append((title, state_label(state)))
    if data.free_space is not None:
        rows.append((QCoreApplication.translate("Receipt", "Free space"), human_bytes(data.free_space)))
    rows.append((QCoreApplication.translate("Receipt", "Business hall"), data.hall_name() or "—"))
    rows.append((QCoreApplication.translate("Receipt", "Counter"), data.terminal or "—"))
    if data.operator and not data.customer:
        rows.append((QCoreApplication.translate("Receipt", "Served by"), data.operator))
    when = _local(data.when).strftime("%Y-%m-%d %H:%M")
    rows.append((QCoreApplication.translate("Receipt", "Date and time"), when))
    if data.reference:
        rows.append((QCoreApplication.translate("Receipt", "Reference"), data.reference))
    return rows


def _companion_html(data: ReceiptData) -> str:
    """The companion phone app's QR code and link (issue 14: seed §5.4.7)."""
    if not data.companion_url:
        return ""
    scan = QCoreApplication.translate(
        "Receipt", "Scan the code with your phone to install the application's phone app:")
    url = html.escape(data.companion_url)
    return (f"<p>{html.escape(scan)}</p><p><img src='{qr_data_uri(data.companion_url)}'></p>"
            f"<p style='color:#555'>{url}</p>")


def receipt_html(data: ReceiptData) -> str:
    body = "".join(f"<tr><td class='k'>{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>"
                   for k, v in _rows(data))
    sign_here = QCoreApplication.translate("Receipt", "Customer signature")
    signature = "" if data.customer else (
        f"<p style='margin-top:28px'>{html.escape(sign_here)}：________________________</p>")
    footer = QCoreApplication.translate(
        "Receipt", "Keep this receipt. Quote the reference if you have a question about this service.")
    return (
        "<html><head><style>td{padding:3px 8px;} td.k{color:#555;white-space:nowrap;}"
        "h2{margin-bottom:2px;} h3{margin-top:0;color:#555;font-weight:normal;}</style></head><body>"
        f"<h2>{html.escape(data.title())}</h2><h3>{html.escape(data.hall_name())}</h3>"
        f"<table>{body}</table>{_companion_html(data)}{signature}"
        f"<p style='color:#777'>{html.escape(footer)}</p>"
        "</body></html>"
    )


def _font() -> QFont:
    app = QApplication.instance()
    font = QFont(app.font()) if isinstance(app, QApplication) else QFont()
    # Latin from a Latin face, Chinese from the CJK face: the CJK face's digit variants have no
    # ToUnicode entry in Qt's PDFs, so copying a number out of the PDF would lose digits.
    font.setFamilies([f for f in LATIN_FAMILIES if f in QFontDatabase.families()] + [font.family()])
    font.setPointSize(10)
    return font


def _document(html_text: str, font: QFont) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setHtml(html_text)
    return doc


def document(data: ReceiptData) -> QTextDocument:
    return _document(receipt_html(data), _font())


def pdf_job(data: ReceiptData, path: str | Path) -> Callable[[], Path]:
    """The words now (translation belongs to the GUI thread), the PDF later on any thread."""
    html_text, title, font = receipt_html(data), data.title(), _font()
    return lambda: _write_pdf(html_text, title, font, Path(path))


def save_pdf(data: ReceiptData, path: str | Path) -> Path:
    """Write the receipt as an A5 PDF; returns the path written."""
    return pdf_job(data, path)()


def _write_pdf(html_text: str, title: str, font: QFont, out: Path) -> Path:
    if not out.parent.is_dir():
        raise FileNotFoundError(f"folder {out.parent} does not exist")
    writer = QPdfWriter(str(out))
    writer.setTitle(title)
    writer.setCreator("HallTerm")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    _document(html_text, font).print_(writer)
    del writer  # the file is finished when the writer goes away
    if not out.is_file() or out.stat().st_size == 0:
        raise OSError(f"could not write {out}")
    return out


def print_receipt(data: ReceiptData, parent: QWidget | None = None, ask: bool = True) -> bool:
    """Print, after the print dialog unless ``ask`` is False (the kiosk prints on its default
    printer: a customer has no business with printer settings); False when nothing was printed."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(data.title())
    if not ask:
        if QPrinterInfo.defaultPrinter().isNull():
            return False
        document(data).print_(printer)
        return True
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    document(data).print_(printer)
    return True
