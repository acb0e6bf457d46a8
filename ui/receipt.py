"""The receipt of a completed service: HTML for the screen, the printer and a PDF file.

One document, three outputs: ``QTextDocument`` renders the HTML onto a ``QPrinter`` (print
dialog) or a ``QPdfWriter`` (file).  Both are Qt Essentials (QtGui / QtPrintSupport).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

from ui import catalog



LATIN_FAMILIES = ("DejaVu Sans", "Liberation Sans", "Arial", "Segoe UI")


@dataclass(frozen=True)
class ReceiptData:
    """What a receipt shows; built from a ServiceOutcome or a QueryReport by the page."""

    kind: str
    ok: bool
    seid: str = ""
    msisdn: str = ""
    app_id: str = ""
    operator: str = ""
    region: str = ""
    terminal: str = ""
    operation_id: str = ""
    duration_s: float | None = None
    when: datetime = field(default_factory=datetime.now)
    details: tuple[tuple[str, str], ...] = ()
    # A customer's slip from the kiosk: masked number, a short reference, no chip or staff details.
    customer: bool = False

    def title(self) -> str:
        return QCoreApplication.translate("Receipt", "HallTerm service receipt") + " — " + catalog.title(self.kind)


def _row(name: str, value: object) -> str:
    return f"<tr><td class='k'>{html.escape(name)}</td><td>{html.escape(str(value))}</td></tr>"


def receipt_html(data: ReceiptData) -> str:
    result = QCoreApplication.translate("Receipt", "Completed") if data.ok else QCoreApplication.translate("Receipt", "Not completed")
    if data.customer:
        return _customer_html(data, result)
    rows = [
        (QCoreApplication.translate("Receipt", "Service"), catalog.title(data.kind)),
        (QCoreApplication.translate("Receipt", "Result"), result),
        (QCoreApplication.translate("Receipt", "SEID"), data.seid or "—"),
        (QCoreApplication.translate("Receipt", "Phone number"), data.msisdn or "—"),
    ]
    if data.app_id:
        rows.append((QCoreApplication.translate("Receipt", "Application"), data.app_id))
    rows += [(name, value) for name, value in data.details]
    rows += [
        (QCoreApplication.translate("Receipt", "Operator"), f"{data.operator} ({data.region})" if data.region else data.operator),
        (QCoreApplication.translate("Receipt", "Terminal"), data.terminal),
        (QCoreApplication.translate("Receipt", "Time"), data.when.strftime("%Y-%m-%d %H:%M:%S")),
    ]
    if data.duration_s is not None:
        rows.append((QCoreApplication.translate("Receipt", "Duration"), f"{data.duration_s:.1f} s"))
    if data.operation_id:
        rows.append((QCoreApplication.translate("Receipt", "Operation ID"), data.operation_id))
    return _page(data, rows)


def _customer_html(data: ReceiptData, result: str) -> str:
    """The kiosk's slip: what the customer needs to quote at a counter, nothing more."""
    rows = [
        (QCoreApplication.translate("Receipt", "Service"), catalog.title(data.kind)),
        (QCoreApplication.translate("Receipt", "Result"), result),
        (QCoreApplication.translate("Receipt", "Phone number"), data.msisdn or "—"),
    ]
    if data.app_id:
        rows.append((QCoreApplication.translate("Receipt", "Application"), data.app_id))
    rows += [(name, value) for name, value in data.details]
    rows += [
        (QCoreApplication.translate("Receipt", "Terminal"), data.terminal),
        (QCoreApplication.translate("Receipt", "Time"), data.when.strftime("%Y-%m-%d %H:%M:%S")),
    ]
    if data.operation_id:
        rows.append((QCoreApplication.translate("Receipt", "Reference"), data.operation_id))
    return _page(data, rows)


def _page(data: ReceiptData, rows: list[tuple[str, str]]) -> str:
    body = "".join(_row(k, v) for k, v in rows)
    footer = QCoreApplication.translate("Receipt", "Keep this receipt for your records.")
    return (
        "<html><head><style>td{padding:3px 8px;} td.k{color:#555;white-space:nowrap;}"
        "h2{margin-bottom:4px;}</style></head><body>"
        f"<h2>{html.escape(data.title())}</h2><table>{body}</table>"
        f"<p style='color:#777'>{html.escape(footer)}</p>"
        "</body></html>"
    )


def _document(data: ReceiptData) -> QTextDocument:
    doc = QTextDocument()
    app = QApplication.instance()
    font = QFont(app.font()) if isinstance(app, QApplication) else QFont()
    # Latin from a Latin face, Chinese from the CJK face: the CJK face's digit variants have no
    # ToUnicode entry in Qt's PDFs, so copying a SEID out of the PDF would lose digits.
    font.setFamilies([f for f in LATIN_FAMILIES if f in QFontDatabase.families()] + [font.family()])
    font.setPointSize(10)
    doc.setDefaultFont(font)
    doc.setHtml(receipt_html(data))
    return doc


def save_pdf(data: ReceiptData, path: str | Path) -> Path:
    """Write the receipt as an A5 PDF; returns the path written."""
    out = Path(path)
    if not out.parent.is_dir():
        raise FileNotFoundError(f"folder {out.parent} does not exist")
    writer = QPdfWriter(str(out))
    writer.setTitle(data.title())
    writer.setCreator("HallTerm")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    _document(data).print_(writer)
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
        _document(data).print_(printer)
        return True
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(data).print_(printer)
    return True
