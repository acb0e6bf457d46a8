"""Real-card robustness in the reader layer (issue 12): ATRs, cards that answer less than the
textbook, phones in card emulation, cards without ATR."""

from __future__ import annotations

import pytest

from app.errors import CardReadError
from app.reader.atr import parse_atr
from app.reader.chaining import ResponseChaining
from app.reader.identify import seid_from_cplc
from app.reader.inprocess import InProcessReader
from app.services.card import read_identity
from ota.gp.constants import ISD_AID
from ota.vse.card import VirtualCard
from ota.vse.carddata import cplc

SEID = bytes.fromhex("86860100000000ABCDEF")

# ISO 7816-3 ATRs: a JCOP 2.4.1 (T=1 only, no category-80 historical bytes), a T=0-only card,
# and a contactless-style ATR whose card capabilities say "extended Lc/Le" (constructed).
JCOP = bytes.fromhex("3BF81300008131FE454A434F5076323431B7")
T0_ONLY = bytes.fromhex("3B6800000073C84013009000")
EXTENDED = bytes.fromhex("3B888001" "80730000E0" "000000" "00")


def test_atr_protocols_and_extended_length() -> None:
    jcop = parse_atr(JCOP)
    assert jcop.protocols == (1,) and jcop.historical == b"JCOPv241" and jcop.extended_length is None
    assert parse_atr(T0_ONLY).protocols == (0,)
    extended = parse_atr(EXTENDED)
    assert extended.protocols == (0, 1) and extended.extended_length is True  # PC/SC part 3 TD1=80 TD2=01
    no = parse_atr(EXTENDED.replace(bytes.fromhex("0000E0"), bytes.fromhex("000080")))
    assert no.extended_length is False
    vse = parse_atr(VirtualCard.create(None, SEID).atr)
    assert vse.protocols == (0, 1) and vse.historical == b"HallTermVSE"


@pytest.mark.parametrize("atr", [b"", b"\x3b", bytes.fromhex("3BF8130000")])
def test_empty_or_truncated_atr_is_unknown_not_an_error(atr: bytes) -> None:
    info = parse_atr(atr)
    assert info.extended_length is None


def _identity(card: VirtualCard, atr: bytes | None = None):  # noqa: ANN202
    reader = InProcessReader(card)
    reader.connect()
    return read_identity(ResponseChaining(reader), reader.atr if atr is None else atr)


def test_phone_in_card_emulation_is_selected_by_aid() -> None:
    card = VirtualCard.create(None, SEID)
    card.state.select_by_aid_only = True
    sent: list[bytes] = []
    transmit = card.transmit
    card.transmit = lambda apdu: (sent.append(apdu), transmit(apdu))[1]  # type: ignore[method-assign]
    identity = _identity(card)
    assert identity.seid == SEID
    assert sent[0] == bytes.fromhex("00A4040000") and ISD_AID in sent[1]


def test_card_refusing_cin_is_named_by_its_cplc() -> None:
    card = VirtualCard.create(None, SEID)
    card.state.refused_get_data = [0x0045, 0xFF21]
    identity = _identity(card)
    assert identity.seid == bytes.fromhex("47905168") + SEID[-6:]  # fabricator, type, batch, serial
    assert identity.seid == seid_from_cplc(cplc(card.state))


def test_card_refusing_cin_and_cplc_is_named_by_its_kdd() -> None:
    card = VirtualCard.create(None, SEID)
    card.state.refused_get_data = [0x0045, 0x9F7F]
    card.state.kdd = bytes.fromhex("0102030405060708090A")
    identity = _identity(card)
    assert identity.seid == card.state.kdd and identity.cplc == b""


def test_card_that_names_itself_nowhere_is_a_typed_error() -> None:
    card = VirtualCard.create(None, SEID)
    card.state.refused_get_data = [0x0045, 0x9F7F, 0x00CF]
    with pytest.raises(CardReadError):
        _identity(card)


def test_card_without_atr_is_still_read() -> None:
    identity = _identity(VirtualCard.create(None, SEID), atr=b"")
    assert identity.seid == SEID and identity.to_protocol().atr == ""
