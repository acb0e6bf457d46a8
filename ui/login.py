"""Log in: operator, password, and the terminal id from the configuration (read-only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from ui import errors
from ui.i18n import current_language
from ui.session import Session
from ui.widgets.panels import set_state

WRONG_CREDENTIALS = frozenset({"auth.invalid", "auth.bad_credentials"})


class LoginDialog(QDialog):
    def __init__(self, session: Session, operator: str = "", password: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.operator = QLineEdit(operator)
        self.operator.setObjectName("operator")
        self.password = QLineEdit(password)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.terminal = QLineEdit(str(getattr(session.backend.config, "terminal_id", "")))
        self.terminal.setReadOnly(True)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.captions = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        for caption, field in zip(self.captions, (self.operator, self.password, self.terminal), strict=True):
            form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.login_result: Any = None
        self.retranslate()

    def submit(self) -> None:
        operator, password = self.operator.text().strip(), self.password.text()
        if not operator or not password:
            self.show_error(self.tr("Enter your operator ID and password."))
            return
        self.buttons.setEnabled(False)
        self.error.hide()
        self.session.in_pool(lambda: self.session.backend.login(operator, password), self._ok, self._failed)

    def _ok(self, result: Any) -> None:
        self.login_result = result
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        """The form stays as typed; only a refused password is cleared (it was wrong)."""
        self.buttons.setEnabled(True)
        if getattr(exc, "code", None) in WRONG_CREDENTIALS:
            self.password.clear()
        self.password.setFocus()
        self.show_error(errors.describe(exc, current_language()).text)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        set_state(self.error, "error")
        self.error.show()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("HallTerm — log in"))
        self.heading.setText(self.tr("Log in to the counter terminal"))
        for caption, text in zip(self.captions, (self.tr("Operator ID"), self.tr("Password"),
                                                 self.tr("Terminal")), strict=True):
            caption.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
