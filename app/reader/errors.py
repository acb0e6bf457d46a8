"""Typed errors of the reader layer.

Each error has a stable ``code`` (dotted, English, never translated) that the UI maps to the
clerk's language, and ``hresult`` when it came from PC/SC.  pyscard's own exceptions never leave
``app.reader``: :func:`app.reader.pcsc.map_pcsc_error` turns them into these.
"""

from __future__ import annotations


class ReaderError(Exception):
    """Base of every reader-layer error."""

    code = "reader.error"

    def __init__(self, message: str, hresult: int | None = None) -> None:
        super().__init__(message)
        self.hresult = hresult


class NoPcscServiceError(ReaderError):
    """The PC/SC service (pcscd) is not running or stopped talking to us."""

    code = "reader.no_service"


class NoReaderError(ReaderError):
    """No reader is attached, or the named reader does not exist."""

    code = "reader.none"


class NoCardError(ReaderError):
    """The reader is empty, or the card in it does not answer."""

    code = "reader.no_card"


class CardRemovedError(ReaderError):
    """The card was removed (or reset by another application) during the session.

    Everything the session held on the card (selection, secure channel) is gone.
    """

    code = "reader.card_removed"


class ReaderRemovedError(ReaderError):
    """The reader itself was unplugged or became unavailable."""

    code = "reader.reader_removed"


class SharingViolationError(ReaderError):
    """Another application holds the card (exclusively, or we asked for exclusive access)."""

    code = "reader.sharing_violation"


class ReaderTimeoutError(ReaderError):
    """The reader or the card did not answer in time."""

    code = "reader.timeout"


class ResponseChainingError(ReaderError):
    """The card kept answering 61xx / 6Cxx beyond any sensible response length."""

    code = "reader.chaining"


class ExtendedLengthError(ReaderError):
    """The reader or the card refused an extended-length APDU (ISO 7816-4 §5.1)."""

    code = "reader.extended_length"
