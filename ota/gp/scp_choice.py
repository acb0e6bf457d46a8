"""Which secure channel protocol a card speaks, from what it says (GPC 2.2.1 §H.2, §E.5.1.6;
Amendment D §7.1.2).

* GET DATA 0066 (card recognition data): each tag 64 holds the OID ``1.2.840.114283.4.<scp>.<i>``;
  a card may list several.  ``recognised_protocols`` returns them, ``preferred`` picks SCP03
  over SCP02 when the card offers both.
* INITIALIZE UPDATE response: byte 11 is the SCP identifier for SCP02 and SCP03 alike, byte 12
  the SCP03 i parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from ota.gp.errors import ApduFormatError
from ota.gp.responses import parse_card_recognition_data

SUPPORTED = (0x02, 0x03)


@dataclass(frozen=True)
class Protocol:
    scp: int
    i: int

    def __str__(self) -> str:
        return f"SCP{self.scp:02X} i={self.i:02X}"


def recognised_protocols(data: bytes) -> tuple[Protocol, ...]:
    """Every (SCP, i) the card recognition data lists; ``ResponseFormatError`` when malformed."""
    return tuple(Protocol(scp, i) for scp, i in parse_card_recognition_data(data).scps)


def preferred(protocols: tuple[Protocol, ...]) -> Protocol | None:
    """The strongest protocol this project speaks among ``protocols`` (SCP03 first), or None."""
    usable = [p for p in protocols if p.scp in SUPPORTED]
    return max(usable, key=lambda p: p.scp) if usable else None


def protocol_of_initialize_update(data: bytes) -> Protocol:
    """The protocol an INITIALIZE UPDATE response (with or without SW) is answered in."""
    if len(data) < 13:
        raise ApduFormatError(f"INITIALIZE UPDATE response of {len(data)} bytes names no SCP")
    scp = data[11]
    return Protocol(scp, data[12] if scp == 0x03 else 0)
