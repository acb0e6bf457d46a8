"""The service screens that act on one application: lock, unlock, delete, download, migration,
and the number change."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui import errors, views
from ui.backend import ServiceRequest
from ui.confirm import Confirmation
from ui.i18n import current_language
from ui.labels import LOCKABLE, state_label
from ui.pages.base import MSISDN_DIGITS, ServicePage
from ui.session import Session
from ui.status import phone_icon
from ui.views import mask_number
from ui.widgets.companion_code import CompanionCode

INSTANCE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The item data of a choice that is one instance of a multi-instance application (§5.8.4.1)."""


class AppServicePage(ServicePage):
    """A service on one application of the card; the choice comes from the last query."""

    def build_form(self, form: QFormLayout) -> None:
        self.app_caption = QLabel()
        self.app_choice = QComboBox()
        self.app_choice.setObjectName("appChoice")
        self.app_choice.setMinimumWidth(360)
        form.addRow(self.app_caption, self.app_choice)

    def on_card(self, report: Any) -> None:
        super().on_card(report)
        self.fill_apps(self.rows())

    def valid(self, row: views.AppRow) -> bool:
        """Whether this service can act on the application in the state it is in."""
        state = (row.state or "").upper()
        if self.kind == "lock":
            return state in LOCKABLE
        if self.kind == "unlock":
            return state == "LOCKED"
        return bool(state) and state != "READY"  # delete, migrate: only what is on the phone

    def fill_apps(self, rows: list[views.AppRow]) -> None:
        self.app_choice.clear()
        for row in rows:
            if not self.valid(row):
                continue
            shown = row.name or row.aid
            if row.state:
                shown += f"  [{state_label(row.state)}]"
            self.app_choice.addItem(shown, row.app_id or row.aid)
            self.app_choice.setItemData(self.app_choice.count() - 1, row.instance_aid, INSTANCE_ROLE)
        self.run_button.setEnabled(self.running is None and self.app_choice.count() > 0)

    def app_id(self) -> str:
        index = self.app_choice.currentIndex()
        return str(self.app_choice.itemData(index) or "") if index >= 0 else ""

    def instance_aid(self) -> str:
        index = self.app_choice.currentIndex()
        return str(self.app_choice.itemData(index, INSTANCE_ROLE) or "") if index >= 0 else ""

    def request(self) -> ServiceRequest | None:
        app_id = self.app_id()
        if not app_id:
            self.show(lambda: self.result.show_result(QCoreApplication.translate(
                "AppServicePage", "No application to choose: read the phone first (Query)."), False, False))
            return None
        return ServiceRequest(self.kind, self.session.reader, app_id=app_id, instance_aid=self.instance_aid())

    def rows(self) -> list[views.AppRow]:
        """The customer's applications now (the current customer context)."""
        return self.session.current_apps(current_language())

    def refill(self) -> None:
        """Titles and states again (language switch, a service changed a state); the choice stays."""
        chosen = (self.app_choice.currentData(), self.instance_aid())
        self.fill_apps(self.rows())
        choices = [(self.app_choice.itemData(i), self.app_choice.itemData(i, INSTANCE_ROLE) or "")
                   for i in range(self.app_choice.count())]
        self.app_choice.setCurrentIndex(choices.index(chosen) if chosen in choices else 0)

    def on_identity(self, seid: str, msisdn: str) -> None:
        super().on_identity(seid, msisdn)
        self.refill()

    def retranslate(self) -> None:
        super().retranslate()
        self.app_caption.setText(QCoreApplication.translate("AppServicePage", "Application"))
        self.app_choice.setPlaceholderText(QCoreApplication.translate(
            "AppServicePage", "No application on this phone for this service (read the phone first)"))
        self.refill()


class LockPage(AppServicePage):
    kind = "lock"


class UnlockPage(AppServicePage):
    kind = "unlock"


class DeletePage(AppServicePage):
    kind = "delete"

    def build_form(self, form: QFormLayout) -> None:
        super().build_form(form)
        self.instance_only = QCheckBox()
        form.addRow("", self.instance_only)

    def request(self) -> ServiceRequest | None:
        base = super().request()
        if base is None:
            return None
        return ServiceRequest(self.kind, base.reader, base.app_id,
                              instance_only=self.instance_only.isChecked(), instance_aid=base.instance_aid)

    def retranslate(self) -> None:
        super().retranslate()
        self.instance_only.setText(self.tr("Delete the instance only (keep the load file)"))


class DownloadPage(AppServicePage):
    """Applications come from the platform's catalogue, fetched off the GUI thread."""

    kind = "download"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.catalog_loaded = False
        self.companion = CompanionCode()  # issue 14: where the app's phone app is (seed §5.4.7)
        self.extra.addWidget(self.companion)

    def launch(self, request: ServiceRequest) -> None:
        self.companion.show_link("")
        super().launch(request)

    def show_outcome(self, outcome: Any) -> None:
        super().show_outcome(outcome)
        self.companion.show_link(self.receipt.companion_url if self.receipt is not None else "")

    def on_card(self, report: Any) -> None:
        self.card.show_card(report)
        self.show_subscriber(report)
        self.clear_old_result(report)
        self.refill()  # the catalogue marks what this phone has

    def showEvent(self, event: Any) -> None:  # noqa: N802
        if not self.catalog_loaded:
            self.load_catalog()
        super().showEvent(event)

    def load_catalog(self) -> None:
        self.catalog_loaded = True
        self.session.in_pool(self.session.backend.catalog, self._catalog_ready, self._catalog_failed)

    def _catalog_failed(self, exc: BaseException) -> None:
        # Not a service failure: the clerk can still type the application id.
        self.catalog_loaded = False  # try again next time the screen is shown
        self.show_message(errors.describe(exc, current_language()).text)

    def _catalog_ready(self, apps: list[Any]) -> None:
        self.session.catalog = list(apps)  # titles for the result lines of every screen
        self.refill()

    def rows(self) -> list[views.AppRow]:
        """The choice: the platform's catalogue, each with its state on the customer's phone."""
        language = current_language()
        on_phone: dict[str, str] = {}
        for row in self.session.current_apps(language):  # by the platform's id and by AID
            on_phone.update({key: row.state for key in (row.app_id, row.aid) if key})
        rows = [views.AppRow(views.as_text(getattr(a, "aid", "")), views.app_title(a, language),
                             on_phone.get(views.as_text(getattr(a, "app_id", "")))
                             or on_phone.get(views.as_text(getattr(a, "aid", "")), ""),
                             str(getattr(a, "version", "") or ""), False, views.as_text(getattr(a, "app_id", "")))
                for a in self.session.catalog]
        # one more instance of an installed multi-instance application (seed §5.8.4.1)
        addable = views.apps(self.session.card, language, "addable") if self.session.card is not None else []
        return rows + [replace(r, state=self.session.app_states.get(r.instance_aid, "")) for r in addable]

    def valid(self, row: views.AppRow) -> bool:
        return True  # every catalogue entry is listed; the installed ones are marked and disabled

    def fill_apps(self, rows: list[views.AppRow]) -> None:
        self.app_choice.clear()
        model = self.app_choice.model()
        first_free = -1
        for row in rows:
            installed = bool(row.state) and row.state.upper() != "READY"
            shown = row.name or row.aid
            if installed:
                shown += "  [" + self.tr("installed: %1").replace("%1", state_label(row.state)) + "]"
            self.app_choice.addItem(shown, row.app_id or row.aid)
            index = self.app_choice.count() - 1
            self.app_choice.setItemData(index, row.instance_aid, INSTANCE_ROLE)
            if installed:
                model.item(index).setEnabled(False)  # type: ignore[attr-defined]
            elif first_free < 0:
                first_free = index
        self.app_choice.setCurrentIndex(first_free)
        self.run_button.setEnabled(self.running is None and first_free >= 0)


class MigratePage(AppServicePage):
    kind = "migrate"
    cards: dict[str, bool] = {}  # noqa: RUF012 - reader -> a phone is on it; set_cards replaces it per page

    def set_cards(self, cards: dict[str, bool]) -> None:
        self.cards = dict(cards)
        self.set_readers(self.session.readers)

    def build_form(self, form: QFormLayout) -> None:
        super().build_form(form)
        self.target_caption = QLabel()
        self.target = QComboBox()
        self.target.setObjectName("targetReader")
        form.addRow(self.target_caption, self.target)

    def set_readers(self, names: list[str]) -> None:
        current = self.target.currentData()
        self.target.clear()
        self.target.addItem(self.tr("Same reader (swap the phones when asked)"), None)
        for name in names:
            if name != self.session.reader:
                self.target.addItem(phone_icon(self.cards.get(name)), name, name)
        index = self.target.findData(current)
        self.target.setCurrentIndex(max(index, 0))

    def request(self) -> ServiceRequest | None:
        base = super().request()
        if base is None:
            return None
        return ServiceRequest(self.kind, base.reader, base.app_id, target_reader=self.target.currentData())

    def confirmation_for(self, request: ServiceRequest) -> Confirmation:
        base = super().confirmation_for(request)
        before = self.tr("old phone on %1").replace("%1", request.reader)
        after = (self.tr("new phone on %1").replace("%1", request.target_reader) if request.target_reader
                 else self.tr("new phone, swapped onto the same reader when asked"))
        return Confirmation(base.kind, base.msisdn, base.app_title, before, after)

    def retranslate(self) -> None:
        super().retranslate()
        self.target_caption.setText(self.tr("New phone on"))
        self.set_readers(self.session.readers)


class ChangeNumberPage(ServicePage):
    kind = "change_number"

    def build_form(self, form: QFormLayout) -> None:
        self.msisdn_caption, self.imsi_caption = QLabel(), QLabel()
        self.msisdn = QLineEdit()
        self.msisdn.setObjectName("newMsisdn")
        self.msisdn.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{MSISDN_DIGITS}}}")))
        # Typed twice, the second time without looking at the first: a wrong digit binds the SE
        # to a stranger's number.
        self.msisdn_again_caption = QLabel()
        self.msisdn_again = QLineEdit()
        self.msisdn_again.setObjectName("newMsisdnAgain")
        self.msisdn_again.setValidator(self.msisdn.validator())
        self.imsi = QLineEdit()
        self.imsi.setObjectName("imsi")
        self.imsi.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,15}")))
        form.addRow(self.msisdn_caption, self.msisdn)
        form.addRow(self.msisdn_again_caption, self.msisdn_again)
        form.addRow(self.imsi_caption, self.imsi)

    def request(self) -> ServiceRequest | None:
        msisdn, imsi = self.msisdn.text().strip(), self.imsi.text().strip()
        if len(msisdn) != MSISDN_DIGITS:
            self.show_message(self.tr("The new phone number must have 11 digits."))
            return None
        if self.msisdn_again.text().strip() != msisdn:
            self.show_message(self.tr("The two new numbers differ. Type the new number again."))
            self.msisdn_again.clear()
            self.msisdn_again.setFocus()
            return None
        if len(imsi) != 15:
            self.show_message(self.tr("The IMSI must have 15 digits."))
            return None
        return ServiceRequest(self.kind, self.session.reader, new_msisdn=msisdn, imsi=imsi)

    def confirmation_for(self, request: ServiceRequest) -> Confirmation:
        old = request.msisdn or self.session.identity[1]
        return Confirmation(self.kind, old, "", mask_number(old) or "—", _grouped(request.new_msisdn))

    def after_success(self) -> None:
        self.msisdn.clear()  # done: a second click must not ask for the same change again
        self.msisdn_again.clear()
        self.imsi.clear()

    def reset(self) -> None:
        super().reset()
        self.after_success()

    def retranslate(self) -> None:
        super().retranslate()
        self.msisdn_caption.setText(self.tr("New phone number"))
        self.msisdn_again_caption.setText(self.tr("New phone number again"))
        self.imsi_caption.setText(self.tr("IMSI of the new SIM"))


def _grouped(msisdn: str) -> str:
    """``13800138001`` -> ``138 0013 8001``: the clerk reads the new number back in groups."""
    return f"{msisdn[:3]} {msisdn[3:7]} {msisdn[7:]}" if len(msisdn) == MSISDN_DIGITS else msisdn
