"""Instances through pcscd + vpcd + pyscard (issue 14, seed §5.8.4.1–3): the core services with
``instance_aid`` against the demo platform over HTTPS.  One instance is downloaded with its own
data, the second added later with its own; locking one leaves the other usable on the card."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.download import download
from app.services.lock import lock
from app.services.query import query
from tests.app.e2e.instances import FIRST, SECOND, publish_two_instances
from tests.integration.pcsc_stack import READERS, PcscStack

pytestmark = pytest.mark.pcsc


def test_instances_one_by_one_through_pcscd(stack: PcscStack, tmp_path: Path) -> None:
    from app.demo import DemoEnvironment
    from app.terminal import Terminal

    env = DemoEnvironment(tmp_path / "demo", use_pcsc=True).start()
    try:
        stack.wait_card(0)
        assert env.config is not None
        publish_two_instances(env)
        terminal = Terminal.open(env.config)
        terminal.login("clerk1", "clerk1-demo")
        card = env.cards[READERS[0]].state

        def data(aid: str) -> bytes | None:
            app = card.app(bytes.fromhex(aid))
            return None if app is None else app.data.get(0x5F20)

        first = download(terminal.context(), None, "TwoCards", msisdn="13800138000", instance_aid=FIRST)
        assert first.ok, first.error
        assert (data(FIRST), card.app(bytes.fromhex(SECOND))) == (b"Door card", None)
        second = download(terminal.context(), None, "TwoCards", instance_aid=SECOND)
        assert second.ok, second.error
        assert (data(FIRST), data(SECOND)) == (b"Door card", b"Parking card")

        locked = lock(terminal.context(), None, "TwoCards", instance_aid=FIRST)
        assert locked.ok, locked.error
        rows = {a.instance_aid: (a.state, a.instance_label_en) for a in query(terminal.context(), None).apps
                if a.instance_aid}
        assert rows == {FIRST: ("Locked", "Door card"), SECOND: ("Usable", "Parking card")}
        assert [bool(card.app(bytes.fromhex(a)).life_cycle & 0x80) for a in (FIRST, SECOND)] == [True, False]
        terminal.close()
    finally:
        env.stop()
        for slot in (0, 1):
            stack.wait_card(slot, present=False, timeout=10)
