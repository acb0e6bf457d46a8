"""The service screens that act on one application: lock, unlock, delete, download, migration,
and the number change."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui import errors, views
from ui.i18n import current_language
from ui.labels import state_label
from ui.backend import ServiceRequest
from ui.pages.base import ServicePage
from ui.session import Session



class AppServicePage(ServicePage):
    """A service on one application of the card; the choice comes from the last query."""

    def build_form(self, form: QFormLayout) -> None:
        self.app_caption = QLabel()
        self.app_choice = QComboBox()
        self.app_choice.setEditable(True)
        self.app_choice.setObjectName("appChoice")
        self.app_choice.setMinimumWidth(360)
        form.addRow(self.app_caption, self.app_choice)

    def on_card(self, report: Any) -> None:
        super().on_card(report)
        self.fill_apps(views.apps(report, current_language()) if report is not None else [])

    def fill_apps(self, rows: list[views.AppRow]) -> None:
        self.app_choice.clear()
        for row in rows:
            shown = " — ".join(part for part in (row.name, row.aid) if part)
            if row.state:
                shown += f"  [{state_label(row.state)}]"
            self.app_choice.addItem(shown, row.app_id or row.aid)

    def app_id(self) -> str:
        index = self.app_choice.currentIndex()
        if index >= 0 and self.app_choice.currentText() == self.app_choice.itemText(index):
            return str(self.app_choice.itemData(index))
        return self.app_choice.currentText().strip()

    def receipt_app_id(self) -> str:
        return self.app_id()

    def request(self) -> ServiceRequest | None:
        app_id = self.app_id()
        if not app_id:
            self.show(lambda: self.result.show_result(QCoreApplication.translate(
                "AppServicePage", "Choose an application first (run Query to list them)."), False, False))
            return None
        return ServiceRequest(self.kind, self.session.reader, app_id=app_id)

    def rows(self) -> list[views.AppRow]:
        """The choice: the applications the last query found on the card."""
        card, reached = self.session.card, self.session.app_states
        rows = views.apps(card, current_language()) if card is not None else []
        return [replace(r, state=reached.get(r.app_id, r.state)) for r in rows]

    def refill(self) -> None:
        """Titles and states again (language switch, a service changed a state); the choice stays."""
        rows = self.rows()
        if not rows:
            return
        index, typed = self.app_choice.currentIndex(), self.app_choice.currentText()
        chosen = index >= 0 and typed == self.app_choice.itemText(index)
        self.fill_apps(rows)
        if chosen:
            self.app_choice.setCurrentIndex(index)
        else:
            self.app_choice.setEditText(typed)  # an id the clerk typed stays typed

    def on_identity(self, seid: str, msisdn: str) -> None:
        super().on_identity(seid, msisdn)
        self.refill()

    def retranslate(self) -> None:
        super().retranslate()
        self.app_caption.setText(QCoreApplication.translate("AppServicePage", "Application"))
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
                              instance_only=self.instance_only.isChecked())

    def retranslate(self) -> None:
        super().retranslate()
        self.instance_only.setText(self.tr("Delete the instance only (keep the load file)"))


class DownloadPage(AppServicePage):
    """Applications come from the platform's catalogue, fetched off the GUI thread."""

    kind = "download"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.catalog_loaded = False

    def on_card(self, report: Any) -> None:
        self.card.show_card(report)  # the choice is the catalogue, not the card's apps
        self.show_subscriber(report)

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
        texts = errors.describe_both(exc)
        self.app_choice.lineEdit().setPlaceholderText(texts["zh_CN" if current_language().startswith("zh") else "en"].text)  # type: ignore[union-attr]

    def _catalog_ready(self, apps: list[Any]) -> None:
        self.session.catalog = list(apps)  # titles for the result lines of every screen
        self.fill_apps(self.rows())

    def rows(self) -> list[views.AppRow]:
        """The choice: the platform's catalogue."""
        return [views.AppRow(views.as_text(getattr(a, "aid", "")), views.app_title(a, current_language()), "",
                             str(getattr(a, "version", "") or ""), False, views.as_text(getattr(a, "app_id", "")))
                for a in self.session.catalog]


class MigratePage(AppServicePage):
    kind = "migrate"

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
                self.target.addItem(name, name)
        index = self.target.findData(current)
        self.target.setCurrentIndex(max(index, 0))

    def request(self) -> ServiceRequest | None:
        base = super().request()
        if base is None:
            return None
        return ServiceRequest(self.kind, base.reader, base.app_id, target_reader=self.target.currentData())

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
        self.msisdn.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,15}")))
        self.imsi = QLineEdit()
        self.imsi.setObjectName("imsi")
        self.imsi.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,15}")))
        form.addRow(self.msisdn_caption, self.msisdn)
        form.addRow(self.imsi_caption, self.imsi)

    def request(self) -> ServiceRequest | None:
        msisdn, imsi = self.msisdn.text().strip(), self.imsi.text().strip()
        if len(msisdn) != 11:
            self.show(lambda: self.result.show_result(self.tr("The new phone number must have 11 digits."),
                                                      False, False))
            return None
        if len(imsi) != 15:
            self.show(lambda: self.result.show_result(self.tr("The IMSI must have 15 digits."), False, False))
            return None
        return ServiceRequest(self.kind, self.session.reader, new_msisdn=msisdn, imsi=imsi)

    def after_success(self) -> None:
        self.msisdn.clear()  # done: a second click must not ask for the same change again
        self.imsi.clear()

    def reset(self) -> None:
        super().reset()
        self.after_success()

    def retranslate(self) -> None:
        super().retranslate()
        self.msisdn_caption.setText(self.tr("New phone number"))
        self.imsi_caption.setText(self.tr("IMSI of the new SIM"))
