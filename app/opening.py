"""Script 1 run by the terminal itself, with a host challenge the platform issued ahead of time.

Issue 15 item 2: SELECT ISD and INITIALIZE UPDATE need no secret, only the platform's host
challenge.  The terminal keeps a few challenges (:class:`ChallengePool`, fetched eight at a time
with ``POST /challenges``), runs script 1 right before the start and sends its commands and
answers with it (:class:`ota.protocol.Opening`); the start then answers with script 2, which
opens with EXTERNAL AUTHENTICATE.  Nothing may reach the card between the two, so the opening
is the last thing the terminal sends before the start.

The platform decides what the answers are worth (``ota/platform/challenges.py``): a challenge is
single-use, bound to this terminal and expiring.  Anything that goes wrong here only means the
start goes without an opening and costs its usual round trip.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ota.gp import commands
from ota.gp.apdu import CardTransport
from ota.gp.errors import GpError
from ota.gp.responses import parse_fci
from ota.protocol import HostChallenge, Opening

log = logging.getLogger(__name__)

BATCH = 8
"""Challenges fetched per request: one extra HTTP request per eight services."""
MARGIN_S = 30
"""A challenge this close to its expiry is not used: the start might arrive after it."""
LOW_WATER = 2
""":meth:`ChallengePool.fetch_ahead` tops the pool up when this many or fewer are left."""


@dataclass(frozen=True)
class _Held:
    challenge: HostChallenge
    usable_until: float  # time.monotonic(): the terminal's clock may be wrong, its interval is not


class ChallengePool:
    """The terminal's unspent host challenges, refilled from ``fetch`` when none is usable."""

    def __init__(self, fetch: Callable[[int], list[HostChallenge]], clock: Callable[[], float] = time.monotonic):
        self._fetch = fetch
        self._clock = clock
        self._held: list[_Held] = []
        # Held while fetching: a start that needs a challenge waits for a fetch under way rather
        # than asking for a second batch.
        self._lock = threading.Lock()

    def take(self) -> HostChallenge | None:
        """A usable challenge (spent by taking it), or None when the platform gives none."""
        with self._lock:
            if not self._usable():
                self._refill()
            return self._held.pop(0).challenge if self._held else None

    def refill(self) -> None:
        with self._lock:
            self._refill()

    def fetch_ahead(self) -> None:
        """Top the pool up when it runs low, so that no start waits for ``POST /challenges``.
        The GUI calls it from a pool thread after login and after each service (issue 15 item 2)."""
        with self._lock:
            if self._usable() <= LOW_WATER:
                self._refill()

    def _usable(self) -> int:
        now = self._clock()
        self._held = [h for h in self._held if h.usable_until > now]
        return len(self._held)

    def _refill(self) -> None:
        try:
            fresh = self._fetch(BATCH)
        except Exception as exc:  # noqa: BLE001 - without challenges the start simply sends script 1 itself
            log.info("no host challenges from the platform (%s); starting without an opening", type(exc).__name__)
            return
        now = self._clock()
        self._held += [_Held(c, now + c.valid_s - MARGIN_S) for c in fresh]

    def clear(self) -> None:
        """Forget them all (a new login: the platform bound them to this terminal, not the session,
        but a fresh supply costs one request and avoids any doubt)."""
        with self._lock:
            self._held.clear()


def run_opening(transport: CardTransport, fci: bytes, challenge: HostChallenge) -> Opening | None:
    """SELECT the ISD named in the card's FCI and INITIALIZE UPDATE (key version 00, GPC 2.2.1
    §E.5.1) with ``challenge``; None when the FCI names no ISD (the start then goes without)."""
    try:
        isd = parse_fci(fci).aid
    except GpError:
        return None
    sent = [commands.select(isd).encode(),
            commands.initialize_update(bytes.fromhex(challenge.challenge)).encode()]
    answers: list[str] = []
    for apdu in sent:
        answer = transport.transmit(apdu)
        answers.append(answer.hex().upper())
        if answer[-2:] != b"\x90\x00":
            break
    return Opening(challenge_id=challenge.id, commands=[a.hex().upper() for a in sent], responses=answers)
