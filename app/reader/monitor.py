"""Reader and card hot-plug events from PC/SC, on a thread of their own.

The monitor only *emits* events; it never talks to a card.  The callback runs on the monitor
thread, so a GUI forwards it through a queued signal.  When pcscd goes away every known reader is
reported removed, and the monitor keeps trying to re-establish its context, so readers come back
as ``ReaderAdded`` after a pcscd restart.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smartcard import scard

from app.reader.errors import NoPcscServiceError, ReaderError
from app.reader.pcsc import _list_readers, error_for_hresult

log = logging.getLogger(__name__)

# Success, timeout, cancelled, unknown reader, reader unavailable.
_QUIET = {0, 0x8010000A, 0x80100002, 0x80100009, 0x80100017}


@dataclass(frozen=True)
class ReaderAdded:
    reader: str


@dataclass(frozen=True)
class ReaderRemoved:
    reader: str


@dataclass(frozen=True)
class CardInserted:
    reader: str
    atr: bytes


@dataclass(frozen=True)
class CardRemoved:
    reader: str


ReaderEvent = ReaderAdded | ReaderRemoved | CardInserted | CardRemoved


@dataclass(frozen=True)
class _Slot:
    atr: bytes | None  # None: empty
    events: int  # pcsc-lite's per-reader event counter (high 16 bits of the state)
    state: int


def diff(old: dict[str, _Slot], new: dict[str, _Slot]) -> list[ReaderEvent]:
    """The events that turn snapshot ``old`` into ``new``."""
    events: list[ReaderEvent] = []
    for name, slot in old.items():
        if name not in new:
            if slot.atr is not None:
                events.append(CardRemoved(name))
            events.append(ReaderRemoved(name))
    for name, slot in new.items():
        before = old.get(name)
        if before is None:
            events.append(ReaderAdded(name))
            if slot.atr is not None:
                events.append(CardInserted(name, slot.atr))
            continue
        swapped = before.atr is not None and slot.atr is not None and (
            before.atr != slot.atr or before.events != slot.events)
        if before.atr is not None and (slot.atr is None or swapped):
            events.append(CardRemoved(name))
        if slot.atr is not None and (before.atr is None or swapped):
            events.append(CardInserted(name, slot.atr))
    return events


class ReaderMonitor:
    """Calls ``on_event(event)`` for every reader/card change until :meth:`stop`."""

    def __init__(self, on_event: Callable[[ReaderEvent], None], period: float = 0.5) -> None:
        self.on_event = on_event
        self.period = period
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._context: Any = None
        self._lock = threading.Lock()

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="reader-monitor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        with self._lock:
            if self._context is not None:
                scard.SCardCancel(self._context)  # wakes a blocked SCardGetStatusChange
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> ReaderMonitor:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        known: dict[str, _Slot] = {}
        while not self._stop.is_set():
            try:
                if self._context is None:
                    self._establish()
                current = self._snapshot()
                self._emit(diff(known, current))
                known = current
                self._wait_for_change(current)
            except NoPcscServiceError as exc:
                if self._context is not None:
                    log.warning("reader monitor lost pcscd: %s", exc)
                self._release()
                self._emit(diff(known, {}))
                known = {}
                self._stop.wait(self.period)
            except ReaderError as exc:
                log.warning("reader monitor: %s", exc)
                self._stop.wait(self.period)
        self._release()

    def _establish(self) -> None:
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != scard.SCARD_S_SUCCESS:
            raise error_for_hresult(hresult, "reader monitor")
        with self._lock:
            self._context = context
        log.info("reader monitor connected to pcscd")

    def _release(self) -> None:
        with self._lock:
            context, self._context = self._context, None
        if context is not None:
            scard.SCardReleaseContext(context)

    def _snapshot(self) -> dict[str, _Slot]:
        readers = _list_readers(self._context)
        if not readers:
            return {}
        hresult, states = scard.SCardGetStatusChange(
            self._context, 0, [(name, scard.SCARD_STATE_UNAWARE) for name in readers])
        self._check(hresult)
        return {name: _slot(state, atr) for name, state, atr in states}

    def _wait_for_change(self, current: dict[str, _Slot]) -> None:
        if not current:
            self._stop.wait(self.period)
            return
        watched = [(name, slot.state) for name, slot in current.items()]
        hresult, _states = scard.SCardGetStatusChange(
            self._context, int(self.period * 1000), watched)
        self._check(hresult)

    def _check(self, hresult: int) -> None:
        # A reader unplugged between listing and waiting is picked up by the next snapshot.
        if int(hresult) & 0xFFFFFFFF not in _QUIET:
            raise error_for_hresult(hresult, "reader monitor")

    def _emit(self, events: list[ReaderEvent]) -> None:
        for event in events:
            try:
                self.on_event(event)
            except Exception:
                log.exception("reader monitor callback failed on %s", type(event).__name__)


def _slot(state: int, atr: list[int]) -> _Slot:
    present = bool(state & scard.SCARD_STATE_PRESENT) and not state & scard.SCARD_STATE_MUTE
    return _Slot(bytes(atr) if present else None, (state >> 16) & 0xFFFF,
                 state & ~scard.SCARD_STATE_CHANGED)
