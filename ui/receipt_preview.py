"""A receipt on screen (the Qt output of the one template), with print and save as PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QMessageBox, QPushButton, QTextBrowser,
                               QVBoxLayout, QWidget)

from ui import errors
from ui.i18n import current_language, save_file_name
from ui.receipt import ReceiptData, document, print_receipt, save_pdf
from ui.session import Session


class ReceiptPreview(QDialog):
    def __init__(self, data: ReceiptData, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.data = data
        self.session = session
        self.setWindowTitle(data.title())
        self.view = QTextBrowser()
        self.view.setDocument(document(data))
        self.view.setMinimumSize(460, 520)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(self.tr("Print receipt"))
        self.pdf_button = QPushButton(self.tr("Save receipt as PDF"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(lambda: print_receipt(self.data, self))
        self.pdf_button.clicked.connect(lambda: self.save())
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)

    def save(self, path: str | None = None) -> Path | None:
        if not path:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = str(Path(folder) / f"receipt-{self.data.kind}-{self.data.when:%Y%m%d-%H%M%S}.pdf")
            path, _ = save_file_name(self, self.tr("Save receipt as PDF"), suggested, "PDF (*.pdf)")
            if not path:
                return None
        try:
            return save_pdf(self.data, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save receipt as PDF"), errors.describe(exc, current_language()).text)
            return None
