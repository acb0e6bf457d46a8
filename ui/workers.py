"""Card and network work off the GUI thread; results come back through signals only.

- :class:`CardWorker`: one per reader, a serial job queue on its own ``QThread`` (Electrum's
  ``TaskThread``).  A reader cannot take two sessions at once, so its jobs run strictly in order
  and the thread owns every connection it opens.
- :func:`run_in_pool`: short network-only jobs (login, health, catalog, journal) on the global
  ``QThreadPool``, so a slow platform never delays card events.
- :class:`QtPrompt`: the core's ``OperatorPrompt``.  The worker emits a signal and waits on a
  ``threading.Event`` until the GUI answers ("put the new phone on the reader").
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

logger = logging.getLogger(__name__)

Callback = Callable[[Any], None] | None


class CardWorker(QThread):
    """Runs jobs for one reader, one after the other."""

    busy_changed = Signal(bool)
    _deliver_signal = Signal(object, object)

    def __init__(self, reader_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader_name = reader_name
        self._jobs: queue.Queue[tuple[Callable[[], Any], Callback, Callback] | None] = queue.Queue()
        self._deliver_signal.connect(self._deliver)
        self.start()

    def add(self, task: Callable[[], Any], on_success: Callback, on_error: Callback = None) -> None:
        self._jobs.put((task, on_success, on_error))

    def run(self) -> None:
        while (job := self._jobs.get()) is not None:
            task, on_success, on_error = job
            self.busy_changed.emit(True)
            try:
                result = task()
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
                self._deliver_signal.emit(on_error, exc)
            else:
                self._deliver_signal.emit(on_success, result)
            self.busy_changed.emit(False)

    @Slot(object, object)
    def _deliver(self, callback: Callback, value: Any) -> None:
        if callback is not None and _receiver_alive(callback):
            callback(value)
        elif isinstance(value, BaseException):
            logger.error("card job failed with nobody listening", exc_info=value)

    def stop(self, timeout_ms: int = 10000) -> None:
        self._jobs.put(None)
        self.wait(timeout_ms)


class _PoolSignals(QObject):
    done = Signal(object, object)

    @Slot(object, object)
    def deliver(self, callback: Callback, value: Any) -> None:
        _in_flight.discard(self)
        if callback is not None and _receiver_alive(callback):
            callback(value)


def _receiver_alive(callback: Callable[[Any], Any]) -> bool:
    """False for a widget's method once the widget is gone (a window closed while its job ran)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


_in_flight: set[_PoolSignals] = set()


class _PoolJob(QRunnable):
    def __init__(self, task: Callable[[], Any], signals: _PoolSignals, on_success: Callback,
                 on_error: Callback) -> None:
        super().__init__()
        self.task, self.signals = task, signals
        self.on_success, self.on_error = on_success, on_error

    def run(self) -> None:
        try:
            result = self.task()
        except BaseException as exc:  # noqa: BLE001
            self.signals.done.emit(self.on_error, exc)
        else:
            self.signals.done.emit(self.on_success, result)


POOL_THREADS = 8
"""Threads of the shared pool.  Qt's default is the number of cores (2 on a counter PC): two
health checks retrying against a platform that is down would then hold every thread, and the
day list (local journal only) would wait for them."""


def run_in_pool(task: Callable[[], Any], on_success: Callback, on_error: Callback = None,
                pool: QThreadPool | None = None) -> None:
    """Run a network-only job on the pool; the callbacks run on the GUI thread."""
    signals = _PoolSignals()  # created here, so it lives in the GUI thread
    signals.done.connect(signals.deliver)
    _in_flight.add(signals)
    if pool is None:
        pool = QThreadPool.globalInstance()
        if pool.maxThreadCount() < POOL_THREADS:
            pool.setMaxThreadCount(POOL_THREADS)
    pool.start(_PoolJob(task, signals, on_success, on_error))


@dataclass(eq=False)
class PromptRequest:
    """One question from a worker to the operator; the worker blocks until :meth:`reply`."""

    kind: str  # "card" or "confirm"
    role: str
    words: Any  # app.services.words.Words: a code and its params
    answer: bool = False
    event: threading.Event = field(default_factory=threading.Event)

    def reply(self, answer: bool) -> None:
        self.answer = answer
        self.event.set()


class QtPrompt(QObject):
    """``OperatorPrompt`` for the GUI: a signal out, a ``threading.Event`` back."""

    asked = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: set[PromptRequest] = set()
        self._lock = threading.Lock()
        self._closed = False

    def ask_for_card(self, role: str, words: Any) -> bool:
        return self._ask(PromptRequest("card", role, words))

    def confirm(self, words: Any) -> bool:
        return self._ask(PromptRequest("confirm", "", words))

    def _ask(self, request: PromptRequest) -> bool:
        if QThread.currentThread() is self.thread():
            raise RuntimeError("OperatorPrompt must not be called from the GUI thread")
        with self._lock:
            if self._closed:  # the window is gone: nobody will ever answer
                return False
            self._pending.add(request)
        self.asked.emit(request)
        request.event.wait()
        with self._lock:
            self._pending.discard(request)
        return request.answer

    def release_all(self) -> None:
        """Answer "no" to every open question (window closing, service cancelled)."""
        with self._lock:
            pending = list(self._pending)
        for request in pending:
            request.reply(False)

    def close(self) -> None:
        """Answer "no" now and to every later question, so no worker waits on a closed window."""
        with self._lock:
            self._closed = True
        self.release_all()
