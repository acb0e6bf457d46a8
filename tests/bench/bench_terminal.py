"""The terminal's own processing per service (issue 15 item 2): CPU of the thread that runs it.

    .venv/bin/python tests/bench/bench_terminal.py [--rounds 5] [--profile lock] [--rtt 50]

The demo's platform runs in this process (its own threads) at RTT 0; one terminal, built as the CLI
and GUI build it (:class:`app.terminal.Terminal`), runs query, download, lock, unlock and delete on
the demo's first virtual SE.  The terminal's figure is the CPU time of the thread that runs the
service (``time.thread_time``): the HTTPS client, JSON and pydantic, the journal, the relay loop and
the virtual SE, which stands in for the phone (its share is printed apart).  The platform's share is
the rest of the process's CPU.  CPU time is stable on a busy machine, wall time is not; both print.
``--profile SERVICE`` prints the top of a cProfile of that service's terminal thread.  ``--rtt MS``
puts a delaying TCP proxy between terminal and platform and adds the round-trip figures: HTTP
requests and new TLS connections per service, and (wall - card) / (requests x RTT).  As the GUI
does, host challenges are fetched ahead after login and after each service, outside the timing.

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
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.demo import DemoEnvironment
from app.services.delete import delete
from app.services.download import download
from app.services.lock import lock
from app.services.query import query
from app.services.unlock import unlock
from app.terminal import Terminal
from tests.bench.delay_proxy import DelayProxy

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


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 443


def _connections(proxy: DelayProxy) -> int:
    """TCP connections the proxy has accepted (it keeps both ends of each)."""
    return len(proxy._sockets) // 2


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
    parser.add_argument("--rtt", type=float, default=0.0, help="round-trip time to add, in ms")
    args = parser.parse_args()
    with (tempfile.TemporaryDirectory() as tmp, DemoEnvironment(Path(tmp) / "demo", use_pcsc=False) as demo,
          DelayProxy(_address(demo.url), args.rtt / 1000) as proxy):
        assert demo.config is not None
        config = demo.config
        if args.rtt:
            config = config.model_copy(update={"platform_url": proxy.url.replace("http://", "https://")})
        terminal = Terminal.open(config)
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
        terminal.client.openings.fetch_ahead()
        figures: dict[str, list[tuple[float, float, float, float, int, int, int]]] = {}
        profiler = cProfile.Profile()
        for _ in range(args.rounds + 1):  # the first round warms caches up and is not counted
            for name, run in services(terminal):
                card.apdus, card.cpu, calls[0] = 0, 0.0, 0
                connections = _connections(proxy)
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
                figures.setdefault(name, []).append((wall, cpu - card.cpu, card.cpu, proc - cpu, calls[0], card.apdus,
                                                     _connections(proxy) - connections))
                terminal.client.openings.fetch_ahead()  # as the GUI does, after the service
        terminal.close()
    print(f"terminal processing per service at RTT {args.rtt:g} ms (medians of the last {args.rounds} rounds; ms; "
          "HTTP = requests in the service, incl. any challenge refill; TLS new = connections opened in it)")
    print("'query first' = the first service after login")
    print(f"{'service':<15}{'wall':>8}{'terminal CPU':>14}{'virtual SE CPU':>16}{'platform CPU':>14}{'HTTP':>6}"
          f"{'TLS new':>8}{'APDUs':>7}" + (f"{'ovh/(RT*RTT)':>14}" if args.rtt else ""))
    for name, runs in figures.items():
        for label, rows in (((f"{name} first", runs[:1]),) if name == "query" else ()) + ((name, runs[1:]),):
            med = [statistics.median(r[i] for r in rows) * 1000 for i in range(4)]
            http = statistics.median(r[4] for r in rows)
            tls = f"{statistics.median(r[6] for r in rows):.0f}" if args.rtt else "-"  # seen by the proxy only
            ratio = f"{(med[0] - med[2]) / (http * args.rtt):>14.2f}" if args.rtt else ""
            print(f"{label:<15}{med[0]:>8.1f}{med[1]:>14.1f}{med[2]:>16.1f}{med[3]:>14.1f}{http:>6.0f}"
                  f"{tls:>8}{statistics.median(r[5] for r in rows):>7.0f}{ratio}")
    if args.profile:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
