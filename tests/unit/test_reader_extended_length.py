"""What the terminal offers the platform per command (issue 12 item 4): extended length only when
the card's ATR announces it (ISO 7816-4 §8.1.1.2.7) on a T=1 link and the reader has not refused
an extended APDU; T=0 readers and cards that say nothing get short APDUs."""

from __future__ import annotations

import pytest

from app.reader.atr import max_command_data
from app.reader.inprocess import InProcessReader
from app.reader.pcsc import PcscReader
from app.services.card import connect, offered_command_data
from ota.vse.card import VirtualCard
from tests.unit.test_reader_robustness import EXTENDED, JCOP, T0_ONLY

EXTENDED_VSE_ATR = VirtualCard.create(None, extended_max=1024).atr


@pytest.mark.parametrize(
    ("atr", "protocol", "expected"),
    [
        (EXTENDED, "T=1", 65535),
        (EXTENDED_VSE_ATR, "T=1", 65535),
        (EXTENDED, "T=0", 255),  # T=0 would need ENVELOPE: always short
        (EXTENDED.replace(bytes.fromhex("0000E0"), bytes.fromhex("000080")), "T=1", 255),  # says "no"
        (JCOP, "T=1", 255),  # says nothing
        (T0_ONLY, "T=0", 255),
        (b"", "T=1", 255),  # no ATR at all
    ],
)
def test_max_command_data_from_atr_and_protocol(atr: bytes, protocol: str, expected: int) -> None:
    assert max_command_data(atr, protocol) == expected


class _Reader(InProcessReader):
    """An in-process reader standing in for PC/SC's protocol and refusal reporting."""

    def __init__(self, card: VirtualCard, protocol: str = "T=1", extended_length: bool = True) -> None:
        super().__init__(card)
        self._proto, self.extended_length = protocol, extended_length

    @property
    def protocol(self) -> str:
        return self._proto


def test_the_terminal_offers_extended_length_only_where_it_may() -> None:
    extended = VirtualCard.create(None, extended_max=1024)
    assert connect(lambda _n: InProcessReader(extended), None).identity.max_command_data == 65535
    assert connect(lambda _n: InProcessReader(VirtualCard.create(None)), None).identity.max_command_data == 255
    for reader, offered in ((_Reader(extended, "T=0"), 255), (_Reader(extended, extended_length=False), 255)):
        reader.connect()
        assert offered_command_data(reader) == offered
    assert connect(lambda _n: _Reader(extended, "T=0"), None).identity.to_protocol().max_command_data == 255


def test_pcsc_reader_extended_length_needs_t1_and_no_refusal() -> None:
    reader = PcscReader("test reader")
    reader._atr = EXTENDED  # what SCardStatus reported
    reader._protocol = 2  # SCARD_PROTOCOL_T1
    assert reader.extended_length
    reader._protocol = 1  # SCARD_PROTOCOL_T0
    assert not reader.extended_length
    reader._protocol, reader._extended_refused = 2, True
    assert not reader.extended_length
