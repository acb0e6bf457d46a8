"""Kiosk behaviour: idle reset to the start screen, and no way out by the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
            QEvent.Type.Wheel, QEvent.Type.MouseMove}


class IdleWatcher(QObject):
    """Application-wide event filter: ``idle`` fires after ``seconds`` without any input."""

    idle = Signal()

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(int(seconds * 1000), 1))
        self.timer.timeout.connect(self.idle)

    def start(self) -> None:
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY:
            self.timer.start()
        return False


class KeyGuard(QObject):
    """Swallows Escape and Alt+F4-style close shortcuts at the kiosk."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            return event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4)  # type: ignore[attr-defined]
        return False
