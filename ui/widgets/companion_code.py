"""The companion phone app's QR code on the download screen (seed §5.4.7), beside the receipt's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.companion import qr_png


class CompanionCode(QFrame):
    """Hidden until a download names a companion app; then the code, what to do, and the link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companionCode")
        self.url = ""
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.code = QLabel()
        self.code.setObjectName("companionQr")
        self.link = QLabel()
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        for widget in (self.caption, self.code, self.link):
            layout.addWidget(widget)
        self.hide()

    def show_link(self, url: str) -> None:
        self.url = url
        if not url:
            self.hide()
            return
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(url, scale=5), "PNG")
        self.code.setPixmap(pixmap)
        self.link.setText(url)
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.caption.setText(QCoreApplication.translate(
            "Receipt", "Scan the code with your phone to install the application's phone app:"))
