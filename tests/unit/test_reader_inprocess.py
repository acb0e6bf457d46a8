from __future__ import annotations

import logging

import pytest

from app.reader import CardRemovedError, InProcessReader, NoCardError, ReaderError
from tests.integration.pcsc_stack import T1_ATR, ScriptedCard


class CardRemoved(Exception):
    pass


class Flagged(Exception):
    card_removed = True


def test_transmit_connects_on_first_use_and_powers_on() -> None:
    card = ScriptedCard()
    reader = InProcessReader(card)
    assert reader.transmit(bytes.fromhex("00A4040000")) == b"\x90\x00"
    assert card.power == ["on"]
    assert reader.atr == T1_ATR and reader.protocol == "T=1"


def test_context_manager_and_disconnect_unpowered() -> None:
    card = ScriptedCard()
    with InProcessReader(card) as reader:
        reader.transmit(bytes.fromhex("00A4040000"))
    assert card.power == ["on"]
    reader.connect()
    reader.disconnect(leave_powered=False)
    assert card.power == ["on", "on", "off"]
    with pytest.raises(ReaderError, match="not connected"):
        reader.transmit(bytes.fromhex("00A4040000"))


@pytest.mark.parametrize("exc", [CardRemoved, Flagged])
def test_card_removed_protocol(exc: type[Exception]) -> None:
    def handler(apdu: bytes) -> bytes:
        raise exc()

    reader = InProcessReader(ScriptedCard(handler))
    with pytest.raises(CardRemovedError):
        reader.transmit(bytes.fromhex("80CA9F7F00"))
    with pytest.raises(CardRemovedError):  # stays removed until reconnected
        reader.transmit(bytes.fromhex("80CA9F7F00"))


def test_other_card_exceptions_answer_6f00(caplog: pytest.LogCaptureFixture) -> None:
    def handler(apdu: bytes) -> bytes:
        raise ZeroDivisionError()

    with caplog.at_level(logging.ERROR):
        assert InProcessReader(ScriptedCard(handler)).transmit(bytes.fromhex("80CA9F7F00")) == b"\x6f\x00"
    assert "6F00" in caplog.text


def test_response_without_status_word_is_an_error() -> None:
    reader = InProcessReader(ScriptedCard(lambda apdu: b"\x90"))
    with pytest.raises(ReaderError, match="status word"):
        reader.transmit(bytes.fromhex("80CA9F7F00"))


def test_card_absent_at_power_on_is_no_card() -> None:
    class Absent(ScriptedCard):
        def power_on(self) -> None:
            raise CardRemoved()

    with pytest.raises(NoCardError):
        InProcessReader(Absent()).connect()


def test_minimal_card_object_without_power_methods() -> None:
    class Minimal:
        atr = b"\x3b\x00"

        def transmit(self, apdu: bytes) -> bytes:
            return b"\x90\x00"

    with InProcessReader(Minimal()) as reader:
        assert reader.transmit(b"\x00\xa4\x04\x00") == b"\x90\x00"
