"""Extended length through the real stack (issue 12 item 4): pyscard -> pcscd -> vpcd -> a
virtual SE that announces extended Lc/Le.  The terminal's reader layer sees the announcement on
T=1, offers 65535 to the platform, and extended SCP02 LOAD blocks reach the card intact.
Run under ``flock /tmp/hallterm-pcsc.lock``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.reader import PcscReader, ResponseChaining
from app.services.card import offered_command_data
from ota.gp import commands
from ota.gp.apdu import ResponseApdu
from ota.gp.constants import ISD_AID
from ota.gp.sw import SW
from ota.vse.card import VirtualCard
from ota.vse.vpcd import VpcdServer
from tests.integration.pcsc_stack import READERS
from tests.unit.vse_util import SEID, Terminal, cap

pytestmark = pytest.mark.pcsc
Serve = Callable[..., VpcdServer]


def test_extended_load_blocks_through_pcscd(serve_card: Serve, tmp_path: Path) -> None:
    card = VirtualCard.create(tmp_path / "card.json", seid=SEID, extended_max=2048)
    serve_card(card)
    capfile = cap("JCAlgTest")
    with PcscReader(READERS[0]) as reader:
        assert reader.protocol == "T=1" and reader.extended_length
        assert offered_command_data(reader) == 65535
        term = Terminal(ResponseChaining(reader))  # type: ignore[arg-type]
        term.plain(commands.select(ISD_AID)).check()
        scp = term.authenticate(0x01)
        term.ok(commands.install_for_load(capfile.package_aid))
        blocks = commands.load_blocks(capfile.load_file(), 1000)
        for block in blocks:
            wrapped = scp.wrap(block.encode(extended=True))
            assert wrapped[4] == 0  # extended Lc
            assert ResponseApdu.parse(term.card.transmit(wrapped)).sw == SW.OK
    assert len(blocks) == -(-len(capfile.load_file()) // 1000)
    assert card.state.load_file(capfile.package_aid) is not None
