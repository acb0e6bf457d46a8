"""app.reader through the real stack: pyscard -> pcscd -> vpcd -> VpcdServer -> scripted card."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.reader import (
    ApduTrace,
    NoCardError,
    NoReaderError,
    PcscReader,
    ReaderError,
    ResponseChaining,
    SharingViolationError,
    TracingTransport,
    choose_reader,
    list_readers,
    reader_status,
)
from ota.vse.vpcd import VpcdServer
from tests.integration.pcsc_stack import READERS, T1_ATR, PcscStack, ScriptedCard, T0StyleCard, wait_until

pytestmark = pytest.mark.pcsc
Serve = Callable[..., VpcdServer]


def test_both_vpcd_slots_are_listed(pcsc_stack: PcscStack) -> None:
    names = list_readers()
    assert set(READERS) <= set(names)
    assert choose_reader(names, preferred="pcd 00 01") == READERS[1]


def test_reader_status_shows_the_atr_of_a_served_card(serve_card: Serve) -> None:
    serve_card(ScriptedCard(), slot=1)
    status = reader_status()
    assert status[READERS[1]] == T1_ATR
    assert status[READERS[0]] is None


def test_transmit_round_trip(serve_card: Serve) -> None:
    card = ScriptedCard()
    serve_card(card)
    with PcscReader(READERS[0]) as reader:
        assert reader.atr == T1_ATR
        assert reader.protocol == "T=1"
        assert reader.transmit(bytes.fromhex("80CA9F7F00")) == bytes.fromhex("9F7F9F7F9000")
        assert reader.transmit(bytes.fromhex("80CA006600")) == bytes.fromhex("006600669000")
    assert bytes.fromhex("80CA9F7F00") in card.received


def test_extended_length_apdu_passes_through(serve_card: Serve) -> None:
    serve_card(ScriptedCard())
    apdu = bytes.fromhex("80E2800000") + (1024).to_bytes(2, "big") + bytes(1024)
    with PcscReader(READERS[0]) as reader:
        assert reader.transmit(apdu) == len(apdu).to_bytes(2, "big") + b"\x90\x00"


def test_t0_style_chaining_over_pcscd(serve_card: Serve) -> None:
    payload = bytes(range(256)) * 2
    card = T0StyleCard(payload)
    serve_card(card)
    with PcscReader(READERS[0]) as reader:
        raw = reader.transmit(bytes.fromhex("80F28000024F0000"))
        assert raw == b"\x61\x40"  # pyscard does no GET RESPONSE of its own
        chained = ResponseChaining(reader)
        assert chained.transmit(bytes.fromhex("80F28000024F0000")) == payload + b"\x90\x00"
        assert chained.transmit(bytes.fromhex("80CA00E000")) == bytes(range(16)) + b"\x90\x00"
    assert bytes.fromhex("80CA00E010") in card.received
    assert bytes.fromhex("00C0000040") in card.received


def test_second_exclusive_connection_is_a_sharing_violation(serve_card: Serve) -> None:
    serve_card(ScriptedCard())
    with PcscReader(READERS[0]):
        with pytest.raises(SharingViolationError) as info:
            PcscReader(READERS[0]).connect(exclusive=True)
        assert info.value.code == "reader.sharing_violation"
        with pytest.raises(SharingViolationError):
            PcscReader(READERS[0]).connect(exclusive=False)


def test_shared_connections_coexist(serve_card: Serve) -> None:
    serve_card(ScriptedCard())
    first, second = PcscReader(READERS[0]), PcscReader(READERS[0])
    first.connect(exclusive=False)
    second.connect(exclusive=False)
    try:
        assert first.transmit(bytes.fromhex("00A4040000")) == b"\x90\x00"
        assert second.transmit(bytes.fromhex("00A4040000")) == b"\x90\x00"
    finally:
        first.disconnect()
        second.disconnect()


def test_empty_slot_is_no_card(pcsc_stack: PcscStack) -> None:
    pcsc_stack.wait_card(1, present=False)
    with pytest.raises(NoCardError) as info:
        PcscReader(READERS[1]).connect()
    assert info.value.code == "reader.no_card"


def test_unknown_reader(pcsc_stack: PcscStack) -> None:
    with pytest.raises(NoReaderError) as info:
        PcscReader("No Such Reader 00 00").connect()
    assert info.value.code == "reader.none"


def test_bad_protocol_name_and_transmit_before_connect(pcsc_stack: PcscStack) -> None:
    with pytest.raises(ReaderError, match="unknown protocol"):
        PcscReader(READERS[0]).connect(protocol="T2")
    with pytest.raises(ReaderError, match="not connected"):
        PcscReader(READERS[0]).transmit(bytes.fromhex("00A4040000"))


@pytest.mark.parametrize("protocol", ["T1", "T=1", "t0|t1", "any"])
def test_protocol_names(serve_card: Serve, protocol: str) -> None:
    serve_card(ScriptedCard())
    reader = PcscReader(READERS[0])
    reader.connect(protocol=protocol)
    try:
        assert reader.protocol == "T=1"
    finally:
        reader.disconnect()


def test_disconnect_disposition(serve_card: Serve) -> None:
    card = ScriptedCard()
    serve_card(card)
    reader = PcscReader(READERS[0])
    reader.connect()
    before = len(card.power)
    reader.disconnect(leave_powered=True)
    assert not wait_until(lambda: "off" in card.power[before:], 0.3)
    reader.connect()
    before = len(card.power)
    reader.disconnect(leave_powered=False)
    assert wait_until(lambda: "off" in card.power[before:], 2.0)
    assert not reader.connected and reader.atr == b""


def test_trace_through_pcscd(serve_card: Serve) -> None:
    serve_card(ScriptedCard(lambda apdu: b"\x90\x00"))
    trace = ApduTrace()
    with PcscReader(READERS[0]) as reader:
        transport = TracingTransport(ResponseChaining(reader), trace)
        transport.transmit(bytes.fromhex("80D8018111") + bytes(17))
        transport.transmit(bytes.fromhex("00A4040000"))
    shown = [entry.shown for entry in trace.entries]
    assert shown[0] == "80D80181 11 <17 bytes redacted>"
    assert shown[2] == "00A40400 00"
    assert trace.entries[1].sw == 0x9000 and trace.entries[1].duration_ms > 0
