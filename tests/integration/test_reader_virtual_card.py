"""The real virtual secure element (ota.vse.card.VirtualCard) served through pcscd."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.reader import (
    ApduTrace,
    CardRemovedError,
    InProcessReader,
    NoCardError,
    PcscReader,
    ResponseChaining,
    TracingTransport,
    reader_status,
)
from ota.gp.constants import ISD_AID
from ota.gp.responses import parse_cplc, parse_fci
from ota.vse.card import VirtualCard
from ota.vse.vpcd import VpcdServer
from tests.integration.pcsc_stack import READERS, PcscStack

pytestmark = pytest.mark.pcsc
Serve = Callable[..., VpcdServer]
SELECT_DEFAULT = bytes.fromhex("00A4040000")
GET_CPLC = bytes.fromhex("80CA9F7F00")


def test_virtual_card_atr_is_seen_by_pcscd(serve_card: Serve) -> None:
    card = VirtualCard.create(None)
    serve_card(card)
    assert reader_status()[READERS[0]] == card.atr


def test_select_isd_by_empty_aid_and_get_cplc_over_pcscd(serve_card: Serve) -> None:
    card = VirtualCard.create(None, seid=bytes.fromhex("11223344556677889900"))
    serve_card(card)
    with PcscReader(READERS[0]) as reader:
        transport = ResponseChaining(reader)
        select = transport.transmit(SELECT_DEFAULT)
        assert select[-2:] == b"\x90\x00"
        assert parse_fci(select[:-2]).aid == ISD_AID
        cplc = transport.transmit(GET_CPLC)
        assert cplc[-2:] == b"\x90\x00"
        assert cplc[:2] == b"\x9f\x7f"
        parse_cplc(cplc[:-2])


def test_same_answers_in_process_and_over_pcscd(serve_card: Serve) -> None:
    seid = bytes.fromhex("A1A2A3A4A5A6A7A8A9AA")
    remote_card = VirtualCard.create(None, seid=seid, rng=lambda n: bytes(n))
    local_card = VirtualCard.create(None, seid=seid, rng=lambda n: bytes(n))
    serve_card(remote_card)
    commands = [SELECT_DEFAULT, GET_CPLC, bytes.fromhex("80CA006600"), bytes.fromhex("80CA00E000")]
    with PcscReader(READERS[0]) as reader:
        remote = [reader.transmit(c) for c in commands]
    local = [InProcessReader(local_card).transmit(c) for c in commands]
    assert remote == local


def test_fault_hook_removal_reaches_the_reader(serve_card: Serve, pcsc_stack: PcscStack) -> None:
    card = VirtualCard.create(None)
    server = serve_card(card)
    trace = ApduTrace()
    with PcscReader(READERS[0]) as reader:
        transport = TracingTransport(reader, trace)
        transport.transmit(SELECT_DEFAULT)
        card.remove_after(1)
        assert transport.transmit(GET_CPLC)[-2:] == b"\x90\x00"
        with pytest.raises((CardRemovedError, NoCardError)):
            transport.transmit(GET_CPLC)
    assert trace.entries[-1].shown in ("reader.card_removed", "reader.no_card")
    pcsc_stack.wait_card(0, present=False)
    server.insert_card()
    pcsc_stack.wait_card(0, present=True)
    with PcscReader(READERS[0]) as reader:
        assert reader.transmit(GET_CPLC)[-2:] == b"\x90\x00"
