"""The customer's screens at the self-service kiosk: query and lock.

Same services as the counter's, in a customer's words: the phone number masked (a public
machine), the applications and their states, the free space; no chip details, no operation id
(a printed slip carries a short reference), no free-text application id.  The subscriber line
and the clerk's card panel of :class:`ServicePage` are hidden.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.services.result_summary import summarise
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (QBoxLayout, QButtonGroup, QFrame, QGridLayout, QLabel, QMessageBox,
                               QProgressBar, QPushButton, QVBoxLayout, QWidget)

from ui import views
from ui.views import mask_number, short_reference  # noqa: F401 - short_reference: kept importable here
from ui.backend import ServiceRequest
from ui.i18n import current_language
from ui.labels import LOCKABLE, customer_state_label
from ui.pages.base import ServicePage
from ui.receipt import ReceiptData, print_receipt
from ui.session import Session
from ui.widgets.panels import set_state
from ui.widgets.space_chart import human_bytes

SIDE_BY_SIDE_MIN_WIDTH = 900  # narrower screens stack the number and the space boxes


def _app_name(row: views.AppRow) -> str:
    return row.name or QCoreApplication.translate("Kiosk", "Application %1").replace("%1", row.aid[-4:])


class KioskPage(ServicePage):
    """A service page for the customer: big type, no clerk fields, one print button."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.card.hide()  # SEID: chip details; the number is shown masked by the page itself
        self.form.setRowVisible(self.subscriber, False)
        self.result.set_customer(True)
        self.reference = ""  # set once a slip is printed
        self.print_failed = False

    def app_rows(self) -> list[views.AppRow]:
        """The applications of the last read, with the states services reached since: one per
        application, since a customer locks the whole of a lost phone's application (every
        instance, seed §5.8.4.3); it is lockable while any instance is not locked."""
        language = current_language()
        rows: dict[str, views.AppRow] = {}
        for row in self.session.current_apps(language):
            key = row.app_id or row.aid
            if not row.instance_aid:
                rows[key] = row
                continue
            whole = replace(row, name=self.session.app_title(row.app_id, "", language) or row.name, instance_aid="")
            seen = rows.get(key)
            rows[key] = whole if seen is None or seen.state.upper() == "LOCKED" else seen
        return list(rows.values())

    def receipt_for(self, result: Any) -> ReceiptData:
        return replace(super().receipt_for(result), customer=True)

    def print_receipt(self) -> None:
        if self.receipt is None:
            return
        printed = print_receipt(self.receipt, self, ask=False)
        self.reference, self.print_failed = (self.receipt.reference, False) if printed else ("", True)
        if self._render is not None:
            self._render()

    def receipt_note(self) -> list[str]:
        """After the print button: the slip's reference, or why there is no slip."""
        if self.print_failed:
            return [QCoreApplication.translate("Kiosk", "The printer is not available. Please ask our staff.")]
        if self.reference:
            return [QCoreApplication.translate("Kiosk", "Receipt printed. Reference: %1").replace("%1", self.reference)]
        return []

    def start(self) -> None:
        self.reference, self.print_failed = "", False
        super().start()

    def reset(self) -> None:
        super().reset()
        self.reference, self.print_failed = "", False


class KioskQueryPage(KioskPage):
    """The phone number (masked), the applications and the free space, large."""

    kind = "query"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.number_caption, self.number = QLabel(), QLabel()
        self.number.setObjectName("maskedNumber")
        self.space_caption, self.space_text = QLabel(), QLabel()
        self.space_text.setObjectName("spaceText")
        self.space_text.setWordWrap(True)
        self.space_bar = QProgressBar()
        self.space_bar.setObjectName("spaceBar")
        self.space_bar.setTextVisible(False)
        self.apps_caption = QLabel()
        self.apps_grid = QGridLayout()
        self.apps_grid.setHorizontalSpacing(24)
        self.apps_grid.setVerticalSpacing(10)
        self.number_box = self._box("numberBox", self.number_caption, self.number)
        self.space_box = self._box("spaceBox", self.space_caption, self.space_bar, self.space_text)
        self.apps_box = self._box("appsBox", self.apps_caption)
        self.apps_box.layout().addLayout(self.apps_grid)  # type: ignore[union-attr]
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top.setSpacing(16)
        self.top.addWidget(self.number_box, 1)
        self.top.addWidget(self.space_box, 1)
        self.extra.addLayout(self.top)
        self.extra.addWidget(self.apps_box)
        self.retranslate()
        self.show_report(session.card)

    @staticmethod
    def _box(name: str, *widgets: QWidget) -> QFrame:
        box = QFrame()
        box.setObjectName(name)
        box.setProperty("kioskBox", True)
        column = QVBoxLayout(box)
        column.setContentsMargins(24, 16, 24, 16)
        for widget in widgets:
            column.addWidget(widget)
            if isinstance(widget, QLabel) and not widget.objectName():
                widget.setObjectName("kioskCaption")
        return box

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        wide = event.size().width() >= SIDE_BY_SIDE_MIN_WIDTH
        self.top.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    def on_card(self, report: Any) -> None:
        super().on_card(report)
        if hasattr(self, "apps_grid"):
            self.show_report(report)

    def show_outcome(self, outcome: Any) -> None:
        self.show_report(self.session.card if self.session.card is not None else outcome)
        self.result.show_result(self.tr("Here is what is on your phone."), True, receipt=True,
                                details=self.receipt_note())

    def show_report(self, report: Any) -> None:
        for box in (self.number_box, self.space_box, self.apps_box):
            box.setVisible(report is not None)
        self._clear_apps()
        if report is None:
            self.number.clear()
            return
        msisdn = views.identity(report).msisdn
        self.number.setText(mask_number(msisdn) if msisdn else self.tr("No number registered"))
        rows = self.app_rows()
        if not rows:
            self.apps_grid.addWidget(self._cell(self.tr("No applications on your phone yet."), "appName"), 0, 0)
        for r, row in enumerate(rows):
            self.apps_grid.addWidget(self._cell(_app_name(row), "appName"), r, 0)
            state = self._cell(customer_state_label(row.state), "appState")
            set_state(state, "error" if row.state.upper() == "LOCKED" else
                      "ok" if row.state.upper() in ("USABLE", "SELECTABLE") else "warn")
            self.apps_grid.addWidget(state, r, 1, Qt.AlignmentFlag.AlignRight)
        self.show_space(views.space(report))

    def show_space(self, space: views.Space | None) -> None:
        if space is None or space.total <= 0:
            self.space_bar.hide()
            self.space_text.setText(self.tr("Not known"))
            return
        self.space_bar.show()
        self.space_bar.setRange(0, 100)
        self.space_bar.setValue(round(100 * space.used / space.total))
        self.space_text.setText(self.tr("%1 free of %2").replace("%1", human_bytes(space.free_measured))
                                .replace("%2", human_bytes(space.total)))

    @staticmethod
    def _cell(text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def _clear_apps(self) -> None:
        while self.apps_grid.count():
            item = self.apps_grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()

    def reset(self) -> None:
        super().reset()
        self.show_report(None)

    def run_label(self) -> str:
        return self.tr("Read my phone")

    def retranslate(self) -> None:
        super().retranslate()
        self.blurb.setText(self.tr('Place your phone on the reader, then tap "Read my phone".'))
        if not hasattr(self, "apps_grid"):
            return  # called from the base constructor, before the boxes exist
        self.number_caption.setText(self.tr("Phone number"))
        self.apps_caption.setText(self.tr("My applications"))
        self.space_caption.setText(self.tr("Free space"))
        self.show_report(self.session.card)


class KioskLockPage(KioskPage):
    """The customer picks one of the phone's applications, confirms, and sees the result."""

    kind = "lock"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.choice = QButtonGroup(self)
        self.choice.setExclusive(True)
        self.choice.buttonToggled.connect(lambda *_: self._update_run())
        self.app_buttons: dict[str, QPushButton] = {}
        self.hint = QLabel()
        self.hint.setObjectName("kioskHint")
        self.hint.setWordWrap(True)
        self.read_button = QPushButton()
        self.read_button.setObjectName("primary")
        self.read_button.clicked.connect(self.read_phone)
        self.apps_grid = QGridLayout()
        self.apps_grid.setSpacing(16)
        self.form.addRow(self.hint)
        self.form.addRow(self.apps_grid)
        self.form.addRow(self.read_button)
        self.confirm_box: QMessageBox | None = None
        self.target = ("", "")  # (app id, name) of the lock being run
        self.retranslate()
        self.fill_apps()

    # --- the choice -----------------------------------------------------------------------
    def on_card(self, report: Any) -> None:
        super().on_card(report)
        if hasattr(self, "app_buttons"):
            self.fill_apps()

    def on_identity(self, seid: str, msisdn: str) -> None:
        super().on_identity(seid, msisdn)
        if hasattr(self, "app_buttons"):
            self.fill_apps()

    def fill_apps(self) -> None:
        chosen = self.app_id()
        for button in self.app_buttons.values():
            self.choice.removeButton(button)
            button.deleteLater()
        self.app_buttons.clear()
        rows = self.app_rows()
        for i, row in enumerate(rows):
            button = QPushButton(f"{_app_name(row)}\n{customer_state_label(row.state)}")
            button.setObjectName("appButton")
            button.setCheckable(True)
            key = row.app_id or row.aid
            button.setProperty("appId", key)
            button.setProperty("appName", _app_name(row))
            button.setEnabled(row.state.upper() in LOCKABLE)
            button.setChecked(key == chosen and button.isEnabled())
            self.choice.addButton(button)
            self.apps_grid.addWidget(button, i // 2, i % 2)
            self.app_buttons[key] = button
        read = self.session.card is not None
        lockable = any(b.isEnabled() for b in self.app_buttons.values())
        self.read_button.setVisible(not read)
        self.run_button.setVisible(lockable)
        if not read:
            self.hint.setText(self.tr('First place your phone on the reader and tap "Read my phone".'))
        elif rows and all(r.state.upper() == "LOCKED" for r in rows):
            self.hint.setText(self.tr("All the applications on your phone are locked."))
        elif not lockable:
            self.hint.setText(self.tr("There is no application on your phone that can be locked."))
        else:
            self.hint.setText(self.tr("Tap the application you want to lock."))
        self._update_run()

    def _update_run(self) -> None:
        self.run_button.setEnabled(self.running is None and bool(self.app_id()))

    def app_id(self) -> str:
        button = self.choice.checkedButton() if hasattr(self, "choice") else None
        return str(button.property("appId")) if button is not None else ""

    def app_name(self) -> str:
        button = self.choice.checkedButton()
        return str(button.property("appName")) if button is not None else ""

    # --- reading the phone first ----------------------------------------------------------
    def read_phone(self) -> None:
        """A customer may come straight to lock: read the phone here, then list its apps."""
        if self.running is not None:
            return
        if not self.session.reader:
            self.show_error_code("reader.none")
            return
        self.result.hide()
        self.read_button.setEnabled(False)
        self.progress.start(writes_card=False)
        self.running = self.session.run(ServiceRequest("query", self.session.reader),
                                        self.progress.update_progress, self._read, self._failed)

    def _read(self, _report: Any) -> None:
        self._finish()  # the session already has the card; on_card listed the apps

    def _finish(self) -> None:
        super()._finish()
        self.read_button.setEnabled(True)
        self._update_run()

    # --- locking --------------------------------------------------------------------------
    def start(self) -> None:
        """Confirm first: a locked application stays locked until a counter unlocks it."""
        if self.running is not None or not self.app_id():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Lock this application?"),
                          self.tr('Lock "%1"?').replace("%1", self.app_name()), QMessageBox.StandardButton.NoButton,
                          self)
        box.setObjectName("confirmLock")
        box.setInformativeText(self.tr("Once locked, this application cannot be used until it is "
                                       "unlocked at a business hall."))
        self.confirm_yes = box.addButton(self.tr("Lock"), QMessageBox.ButtonRole.AcceptRole)
        self.confirm_yes.setObjectName("primary")
        self.confirm_no = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.confirm_no)
        box.finished.connect(lambda _r: self._confirmed(box.clickedButton() is self.confirm_yes))
        self.confirm_box = box
        box.open()

    def _confirmed(self, yes: bool) -> None:
        self.confirm_box = None
        if yes:
            # Kept for the run: the choice is rebuilt (and unchecked) when the new state arrives.
            self.target = (self.app_id(), self.app_name())
            super().start()

    def request(self) -> ServiceRequest | None:
        return ServiceRequest(self.kind, self.session.reader, app_id=self.target[0])

    def receipt_app_id(self) -> str:
        return self.target[0]

    def after_success(self) -> None:
        # The platform may not echo the new state; the lock succeeded, so the app is locked.
        self.session.app_states[self.target[0]] = "LOCKED"

    def show_outcome(self, outcome: Any) -> None:
        if not summarise(outcome).ok:
            super().show_outcome(outcome)
            return
        self.result.show_result(self.tr('"%1" is now locked.').replace("%1", self.target[1]), True, receipt=True,
                                details=[self.tr("To use it again, bring your phone and ID to a business hall.")]
                                + self.receipt_note())

    def _done(self, outcome: Any) -> None:
        super()._done(outcome)
        self.fill_apps()

    def reset(self) -> None:
        super().reset()
        if self.confirm_box is not None:
            self.confirm_box.reject()
        if self.running is None:
            self.target = ("", "")
        self.fill_apps()

    def run_label(self) -> str:
        return self.tr("Lock the selected application")

    def retranslate(self) -> None:
        super().retranslate()
        self.blurb.setText(self.tr("Lock an application on your phone, for example if you fear someone "
                                   "else might use it."))
        if hasattr(self, "app_buttons"):
            self.read_button.setText(self.tr("Read my phone"))
            self.fill_apps()
