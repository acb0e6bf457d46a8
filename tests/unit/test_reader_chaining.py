from __future__ import annotations

import pytest

from app.reader.chaining import ResponseChaining, channel_cla, get_response, with_le
from app.reader.errors import ResponseChainingError
from tests.integration.pcsc_stack import T0StyleCard


class Scripted:
    """Answers from a list and records what it was sent."""

    def __init__(self, *answers: str) -> None:
        self.answers = [bytes.fromhex(a) for a in answers]
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.sent.append(apdu)
        return self.answers.pop(0)


def test_plain_response_passes_through_unchanged() -> None:
    card = Scripted("01029000")
    assert ResponseChaining(card).transmit(bytes.fromhex("80CA9F7F00")) == bytes.fromhex("01029000")
    assert len(card.sent) == 1


def test_61xx_collects_all_pieces_with_get_response() -> None:
    card = Scripted("6104", "AABBCCDD6102", "EEFF9000")
    out = ResponseChaining(card).transmit(bytes.fromhex("80F24000024F0000"))
    assert out == bytes.fromhex("AABBCCDDEEFF9000")
    assert card.sent[1:] == [bytes.fromhex("00C0000004"), bytes.fromhex("00C0000002")]


@pytest.mark.parametrize(("cla", "expected"), [
    (0x80, 0x00), (0x84, 0x00), (0x00, 0x00), (0x81, 0x01), (0x87, 0x03), (0x03, 0x03),
    (0x40, 0x40), (0x4F, 0x4F), (0x6F, 0x4F), (0xC5, 0x45),
])
def test_get_response_cla_keeps_the_logical_channel_and_drops_secure_messaging(cla: int, expected: int) -> None:
    assert channel_cla(cla) == expected
    assert get_response(cla, 0)[0] == expected


def test_get_response_never_uses_cla_84() -> None:
    card = Scripted("6108", "00112233445566779000")
    ResponseChaining(card).transmit(bytes.fromhex("8482000010") + bytes(16))
    assert card.sent[1] == bytes.fromhex("00C0000008")


def test_6cxx_resends_the_same_command_with_the_right_le() -> None:
    card = Scripted("6C10", bytes(16).hex() + "9000")
    out = ResponseChaining(card).transmit(bytes.fromhex("80CA00E000"))
    assert out == bytes(16) + b"\x90\x00"
    assert card.sent[1] == bytes.fromhex("80CA00E010")


def test_6c00_means_256() -> None:
    assert with_le(bytes.fromhex("80CA00E010"), 0) == bytes.fromhex("80CA00E000")


def test_6cxx_on_case_4_keeps_the_data() -> None:
    assert with_le(bytes.fromhex("00A4040002AABB00"), 0x20) == bytes.fromhex("00A4040002AABB20")


def test_unparseable_command_with_6cxx_returns_the_sw() -> None:
    card = Scripted("6C10")
    assert ResponseChaining(card).transmit(bytes.fromhex("80CA00")) == bytes.fromhex("6C10")


def test_card_answering_61xx_forever_is_an_error() -> None:
    class Endless:
        def transmit(self, apdu: bytes) -> bytes:
            return b"\x00\x61\x01"

    with pytest.raises(ResponseChainingError) as info:
        ResponseChaining(Endless(), max_rounds=10).transmit(bytes.fromhex("80CA9F7F00"))
    assert info.value.code == "reader.chaining"


def test_card_answering_6cxx_forever_is_an_error() -> None:
    class Stubborn:
        def transmit(self, apdu: bytes) -> bytes:
            return b"\x6c\x05"

    with pytest.raises(ResponseChainingError):
        ResponseChaining(Stubborn()).transmit(bytes.fromhex("80CA9F7F00"))


def test_t0_style_card_long_response() -> None:
    payload = bytes(range(256)) + bytes(range(44))
    card = T0StyleCard(payload)
    out = ResponseChaining(card).transmit(bytes.fromhex("80F28000024F0000"))
    assert out == payload + b"\x90\x00"
    assert all(a[:4] == bytes.fromhex("00C00000") for a in card.received[1:])
