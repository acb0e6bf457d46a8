"""The start screen: one large button per service this terminal may run."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from ui import catalog
from ui.i18n import current_language


class TileButton(QPushButton):
    """A service tile: Enter and Return activate it like Space (a clerk's hand is on the keypad)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.animateClick()
            return
        super().keyPressEvent(event)



class HomePage(QWidget):
    service_chosen = Signal(str)
    language_toggled = Signal()

    def __init__(self, kiosk: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.welcome = QLabel()
        self.welcome.setObjectName("welcome")
        self.welcome.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("pageBlurb")
        self.hint.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        for i, info in enumerate(catalog.allowed(kiosk)):
            button = TileButton()
            button.setObjectName("serviceTile")
            button.setMinimumSize(220, 96)
            button.clicked.connect(lambda _=False, kind=info.kind: self.service_chosen.emit(kind))
            self.buttons[info.kind] = button
            grid.addWidget(button, i // 3, i % 3)
        self.language_button = QPushButton()
        self.language_button.setObjectName("languageToggle")
        self.language_button.clicked.connect(self.language_toggled)
        self.language_button.setVisible(kiosk)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addWidget(self.welcome)
        layout.addWidget(self.hint)
        layout.addSpacing(16)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.language_button)
        self.retranslate()

    def retranslate(self) -> None:
        if self.kiosk:
            self.welcome.setText(self.tr("Welcome! Place your phone on the reader."))
            self.hint.setText(self.tr("Self-service: see the applications on your phone, or lock one."))
        else:
            self.welcome.setText(self.tr("Counter services"))
            self.hint.setText(self.tr("Place the subscriber's phone on the reader, then choose a service."))
        for n, (kind, button) in enumerate(self.buttons.items(), 1):
            info = catalog.BY_KIND[kind]
            # The counter's function key under the name (F1 ... F7, as in the main window).
            button.setText(catalog.label(info.title) + ("" if self.kiosk else f"\nF{n}"))
            button.setToolTip(catalog.label(info.blurb))
        # The toggle names the *other* language, in that language (no translation on purpose).
        self.language_button.setText("English" if current_language().startswith("zh") else "中文")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
