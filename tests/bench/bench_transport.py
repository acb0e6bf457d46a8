"""APDU throughput and latency: pyscard -> pcscd -> vpcd -> VpcdServer versus in-process.

Run under the shared pcscd lock:  flock /tmp/pcsc.lock .venv/bin/python tests/bench/bench_transport.py
Starts pcscd when none is running (and stops it again).  Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.reader import InProcessReader, PcscReader
from ota.gp.apdu import CardTransport
from tests.integration.pcsc_stack import READERS, PcscStack, ScriptedCard

CASES = {
    "GET DATA (case 2, 5 bytes)": bytes.fromhex("80CA9F7F00"),
    "STORE DATA (case 3, 255 bytes)": bytes.fromhex("80E20000FF") + bytes(range(255)),
}


def make_card(kind: str) -> object:
    if kind == "virtual":
        from ota.vse.card import VirtualCard

        return VirtualCard.create(None)
    return ScriptedCard()


def measure(transport: CardTransport, apdu: bytes, n: int) -> list[float]:
    for _ in range(min(20, n)):  # warm-up
        transport.transmit(apdu)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        transport.transmit(apdu)
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    per_second = 1000 * len(times) / sum(times)
    return f"{per_second:9.0f} APDU/s  median {statistics.median(times):7.3f} ms  p95 {p95:7.3f} ms"


def run(n: int, kind: str, out: Callable[[str], None] = print) -> None:
    stack = PcscStack()
    stack.ensure_running()
    server = stack.serve(make_card(kind), slot=0)
    try:
        with PcscReader(READERS[0]) as remote:
            local = InProcessReader(make_card(kind))
            out(f"{n} APDUs per case, {kind} card, {remote.protocol} via {READERS[0]!r}")
            for name, apdu in CASES.items():
                out(f"\n{name}")
                out(f"  pcscd/vpcd  {summary(measure(remote, apdu, n))}")
                out(f"  in-process  {summary(measure(local, apdu, n))}")
    finally:
        server.stop()
        stack.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="APDUs per case (default 500)")
    parser.add_argument("--card", choices=("scripted", "virtual"), default="scripted",
                        help="scripted: transport cost only; virtual: the real virtual SE")
    args = parser.parse_args()
    run(args.n, args.card)


if __name__ == "__main__":
    main()
