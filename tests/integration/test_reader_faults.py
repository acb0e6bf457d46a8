"""Failures through the real stack: card pulled, pcscd stopped and restarted, hot-plug events."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from app.reader import (
    CardInserted,
    CardRemoved,
    CardRemovedError,
    NoCardError,
    NoPcscServiceError,
    PcscReader,
    ReaderAdded,
    ReaderEvent,
    ReaderMonitor,
    ReaderRemoved,
    list_readers,
)
from ota.vse.vpcd import VpcdServer
from tests.integration.pcsc_stack import READERS, T1_ATR, PcscStack, ScriptedCard, wait_until

pytestmark = pytest.mark.pcsc
Serve = Callable[..., VpcdServer]
GET_CPLC = bytes.fromhex("80CA9F7F00")


class Recorder:
    def __init__(self) -> None:
        self.events: list[ReaderEvent] = []
        self.lock = threading.Lock()

    def __call__(self, event: ReaderEvent) -> None:
        with self.lock:
            self.events.append(event)

    def saw(self, event: ReaderEvent, timeout: float = 5.0) -> bool:
        return wait_until(lambda: event in self.snapshot(), timeout)

    def snapshot(self) -> list[ReaderEvent]:
        with self.lock:
            return list(self.events)

    def clear(self) -> None:
        with self.lock:
            self.events.clear()


def _allow_stopping(pcsc_stack: PcscStack) -> None:
    if not pcsc_stack.owned and not pcsc_stack.may_stop_foreign():
        pytest.skip("pcscd belongs to someone else; set CI=1 or HALLTERM_PCSC_RESTART_FOREIGN=1")


def test_card_removed_between_two_apdus(serve_card: Serve) -> None:
    server = serve_card(ScriptedCard())
    reader = PcscReader(READERS[0])
    reader.connect()
    try:
        assert reader.transmit(GET_CPLC).endswith(b"\x90\x00")
        server.remove_card()
        with pytest.raises((CardRemovedError, NoCardError)) as info:
            reader.transmit(GET_CPLC)
        assert info.value.code in ("reader.card_removed", "reader.no_card")
    finally:
        reader.disconnect()


def test_card_reinserted_after_removal_is_usable_again(serve_card: Serve, pcsc_stack: PcscStack) -> None:
    server = serve_card(ScriptedCard())
    server.remove_card()
    pcsc_stack.wait_card(0, present=False)
    with pytest.raises(NoCardError):
        PcscReader(READERS[0]).connect()
    server.insert_card()
    pcsc_stack.wait_card(0, present=True)
    with PcscReader(READERS[0]) as reader:
        assert reader.transmit(GET_CPLC).endswith(b"\x90\x00")


def test_card_that_removes_itself_mid_session(serve_card: Serve) -> None:
    class CardRemovedSignal(Exception):
        card_removed = True

    count = 0

    def handler(apdu: bytes) -> bytes:
        nonlocal count
        count += 1
        if count == 2:
            raise CardRemovedSignal()
        return b"\x90\x00"

    serve_card(ScriptedCard(handler))
    with PcscReader(READERS[0]) as reader:
        reader.transmit(GET_CPLC)
        with pytest.raises((CardRemovedError, NoCardError)):
            reader.transmit(GET_CPLC)


def test_pcscd_down_then_back(serve_card: Serve, pcsc_stack: PcscStack) -> None:
    _allow_stopping(pcsc_stack)
    server = serve_card(ScriptedCard())
    reader = PcscReader(READERS[0])
    reader.connect()
    try:
        pcsc_stack.stop_pcscd()
        with pytest.raises(NoPcscServiceError) as info:
            reader.transmit(GET_CPLC)
        assert info.value.code == "reader.no_service"
        with pytest.raises(NoPcscServiceError):
            list_readers()
        assert wait_until(lambda: not server.connected, 3)
    finally:
        reader.disconnect()
    pcsc_stack.ensure_running()
    assert server.wait_connected(5)  # VpcdServer dialled back by itself
    pcsc_stack.wait_card(0, present=True)
    with PcscReader(READERS[0]) as again:
        assert again.transmit(GET_CPLC).endswith(b"\x90\x00")


def test_monitor_sees_card_insert_and_remove(pcsc_stack: PcscStack, serve_card: Serve) -> None:
    recorder = Recorder()
    with ReaderMonitor(recorder, period=0.2):
        assert recorder.saw(ReaderAdded(READERS[0])) and recorder.saw(ReaderAdded(READERS[1]))
        server = serve_card(ScriptedCard(), slot=1, wait=False)
        assert recorder.saw(CardInserted(READERS[1], T1_ATR))
        server.remove_card()
        assert recorder.saw(CardRemoved(READERS[1]))
        server.insert_card()
        assert wait_until(lambda: recorder.snapshot().count(CardInserted(READERS[1], T1_ATR)) == 2, 5)
    assert all(not isinstance(e, ReaderRemoved) for e in recorder.snapshot())


def test_monitor_survives_a_pcscd_restart(pcsc_stack: PcscStack, serve_card: Serve) -> None:
    _allow_stopping(pcsc_stack)
    serve_card(ScriptedCard(), slot=0)
    recorder = Recorder()
    monitor = ReaderMonitor(recorder, period=0.2)
    monitor.start()
    try:
        assert recorder.saw(CardInserted(READERS[0], T1_ATR))
        recorder.clear()
        pcsc_stack.stop_pcscd()
        assert recorder.saw(CardRemoved(READERS[0]))
        assert recorder.saw(ReaderRemoved(READERS[0]))
        pcsc_stack.ensure_running()
        assert recorder.saw(ReaderAdded(READERS[0]), timeout=10)
        assert recorder.saw(CardInserted(READERS[0], T1_ATR), timeout=10)
    finally:
        monitor.stop()


def test_monitor_callback_errors_do_not_stop_it(pcsc_stack: PcscStack, serve_card: Serve) -> None:
    seen: list[ReaderEvent] = []

    def flaky(event: ReaderEvent) -> None:
        seen.append(event)
        raise RuntimeError("callback bug")

    with ReaderMonitor(flaky, period=0.2):
        assert wait_until(lambda: ReaderAdded(READERS[1]) in seen, 5)
        serve_card(ScriptedCard(), slot=1, wait=False)
        assert wait_until(lambda: CardInserted(READERS[1], T1_ATR) in seen, 5)
