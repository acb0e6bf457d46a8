"""Extended-length APDUs (ISO/IEC 7816-4 §5.1) and their secure messaging (issue 12 item 4).

The encodings are written out byte by byte from §5.1 (Table 1 and the case rules): short Lc is
one byte, extended Lc is ``00`` and two bytes, extended Le is two bytes preceded by ``00`` only
when there is no Lc, and ``0000`` stands for 65536.  The MAC inputs follow GPC 2.2.1 §E.4.4
(SCP02) and Amendment D §6.2.4 (SCP03): the Lc is MACed as the APDU carries it.
"""

from __future__ import annotations

import pytest

from ota.gp.aes import cmac
from ota.gp.apdu import CommandApdu, is_extended_encoding, length_field
from ota.gp.constants import SecurityLevel
from ota.gp.errors import ApduFormatError
from ota.gp.scp02_sm import command_mac_input, response_mac_input
from ota.gp.scp03_sm import command_mac
from tests.unit.test_gp_scp02 import open_pair
from tests.unit.test_gp_scp03 import PYSIM_KEYS, _pair

H = bytes.fromhex
D300 = bytes(range(256)) + bytes(range(44))

ENCODINGS = [
    # case, APDU, extended encoding
    ("1", CommandApdu(0x00, 0xA4, 0x04, 0x00), H("00A40400")),
    ("2S", CommandApdu(0x80, 0xCA, 0x9F, 0x7F, le=256), H("80CA9F7F00")),
    ("2S", CommandApdu(0x80, 0xCA, 0x9F, 0x7F, le=10), H("80CA9F7F0A")),
    ("3S", CommandApdu(0x80, 0xE2, 0x90, 0x00, H("010203")), H("80E2900003010203")),
    ("4S", CommandApdu(0x00, 0xA4, 0x04, 0x00, H("A0000001510000"), 256), H("00A4040007A000000151000000")),
    ("2E", CommandApdu(0x00, 0xB0, 0x00, 0x00, le=65536), H("00B00000000000")),
    ("2E", CommandApdu(0x00, 0xB0, 0x00, 0x00, le=300), H("00B0000000012C")),
    ("3E", CommandApdu(0x80, 0xE8, 0x00, 0x01, D300), H("80E8000100012C") + D300),
    ("4E", CommandApdu(0x80, 0xE8, 0x00, 0x01, D300, 256), H("80E8000100012C") + D300 + H("0100")),
    ("4E", CommandApdu(0x80, 0xE8, 0x00, 0x01, bytes(256), 65536), H("80E80001000100") + bytes(256) + H("0000")),
]


@pytest.mark.parametrize(("case", "command", "raw"), ENCODINGS)
def test_encoding_is_byte_exact_and_parses_back(case: str, command: CommandApdu, raw: bytes) -> None:
    extended = case.endswith("E")
    assert command.encode(extended=command.is_extended) == raw
    assert command.case == int(case[0]) and command.is_extended == extended
    assert CommandApdu.parse(raw) == command
    assert is_extended_encoding(raw) == extended


def test_short_apdus_may_be_sent_in_extended_form() -> None:
    """§5.1: the extended form may carry small fields too; it parses to the same command."""
    command = CommandApdu(0x80, 0xE2, 0x90, 0x00, H("010203"), 16)
    raw = command.encode(extended=True)
    assert raw == H("80E2900000000301020300" "10")
    assert CommandApdu.parse(raw) == command and is_extended_encoding(raw)
    assert CommandApdu(0x00, 0xB0, 0, 0, le=256).encode(extended=True) == H("00B00000000100")


def test_an_extended_apdu_is_not_encoded_short() -> None:
    with pytest.raises(ApduFormatError):
        CommandApdu(0x80, 0xE8, 0, 0, D300).encode()


@pytest.mark.parametrize(("n", "field"), [(1, "01"), (255, "FF"), (256, "000100"), (65535, "00FFFF")])
def test_length_field(n: int, field: str) -> None:
    assert length_field(n) == H(field)


@pytest.mark.parametrize("n", [0, 65536])
def test_length_field_bounds(n: int) -> None:
    with pytest.raises(ApduFormatError):
        length_field(n)


def test_scp02_mac_inputs_carry_the_extended_lc() -> None:
    command = CommandApdu(0x80, 0xE8, 0x00, 0x01, D300)
    assert command_mac_input(command) == H("84E80001000134") + D300  # 300 + 8 = 0x134
    short = CommandApdu(0x80, 0xE8, 0x00, 0x01, bytes(10))
    assert command_mac_input(short) == H("84E8000112") + bytes(10)  # unchanged for short APDUs
    assert response_mac_input(command, b"", 0x9000) == H("80E8000100012C") + D300 + H("00") + H("9000")


def test_scp03_mac_input_carries_the_extended_lc() -> None:
    key, chain, header = bytes(range(16)), bytes(16), H("84E80001")
    assert command_mac(key, chain, header, D300, 8) == cmac(key, chain + header + H("000134") + D300)
    assert command_mac(key, chain, header, bytes(10), 8) == cmac(key, chain + header + H("12") + bytes(10))


@pytest.mark.parametrize("level", [0x01, 0x03, 0x11, 0x13])
def test_scp02_wraps_extended_apdus_the_card_unwraps(level: int) -> None:
    host, card = open_pair(level)
    for size in (1000, 300, 248, 20):  # mid-chain too: short APDUs after extended ones
        plain = CommandApdu(0x80, 0xE8, 0x00, 0x01, bytes(range(256)) * 4 if size == 1000 else bytes(size), 256)
        wrapped = host.wrap(plain.encode(extended=True))
        sent = CommandApdu.parse(wrapped)
        assert is_extended_encoding(wrapped) == (len(sent.data) > 255)
        if is_extended_encoding(wrapped):
            assert wrapped[4:7] == H("00") + len(sent.data).to_bytes(2, "big") and wrapped[-2:] == H("0000")
        received = CommandApdu.parse(card.unwrap(wrapped))
        assert received.data == plain.data and received.ins == plain.ins
        response = card.wrap_response(received.encode(extended=received.is_extended), H("0102"), 0x9000)
        assert host.unwrap(response, wrapped) == H("01029000")


def test_scp02_refuses_more_than_short_unless_asked_for_extended() -> None:
    host, _ = open_pair(0x01)
    with pytest.raises(ApduFormatError):
        host.wrap(CommandApdu(0x80, 0xE8, 0, 0, bytes(248)).encode())  # 248 + 8 > 255: short only


@pytest.mark.parametrize(("i", "level"), [(0x70, 0x01), (0x70, 0x33), (0x71, 0x33), (0x70, 0x13)])
def test_scp03_wraps_extended_apdus_the_card_unwraps(i: int, level: int) -> None:
    host, card = _pair(PYSIM_KEYS[128], i, level)
    n = 16 if i & 0x01 else 8
    for size in (1000, 300, 20):
        plain = CommandApdu(0x80, 0xE8, 0x00, 0x02, bytes(range(200)) * 5 if size == 1000 else bytes(size), 256)
        wrapped = host.wrap(plain.encode(extended=True))
        sent = CommandApdu.parse(wrapped)
        if level & SecurityLevel.C_DECRYPTION:
            assert len(sent.data) == (size // 16 + 1) * 16 + n
        assert is_extended_encoding(wrapped) == (len(sent.data) > 255)
        received = CommandApdu.parse(card.unwrap(wrapped))
        assert received.data == plain.data
        response = card.wrap_response(received.encode(extended=received.is_extended), H("0102"), 0x9000)
        assert host.unwrap(response) == H("01029000")


def test_scp03_a_tampered_extended_apdu_fails_the_c_mac() -> None:
    host, card = _pair(PYSIM_KEYS[128], 0x70, 0x01)
    wrapped = bytearray(host.wrap(CommandApdu(0x80, 0xE8, 0, 0, bytes(400)).encode(extended=True)))
    wrapped[300] ^= 0x01  # one data byte of the 400
    with pytest.raises(Exception, match="C-MAC"):
        card.unwrap(bytes(wrapped))
