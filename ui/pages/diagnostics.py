"""The technician's start screen: diagnostics only, no subscriber services.

Readers, the card's chip data, the APDU trace and the platform check are one click away; the
diagnostics bundle (logs + trace + configuration, secrets removed) is written off the GUI thread
by the core (app/diagnostics.py) for a support ticket.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QStandardPaths, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import errors
from ui.i18n import current_language, save_file_name
from ui.pages.home import TileButton
from ui.session import Session
from ui.widgets.panels import set_state

DIAGNOSTIC_PAGES = ("readers", "query", "trace", "platform")


class DiagnosticsHome(QWidget):
    service_chosen = Signal(str)  # the page to open (same signal as the counter's HomePage)
    language_toggled = Signal()
    bundle_written = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.welcome = QLabel()
        self.welcome.setObjectName("welcome")
        self.hint = QLabel()
        self.hint.setObjectName("pageBlurb")
        self.hint.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        for i, key in enumerate(DIAGNOSTIC_PAGES):
            button = TileButton()
            button.setObjectName("serviceTile")
            button.setMinimumSize(220, 96)
            button.clicked.connect(lambda _=False, k=key: self.service_chosen.emit(k))
            self.buttons[key] = button
            grid.addWidget(button, i // 2, i % 2)
        self.bundle_button = QPushButton()
        self.bundle_button.setObjectName("primary")
        self.bundle_button.clicked.connect(lambda: self.write_bundle())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addWidget(self.welcome)
        layout.addWidget(self.hint)
        layout.addSpacing(16)
        layout.addLayout(grid)
        layout.addSpacing(16)
        layout.addWidget(self.bundle_button)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.retranslate()

    def write_bundle(self, path: str | None = None) -> None:
        """One click: the bundle goes to the documents folder (or ``path``), on the thread pool."""
        if not path:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = str(Path(folder) / f"hallterm-diagnostics-{datetime.now():%Y%m%d-%H%M%S}.zip")
            path, _ = save_file_name(self, self.tr("Save diagnostics bundle"), suggested, "ZIP (*.zip)")
            if not path:
                return
        self.bundle_button.setEnabled(False)
        self._say(self.tr("Writing the diagnostics bundle…"), "info")
        target = path
        self.session.in_pool(lambda: self.session.backend.diagnostics_bundle(target), self._written, self._failed)

    def _written(self, path: object) -> None:
        self.bundle_button.setEnabled(True)
        self._say(self.tr("Diagnostics bundle written: %1 (secrets removed).").replace("%1", str(path)), "ok")
        self.bundle_written.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self.bundle_button.setEnabled(True)
        self._say(errors.describe(exc, current_language()).text, "error")

    def _say(self, text: str, state: str) -> None:
        self.status.setText(text)
        set_state(self.status, state)
        self.status.show()

    def retranslate(self) -> None:
        self.welcome.setText(self.tr("Technician diagnostics"))
        self.hint.setText(self.tr("Check the readers, the phone's chip, the APDU trace and the platform. "
                                  "Subscriber services are done at a counter."))
        names = {"readers": self.tr("Readers"), "query": self.tr("Card info"), "trace": self.tr("APDU trace"),
                 "platform": self.tr("Platform check")}
        for key, button in self.buttons.items():
            button.setText(names[key])
        self.bundle_button.setText(self.tr("Create diagnostics bundle"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
