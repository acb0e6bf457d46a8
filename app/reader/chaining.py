"""T=0 response handling below the relay (ISO/IEC 7816-4 §5.3.4 and §5.1.3).

A T=0 card (or one that behaves like one over T=1) answers ``61xx`` when xx more bytes are waiting
for a GET RESPONSE, and ``6Cxx`` when the Le was wrong and xx is the right one.  The relay above
must only ever see the logical response, so this layer resolves both; GET RESPONSE is not part of
the SCP02 MAC chain, which is why it lives here and not in the secure channel.
"""

from __future__ import annotations

from app.reader.errors import ResponseChainingError
from ota.gp.apdu import CardTransport, CommandApdu
from ota.gp.errors import ApduFormatError

INS_GET_RESPONSE = 0xC0
MAX_ROUNDS = 300  # 65536 bytes in 256-byte pieces, plus a few Le corrections
MAX_LE_CORRECTIONS = 3


def channel_cla(cla: int) -> int:
    """The interindustry CLA (``00``-based) on the same logical channel as ``cla``
    (ISO 7816-4 §5.4.1): channels 0-3 in b2-b1, further channels 4-19 as ``4x``."""
    if cla & 0x40:  # further interindustry class: b4-b1 = channel - 4
        return 0x40 | (cla & 0x0F)
    return cla & 0x03


def get_response(cla: int, length: int) -> bytes:
    """GET RESPONSE ``00 C0 00 00 xx`` on the logical channel of ``cla``."""
    return bytes((channel_cla(cla), INS_GET_RESPONSE, 0x00, 0x00, length & 0xFF))


def with_le(apdu: bytes, le: int) -> bytes | None:
    """``apdu`` re-encoded with a new Le, or None when it cannot be parsed."""
    try:
        command = CommandApdu.parse(apdu)
        fixed = CommandApdu(command.cla, command.ins, command.p1, command.p2, command.data,
                            le or 256)
        return fixed.encode(extended=command.is_extended)
    except ApduFormatError:
        return None


class ResponseChaining:
    """A :class:`CardTransport` that resolves ``61xx`` and ``6Cxx`` for the transport below."""

    def __init__(self, transport: CardTransport, max_rounds: int = MAX_ROUNDS) -> None:
        self.transport = transport
        self.max_rounds = max_rounds

    def transmit(self, apdu: bytes) -> bytes:
        response = self._transmit_fixing_le(apdu)
        data = bytearray()
        rounds = 0
        while len(response) >= 2 and response[-2] == 0x61:
            rounds += 1
            if rounds > self.max_rounds:
                raise ResponseChainingError(
                    f"card still answers 61xx after {self.max_rounds} GET RESPONSE commands")
            data += response[:-2]
            response = self._transmit_fixing_le(get_response(apdu[0], response[-1]))
        return bytes(data) + response

    def _transmit_fixing_le(self, apdu: bytes) -> bytes:
        response = self.transport.transmit(apdu)
        for _ in range(MAX_LE_CORRECTIONS):
            if len(response) != 2 or response[0] != 0x6C:
                return response
            fixed = with_le(apdu, response[1])
            if fixed is None:
                return response
            apdu = fixed
            response = self.transport.transmit(apdu)
        if len(response) == 2 and response[0] == 0x6C:
            raise ResponseChainingError(
                f"card still answers 6Cxx after {MAX_LE_CORRECTIONS} Le corrections")
        return response
