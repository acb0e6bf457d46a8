"""The hard cases against the real platform: a flaky network, a card pulled, cancel, one reader."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
import requests

from app.client import PlatformClient
from app.demo import READERS, DemoEnvironment
from app.errors import Cancelled
from app.reader import InProcessReader
from app.services.base import AutoPrompt, CancelToken, Progress
from app.services.download import download
from app.services.lock import lock
from app.services.migrate import migrate
from app.services.query import query
from app.services.words import Words
from app.terminal import Terminal
from ota.platform.demo import DEMO_SEIDS
from ota.protocol import OperationState
from tests.app.e2e.conftest import CLERK, MSISDN
from tests.app.e2e.proxy import CuttingProxy


def states(t: Terminal, reader: str | None = None) -> dict[str, str]:
    return {a.name: a.state for a in query(t.context(), reader).apps}


def operations(t: Terminal, seid: str = DEMO_SEIDS[0]) -> list[tuple[str, str]]:
    return [(o.kind.value, o.state.value) for o in t.client.list_operations(seid=seid)]


# -- network ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("cut_after", [700, 2500, 6000])
def test_network_drops_mid_relay_are_survived(demo: DemoEnvironment, terminal: Terminal, cut_after: int) -> None:
    assert demo.config is not None
    up = urlparse(demo.url)
    proxy = CuttingProxy((up.hostname or "127.0.0.1", up.port or 443), cut_after=cut_after, cut_connections=3)
    try:
        flaky = PlatformClient(proxy.url, requests.Session(), ca_file=demo.config.ca_file, timeout=(2, 10),
                               client_cert=demo.config.client_cert_pair())
        flaky.login(*CLERK, demo.config.terminal_id)
        proxy.armed = True
        flaky.close()  # drop the login's keep-alive connection: new ones get the budget
        direct, terminal.client = terminal.client, flaky
        outcome = download(terminal.context(), None, "JCMemory", msisdn=MSISDN)
    finally:
        proxy.close()
    terminal.client = direct
    assert proxy.cut_done >= 1 and proxy.connections > proxy.cut_done
    assert outcome.ok, outcome.error
    assert [k for k, _ in operations(terminal)].count("download") == 1  # retries never started a second one
    assert states(terminal) == {"JCMemory": "Usable"}


# -- card pulled -------------------------------------------------------------------------------------


def test_card_pulled_mid_download_then_rerun(demo: DemoEnvironment, terminal: Terminal) -> None:
    card = demo.cards[READERS[0]]
    card.tear_during_load(after_blocks=1)
    try:
        outcome = download(terminal.context(), None, "JCAlgTest", msisdn=MSISDN)
        failed_code = outcome.error_code
        assert not outcome.ok
    except Exception as exc:  # the terminal may also surface the removal itself
        failed_code = getattr(exc, "code", type(exc).__name__)
    assert failed_code in ("card.removed", "reader.card_removed")
    assert ("download", "failed") in operations(terminal) or ("download", "cancelled") in operations(terminal)
    again = download(terminal.context(), None, "JCAlgTest", msisdn=MSISDN)
    assert again.ok, again.error
    assert states(terminal)["JCAlgTest"] in ("Usable", "Personalized", "Instantiated")


def test_card_pulled_reported_as_card_removed(demo: DemoEnvironment, terminal: Terminal) -> None:
    assert download(terminal.context(), None, "JCMemory", msisdn=MSISDN).ok
    demo.cards[READERS[0]].remove_after(5)  # 3 identity reads, then 2 APDUs of the first script
    with pytest.raises(Exception) as info:
        outcome = lock(terminal.context(), None, "JCMemory", msisdn=MSISDN)
        raise AssertionError(outcome)
    assert getattr(info.value, "code", "") in ("reader.card_removed",) or "card.removed" in str(info.value)


# -- cancel ------------------------------------------------------------------------------------------


def test_cancel_before_start_creates_no_operation(terminal: Terminal) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        download(terminal.context(cancel=token), None, "JCMemory", msisdn=MSISDN)
    assert operations(terminal) == []


@pytest.mark.parametrize(("stage", "at"), [("apdu", 1), ("load", 1), ("load", 2)])
def test_cancel_mid_operation_then_service_works_again(terminal: Terminal, stage: str, at: int) -> None:
    token = CancelToken()

    def progress(p: Progress) -> None:
        if p.stage == stage and p.done == at:
            token.cancel()

    with pytest.raises(Cancelled):
        download(terminal.context(on_progress=progress, cancel=token), None, "JCMemory", msisdn=MSISDN)
    assert ("download", OperationState.CANCELLED.value) in operations(terminal)
    outcome = download(terminal.context(), None, "JCMemory", msisdn=MSISDN)  # not refused as se_busy
    assert outcome.ok, outcome.error
    assert states(terminal) == {"JCMemory": "Usable"}


# -- migration with one reader -----------------------------------------------------------------------


class SwapReader(InProcessReader):
    """One reader; the prompt puts the other phone on it."""


class SwappingPrompt(AutoPrompt):
    def __init__(self, reader: SwapReader, phones: dict[str, object], answer: bool = True) -> None:
        super().__init__(answer)
        self.reader, self.phones = reader, phones

    def ask_for_card(self, role: str, words: Words) -> bool:
        super().ask_for_card(role, words)
        self.reader.card = self.phones[role]
        return self.answer


def _one_reader(demo: DemoEnvironment, terminal: Terminal, answer: bool = True) -> SwappingPrompt:
    phones = {"source": demo.cards[READERS[0]], "target": demo.cards[READERS[1]]}
    reader = SwapReader(phones["source"], "Counter reader")
    terminal.reader_factory = lambda name: reader
    return SwappingPrompt(reader, phones, answer)


def test_migrate_with_one_reader_swaps_phones(demo: DemoEnvironment, terminal: Terminal) -> None:
    assert download(terminal.context(), None, "YubicoYubiKeyOath", msisdn=MSISDN).ok
    prompt = _one_reader(demo, terminal)
    outcome = migrate(terminal.context(prompt=prompt), None, "YubicoYubiKeyOath", msisdn=MSISDN)
    assert outcome.ok, outcome.error
    assert [role for role, _ in prompt.asked] == ["target", "source"]
    terminal.reader_factory = demo.reader_factory()
    assert "YubicoYubiKeyOath" in states(terminal, READERS[1])
    assert states(terminal, READERS[0]).get("YubicoYubiKeyOath", "Ready") == "Ready"


def test_migrate_cancelled_at_the_prompt(demo: DemoEnvironment, terminal: Terminal) -> None:
    assert download(terminal.context(), None, "YubicoYubiKeyOath", msisdn=MSISDN).ok
    prompt = _one_reader(demo, terminal, answer=False)
    with pytest.raises(Cancelled):
        migrate(terminal.context(prompt=prompt), None, "YubicoYubiKeyOath", msisdn=MSISDN)
    assert ("migrate", "cancelled") in operations(terminal)
    terminal.reader_factory = demo.reader_factory()
    assert download(terminal.context(), None, "JCMemory").ok  # the SE's link was released
