"""The card's command data limit (FCI 9F65, GPC 2.2.1 §11.9.3.1): the SCP02 arithmetic, the
platform's reading of the FCI, and the virtual SE that advertises and enforces it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ota.gp import commands
from ota.gp.apdu import ResponseApdu
from ota.gp.constants import ISD_AID
from ota.gp.responses import parse_fci
from ota.gp.scp02_sm import max_plain_data
from ota.gp.sw import SW
from ota.gp.tlv import encode_tlv
from ota.platform.flows.secure import max_command_data
from ota.vse.card import VirtualCard
from ota.vse.state import load_state
from tests.unit.vse_util import Terminal, cap, load_cap, new_card


@pytest.mark.parametrize(
    ("level", "limit", "expected"),
    [
        (0x01, 255, 247),
        (0x03, 255, 239),
        (0x00, 255, 255),
        (0x01, 0x80, 120),
        (0x03, 0x80, 119),  # 119 -> pad80 120 + MAC 8 = 128; 120 would pad to 128 + 8
        (0x03, 0x87, 119),  # 127 would pad to 128 + 8 = 136 > 135
        (0x03, 0x88, 127),
        (0x03, 16, 7),
        (0x03, 15, 0),
        (0x01, 8, 0),
        (0x01, 1000, 247),  # only short APDUs: a larger 9F65 changes nothing
    ],
)
def test_max_plain_data_under_a_card_limit(level: int, limit: int, expected: int) -> None:
    assert max_plain_data(level, limit) == expected


@pytest.mark.parametrize("limit", range(16, 256))
def test_c_decryption_block_fits_exactly(limit: int) -> None:
    """The largest plaintext wraps to at most ``limit`` bytes; one more byte would not."""
    n = max_plain_data(0x03, limit)

    def wrapped(size: int) -> int:
        return (size // 8 + 1) * 8 + 8

    assert wrapped(n) <= limit < wrapped(n + 1)


def _select(fci: bytes, sw: int = SW.OK) -> ResponseApdu:
    return ResponseApdu(fci, sw)


def _fci(*proprietary: bytes) -> bytes:
    return encode_tlv(0x6F, encode_tlv(0x84, ISD_AID) + encode_tlv(0xA5, b"".join(proprietary)))


def test_platform_reads_9f65_from_the_select_answer() -> None:
    assert max_command_data(_select(_fci(encode_tlv(0x9F65, b"\x80"))), 0x01) == 0x80
    # A locked card still answers its FCI (6283): the limit holds.
    assert max_command_data(_select(_fci(encode_tlv(0x9F65, b"\x80")), 0x6283), 0x03) == 0x80
    assert max_command_data(_select(_fci(encode_tlv(0x9F65, b"\x04\x00"))), 0x01) == 255


@pytest.mark.parametrize(
    "select",
    [
        None,
        _select(b""),
        _select(_fci()),  # no 9F65
        _select(b"\x6f\x05\x84"),  # truncated TLV
        _select(encode_tlv(0x70, b"\x00")),  # not an FCI
        _select(_fci(encode_tlv(0x9F65, b""))),  # empty value
        _select(_fci(encode_tlv(0x9F65, b"\x00"))),  # "not given"
        _select(_fci(encode_tlv(0x9F65, b"\x0f"))),  # too small for one byte under C-DEC
    ],
)
def test_missing_or_nonsense_9f65_means_no_extra_limit(select: ResponseApdu | None) -> None:
    assert max_command_data(select, 0x03) == 255


def test_virtual_card_advertises_its_limit(tmp_path: Path) -> None:
    assert parse_fci(Terminal(new_card()).plain(commands.select(ISD_AID)).check()).max_block_size == 0xFF
    card = new_card(tmp_path, max_block=0x80)
    assert parse_fci(Terminal(card).plain(commands.select(ISD_AID)).check()).max_block_size == 0x80
    assert load_state(tmp_path / "card.json").max_block == 0x80  # kept in the card file


@pytest.mark.parametrize("bad", [0, 256, -1])
def test_virtual_card_limit_must_fit_one_byte(bad: int) -> None:
    with pytest.raises(ValueError):
        VirtualCard.create(None, max_block=bad)


def test_command_longer_than_advertised_is_6700_and_changes_nothing() -> None:
    card = new_card(max_block=0x80)
    term = Terminal(card)
    term.authenticate(level=0x01)
    capfile = cap("JCMemory")
    term.ok(commands.install_for_load(capfile.package_aid))
    too_long = commands.load_blocks(capfile.load_file(), 0x80 - 8 + 1)[0]  # wraps to 0x81 bytes
    assert term.send(too_long).sw == SW.WRONG_LENGTH
    assert card.state.load_file(capfile.package_aid) is None
    # An unwrapped command is held to the same limit: SELECT with 0x81 bytes of AID.
    assert card.transmit(bytes.fromhex("00A4040081") + bytes(0x81) + b"\x00")[-2:] == b"\x67\x00"


@pytest.mark.parametrize("level", [0x01, 0x03])
def test_blocks_of_the_advertised_size_load(level: int) -> None:
    card = new_card(max_block=0x80)
    term = Terminal(card)
    term.authenticate(level=level)
    capfile = cap("JCMemory")
    load_cap(term, capfile, block_size=max_plain_data(level, 0x80))
    assert card.state.load_file(capfile.package_aid) is not None


def test_default_card_takes_a_full_short_apdu() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate(level=0x01)
    capfile = cap("JCMemory")
    load_cap(term, capfile, block_size=247)
    assert card.state.load_file(capfile.package_aid) is not None
