"""Typed platform errors: a stable code, its parameters and an HTTP status; no prose.

Routes and the engine raise these; the API turns them into :class:`ota.protocol.ErrorBody`.
The words for a code live in the Qt Linguist files (resources/i18n, context ``Errors``): the
terminal's screen and both CLIs read them there (``ota.wording``).  ``params`` fill the words'
``{name}`` placeholders; ``detail`` is for programs and engineers.  Both name identifiers
(SEIDs, operation ids, key references), never key material.
"""

from __future__ import annotations

from typing import Any

from ota.protocol import ErrorBody


class PlatformError(Exception):
    status = 400

    def __init__(
        self,
        code: str,
        *,
        params: dict[str, str | int] | None = None,
        status: int | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{code} {params}" if params else code)
        self.code = code
        self.params = dict(params or {})
        self.detail = detail
        if status is not None:
            self.status = status

    def body(self, incident: str | None = None) -> ErrorBody:
        return ErrorBody(
            code=self.code,
            params=self.params,
            incident=incident,
            detail=self.detail,
        )


class AuthError(PlatformError):
    status = 401


class ForbiddenError(PlatformError):
    status = 403


class NotFoundError(PlatformError):
    status = 404


class ConflictError(PlatformError):
    status = 409


class KeyStoreError(PlatformError):
    """A key set is missing or cannot be unsealed (wrong master key, tampered row)."""

    status = 500


def not_found(what: str, ident: str) -> NotFoundError:
    """``what`` is a record kind (``operation``, ``region``…): the words translate it."""
    return NotFoundError("not_found", params={"what": what, "id": ident}, status=404)
