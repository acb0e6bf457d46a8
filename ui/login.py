"""Log in: operator, password, and the terminal id from the configuration (read-only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from ui.i18n import current_language

if TYPE_CHECKING:  # the session (and the core behind it) is built after the form's first paint
    from ui.session import Session

WRONG_CREDENTIALS = frozenset({"auth.invalid", "auth.bad_credentials"})


class LoginDialog(QDialog):
    """The login form.  It may paint before its session exists (``session=None``, issue 15 item 4):
    the clerk can type while the core loads, and OK waits for :meth:`attach`."""

    def __init__(self, session: Session | None, operator: str = "", password: str = "",
                 parent: QWidget | None = None, terminal_id: str = "") -> None:
        super().__init__(parent)
        self.session = session
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.operator = QLineEdit(operator)
        self.operator.setObjectName("operator")
        self.password = QLineEdit(password)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.terminal = QLineEdit(terminal_id)
        self.terminal.setReadOnly(True)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.hide()
        # Not QDialogButtonBox(buttons): resolving that overload builds all the enums of the ``Qt``
        # namespace (~30 ms of the first paint, issue 15 item 4); nothing else before the paint needs them.
        self.buttons = QDialogButtonBox()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
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
        if session is not None:
            self.attach(session, operator, password)
        else:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def attach(self, session: Session, operator: str = "", password: str = "") -> None:
        """The session is ready: the terminal id is the validated configuration's, and OK works.
        What the clerk typed meanwhile stays; empty fields take ``operator`` / ``password``."""
        self.session = session
        self.terminal.setText(str(getattr(session.backend.config, "terminal_id", "")))
        for field, value in ((self.operator, operator), (self.password, password)):
            if value and not field.text():
                field.setText(value)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def submit(self) -> None:
        operator, password = self.operator.text().strip(), self.password.text()
        if not operator or not password:
            self.show_error(self.tr("Enter your operator ID and password."))
            return
        if self.session is None:
            return  # OK is disabled until attach(); Enter may still arrive
        self.buttons.setEnabled(False)
        self.error.hide()
        session = self.session
        session.in_pool(lambda: session.backend.login(operator, password), self._ok, self._failed)

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
        from ui import errors  # after the first paint: the words of every error code

        self.show_error(errors.describe(exc, current_language()).text)

    def show_error(self, text: str) -> None:
        from ui.widgets.panels import set_state  # not before the form's first paint

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
