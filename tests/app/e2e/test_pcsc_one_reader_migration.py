"""Migration with ONE reader through the real PC/SC stack: pyscard -> pcscd -> vpcd -> VirtualCard.

The clerk has one reader ("Virtual PCD 00 00"); when the platform asks for the other phone, the
prompt swaps the phone on that same vpcd slot, as a clerk's hands would, and waits until pcscd
reports the new card.  Run under ``flock /tmp/pcsc.lock`` (pcscd is shared on the machine).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.demo import VPCD_BASE_PORT, DemoEnvironment
from app.services.download import download
from app.services.migrate import migrate
from app.services.query import query
from app.services.words import Words
from app.terminal import Terminal
from ota.platform.cards import ensure_se
from ota.platform.db import session_factory
from ota.platform.demo import DEMO_OWNER, DEMO_SEIDS
from ota.platform.models import MsisdnBinding, Subscription
from ota.vse.card import VirtualCard
from ota.vse.factory import new_card
from ota.vse.vpcd import VpcdServer
from tests.integration.pcsc_stack import READERS, PcscStack

pytestmark = [pytest.mark.pcsc, pytest.mark.slow]
APP = "JCMemory"
OLD, NEW = READERS  # the demo serves the old phone on slot 0 and the new one on slot 1
STRANGER_SEID = "86860100000000000003"  # demo batch, bound to another subscriber below
STRANGER_MSISDN = "13800138001"


class OneReader:
    """Slot 0 of vpcd with phones swapped by hand: the old phone stays on the demo's own server,
    any other phone gets a server of its own on the same port."""

    def __init__(self, env: DemoEnvironment, stack: PcscStack) -> None:
        self.env, self.stack = env, stack
        self.on_reader = "old"
        self.other: VpcdServer | None = None

    def show(self, phone: str, card: VirtualCard | None = None) -> None:
        """Put ``phone`` ("old", or another name with its ``card``) on slot 0 and wait for pcscd."""
        if phone == self.on_reader:
            return
        if self.other is not None:
            self.other.stop()
            self.other = None
        else:
            self.env.remove_card(OLD)
        self.stack.wait_card(0, present=False)
        if phone == "old":
            self.env.insert_card(OLD)
        else:
            self.other = VpcdServer(card, port=VPCD_BASE_PORT)  # type: ignore[arg-type]
            self.other.start()
        self.stack.wait_card(0)
        self.on_reader = phone

    def close(self) -> None:
        self.show("old")


class SwapPrompt:
    """The clerk: for ``target`` puts the next phone of ``targets`` (name, card) on the reader,
    for ``source`` the old phone."""

    def __init__(self, reader: OneReader, *targets: tuple[str, VirtualCard | None]) -> None:
        self.reader, self.targets = reader, list(targets)
        self.asked: list[str] = []

    def ask_for_card(self, role: str, words: Words) -> bool:
        assert words.code.startswith("prompt.")
        self.asked.append(role)
        if role == "target":
            self.reader.show(*self.targets.pop(0))
        else:
            self.reader.show("old")
        return True

    def confirm(self, words: Words) -> bool:
        return True


@pytest.fixture
def counter(stack: PcscStack, tmp_path: Path) -> Iterator[tuple[DemoEnvironment, Terminal, OneReader]]:
    """The demo on PC/SC with the old phone on the reader (app downloaded), the new one in hand."""
    env = DemoEnvironment(tmp_path / "demo", use_pcsc=True).start()
    reader = OneReader(env, stack)
    terminal = None
    try:
        stack.wait_card(0)
        env.remove_card(NEW)  # one reader: the new phone is in the subscriber's hand
        stack.wait_card(1, present=False)
        assert env.config is not None
        terminal = Terminal.open(env.config)
        terminal.login("clerk1", "clerk1-demo")
        done = download(terminal.context(), None, APP, msisdn=DEMO_OWNER)
        assert done.ok, done.error
        yield env, terminal, reader
    finally:
        if terminal is not None:
            terminal.close()
        if reader.other is not None:
            reader.other.stop()
        env.stop()
        for slot in (0, 1):
            stack.wait_card(slot, present=False, timeout=10)


def apps_on_reader(terminal: Terminal, reader: str | None = None) -> dict[str, str]:
    """GET STATUS through the platform, as the clerk's query shows it (Ready = not installed)."""
    return {a.name: a.state for a in query(terminal.context(), reader).apps if a.state != "Ready"}


def subscriptions(env: DemoEnvironment) -> list[tuple[str, int, bool]]:
    with session_factory(env._engine)() as db:
        rows = db.scalars(sa.select(Subscription).order_by(Subscription.msisdn, Subscription.application_id))
        return [(s.msisdn, s.application_id, s.active) for s in rows]


def test_one_reader_migration_swaps_phones_on_the_same_slot(counter: tuple[DemoEnvironment, Terminal, OneReader]) -> None:
    env, terminal, reader = counter
    assert apps_on_reader(terminal) == {APP: "Usable"}
    before = subscriptions(env)
    assert (DEMO_OWNER, before[0][1], True) in before
    prompt = SwapPrompt(reader, ("new", env.cards[NEW]))

    outcome = migrate(terminal.context(prompt=prompt), None, APP, target_reader=None)

    assert outcome.ok, (outcome.error_code, outcome.error)
    assert prompt.asked == ["target", "source"]  # new phone on, then the old one back for the delete
    assert (outcome.result.target_seid, outcome.result.state) == (DEMO_SEIDS[1], "Usable")
    assert outcome.seid == DEMO_SEIDS[0] and outcome.msisdn == DEMO_OWNER
    assert reader.on_reader == "old" and APP not in apps_on_reader(terminal)
    reader.show("new", env.cards[NEW])
    assert apps_on_reader(terminal) == {APP: "Usable"}  # read from the new phone itself
    assert env.cards[OLD].state.apps == [] and len(env.cards[NEW].state.apps) == 1  # the cards agree
    assert subscriptions(env) == before


def test_wrong_phone_at_the_swap_fails_typed_and_deletes_nothing(
    counter: tuple[DemoEnvironment, Terminal, OneReader], tmp_path: Path,
) -> None:
    env, terminal, reader = counter
    with session_factory(env._engine).begin() as db:  # another subscriber's phone
        ensure_se(db, STRANGER_SEID)
        db.add(MsisdnBinding(seid=STRANGER_SEID, msisdn=STRANGER_MSISDN))
    stranger = new_card(tmp_path / "stranger.json", bytes.fromhex(STRANGER_SEID))
    before = subscriptions(env)
    prompt = SwapPrompt(reader, ("stranger", stranger))

    outcome = migrate(terminal.context(prompt=prompt), None, APP, target_reader=None)

    assert not outcome.ok
    assert outcome.error_code == "se.bound_elsewhere"  # the platform checks the new SE's owner
    assert outcome.error is not None and outcome.error.code == "se.bound_elsewhere"
    assert prompt.asked == ["target"]  # never came back to delete anything
    assert stranger.state.apps == []  # nothing was installed on the wrong phone either
    reader.show("old")
    assert apps_on_reader(terminal) == {APP: "Usable"}  # the old phone keeps the app
    assert subscriptions(env) == before


def test_old_phone_left_on_the_reader_is_asked_for_again(counter: tuple[DemoEnvironment, Terminal, OneReader]) -> None:
    env, terminal, reader = counter
    prompt = SwapPrompt(reader, ("old", None), ("new", env.cards[NEW]))  # the clerk forgets once

    outcome = migrate(terminal.context(prompt=prompt), None, APP)

    assert outcome.ok, (outcome.error_code, outcome.error)
    assert prompt.asked == ["target", "target", "source"]
    assert APP not in apps_on_reader(terminal)
