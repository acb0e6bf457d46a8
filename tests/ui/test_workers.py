"""The threading rules: card work on the reader's worker, network on the pool, prompts across."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from PySide6.QtCore import QThread, QTimer

from tests.ui.fakes import Words
from ui.workers import CardWorker, PromptRequest, QtPrompt, run_in_pool


def test_card_worker_runs_jobs_in_order_off_the_gui_thread(qtbot) -> None:
    worker = CardWorker("reader A")
    seen: list[tuple[int, str]] = []
    results: list[int] = []
    gui = threading.current_thread().name

    def job(i: int):
        def run() -> int:
            seen.append((i, threading.current_thread().name))
            time.sleep(0.01)
            return i
        return run

    for i in range(5):
        worker.add(job(i), results.append)
    qtbot.waitUntil(lambda: len(results) == 5, timeout=3000)
    worker.stop()
    assert results == [0, 1, 2, 3, 4]
    assert [i for i, _ in seen] == [0, 1, 2, 3, 4]
    assert all(name != gui for _, name in seen)


def test_card_worker_reports_errors_through_the_error_callback(qtbot) -> None:
    worker = CardWorker("reader A")
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("bad")

    worker.add(boom, lambda _r: pytest.fail("success callback on failure"), errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    worker.stop()
    assert isinstance(errors[0], ValueError)


def test_pool_job_delivers_on_the_gui_thread(qtbot) -> None:
    got: list[tuple[int, bool]] = []
    gui_thread = QThread.currentThread()
    run_in_pool(lambda: 41 + 1, lambda v: got.append((v, QThread.currentThread() is gui_thread)))
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    assert got == [(42, True)]


def test_prompt_from_a_worker_waits_for_the_gui_answer(qtbot) -> None:
    prompt = QtPrompt()
    asked: list[PromptRequest] = []
    prompt.asked.connect(lambda request: (asked.append(request), request.reply(True)))
    worker = CardWorker("reader A")
    answers: list[bool] = []
    worker.add(lambda: prompt.ask_for_card("target", Words("prompt.place_target")), answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=3000)
    worker.stop()
    assert answers == [True]
    assert asked[0].kind == "card" and asked[0].role == "target"


def test_prompt_release_answers_no(qtbot) -> None:
    prompt = QtPrompt()
    worker = CardWorker("reader A")
    answers: list[bool] = []
    prompt.asked.connect(lambda _r: QTimer.singleShot(10, prompt.release_all))
    worker.add(lambda: prompt.confirm(Words("queue.previous_waiting")), answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=3000)
    worker.stop()
    assert answers == [False]


def test_prompt_refuses_the_gui_thread(qtbot) -> None:
    with pytest.raises(RuntimeError, match="GUI thread"):
        QtPrompt().confirm(Words("queue.previous_waiting"))


def test_window_never_freezes_during_a_two_second_service(gui, qtbot, backend) -> None:
    """While a 2 s service runs on the worker, the event loop keeps ticking (timer every 50 ms)."""
    from tests.ui.conftest import make_window

    backend.delay_s = 2.0
    _controller, window = make_window(qtbot, backend)
    window.show_page("query")
    page = window.page("query")
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    page.run_button.click()
    assert page.running is not None  # returned at once: the call is on the worker
    assert time.monotonic() - started < 0.2
    qtbot.waitUntil(lambda: page.running is None, timeout=5000)
    timer.stop()
    elapsed = time.monotonic() - started
    assert elapsed >= 1.9
    assert len(ticks) >= 25, f"only {len(ticks)} ticks in {elapsed:.1f}s: the GUI was blocked"
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.5
    assert backend.threads and backend.threads[0] != threading.current_thread().name
