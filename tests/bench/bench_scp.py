"""SCP02 and SCP03 wrap / unwrap per second: the platform's host side and the virtual SE's card
side in lock-step.

    .venv/bin/python tests/bench/bench_scp.py [-n 5000]

Each protocol opens a session with the demo's test key at its fullest level the demo uses with
response protection: SCP02 at C-MAC + C-DECRYPTION + R-MAC (0x13, i=15), SCP03 (AES-128) at
C-MAC + C-DECRYPTION + R-MAC + R-ENCRYPTION (0x33, i=70).  Each round wraps one STORE DATA of
``size`` bytes on the host, unwraps (verifies and decrypts) it on the card, wraps the card's
answer and unwraps it on the host.  Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ota.gp.apdu import CommandApdu
from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.scp02 import HostChannel, Scp02Options, StaticKeys
from ota.gp.scp02_card import CardChannel
from ota.gp.scp03 import Scp03HostChannel, Scp03Keys, Scp03Options
from ota.gp.scp03_card import Scp03CardChannel

SCP02_LEVEL = 0x13  # C-MAC, C-DECRYPTION, R-MAC
SCP03_LEVEL = 0x33  # C-MAC, C-DECRYPTION, R-MAC, R-ENCRYPTION
SCP02_KEYS = StaticKeys.single(DEFAULT_TEST_KEY, 0x20)
SCP03_KEYS = Scp03Keys(DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, 0x30)
KDD = bytes.fromhex("00010203040506070809")
SIZES = (16, 200)
PROTOCOLS = ("SCP02", "SCP03")


def _scp02_session() -> tuple[Any, Any]:
    card = CardChannel(Scp02Options(i=0x15))
    host_challenge = bytes.fromhex("0102030405060708")
    answer = card.begin(SCP02_KEYS, 7, host_challenge, bytes.fromhex("A1A2A3A4A5A6"))
    host, ext_auth = HostChannel.open(SCP02_KEYS, host_challenge, answer, SCP02_LEVEL, Scp02Options(i=0x15))
    card.external_authenticate(ext_auth)
    return host, card


def _scp03_session() -> tuple[Any, Any]:
    card = Scp03CardChannel(Scp03Options(0x70))
    host_challenge = bytes.fromhex("0102030405060708")
    answer = card.begin(SCP03_KEYS, host_challenge, bytes.fromhex("A1A2A3A4A5A6A7A8"), KDD, seq=1)
    host, ext_auth = Scp03HostChannel.open(SCP03_KEYS, host_challenge, answer, SCP03_LEVEL)
    card.external_authenticate(ext_auth)
    return host, card


SESSIONS: dict[str, Callable[[], tuple[Any, Any]]] = {"SCP02": _scp02_session, "SCP03": _scp03_session}


def measure(n: int, size: int, protocol: str = "SCP02") -> dict[str, float]:
    """Operations per second of each of the four halves of a secured exchange."""
    host, card = SESSIONS[protocol]()
    plain = CommandApdu(0x80, 0xE2, 0x00, 0x00, bytes(range(256))[:size]).encode()
    totals = {"host wrap": 0.0, "card unwrap": 0.0, "card wrap": 0.0, "host unwrap": 0.0}
    clock: Callable[[], float] = time.perf_counter
    for _ in range(n):
        t0 = clock()
        wrapped = host.wrap(plain)
        t1 = clock()
        if card.unwrap(wrapped) != plain:
            raise AssertionError(f"{protocol}: the card did not recover the command")
        t2 = clock()
        response = card.wrap_response(plain, b"\x00" * 16, 0x9000)
        t3 = clock()
        if host.unwrap(response, wrapped) != b"\x00" * 16 + b"\x90\x00":
            raise AssertionError(f"{protocol}: the host did not recover the response")
        t4 = clock()
        totals["host wrap"] += t1 - t0
        totals["card unwrap"] += t2 - t1
        totals["card wrap"] += t3 - t2
        totals["host unwrap"] += t4 - t3
    return {name: n / seconds for name, seconds in totals.items()}


def table(n: int, out: Callable[[str], None] = print) -> None:
    out(f"Secure channel wrap / unwrap, {n} rounds, operations per second "
        f"(SCP02 level 0x13 i=15 3DES; SCP03 level 0x33 i=70 AES-128)")
    out(f"{'protocol':>8}  {'data bytes':>10}  {'host wrap':>10}  {'card unwrap':>11}  {'card wrap':>10}  "
        f"{'host unwrap':>11}")
    for protocol in PROTOCOLS:
        for size in SIZES:
            r = measure(n, size, protocol)
            out(f"{protocol:>8}  {size:>10}  {r['host wrap']:>10.0f}  {r['card unwrap']:>11.0f}  "
                f"{r['card wrap']:>10.0f}  {r['host unwrap']:>11.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5000)
    table(parser.parse_args().n)


if __name__ == "__main__":
    main()
