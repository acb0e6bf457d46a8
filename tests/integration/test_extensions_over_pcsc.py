"""Extensions on the virtual SE through pcscd + vpcd + pyscard (issue 14 round 3 item 1): a package
links only against the library packages already on the card, and a library another package
imports cannot be deleted before it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ota.gp import commands
from ota.gp.cap import CapFile
from ota.gp.sw import SW
from tests.integration.test_vse_over_pcsc import Serve, serve_new, terminal
from tests.library_caps import applet_cap, library_cap
from tests.unit.vse_util import Terminal

pytestmark = pytest.mark.pcsc

LIBRARY = bytes.fromhex("A0000009990000000F")
PACKAGE = bytes.fromhex("A00000099900000001")


def _load(term: Terminal, capfile: CapFile) -> int:
    """INSTALL [for load] and every LOAD block; the last block's status word."""
    term.ok(commands.install_for_load(capfile.package_aid, hash=hashlib.sha1(capfile.load_file_data_block()).digest()))
    blocks = commands.load_blocks(capfile.load_file(), 239)
    for block in blocks[:-1]:
        term.ok(block)
    return term.send(blocks[-1]).sw


def test_an_extension_must_be_on_the_card_first_and_go_last(serve_card: Serve, tmp_path: Path) -> None:
    card, _ = serve_new(serve_card, tmp_path / "card.json")
    lib, user = CapFile.open(library_cap(LIBRARY)), CapFile.open(applet_cap(PACKAGE, LIBRARY))
    with terminal() as term:
        term.authenticate()
        assert _load(term, user) == SW.REFERENCED_DATA_NOT_FOUND
        assert _load(term, lib) == SW.OK and _load(term, user) == SW.OK
        assert term.send(commands.delete(LIBRARY)).sw == SW.CONDITIONS_NOT_SATISFIED
        assert term.send(commands.delete(PACKAGE)).sw == SW.OK
        assert term.send(commands.delete(LIBRARY)).sw == SW.OK
    assert card.state.load_file(LIBRARY) is None and card.state.load_file(PACKAGE) is None
