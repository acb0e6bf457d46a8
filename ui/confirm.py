"""The one confirmation step before a service that cannot be undone (seed §5.8.4: 确认后办理).

Delete, migration, number change and unlock stop here first: the clerk reads back to the
customer the masked number, the application by its catalogue name, what changes (old -> new)
and what cannot be undone.  Unlock, migration and number change also record the customer's
identity check: the document type and its last four characters, never the whole ID number.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from app.services.identity_check import DOCUMENT_TYPES, LAST_DIGITS, NEEDS_IDENTITY_CHECK, IdentityCheck
from ui.noop import QT_TRANSLATE_NOOP
from ui import catalog
from ui.views import mask_number
from ui.widgets.panels import set_state

CONTEXT = "Confirm"
CONFIRMED_KINDS = frozenset({"delete", "migrate", "change_number", "unlock", "perso_update"})

DOCUMENTS = {
    "resident_id": QT_TRANSLATE_NOOP("Confirm", "Resident identity card"),
    "passport": QT_TRANSLATE_NOOP("Confirm", "Passport"),
    "hk_macau_permit": QT_TRANSLATE_NOOP("Confirm", "Mainland travel permit (Hong Kong / Macao)"),
    "taiwan_permit": QT_TRANSLATE_NOOP("Confirm", "Mainland travel permit (Taiwan)"),
    "foreign_permanent_id": QT_TRANSLATE_NOOP("Confirm", "Foreigner's permanent residence ID card"),
}
assert set(DOCUMENTS) == set(DOCUMENT_TYPES)

CANNOT_UNDO = {
    "delete": QT_TRANSLATE_NOOP(
        "Confirm", "The application and its data are erased from the phone. This cannot be undone: "
        "installing it again starts from nothing."),
    "migrate": QT_TRANSLATE_NOOP(
        "Confirm", "The application is installed on the new phone and erased from the old phone. "
        "The data on the old phone cannot be recovered."),
    "change_number": QT_TRANSLATE_NOOP(
        "Confirm", "The phone is bound to the new number. The old number no longer works with this "
        "phone's applications."),
    "unlock": QT_TRANSLATE_NOOP(
        "Confirm", "The application can be used again at once, by whoever holds the phone."),
    "perso_update": QT_TRANSLATE_NOOP(
        "Confirm", "The application's personal data on the phone are replaced with its provider's current "
        "data. The old data cannot be recovered."),
}


def _t(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP elsewhere, translated now."""
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class Confirmation:
    """What the clerk reads back before the service runs."""

    kind: str
    msisdn: str  # the customer's number (shown masked)
    app_title: str = ""
    before: str = ""  # old phone or number
    after: str = ""  # new phone or number

    @property
    def needs_identity(self) -> bool:
        return self.kind in NEEDS_IDENTITY_CHECK


class ConfirmDialog(QDialog):
    """Modal; ``identity_check()`` after ``accepted`` (None where no check is needed)."""

    def __init__(self, confirmation: Confirmation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.confirmation = confirmation
        self.setWindowTitle(QCoreApplication.translate("Confirm", "Please confirm with the customer"))
        heading = QCoreApplication.translate("Confirm", "%1 — please confirm")
        self.heading = QLabel(heading.replace("%1", catalog.title(confirmation.kind)))
        self.heading.setObjectName("pageTitle")
        facts = QFormLayout()
        self.facts: dict[str, QLabel] = {}

        def fact(key: str, caption: str, value: str) -> None:
            label = QLabel(value)
            label.setObjectName("value")
            label.setWordWrap(True)
            self.facts[key] = label
            facts.addRow(_t(caption), label)

        fact("msisdn", QT_TRANSLATE_NOOP("Confirm", "Customer number"), mask_number(confirmation.msisdn) or "—")
        if confirmation.app_title:
            fact("app", QT_TRANSLATE_NOOP("Confirm", "Application"), confirmation.app_title)
        if confirmation.before or confirmation.after:
            fact("change", QT_TRANSLATE_NOOP("Confirm", "Change"), f"{confirmation.before} → {confirmation.after}")
        self.warning = QLabel(_t(CANNOT_UNDO[confirmation.kind]))
        self.warning.setObjectName("cannotUndo")
        self.warning.setWordWrap(True)
        set_state(self.warning, "warn")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(facts)
        layout.addWidget(self.warning)
        self.document = QComboBox()
        self.document.setObjectName("documentType")
        self.last_digits = QLineEdit()
        self.last_digits.setObjectName("lastDigits")
        self.last_digits.setMaxLength(LAST_DIGITS)
        self.last_digits.setValidator(QRegularExpressionValidator(QRegularExpression(rf"[0-9Xx]{{0,{LAST_DIGITS}}}")))
        self.last_digits.setPlaceholderText(QCoreApplication.translate("Confirm", "last 4 characters only"))
        if confirmation.needs_identity:
            box = QGroupBox(QCoreApplication.translate("Confirm", "Customer identity check"))
            form = QFormLayout(box)
            for code in DOCUMENT_TYPES:
                self.document.addItem(_t(DOCUMENTS[code]), code)
            form.addRow(QCoreApplication.translate("Confirm", "Document"), self.document)
            form.addRow(QCoreApplication.translate("Confirm", "Last characters of the document number"),
                        self.last_digits)
            layout.addWidget(box)
            self.last_digits.textChanged.connect(self._update_ok)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(QCoreApplication.translate("Confirm", "Confirm and start"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update_ok()
        self.ok_button.setDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)  # Enter must not destroy

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.identity_check() is not None or not self.confirmation.needs_identity)

    def identity_check(self) -> IdentityCheck | None:
        if not self.confirmation.needs_identity:
            return None
        digits = self.last_digits.text().strip().upper()
        if len(digits) != LAST_DIGITS:
            return None
        return IdentityCheck(str(self.document.currentData()), digits)
