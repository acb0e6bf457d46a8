"""One overall progress for a service: named phases, elapsed and remaining time, cancel, and the
"do not remove" banner while the phone is being written.

Phases: read the phone -> connect to the platform -> secure channel -> write n/N -> check.  The
core reports stages (``card``, ``start``, ``apdu``, ``load``, ``done``); the first script after
the start opens the secure channel, later scripts (and the LOAD blocks) write.  One bar covers
the whole service (each phase has its share), so it never reaches 100 % before the end.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.noop import QT_TRANSLATE_NOOP
from ui.words import say

# Stages during which the SE is being written; the banner must be impossible to miss then.
WRITING_STAGES = {"load", "install", "personalize", "personalise", "store_data", "delete",
                  "set_status", "write", "migrate", "lock", "unlock", "change_number"}

SCALE = 1000
# (phase, share of the bar where it starts, where it ends)
PHASES = {
    "card": (QT_TRANSLATE_NOOP("ProgressPanel", "Reading the phone"), 0, 50),
    "start": (QT_TRANSLATE_NOOP("ProgressPanel", "Connecting to the platform"), 50, 100),
    "channel": (QT_TRANSLATE_NOOP("ProgressPanel", "Opening the secure channel"), 100, 200),
    "write": (QT_TRANSLATE_NOOP("ProgressPanel", "Writing"), 200, 950),
    "read": (QT_TRANSLATE_NOOP("ProgressPanel", "Reading the applications"), 200, 950),
    "check": (QT_TRANSLATE_NOOP("ProgressPanel", "Checking"), 950, SCALE),
}


def _seconds(value: float) -> str:
    return QCoreApplication.translate("ProgressPanel", "%1 s").replace("%1", str(max(round(value), 0)))


class ProgressPanel(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel()
        self.banner.setObjectName("doNotRemove")
        self.banner.setWordWrap(True)
        self.stage = QLabel()
        self.stage.setObjectName("progressStage")
        self.times = QLabel()
        self.times.setObjectName("progressTimes")
        self.bar = QProgressBar()
        self.bar.setRange(0, SCALE)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton()
        self.cancel.setObjectName("cancelButton")
        self.cancel.clicked.connect(self._on_cancel)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        heading = QHBoxLayout()
        heading.addWidget(self.stage, 1)
        heading.addWidget(self.times)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(heading)
        layout.addLayout(row)
        self.phase = ""
        self.waiting = False
        self.writes_card = False
        self._scripts, self._last_done = 0, 1 << 30  # platform scripts seen; the last command count
        self._last_stage, self._base = "", 0
        self.started = 0.0
        self.write_started: float | None = None
        self.write_share = 0.0  # 0..1 of the write phase done
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self.show_times)
        self.retranslate()
        self.hide()

    def start(self, writes_card: bool, waiting: bool = False) -> None:
        """``waiting``: another service holds the reader; this one starts when it is done."""
        self.phase, self.waiting, self.writes_card = "", waiting, writes_card
        self._scripts, self._last_done = 0, 1 << 30
        self._last_stage, self._base = "", 0
        self.started, self.write_started, self.write_share = time.monotonic(), None, 0.0
        self.bar.setValue(0)
        self.stage.setText(self.tr("Waiting for the service already running on this reader…") if waiting
                           else self.tr("Working…"))
        self.banner.setVisible(writes_card and not waiting)
        self.cancel.setEnabled(True)
        self.show_times()
        self.clock.start()
        self.show()

    def update_progress(self, progress: object) -> None:
        if self.waiting:  # the first report: this service's turn has come
            self.waiting, self.started = False, time.monotonic()
        stage = str(getattr(progress, "stage", "")).lower()
        done, total = int(getattr(progress, "done", 0)), int(getattr(progress, "total", 0))
        if stage == "queue":  # issue 10: waiting for the phone's one link (§5.8.8): the core's words
            self.stage.setText(say(progress.words))  # type: ignore[attr-defined]
            self.show_times()
            return
        new_part = stage != self._last_stage
        if stage in ("apdu", "load"):
            if done <= self._last_done:
                new_part = True
                self._scripts += stage == "apdu"  # a new platform script: the first opens the secure channel
            self._last_done = done
        self._last_stage = stage
        phase = self._phase_of(stage)
        if phase != self.phase:
            self.phase = phase
            if phase in ("write", "read"):
                self.write_started = time.monotonic()
        name, low, high = PHASES[phase]
        share = min(done / total, 1.0) if total > 0 else 0.0
        if phase in ("write", "read"):
            self.write_share = share
        if new_part:
            self._base = max(self.bar.value(), low)
        # Each part fills its share of what is left of its phase: a platform script half of it (more
        # may follow), the LOAD all of it; so the one bar moves on and never goes backwards.
        room = (high - self._base) * (1.0 if stage in ("load", "card", "start") else 0.5)
        value = SCALE if stage == "done" else self._base + int(room * share)
        self.bar.setValue(max(self.bar.value(), min(value, high)))
        text = self.tr(str(name))
        if phase in ("write", "read") and total > 1:
            unit = self.tr("blocks") if stage == "load" else self.tr("commands")
            text = self.tr("%1: %2/%3 %4").replace("%1", text).replace("%2", str(done)).replace(
                "%3", str(total)).replace("%4", unit)
        self.stage.setText(text)
        if stage in WRITING_STAGES or phase == "write":
            self.banner.show()
        self.show_times()

    def _phase_of(self, stage: str) -> str:
        if stage in ("card", "start"):
            return stage
        if stage == "done":
            return "check"
        if stage == "load":
            return "write"
        return "channel" if self._scripts <= 1 else ("write" if self.writes_card else "read")

    def show_times(self) -> None:
        if self.waiting:
            self.times.setText("")
            return
        now = time.monotonic()
        text = self.tr("Elapsed %1").replace("%1", _seconds(now - self.started))
        if self.write_started is not None and 0.05 < self.write_share < 1.0:
            spent = now - self.write_started
            remaining = spent / self.write_share * (1.0 - self.write_share)
            text += " · " + self.tr("about %1 left").replace("%1", _seconds(remaining))
        self.times.setText(text)

    def finish(self) -> None:
        self.clock.stop()
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
