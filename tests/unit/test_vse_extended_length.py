"""The virtual SE with and without extended length (ISO 7816-4 §5.1, issue 12 item 4).

A card made with ``extended_max`` announces extended Lc/Le in its ATR's card capabilities
(ISO 7816-4 §8.1.1.2.7) and in its FCI's 9F65, and takes extended APDUs up to that size; a
default card answers 6700 to any extended-form APDU, as a short-only card does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reader.atr import parse_atr
from ota.gp import commands
from ota.gp.apdu import CommandApdu, ResponseApdu
from ota.gp.constants import ISD_AID
from ota.gp.responses import parse_fci
from ota.gp.sw import SW
from ota.vse import cli
from ota.vse.card import VirtualCard
from ota.vse.state import load_state
from tests.unit.vse_util import Terminal, cap, new_card

SELECT_EXTENDED = commands.select(ISD_AID).encode(extended=True)


def _load_extended(term: Terminal, block_size: int) -> list[int]:
    """LOAD a CAP through SCP02 C-MAC in blocks of ``block_size``; the status words."""
    capfile = cap("JCAlgTest")
    term.ok(commands.install_for_load(capfile.package_aid))
    assert term.scp is not None
    sws = []
    for block in commands.load_blocks(capfile.load_file(), block_size):
        wrapped = term.scp.wrap(block.encode(extended=True))
        sws.append(ResponseApdu.parse(term.card.transmit(wrapped)).sw)
        if sws[-1] != SW.OK:
            break
    return sws


def test_a_default_card_is_short_only() -> None:
    card = new_card()
    assert parse_atr(card.atr).extended_length is None  # its ATR says nothing: short APDUs
    term = Terminal(card)
    assert parse_fci(term.plain(commands.select(ISD_AID)).check()).max_block_size == 0xFF
    assert ResponseApdu.parse(card.transmit(SELECT_EXTENDED)).sw == SW.WRONG_LENGTH
    term.authenticate(0x01)
    assert _load_extended(term, 1000) == [SW.WRONG_LENGTH]


def test_an_extended_card_announces_and_takes_extended_apdus(tmp_path: Path) -> None:
    card = new_card(tmp_path, extended_max=2048)
    assert parse_atr(card.atr).extended_length is True
    assert ResponseApdu.parse(card.transmit(SELECT_EXTENDED)).sw == SW.OK
    term = Terminal(card)
    assert parse_fci(term.plain(commands.select(ISD_AID)).check()).max_block_size == 2048
    term.authenticate(0x01)
    sws = _load_extended(term, 1000)
    assert sws == [SW.OK] * len(sws) and len(sws) == -(-len(cap("JCAlgTest").load_file()) // 1000)
    assert card.state.load_file(cap("JCAlgTest").package_aid) is not None
    assert load_state(tmp_path / "card.json").extended_max == 2048  # kept in the card file
    reloaded = VirtualCard.load(tmp_path / "card.json")
    assert parse_atr(reloaded.atr).extended_length is True


def test_an_extended_card_still_refuses_more_than_its_9f65() -> None:
    card = new_card(extended_max=512)
    too_big = CommandApdu(0x80, 0xE8, 0x00, 0x00, bytes(513)).encode(extended=True)
    assert ResponseApdu.parse(card.transmit(too_big)).sw == SW.WRONG_LENGTH


@pytest.mark.parametrize("bad", [1, 255, 65536])
def test_extended_max_bounds(bad: int) -> None:
    with pytest.raises(ValueError):
        VirtualCard.create(None, extended_max=bad)


def test_vse_cli_new_extended_max(tmp_path: Path) -> None:
    path = tmp_path / "card.json"
    assert cli.main(["new", "--state", str(path), "--extended-max", "4096"]) == 0
    assert parse_atr(VirtualCard.load(path).atr).extended_length is True
    assert cli.main(["new", "--state", str(tmp_path / "bad.json"), "--extended-max", "100"]) == 2
