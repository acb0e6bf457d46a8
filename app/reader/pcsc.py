"""PC/SC readers through pyscard's low-level ``smartcard.scard`` API.

The low-level API gives us the share mode and the disconnect disposition directly, and it reports
PC/SC return codes instead of raising, so every failure goes through one table
(:data:`_ERRORS`).  pcsc-lite wants one context per thread: a :class:`PcscReader` owns its context
and must be used from one thread (the app's card-I/O thread).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from smartcard import scard

from app.reader.atr import SHORT_MAX_COMMAND_DATA, max_command_data
from app.reader.errors import (
    CardRemovedError,
    ExtendedLengthError,
    NoCardError,
    NoPcscServiceError,
    NoReaderError,
    ReaderError,
    ReaderRemovedError,
    ReaderTimeoutError,
    SharingViolationError,
)

log = logging.getLogger(__name__)

SHORT_APDU_MAX = 261  # 4 header + 1 Lc + 255 data + 1 Le

# PC/SC return codes (pcsc-lite pcsclite.h / MS winerror.h); unsigned 32-bit.
_ERRORS: dict[int, tuple[type[ReaderError], str]] = {
    0x8010001D: (NoPcscServiceError, "the PC/SC service (pcscd) is not running"),
    0x8010001E: (NoPcscServiceError, "the PC/SC service stopped"),
    0x80100013: (NoPcscServiceError, "lost the connection to the PC/SC service"),
    0x8010002E: (NoReaderError, "no smart card reader is available"),
    0x80100009: (NoReaderError, "unknown reader"),
    0x80100017: (ReaderRemovedError, "the reader is no longer available"),
    0x8010000C: (NoCardError, "no card in the reader"),
    0x80100066: (NoCardError, "the card does not respond (mute, or inserted the wrong way)"),
    0x80100067: (NoCardError, "the card is not powered"),
    0x80100069: (CardRemovedError, "the card was removed"),
    0x80100068: (CardRemovedError, "the card was reset by another application"),
    # pcsc-lite answers this when the card goes away in the middle of an APDU.
    0x80100016: (CardRemovedError, "communication with the card failed (card removed?)"),
    0x8010000B: (SharingViolationError, "the card is in use by another application"),
    0x8010000A: (ReaderTimeoutError, "the reader timed out"),
}
# Insufficient buffer, invalid parameter, invalid value, unsupported feature.
_EXTENDED_REFUSALS = {0x80100008, 0x80100004, 0x80100011, 0x80100022}
_NO_READERS = 0x8010002E
_PROTOCOLS = {
    "T0": scard.SCARD_PROTOCOL_T0,
    "T1": scard.SCARD_PROTOCOL_T1,
    "T0|T1": scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
    "ANY": scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
}


def _unsigned(hresult: int) -> int:
    return int(hresult) & 0xFFFFFFFF


def error_for_hresult(hresult: int, what: str = "") -> ReaderError:
    """The typed error for a PC/SC return code; ``what`` names the failed operation."""
    hresult = _unsigned(hresult)
    cls, text = _ERRORS.get(hresult, (ReaderError, ""))
    if not text:
        text = scard.SCardGetErrorMessage(hresult)
    prefix = f"{what}: " if what else ""
    return cls(f"{prefix}{text} (0x{hresult:08X})", hresult)


def _map_pcsc_error(exc: BaseException) -> ReaderError:
    """Map either pyscard exception family (``smartcard.Exceptions`` and
    ``smartcard.pcsc.PCSCExceptions``) to a :class:`ReaderError`."""
    if isinstance(exc, ReaderError):
        return exc
    hresult = getattr(exc, "hresult", -1)
    if isinstance(hresult, int) and hresult not in (-1, 0):
        mapped = error_for_hresult(hresult, type(exc).__name__)
        if type(mapped) is not ReaderError:
            return mapped
    by_name: dict[str, type[ReaderError]] = {
        "NoCardException": NoCardError,
        "NoReadersException": NoReaderError,
        "InvalidReaderException": NoReaderError,
        "EstablishContextException": NoPcscServiceError,
        "CardRequestTimeoutException": ReaderTimeoutError,
    }
    cls = by_name.get(type(exc).__name__, ReaderError)
    code = _unsigned(hresult) if isinstance(hresult, int) and hresult != -1 else None
    return cls(str(exc) or type(exc).__name__, code)


def _check(hresult: int, what: str) -> None:
    if hresult != scard.SCARD_S_SUCCESS:
        raise error_for_hresult(hresult, what)


@contextmanager
def pcsc_context() -> Iterator[Any]:
    """A PC/SC context for the duration of the block."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    _check(hresult, "connecting to the PC/SC service")
    try:
        yield context
    finally:
        scard.SCardReleaseContext(context)


def list_readers() -> list[str]:
    """Names of the attached readers; ``[]`` when none (pcscd down raises NoPcscServiceError)."""
    with pcsc_context() as context:
        return _list_readers(context)


def _list_readers(context: Any) -> list[str]:
    hresult, readers = scard.SCardListReaders(context, [])
    if _unsigned(hresult) == _NO_READERS:
        return []
    _check(hresult, "listing readers")
    return list(readers)


def reader_status() -> dict[str, bytes | None]:
    """Every reader with the ATR of the card in it, or None when it is empty."""
    with pcsc_context() as context:
        readers = _list_readers(context)
        if not readers:
            return {}
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(name, scard.SCARD_STATE_UNAWARE) for name in readers]
        )
        _check(hresult, "reading reader status")
        return {name: bytes(atr) if _card_present(state) else None for name, state, atr in states}


def _card_present(state: int) -> bool:
    return bool(state & scard.SCARD_STATE_PRESENT) and not state & scard.SCARD_STATE_MUTE


def choose_reader(names: Iterable[str], preferred: str | None = None,
                  ignore: Iterable[str] = ()) -> str:
    """Pick a reader: the first whose name contains ``preferred`` (case-insensitive), else the
    first one; readers matching any ``ignore`` substring are never chosen."""
    ignored = [word.casefold() for word in ignore if word]
    candidates = [n for n in names if not any(word in n.casefold() for word in ignored)]
    if preferred:
        wanted = preferred.casefold()
        for name in candidates:
            if wanted in name.casefold():
                return name
        raise NoReaderError(f"no reader matches {preferred!r}")
    if not candidates:
        raise NoReaderError("no usable smart card reader")
    return candidates[0]


class PcscReader:
    """One PC/SC reader and the connection to the card in it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._context: Any = None
        self._card: Any = None
        self._protocol = 0
        self._atr = b""
        self._extended_refused = False

    @property
    def extended_length(self) -> bool:
        """Extended-length APDUs may be sent: the card's ATR offers them and this reader has not
        refused one yet (issue 12).  Cards that say nothing, and T=0 links, get short APDUs only."""
        return max_command_data(self._atr, self.protocol) > SHORT_MAX_COMMAND_DATA and not self._extended_refused

    @property
    def connected(self) -> bool:
        return self._card is not None

    @property
    def atr(self) -> bytes:
        return self._atr

    @property
    def protocol(self) -> str:
        """The active protocol, "T=0" or "T=1" ("" when not connected)."""
        return {scard.SCARD_PROTOCOL_T0: "T=0", scard.SCARD_PROTOCOL_T1: "T=1"}.get(
            self._protocol, "")

    def connect(self, exclusive: bool = True, protocol: str = "T0|T1") -> None:
        """Connect to the card; exclusive mode keeps other applications off the card."""
        if self.connected:
            return
        protocols = _PROTOCOLS.get(protocol.upper().replace("=", "").replace(" ", ""))
        if protocols is None:
            raise ReaderError(f"unknown protocol {protocol!r}; use T0, T1 or T0|T1")
        mode = scard.SCARD_SHARE_EXCLUSIVE if exclusive else scard.SCARD_SHARE_SHARED
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        _check(hresult, "connecting to the PC/SC service")
        hresult, card, active = scard.SCardConnect(context, self.name, mode, protocols)
        if hresult != scard.SCARD_S_SUCCESS:
            scard.SCardReleaseContext(context)
            raise error_for_hresult(hresult, f"connecting to the card in {self.name!r}")
        self._context, self._card, self._protocol = context, card, active
        hresult, _reader, _state, _proto, atr = scard.SCardStatus(card)
        self._atr = bytes(atr) if hresult == scard.SCARD_S_SUCCESS else b""
        log.info("connected to %s (%s, %s)", self.name, self.protocol,
                 "exclusive" if exclusive else "shared")

    def transmit(self, apdu: bytes) -> bytes:
        """Send one command APDU; returns response data + SW, exactly as the card sent them."""
        if self._card is None:
            raise ReaderError(f"not connected to the card in {self.name!r}")
        pci = scard.SCARD_PCI_T0 if self._protocol == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1
        hresult, response = scard.SCardTransmit(self._card, pci, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            if len(apdu) > SHORT_APDU_MAX and _unsigned(hresult) in _EXTENDED_REFUSALS:
                self._extended_refused = True
                raise ExtendedLengthError(
                    f"{self.name!r} refused an extended-length APDU of {len(apdu)} bytes: "
                    f"{scard.SCardGetErrorMessage(hresult)}", _unsigned(hresult))
            raise error_for_hresult(hresult, "transmit")
        if not response:
            # vpcd (and some readers) report success with nothing when the card left mid-command.
            raise CardRemovedError(f"the card in {self.name!r} did not answer (removed?)")
        if len(response) < 2:
            raise ReaderError(f"the card in {self.name!r} answered without a status word")
        return bytes(response)

    def disconnect(self, leave_powered: bool = True) -> None:
        """Disconnect; ``leave_powered`` keeps the card state (SCARD_LEAVE_CARD), otherwise the
        card is powered down and everything on it is reset (SCARD_UNPOWER_CARD)."""
        card, context = self._card, self._context
        self._card = self._context = None
        self._protocol, self._atr = 0, b""
        if card is not None:
            disposition = scard.SCARD_LEAVE_CARD if leave_powered else scard.SCARD_UNPOWER_CARD
            hresult = scard.SCardDisconnect(card, disposition)
            if hresult != scard.SCARD_S_SUCCESS:
                # The card or pcscd is already gone; there is nothing left to release.
                log.debug("disconnect from %s: %s", self.name, scard.SCardGetErrorMessage(hresult))
        if context is not None:
            scard.SCardReleaseContext(context)

    def __enter__(self) -> PcscReader:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.disconnect()

    def __repr__(self) -> str:
        state = f"connected {self.protocol}" if self.connected else "disconnected"
        return f"PcscReader({self.name!r}, {state})"
