"""The terminal's own processing per service (issue 15 item 2): CPU of the thread that runs it.

    .venv/bin/python tests/bench/bench_terminal.py [--rounds 5] [--profile lock]

The demo's platform runs in this process (its own threads) at RTT 0; one terminal, built as the CLI
and GUI build it (:class:`app.terminal.Terminal`), runs query, download, lock, unlock and delete on
the demo's first virtual SE.  The terminal's figure is the CPU time of the thread that runs the
service (``time.thread_time``): the HTTPS client, JSON and pydantic, the journal, the relay loop and
the virtual SE, which stands in for the phone (its share is printed apart).  The platform's share is
the rest of the process's CPU.  CPU time is stable on a busy machine, wall time is not; both print.
``--profile SERVICE`` prints the top of a cProfile of that service's terminal thread.

Not a test: pytest does not collect it.  Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.demo import DemoEnvironment
from app.services.delete import delete
from app.services.download import download
from app.services.lock import lock
from app.services.query import query
from app.services.unlock import unlock
from app.terminal import Terminal

CLERK = ("clerk1", "clerk1-demo")
APP = "JCMemory"
MSISDN = "13800138000"


class CountingCard:
    """Wraps a card's ``transmit``: APDUs and the CPU the virtual SE spends on them."""

    def __init__(self) -> None:
        self.apdus, self.cpu = 0, 0.0

    def wrap(self, transmit: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
        def timed(apdu: bytes) -> bytes:
            began = time.thread_time()
            try:
                return transmit(apdu)
            finally:
                self.cpu += time.thread_time() - began
                self.apdus += 1
        return timed


def services(terminal: Terminal) -> list[tuple[str, Callable[[], Any]]]:
    ctx = terminal.context()
    return [("query", lambda: query(ctx, None)),
            ("download", lambda: download(ctx, None, APP, msisdn=MSISDN)),
            ("lock", lambda: lock(ctx, None, APP)),
            ("unlock", lambda: unlock(ctx, None, APP)),
            ("delete", lambda: delete(ctx, None, APP))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", default="", help="a service to profile (query, download, lock, ...)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, DemoEnvironment(Path(tmp) / "demo", use_pcsc=False) as demo:
        assert demo.config is not None
        terminal = Terminal.open(demo.config)
        card = CountingCard()
        for phone in demo.cards.values():  # the live virtual SEs the in-process readers hold
            phone.transmit = card.wrap(phone.transmit)
        terminal.reader_factory = demo.reader_factory()
        calls = [0]
        send = terminal.client._send

        def counted_send(*a: Any, **kw: Any) -> Any:
            calls[0] += 1
            return send(*a, **kw)
        terminal.client._send = counted_send  # type: ignore[method-assign]
        terminal.login(*CLERK)
        figures: dict[str, list[tuple[float, float, float, float, int, int]]] = {}
        profiler = cProfile.Profile()
        for _ in range(args.rounds + 1):  # the first round warms caches up and is not counted
            for name, run in services(terminal):
                card.apdus, card.cpu, calls[0] = 0, 0.0, 0
                wall0, cpu0, proc0 = time.perf_counter(), time.thread_time(), time.process_time()
                if name == args.profile:
                    profiler.enable()
                outcome = run()
                profiler.disable()
                wall, cpu = time.perf_counter() - wall0, time.thread_time() - cpu0
                proc = time.process_time() - proc0
                ok = getattr(getattr(outcome, "outcome", outcome), "ok", True)
                if not ok:
                    raise SystemExit(f"{name} failed: {outcome}")
                figures.setdefault(name, []).append((wall, cpu - card.cpu, card.cpu, proc - cpu, calls[0], card.apdus))
        terminal.close()
    print("terminal processing per service at RTT 0 (medians of the last "
          f"{args.rounds} rounds; ms; HTTP = requests incl. challenge refills)")
    print(f"{'service':<10}{'wall':>8}{'terminal CPU':>14}{'virtual SE CPU':>16}{'platform CPU':>14}{'HTTP':>6}{'APDUs':>7}")
    for name, rows in figures.items():
        rows = rows[1:]
        med = [statistics.median(r[i] for r in rows) * 1000 for i in range(4)]
        print(f"{name:<10}{med[0]:>8.1f}{med[1]:>14.1f}{med[2]:>16.1f}{med[3]:>14.1f}"
              f"{statistics.median(r[4] for r in rows):>6.0f}{statistics.median(r[5] for r in rows):>7.0f}")
    if args.profile:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
