"""Closing, logging out and an expired login while card work is running."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

from tests.ui.fakes import Cancelled, FakeError, Words
from ui.backend import AppBackend, ServiceRequest
from ui.session import Session
from ui.workers import CardWorker, QtPrompt


def test_a_prompt_asked_after_the_window_closed_answers_no_at_once(qtbot) -> None:
    """The worker reaches its prompt only after close: it must not wait for an answer forever."""
    prompt = QtPrompt()
    worker = CardWorker("reader A")
    answers: list[bool] = []
    started = threading.Event()

    def job() -> bool:
        started.set()
        time.sleep(0.3)
        return prompt.ask_for_card("target", Words("prompt.place_target"))

    worker.add(job, answers.append)
    assert started.wait(2)
    prompt.close()
    t0 = time.monotonic()
    worker.stop(timeout_ms=3000)
    assert worker.isFinished(), "the worker is still blocked in the prompt"
    assert time.monotonic() - t0 < 2


def test_shutdown_cancels_a_running_service_and_stops_its_worker(qtbot, backend) -> None:
    backend.operator = backend.login("clerk01", "secret")
    backend.delay_s, backend.load_blocks = 20.0, 200  # a long download, cancellable per block
    session = Session(backend)
    failures: list[BaseException] = []
    session.run(ServiceRequest("download", backend.readers[0], app_id="wallet"),
                lambda _p: None, lambda _o: None, failures.append)
    worker = session.worker(backend.readers[0])
    qtbot.waitUntil(lambda: bool(backend.calls), timeout=3000)
    t0 = time.monotonic()
    session.shutdown()
    assert worker.isFinished(), "shutdown left the service running"
    assert time.monotonic() - t0 < 3


def test_expired_login_during_a_service_opens_the_login_dialog(gui, qtbot, backend, monkeypatch) -> None:
    from tests.ui.conftest import make_window

    controller, window = make_window(qtbot, backend)
    logins: list[int] = []
    monkeypatch.setattr(controller, "login", lambda *a: logins.append(1) or True)
    backend.fail_with = FakeError("auth.expired")
    window.show_page("query")
    window.page("query").start()
    qtbot.waitUntil(lambda: bool(logins), timeout=3000)
    assert logins == [1]
    controller.session.shutdown()


def test_logout_cancels_the_running_service(gui, qtbot, backend, monkeypatch) -> None:
    from tests.ui.conftest import make_window

    controller, _window = make_window(qtbot, backend)
    backend.delay_s, backend.load_blocks = 20.0, 200
    failures: list[BaseException] = []
    controller.session.run(ServiceRequest("download", backend.readers[0], app_id="wallet"),
                           lambda _p: None, lambda _o: None, failures.append)
    qtbot.waitUntil(lambda: bool(backend.calls), timeout=3000)
    monkeypatch.setattr(controller, "login", lambda *a: True)
    controller.logout()
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert isinstance(failures[0], Cancelled)
    controller.session.shutdown()


class _SharedReader:
    """A reader object a worker is using right now (the demo's in-process readers are shared)."""

    name = "Virtual PCD 00 00"
    atr = bytes.fromhex("3B00")
    protocol = "T=1"
    connected = True

    def connect(self, exclusive: bool = True) -> None:
        raise AssertionError("diagnostics connected a reader a worker owns")

    def disconnect(self, leave_powered: bool = True) -> None:
        raise AssertionError("diagnostics disconnected a reader a worker owns")


def test_reader_diagnostics_leave_a_reader_in_use_alone() -> None:
    backend = AppBackend.__new__(AppBackend)
    reader = _SharedReader()
    backend.config = SimpleNamespace(virtual_readers={reader.name: "card.json"}, pcsc_too=False)
    backend.terminal = SimpleNamespace(reader_factory=lambda _name: reader)
    [info] = backend.reader_infos()
    assert info.name == reader.name and info.card_present and info.error == "reader.in_use"


def test_logging_out_drops_the_bearer_token() -> None:
    backend = AppBackend.__new__(AppBackend)
    client = SimpleNamespace(logged_out=False)
    client.logout = lambda: setattr(client, "logged_out", True)
    backend.terminal = SimpleNamespace(client=client, operator=object())
    backend.operator = None
    assert client.logged_out and backend.operator is None
