"""SCP02 wrap / unwrap per second: the platform's host side and the virtual SE's card side in lock-step.

    .venv/bin/python tests/bench/bench_scp.py [-n 5000]

A session is opened at C-MAC + C-DECRYPTION + R-MAC (security level 0x13, i=15) with the demo's
test key, then each round wraps one STORE DATA of ``size`` bytes on the host, unwraps (verifies and
decrypts) it on the card, wraps the card's answer with an R-MAC and unwraps it on the host.
Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ota.gp.apdu import CommandApdu
from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.scp02 import HostChannel, Scp02Options, StaticKeys
from ota.gp.scp02_card import CardChannel

LEVEL = 0x13  # C-MAC, C-DECRYPTION, R-MAC
KEYS = StaticKeys.single(DEFAULT_TEST_KEY, 0x20)


def _session() -> tuple[HostChannel, CardChannel]:
    card = CardChannel(Scp02Options(i=0x15))
    host_challenge = bytes.fromhex("0102030405060708")
    answer = card.begin(KEYS, 7, host_challenge, bytes.fromhex("A1A2A3A4A5A6"))
    host, ext_auth = HostChannel.open(KEYS, host_challenge, answer, LEVEL, Scp02Options(i=0x15))
    card.external_authenticate(ext_auth)
    return host, card


def measure(n: int, size: int) -> dict[str, float]:
    """Operations per second of each of the four halves of a secured exchange."""
    host, card = _session()
    plain = CommandApdu(0x80, 0xE2, 0x00, 0x00, bytes(range(256))[:size]).encode()
    totals = {"host wrap": 0.0, "card unwrap": 0.0, "card wrap": 0.0, "host unwrap": 0.0}
    clock: Callable[[], float] = time.perf_counter
    for _ in range(n):
        t0 = clock()
        wrapped = host.wrap(plain)
        t1 = clock()
        card.unwrap(wrapped)
        t2 = clock()
        response = card.wrap_response(plain, b"\x00" * 16, 0x9000)
        t3 = clock()
        host.unwrap(response, wrapped)
        t4 = clock()
        totals["host wrap"] += t1 - t0
        totals["card unwrap"] += t2 - t1
        totals["card wrap"] += t3 - t2
        totals["host unwrap"] += t4 - t3
    return {name: n / seconds for name, seconds in totals.items()}


def table(n: int, out: Callable[[str], None] = print) -> None:
    out(f"SCP02 at level 0x13 (C-MAC + C-DEC + R-MAC), {n} rounds, operations per second")
    out(f"{'data bytes':>10}  {'host wrap':>10}  {'card unwrap':>11}  {'card wrap':>10}  {'host unwrap':>11}")
    for size in (16, 200):
        r = measure(n, size)
        out(f"{size:>10}  {r['host wrap']:>10.0f}  {r['card unwrap']:>11.0f}  {r['card wrap']:>10.0f}  {r['host unwrap']:>11.0f}")
    out("SCP03 (ota.gp.scp03): not in this table yet.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5000)
    table(parser.parse_args().n)


if __name__ == "__main__":
    main()
