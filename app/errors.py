"""Typed errors of the terminal's core.

Every error has a stable ``code`` (dotted, English, never translated) that ``ui/`` maps to the
clerk's language, and ``details`` (a small dict for logs and the technician view; never keys,
never passwords).  Reader errors live in :mod:`app.reader.errors` and share the ``code`` idea.

Cancellation is not an error: :class:`Cancelled` derives from ``Exception`` directly so that an
``except TerminalError`` never swallows the operator's decision.
"""

from __future__ import annotations

import secrets
from typing import Any


def new_incident_id() -> str:
    """A short id a clerk can read out on the phone to find the matching log entry."""
    return "T-" + secrets.token_hex(4).upper()


class TerminalError(Exception):
    """Base of every error the terminal's core raises on purpose."""

    code = "terminal.error"

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.details: dict[str, Any] = dict(details or {})


class ConfigError(TerminalError):
    """The configuration file is unreadable or a field in it is wrong."""

    code = "config.invalid"

    def __init__(self, file: str, field: str | None, problem: str) -> None:
        where = f"{file}: {field}" if field else file
        super().__init__(f"{where}: {problem}", {"file": file, "field": field, "problem": problem})
        self.file = file
        self.field = field
        self.problem = problem


class PlatformUnreachableError(TerminalError):
    """No answer from the platform: DNS, refused connection, TLS failure or time-out."""

    code = "platform.unreachable"


class PlatformRefusedError(TerminalError):
    """The platform said no: its ``ErrorBody``'s code and parameters, no prose.

    ``code`` is the platform's own code (``se_busy``, ``se_lost``, ``policy.kiosk_unlock`` …), so
    ``ui/`` (and the console, through ``ota.wording``) words it like any other; ``params`` fill
    the words' ``{name}`` placeholders.
    """

    def __init__(
        self,
        code: str,
        params: dict[str, str | int] | None = None,
        details: dict[str, Any] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(code, details)
        self.code = code
        self.params = dict(params or {})
        self.status = status


class LoginExpiredError(TerminalError):
    """The bearer token expired or was revoked; the operator must log in again."""

    code = "auth.expired"


class LoginFailedError(TerminalError):
    """Wrong operator name or password, or the operator may not use this terminal."""

    code = "auth.invalid"

    def __init__(self, message: str, details: dict[str, Any] | None = None, code: str | None = None) -> None:
        super().__init__(message, details)
        if code:  # a more specific reason to word (terminal.certificate_required ...)
            self.code = code


class PlatformServerError(TerminalError):
    """The platform failed unexpectedly; ``incident`` lets an engineer find its traceback."""

    code = "platform.server_error"

    def __init__(self, message: str, incident: str | None = None, status: int | None = None) -> None:
        super().__init__(message, {"incident": incident, "status": status})
        self.incident = incident
        self.status = status


class ProtocolError(TerminalError):
    """The platform's answer did not have the shape the relay protocol promises."""

    code = "platform.protocol"


class WrongCardError(TerminalError):
    """The card on the reader is not the one the operation needs (e.g. the old phone again)."""

    code = "card.wrong_card"


class CardReadError(TerminalError):
    """The card did not answer the terminal's own identity reads (SELECT ISD, GET DATA)."""

    code = "card.unreadable"


class Cancelled(Exception):  # noqa: N818 - a decision, not an error
    """The operator cancelled; the service stopped at a safe point."""

    code = "cancelled"


class InputError(TerminalError):
    """A value the clerk typed is not valid (phone number, IMSI, application id)."""

    code = "input.invalid"
