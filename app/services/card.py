"""What the terminal reads from a card by itself, before (or without) the platform.

SELECT of the ISD by empty AID (GPC 2.2.1 §11.9.2.1 — the card selects its Issuer Security
Domain), GET DATA 9F7F (CPLC, Appendix H.6) and GET DATA 0045 (the Card Image Number, §H.2 —
on our virtual SE it is the SEID).  None of these needs a secure channel.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, is_dataclass, replace
from typing import Any

from app.errors import CardReadError
from app.reader.atr import SHORT_MAX_COMMAND_DATA, max_command_data
from app.reader.chaining import ResponseChaining
from app.reader.errors import CardRemovedError, NoCardError, ReaderRemovedError
from app.reader.identify import seid_from_cplc, select_isd
from app.services.base import CardReader, ReaderFactory
from ota.gp import responses
from ota.gp.apdu import CardTransport, CommandApdu, ResponseApdu
from ota.gp.commands import get_data
from ota.gp.constants import Cla, GetDataTag
from ota.gp.errors import GpError
from ota.gp.tlv import decode_tlvs
from ota.protocol import CardIdentity

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CardIdentityRead:
    """The raw identity a service starts an operation with."""

    atr: bytes
    seid: bytes
    cplc: bytes
    fci: bytes = b""
    max_command_data: int = SHORT_MAX_COMMAND_DATA
    """What the reader and the card take per command (ISO 7816-4 §5.1): 255 = short APDUs."""

    def to_protocol(self) -> CardIdentity:
        return CardIdentity(
            atr=self.atr.hex(), seid=self.seid.hex(), cplc=self.cplc.hex(), max_command_data=self.max_command_data
        )

    @property
    def seid_hex(self) -> str:
        return self.seid.hex().upper()


def _send(transport: CardTransport, command: CommandApdu) -> ResponseApdu:
    return ResponseApdu.parse(transport.transmit(command.encode(extended=command.is_extended)))


def _value(data: bytes, tag: int) -> bytes:
    """GET DATA answers ``tag len value``; some cards send the bare value — take either."""
    try:
        tlvs = decode_tlvs(data)
    except GpError:
        return data
    if len(tlvs) == 1 and tlvs[0].tag == tag:
        return tlvs[0].value
    return data


def get_data_value(transport: CardTransport, tag: int) -> bytes | None:
    """GET DATA ``tag``: the value, or None when the card says it has no such data.

    CLA 80 first (GPC 2.2.1 §11.3); when that is refused, CLA 00: a secure channel someone left
    open on the card wants every GP-class command MACed, while the ISO class passes in clear.
    """
    for cla in (Cla.GP, Cla.ISO):
        answer = _send(transport, get_data(tag, cla))
        if answer.sw == 0x9000:
            return _value(answer.data, tag)
    return None


def read_identity(transport: CardTransport, atr: bytes) -> CardIdentityRead:
    """SELECT ISD, CPLC, CIN.  Real cards that answer less are still named (issue 12,
    ``app.reader.identify``): the ISD by AID when the implicit SELECT is refused (a phone in
    card emulation), the SEID from the CPLC or the KDD when GET DATA 0045 is refused.  The ATR
    may be empty (readers that report a card without one)."""
    selected, _ = select_isd(transport)
    if selected.sw != 0x9000:
        raise CardReadError(f"the card refused SELECT of its ISD (SW {selected.sw:04X})", {"sw": f"{selected.sw:04X}"})
    cplc = get_data_value(transport, GetDataTag.CPLC) or b""
    seid = (
        get_data_value(transport, GetDataTag.CIN) or seid_from_cplc(cplc) or get_data_value(transport, GetDataTag.KDD)
    )
    if not seid:
        raise CardReadError("the card has no SEID (GET DATA 0045), no CPLC and no KDD to name it by")
    return CardIdentityRead(atr=atr, seid=seid, cplc=cplc, fci=selected.data)


class RemovalWatch:
    """Passes APDUs to the reader and remembers whether the card went away meanwhile."""

    def __init__(self, reader: CardReader) -> None:
        self.reader = reader
        self.gone = False

    def transmit(self, apdu: bytes) -> bytes:
        try:
            return self.reader.transmit(apdu)
        except (CardRemovedError, NoCardError, ReaderRemovedError):
            self.gone = True
            raise


@dataclass
class OpenCard:
    """A connected reader with response chaining on top: what the relay talks to."""

    reader: CardReader
    transport: CardTransport
    identity: CardIdentityRead
    watch: RemovalWatch | None = None

    @property
    def name(self) -> str:
        return getattr(self.reader, "name", "")


def connect(factory: ReaderFactory, name: str | None) -> OpenCard:
    """Open the reader, connect exclusively, and read the card's identity."""
    reader = factory(name)
    reader.connect()
    watch = RemovalWatch(reader)
    try:
        transport = ResponseChaining(watch)
        identity = replace(read_identity(transport, reader.atr), max_command_data=offered_command_data(reader))
        return OpenCard(reader, transport, identity, watch)
    except BaseException:
        release(reader, gone=watch.gone)
        raise


def offered_command_data(reader: CardReader) -> int:
    """The command data size the terminal tells the platform (issue 12 item 4): extended only when
    the card's ATR announces it on a T=1 link and the reader has not refused an extended APDU."""
    limit = max_command_data(reader.atr, getattr(reader, "protocol", ""))
    return limit if getattr(reader, "extended_length", True) else SHORT_MAX_COMMAND_DATA


def release(reader: CardReader, gone: bool = False) -> None:
    """Disconnect; power the card down so no secure channel outlives the service.

    Not when the card already left: pcscd's vpcd slot (and some readers) stay mute after an
    "unpower" sent to an empty slot, and there is no channel left to end anyway.
    """
    reader.disconnect(leave_powered=gone)


def release_card(card: OpenCard) -> None:
    release(card.reader, gone=bool(card.watch and card.watch.gone))


@contextmanager
def opened(factory: ReaderFactory, name: str | None) -> Iterator[OpenCard]:
    card = connect(factory, name)
    try:
        yield card
    finally:
        release_card(card)


def _plain(value: Any) -> Any:
    """Dataclasses of the GP parsers as JSON-able dicts, bytes as hex."""
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bytes | bytearray):
        return bytes(value).hex().upper()
    return value


def card_info(card: OpenCard) -> dict[str, Any]:
    """Everything ``hallterm card info`` shows: readable without keys or a platform."""
    t = card.transport
    info: dict[str, Any] = {
        "reader": card.name,
        "atr": card.identity.atr.hex().upper(),
        "seid": card.identity.seid_hex,
        "cplc_raw": card.identity.cplc.hex().upper(),
    }
    info["cplc"] = _parsed(responses.parse_cplc, card.identity.cplc)
    info["fci"] = _parsed(responses.parse_fci, card.identity.fci)
    recognition = get_data_value(t, GetDataTag.CARD_RECOGNITION_DATA)
    info["card_recognition"] = _with_hex_i(_parsed(responses.parse_card_recognition_data, recognition))
    resources = get_data_value(t, GetDataTag.EXTENDED_CARD_RESOURCES)
    info["resources"] = _parsed(responses.parse_extended_card_resources, resources)
    return info


def _with_hex_i(recognition: Any) -> Any:
    """The SCP "i" parameter is written in hex everywhere in the field (i=15, i=55)."""
    if isinstance(recognition, dict) and isinstance(recognition.get("i"), int):
        recognition["i"] = f"{recognition['i']:02X}"
        recognition["scps"] = [f"SCP{scp:02X} i={i:02X}" for scp, i in recognition.get("scps") or ()]
    return recognition


def _parsed(parser: Any, data: bytes | None) -> Any:
    if not data:
        return None
    try:
        return _plain(parser(data))
    except GpError as exc:
        log.info("could not decode %s: %s", getattr(parser, "__name__", parser), exc)
        return {"raw": data.hex().upper(), "error": str(exc)}
