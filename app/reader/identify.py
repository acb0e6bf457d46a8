"""Finding and naming a real card's ISD when it does not answer the textbook way (issue 12).

* SELECT: a contact card selects its ISD with an empty AID; a phone in card emulation on a
  contactless reader only routes SELECT by AID, so the known ISD AIDs are tried next
  (GPC 2.2.1 ``A000000151000000``, GP 2.1.1 ``A0000001510000``, Open Platform ``A000000003000000``).
* SEID: GET DATA 0045 (CIN, GPC 2.2.1 §H.4).  A card that refuses it is named by its CPLC
  (GPC 2.2.1 §H.5): IC fabricator, IC type, IC batch identifier and IC serial number - 10 bytes
  that the chip maker makes unique - and, failing that, by its Key Diversification Data
  (GET DATA 00CF), which issuers make unique per card.  ``SeidSource`` says which one it was.

Pure functions over ``transmit(apdu) -> bytes``: usable with PC/SC, in-process and replay cards.
"""

from __future__ import annotations

from enum import StrEnum

from ota.gp.apdu import CardTransport, CommandApdu, ResponseApdu
from ota.gp.commands import select
from ota.gp.constants import ISD_AID
from ota.gp.errors import GpError
from ota.gp.responses import parse_cplc

KNOWN_ISD_AIDS = (ISD_AID, bytes.fromhex("A0000001510000"), bytes.fromhex("A000000003000000"))


class SeidSource(StrEnum):
    CIN = "cin"
    CPLC = "cplc"
    KDD = "kdd"


def _send(transport: CardTransport, command: CommandApdu) -> ResponseApdu:
    return ResponseApdu.parse(transport.transmit(command.encode()))


def select_isd(transport: CardTransport) -> tuple[ResponseApdu, bytes]:
    """SELECT the ISD: empty AID first, then each known ISD AID.  Returns the last answer and
    the AID that worked (empty for the implicit selection); a refusal of all is the last answer."""
    answer = _send(transport, select(b""))
    if answer.sw in (0x9000, 0x6283):
        return answer, b""
    for aid in KNOWN_ISD_AIDS:
        answer = _send(transport, select(aid))
        if answer.sw in (0x9000, 0x6283):
            return answer, aid
    return answer, b""


def seid_from_cplc(cplc: bytes) -> bytes | None:
    """IC fabricator || IC type || IC batch identifier || IC serial number, or None."""
    if not cplc:
        return None
    try:
        parsed = parse_cplc(cplc)
    except GpError:
        return None
    seid = parsed.ic_fabricator + parsed.ic_type + parsed.ic_batch_identifier + parsed.ic_serial_number
    return seid if any(seid) else None
