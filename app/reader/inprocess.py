"""A reader for a card that lives in this process (the virtual secure element).

Anything with ``transmit(apdu) -> bytes`` and ``atr`` works; ``power_on`` / ``power_off`` are
called when the card has them.  The card signals that it left the reader by raising an exception
whose class is named ``CardRemoved`` or that has the attribute ``card_removed = True`` (so the app
never imports ``ota.vse``); that becomes :class:`CardRemovedError`, as pcscd would report it.  Any
other exception from the card is logged and answered ``6F00``, as the vpcd bridge does.
"""

from __future__ import annotations

import logging
from typing import Any

from app.reader.errors import CardRemovedError, NoCardError, ReaderError

log = logging.getLogger(__name__)

SW_NO_PRECISE_DIAGNOSIS = b"\x6f\x00"


def is_card_removed(exc: BaseException) -> bool:
    """The card-removal protocol described in the module docstring."""
    return type(exc).__name__ == "CardRemoved" or getattr(exc, "card_removed", False) is True


class InProcessReader:
    """The same surface as :class:`app.reader.pcsc.PcscReader` for an in-process card."""

    def __init__(self, card: Any, name: str = "In-process virtual card") -> None:
        self.card = card
        self.name = name
        self._connected = False
        self._removed = False
        self._ever_connected = False

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def atr(self) -> bytes:
        return bytes(self.card.atr) if self._connected else b""

    @property
    def protocol(self) -> str:
        return "T=1" if self._connected else ""

    def connect(self, exclusive: bool = True, protocol: str = "T0|T1") -> None:
        """Power the card on.  ``exclusive`` and ``protocol`` exist for symmetry with PC/SC."""
        if self._connected:
            return
        self._call("power_on")
        self._connected = self._ever_connected = True
        self._removed = False

    def transmit(self, apdu: bytes) -> bytes:
        if not self._connected:
            if self._ever_connected:
                raise ReaderError(f"not connected to the card in {self.name!r}")
            self.connect()  # first use: behave like a card that is simply there
        if self._removed:
            raise CardRemovedError("the card was removed")
        try:
            response = bytes(self.card.transmit(bytes(apdu)))
        except Exception as exc:
            if is_card_removed(exc):
                self._removed = True
                raise CardRemovedError("the card was removed") from exc
            log.exception("in-process card failed on an APDU (INS %02X); answering 6F00",
                          apdu[1] if len(apdu) > 1 else 0)
            return SW_NO_PRECISE_DIAGNOSIS
        if len(response) < 2:
            raise ReaderError(f"the card in {self.name!r} answered without a status word")
        return response

    def disconnect(self, leave_powered: bool = True) -> None:
        if self._connected and not leave_powered:
            self._call("power_off")
        self._connected = False

    def _call(self, method: str) -> None:
        action = getattr(self.card, method, None)
        if action is None:
            return
        try:
            action()
        except Exception as exc:
            if is_card_removed(exc):
                raise NoCardError("no card in the reader") from exc
            raise

    def __enter__(self) -> InProcessReader:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.disconnect()

    def __repr__(self) -> str:
        return f"InProcessReader({self.name!r}, {'connected' if self._connected else 'disconnected'})"
