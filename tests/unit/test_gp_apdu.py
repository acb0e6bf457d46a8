from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ota.gp.apdu import CommandApdu, ResponseApdu, transceive
from ota.gp.errors import ApduError, ApduFormatError

h = bytes.fromhex


@pytest.mark.parametrize(
    ("apdu", "raw", "case"),
    [
        (CommandApdu(0x80, 0xF2, 0x20, 0x02), "80F22002", 1),
        (CommandApdu(0x80, 0xCA, 0x00, 0x66, le=256), "80CA006600", 2),
        (CommandApdu(0x80, 0xCA, 0x00, 0x66, le=0x10), "80CA006610", 2),
        (CommandApdu(0x80, 0xF2, 0x20, 0x02, h("4F0212345C054F9F70C5")), "80F220020A4F0212345C054F9F70C5", 3),
        (CommandApdu(0x80, 0xF2, 0x80, 0x02, h("4F00"), 256), "80F28002024F0000", 4),
    ],
)
def test_short_cases_encode_and_parse(apdu: CommandApdu, raw: str, case: int) -> None:
    assert apdu.encode().hex().upper() == raw
    assert apdu.case == case
    assert CommandApdu.parse(h(raw)) == apdu
    assert not apdu.is_extended


def test_extended_cases() -> None:
    data = bytes(range(256)) * 2
    c3 = CommandApdu(0x80, 0xE8, 0x00, 0x00, data)
    assert c3.is_extended
    raw = c3.encode(extended=True)
    assert raw[:7] == h("80E80000000200") and raw[7:] == data
    assert CommandApdu.parse(raw) == c3

    c4 = CommandApdu(0x80, 0xE8, 0x00, 0x00, data, 65536)
    raw4 = c4.encode(extended=True)
    assert raw4[-2:] == h("0000")
    assert CommandApdu.parse(raw4) == c4

    c2 = CommandApdu(0x00, 0xB0, 0, 0, le=1000)
    assert c2.encode(extended=True) == h("00B00000" "0003E8")
    assert CommandApdu.parse(h("00B000000003E8")) == c2
    assert c2.case == 2 and c2.is_extended


def test_small_apdu_can_be_forced_extended() -> None:
    apdu = CommandApdu(0x00, 0xA4, 0x04, 0x00, h("A000000151"), 256)
    assert apdu.encode(extended=True) == h("00A40400000005A0000001510100")
    assert CommandApdu.parse(apdu.encode(extended=True)) == apdu


def test_data_over_255_without_extended_is_an_error() -> None:
    apdu = CommandApdu(0x80, 0xE8, 0, 0, bytes(256))
    with pytest.raises(ApduFormatError, match="extended"):
        apdu.encode()


def test_le_over_256_without_extended_is_an_error() -> None:
    with pytest.raises(ApduFormatError):
        CommandApdu(0, 0xB0, 0, 0, le=257).encode()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "shorter than the header"),
        ("80CA00", "shorter than the header"),
        ("80E2000005AABB", "Lc 5 at offset 4"),  # Lc says 5, only 2 follow
        ("80E2000002AABBCCDD", "Lc 2 at offset 4"),  # two bytes too many
        ("80E200000000", "offset 5"),  # truncated extended length
        ("80E2000000000001", "extended Lc of 0"),
        ("80E20000000005AABB", "extended Lc 5 at offset 5"),
    ],
)
def test_bad_command_apdus(raw: str, message: str) -> None:
    with pytest.raises(ApduFormatError, match=message):
        CommandApdu.parse(h(raw))


def test_constructor_rejects_bad_fields() -> None:
    with pytest.raises(ApduFormatError):
        CommandApdu(0x100, 0, 0, 0)
    with pytest.raises(ApduFormatError):
        CommandApdu(0, 0, 0, 0, le=0)
    with pytest.raises(ApduFormatError):
        CommandApdu(0, 0, 0, 0, bytes(65536))


def test_response_apdu() -> None:
    r = ResponseApdu.parse(h("6F009000"))
    assert r.data == h("6F00") and r.sw == 0x9000 and r.sw1 == 0x90 and r.sw2 == 0
    assert r.encode() == h("6F009000")
    assert r.check() == h("6F00")
    with pytest.raises(ApduFormatError, match="no status word"):
        ResponseApdu.parse(h("90"))


def test_response_check_raises_apdu_error_with_sw() -> None:
    r = ResponseApdu.parse(h("6A82"))
    with pytest.raises(ApduError) as err:
        r.check(command="SELECT")
    assert err.value.sw == 0x6A82
    assert "SELECT" in str(err.value) and "6A82" in str(err.value)
    assert r.check(0x9000, 0x6A82) == b""


class _Card:
    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.sent.append(apdu)
        return self.answer


def test_transceive_encodes_sends_and_checks() -> None:
    card = _Card(h("01029000"))
    assert transceive(card, CommandApdu(0x80, 0xCA, 0, 0x66, le=256)) == h("0102")
    assert card.sent == [h("80CA006600")]
    with pytest.raises(ApduError, match="GET_DATA"):
        transceive(_Card(h("6A88")), CommandApdu(0x80, 0xCA, 0, 0x66, le=256))
    assert transceive(_Card(h("6310")), CommandApdu(0x80, 0xF2, 0x40, 0x02), 0x9000, 0x6310) == b""


def test_transceive_uses_extended_when_needed() -> None:
    card = _Card(h("9000"))
    transceive(card, CommandApdu(0x80, 0xE2, 0, 0, bytes(300)))
    assert card.sent[0][4:7] == h("00012C")


apdus = st.builds(
    CommandApdu,
    st.integers(0, 255),
    st.integers(0, 255),
    st.integers(0, 255),
    st.integers(0, 255),
    st.binary(max_size=600),
    st.one_of(st.none(), st.integers(1, 65536)),
)


@given(apdus)
def test_round_trip(apdu: CommandApdu) -> None:
    assert CommandApdu.parse(apdu.encode(extended=True)) == apdu
    if not apdu.is_extended:
        assert CommandApdu.parse(apdu.encode()) == apdu


@given(st.binary(max_size=400))
def test_garbage_only_raises_typed_errors(raw: bytes) -> None:
    try:
        apdu = CommandApdu.parse(raw)
    except ApduFormatError:
        return
    # whatever parses must re-encode to exactly the same bytes in one of the two forms
    forms = [apdu.encode(extended=True)] + ([] if apdu.is_extended else [apdu.encode()])
    assert raw in forms


@given(st.binary(max_size=300))
def test_response_round_trip(raw: bytes) -> None:
    try:
        r = ResponseApdu.parse(raw)
    except ApduFormatError:
        assert len(raw) < 2
        return
    assert r.encode() == raw
