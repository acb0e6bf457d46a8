"""Every counter service over SCP03 through the real PC/SC stack (issue 12):
terminal services -> pyscard -> pcscd -> vpcd -> the demo's own SCP03 phone (DEMO-AES batch),
the platform over HTTPS.  Run under ``flock /tmp/hallterm-pcsc.lock`` (pcscd is shared).

Debian's vpcd driver has two slots, both taken by the demo's SCP02 phones, so the test puts the
demo's third phone (the one ``hallterm demo`` serves in-process on "Virtual PCD 00 02") on the
second slot in place of the second SCP02 phone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.demo import AES_READER, VPCD_BASE_PORT, DemoEnvironment
from app.reader import list_readers
from app.services.change_number import change_number
from app.services.delete import delete
from app.services.download import download
from app.services.lock import lock
from app.services.query import query
from app.services.unlock import unlock
from app.terminal import Terminal
from ota.platform.demo import DEMO_AES_BATCH, DEMO_AES_SEID, DEMO_OWNER
from ota.vse.card import VirtualCard
from ota.vse.vpcd import VpcdServer
from tests.integration.pcsc_stack import READERS, PcscStack

pytestmark = [pytest.mark.pcsc, pytest.mark.slow]
SLOT = 1
READER = READERS[SLOT]
APP = "JCMemory"


@pytest.fixture
def aes_phone(stack: PcscStack, tmp_path: Path) -> Iterator[tuple[Terminal, VirtualCard]]:
    """The demo on PC/SC, with its SCP03 phone of the DEMO-AES batch on the second reader."""
    env = DemoEnvironment(tmp_path / "demo", use_pcsc=True).start()
    card = env.cards[AES_READER]
    assert (card.state.scp, card.state.i) == (0x03, 0x70)
    # The banner tells the truth about the third phone: on a vpcd slot, or in-process beside them.
    mode = "PC/SC (vpcd)" if AES_READER in list_readers() else "in-process"
    assert f"reader     {AES_READER}  [{mode}, SCP03]" in env.banner()
    server: VpcdServer | None = None
    terminal = None
    try:
        stack.wait_card(SLOT)
        env.remove_card(READER)
        stack.wait_card(SLOT, present=False)
        server = VpcdServer(card, port=VPCD_BASE_PORT + SLOT)  # type: ignore[arg-type]
        server.start()
        stack.wait_card(SLOT)
        assert env.config is not None
        terminal = Terminal.open(env.config)
        terminal.login("clerk1", "clerk1-demo")
        yield terminal, card
    finally:
        if terminal is not None:
            terminal.close()
        if server is not None:
            server.stop()
        env.stop()
        for slot in (0, 1):
            stack.wait_card(slot, present=False, timeout=10)


def test_every_counter_service_over_scp03_through_pcscd(aes_phone: tuple[Terminal, VirtualCard]) -> None:
    terminal, card = aes_phone
    report = query(terminal.context(), READER)
    assert report.seid == DEMO_AES_SEID and report.batch in (DEMO_AES_BATCH, None)
    done = download(terminal.context(), READER, APP, msisdn=DEMO_OWNER)
    assert done.ok, (done.error_code, done.error)
    assert lock(terminal.context(), READER, APP).ok
    assert unlock(terminal.context(), READER, APP).ok
    renumbered = change_number(terminal.context(), READER, "13800138009", imsi="460001234567899")
    assert renumbered.ok, (renumbered.error_code, renumbered.error)
    assert delete(terminal.context(), READER, APP).ok
    assert card.state.msisdn == b"13800138009" and card.state.apps == []
    assert card.state.key_sets[0].seq >= 6  # every service opened its own SCP03 session


def test_the_demo_on_pcsc_serves_its_scp03_phone_beside_the_pcsc_phones(stack: PcscStack, tmp_path: Path) -> None:
    """``hallterm demo`` on pcscd: two phones on vpcd, the SCP03 phone in-process, all three listed
    and served by one terminal (Debian's vpcd has two slots)."""
    from app.terminal import reader_names

    env = DemoEnvironment(tmp_path / "demo", use_pcsc=True).start()
    terminal = None
    try:
        assert env.config is not None
        if AES_READER in list_readers():
            pytest.skip("this pcscd lists a third vpcd slot: the SCP03 phone is on PC/SC")
        assert env.config.pcsc_too and list(env.config.virtual_readers) == [AES_READER]
        assert reader_names(env.config)[-1] == AES_READER and READERS[0] in reader_names(env.config)
        stack.wait_card(0)
        terminal = Terminal.open(env.config)
        terminal.login("clerk1", "clerk1-demo")
        aes = query(terminal.context(), AES_READER)
        scp02 = query(terminal.context(), READERS[0])
        assert aes.seid == DEMO_AES_SEID and scp02.seid != DEMO_AES_SEID
        assert download(terminal.context(), AES_READER, APP, msisdn=DEMO_OWNER).ok
        assert delete(terminal.context(), AES_READER, APP).ok
    finally:
        if terminal is not None:
            terminal.close()
        env.stop()
        for slot in (0, 1):
            stack.wait_card(slot, present=False, timeout=10)
