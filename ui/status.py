"""The status bar: reader, card, platform and operator, always visible.

At the kiosk it is the customer's line instead: whether the phone is on the reader and whether
the service is online, in plain words; the configured reader is used and cannot be changed there,
and the kiosk's own login is nobody's business.

Reader and card follow the core's reader monitor (a background thread, bridged here with a
signal); the platform is checked every ``HEALTH_INTERVAL_MS`` on the thread pool.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QStatusBar, QWidget

from ui.backend import PlatformCheck
from ui.labels import region_label
from ui.session import Session
from ui.widgets.panels import set_state

HEALTH_INTERVAL_MS = 15000
SLOW_MS = 1000  # above this a service feels stuck: the platform line turns to the warning colour


class ReaderEvents(QObject):
    """Bridge from the monitor thread: ``event(reader, kind, atr)`` arrives on the GUI thread."""

    event = Signal(str, str, object)  # type: ignore[assignment]  # shadows QObject.event

    def __call__(self, reader: str, kind: str, atr: bytes | None) -> None:
        self.event.emit(reader, kind, atr)


def phone_icon(present: bool | None) -> QIcon:
    """A dot before a reader's name: green = a phone is on it, grey = none, hollow = not known."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor("#2f855a" if present else "#a0aec0")
    painter.setPen(color)
    painter.setBrush(color if present is not None else Qt.GlobalColor.transparent)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class StatusBar(QStatusBar):
    readers_changed = Signal(list)
    card_placed = Signal(str)  # a phone was put on this reader
    cards_changed = Signal(dict)  # reader -> a phone is on it

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kiosk = session.kiosk
        self.card, self.platform = QLabel(), QLabel()
        self.card.setObjectName("cardState")
        self.platform.setObjectName("platformState")
        # Counter only: the clerk picks the reader and sees who is logged in.
        self.reader_label: QLabel | None = None
        self.reader_choice: QComboBox | None = None
        self.operator: QLabel | None = None
        if self.kiosk:
            self.addPermanentWidget(self.card, 1)
            self.addPermanentWidget(self.platform)
        else:
            self.reader_label, self.operator = QLabel(), QLabel()
            self.operator.setObjectName("operatorState")
            self.reader_choice = QComboBox()
            self.reader_choice.setObjectName("readerChoice")
            self.reader_choice.setMinimumWidth(200)
            self.reader_choice.currentTextChanged.connect(self._reader_chosen)
            self.addPermanentWidget(self.reader_label)
            self.addPermanentWidget(self.reader_choice)
            self.addPermanentWidget(self.card)
            self.addPermanentWidget(self.platform)
            self.addPermanentWidget(self.operator, 1)
        self.cards: dict[str, bool] = {}  # reader -> a card is present
        self.check: PlatformCheck | None = None
        self.events = ReaderEvents(self)
        self.events.event.connect(self.on_reader_event)
        self._stop_monitor: Callable[[], None] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(HEALTH_INTERVAL_MS)
        self.timer.timeout.connect(self.check_platform)
        session.platform_contact.connect(self.on_platform_contact)
        self.retranslate()

    def start(self) -> None:
        """Begin watching readers and the platform (after login)."""
        self.session.in_pool(self.session.backend.list_readers, self.set_readers, lambda _e: self.set_readers([]))
        try:
            self._stop_monitor = self.session.backend.watch_readers(self.events)
        except Exception:  # noqa: BLE001 - no monitor: the status still updates on each service
            self._stop_monitor = None
        self.check_platform()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._stop_monitor:
            self._stop_monitor()
            self._stop_monitor = None

    # --- readers and card ----------------------------------------------------------------
    def set_readers(self, names: list[str]) -> None:
        current = self.session.reader
        self.session.readers = list(names)
        preferred = getattr(self.session.backend.config, "reader_preferred", None) or ""
        choice = current if current in names else next(
            (n for n in names if preferred and preferred.lower() in n.lower()), names[0] if names else "")
        if self.reader_choice is not None:
            self.reader_choice.blockSignals(True)
            self.reader_choice.clear()
            self.reader_choice.addItems(names)
            self.reader_choice.setCurrentText(choice)
            self.reader_choice.blockSignals(False)
            self.mark_readers()
        self._reader_chosen(choice)
        self.readers_changed.emit(names)

    @Slot(str)
    def _reader_chosen(self, name: str) -> None:
        self.session.set_reader(name)
        self.show_card()

    @Slot(str, str, object)
    def on_reader_event(self, reader: str, kind: str, atr: Any) -> None:
        names = list(self.session.readers)
        if kind == "reader_added" and reader not in names:
            self.set_readers(names + [reader])
        elif kind == "reader_removed" and reader in names:
            names.remove(reader)
            self.set_readers(names)
        elif kind in ("card_inserted", "card_removed"):
            self.cards[reader] = kind == "card_inserted"
            if kind == "card_removed" and reader == self.session.reader:
                self.session.set_card(None)  # the subscriber's data leaves with the phone
            self.mark_readers()
            self.cards_changed.emit(dict(self.cards))
            if kind == "card_inserted":
                self.card_placed.emit(reader)
        self.show_card()

    def mark_readers(self) -> None:
        """Each reader in the list says whether a phone is on it (icon and tooltip)."""
        if self.reader_choice is None:
            return
        for i in range(self.reader_choice.count()):
            name = self.reader_choice.itemText(i)
            present = self.cards.get(name)
            self.reader_choice.setItemIcon(i, phone_icon(present))
            self.reader_choice.setItemData(i, self.phone_text(present), Qt.ItemDataRole.ToolTipRole)

    def phone_text(self, present: bool | None) -> str:
        if present is None:
            return self.tr("Card: unknown")
        return self.tr("Card present") if present else self.tr("No card")

    def show_card(self) -> None:
        if self.kiosk:
            self.show_card_to_customer()
            return
        reader = self.session.reader
        if not reader:
            self.card.setText(self.tr("No reader"))
            set_state(self.card, "error")
        elif reader not in self.cards:
            self.card.setText(self.tr("Card: unknown"))
            set_state(self.card, "info")
        elif self.cards[reader]:
            self.card.setText(self.tr("Card present"))
            set_state(self.card, "ok")
        else:
            self.card.setText(self.tr("No card"))
            set_state(self.card, "warn")

    def show_card_to_customer(self) -> None:
        reader = self.session.reader
        if not reader:
            self.card.setText(self.tr("This machine cannot read phones right now. Please ask our staff."))
            set_state(self.card, "error")
        elif self.cards.get(reader):
            self.card.setText(self.tr("Your phone is on the reader"))
            set_state(self.card, "ok")
        else:
            self.card.setText(self.tr("Please place your phone on the reader"))
            set_state(self.card, "info")

    # --- platform --------------------------------------------------------------------------
    def check_platform(self) -> None:
        self.session.in_pool(self.session.backend.check_platform, self.show_platform, lambda _e: None)

    def on_platform_contact(self, reached: bool) -> None:
        """A service just lost (or reached) the platform: the bar must not say otherwise for 15 s."""
        if self.check is None or self.check.ok != reached:
            self.check_platform()

    def show_platform(self, check: PlatformCheck) -> None:
        self.check = check
        if self.kiosk:
            self.platform.setText(self.tr("Service online") if check.ok
                                  else self.tr("Service offline, please ask our staff"))
        elif check.ok and check.latency_ms > SLOW_MS:
            self.platform.setText(self.tr("Platform: slow (%1 ms)").replace("%1", f"{check.latency_ms:.0f}"))
        elif check.ok:
            self.platform.setText(self.tr("Platform: online (%1 ms)").replace("%1", f"{check.latency_ms:.0f}"))
        else:
            self.platform.setText(self.tr("Platform: offline"))
        slow = check.ok and check.latency_ms > SLOW_MS
        set_state(self.platform, "error" if not check.ok else "warn" if slow else "ok")

    def show_operator(self) -> None:
        if self.operator is None:
            return
        op = self.session.backend.operator
        if op is None:
            self.operator.setText(self.tr("Not logged in"))
            return
        role = str(getattr(op, "role", ""))
        role = {"clerk": self.tr("clerk"), "technician": self.tr("technician"), "kiosk": self.tr("kiosk"),
                "admin": self.tr("administrator")}.get(role, role)
        self.operator.setText(self.tr("Operator ID: %1 · Region: %2 · %3").replace("%1", str(op.operator))
                              .replace("%2", region_label(str(getattr(op, "region", "")))).replace("%3", role))

    def retranslate(self) -> None:
        if self.reader_label is not None:
            self.reader_label.setText(self.tr("Reader:"))
        self.show_card()
        if self.check is not None:
            self.show_platform(self.check)
        else:
            self.platform.setText(self.tr("Connecting…") if self.kiosk else self.tr("Platform: checking…"))
        self.show_operator()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
