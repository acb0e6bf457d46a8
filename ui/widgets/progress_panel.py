"""Progress of a long service: block-by-block LOAD, cancel, and the "do not remove" banner."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.i18n import pick

# Stages during which the SE is being written; the banner must be impossible to miss then.
WRITING_STAGES = {"load", "install", "personalize", "personalise", "store_data", "delete",
                  "set_status", "write", "migrate", "lock", "unlock", "change_number"}


class ProgressPanel(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel()
        self.banner.setObjectName("doNotRemove")
        self.banner.setWordWrap(True)
        self.stage = QLabel()
        self.stage.setObjectName("progressStage")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel = QPushButton()
        self.cancel.setObjectName("cancelButton")
        self.cancel.clicked.connect(self._on_cancel)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stage)
        layout.addLayout(row)
        self.retranslate()
        self.hide()

    def start(self, writes_card: bool) -> None:
        self.bar.setRange(0, 0)
        self.stage.setText(self.tr("Working…"))
        self.banner.setVisible(writes_card)
        self.cancel.setEnabled(True)
        self.show()

    def update_progress(self, progress: object) -> None:
        done, total = int(getattr(progress, "done", 0)), int(getattr(progress, "total", 0))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        stage = str(getattr(progress, "stage", ""))
        text = pick(getattr(progress, "message", None)) or stage
        if total > 1:
            text = f"{text}  ({done}/{total})"
        self.stage.setText(text)
        if stage.lower() in WRITING_STAGES:
            self.banner.show()

    def finish(self) -> None:
        self.hide()

    def _on_cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.stage.setText(self.tr("Cancelling at the next safe point…"))
        self.cancel_requested.emit()

    def retranslate(self) -> None:
        self.banner.setText(self.tr("Do not remove the phone from the reader"))
        self.cancel.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
