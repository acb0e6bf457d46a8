"""app/opening.py: the terminal's pool of issued host challenges and script 1 run on a card."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from app.opening import BATCH, LOW_WATER, MARGIN_S, ChallengePool, run_opening
from ota.gp.scp02 import parse_initialize_update
from ota.protocol import HostChallenge
from ota.vse.card import VirtualCard

ISD = bytes.fromhex("A000000151000000")


def _issued(n: int, valid_s: int = 600) -> list[HostChallenge]:
    return [HostChallenge(id=f"c{i}", challenge=f"{i:016X}", expires_at=datetime.now(UTC), valid_s=valid_s)
            for i in range(n)]


def test_the_pool_refills_in_batches_and_drops_what_is_about_to_expire() -> None:
    now, asked = [0.0], []

    def fetch(count: int) -> list[HostChallenge]:
        asked.append(count)
        return _issued(count)

    pool = ChallengePool(fetch, clock=lambda: now[0])
    taken = [pool.take() for _ in range(BATCH)]
    assert asked == [BATCH] and len({c.id for c in taken if c}) == BATCH  # each one once
    pool.refill()
    now[0] = 600 - MARGIN_S  # too close to expiry: not used, a fresh batch is fetched
    assert pool.take() is not None and asked == [BATCH, BATCH, BATCH]


def test_fetching_ahead_tops_the_pool_up_only_when_it_runs_low() -> None:
    asked: list[int] = []

    def fetch(count: int) -> list[HostChallenge]:
        asked.append(count)
        return _issued(count)

    pool = ChallengePool(fetch)
    pool.fetch_ahead()  # after login: empty, so a batch
    pool.fetch_ahead()  # plenty left: nothing asked
    assert asked == [BATCH]
    for _ in range(BATCH - LOW_WATER):
        assert pool.take() is not None
    assert asked == [BATCH]  # every start found its challenge in the pool
    pool.fetch_ahead()
    assert asked == [BATCH, BATCH]


def test_a_start_waits_for_a_fetch_under_way_instead_of_asking_twice() -> None:
    asked: list[int] = []
    fetching, release = threading.Event(), threading.Event()

    def slow(count: int) -> list[HostChallenge]:
        asked.append(count)
        fetching.set()
        release.wait(5)
        return _issued(count)

    pool = ChallengePool(slow)
    ahead = threading.Thread(target=pool.fetch_ahead)
    ahead.start()
    assert fetching.wait(5)
    taken: list[HostChallenge | None] = []
    start = threading.Thread(target=lambda: taken.append(pool.take()))
    start.start()
    start.join(0.2)
    assert start.is_alive() and not taken  # waiting for the batch under way
    release.set()
    ahead.join(5)
    start.join(5)
    assert taken and taken[0] is not None and asked == [BATCH]


def test_no_challenge_when_the_platform_gives_none() -> None:
    def down(count: int) -> list[HostChallenge]:
        raise OSError("platform unreachable")

    assert ChallengePool(down).take() is None
    assert ChallengePool(lambda n: []).take() is None


def test_script_one_is_run_with_the_issued_challenge() -> None:
    card = VirtualCard.create(None, bytes.fromhex("86860100000000000042"))
    fci = card.transmit(bytes.fromhex("00A4040008") + ISD + b"\x00")[:-2]
    challenge = _issued(1)[0]
    opening = run_opening(card, fci, challenge)
    assert opening is not None and opening.challenge_id == "c0"
    assert opening.commands[0] == "00A4040008" + ISD.hex().upper() + "00"
    assert opening.commands[1] == "8050000008" + challenge.challenge + "00"
    iu = bytes.fromhex(opening.responses[1])
    assert iu[-2:] == b"\x90\x00" and parse_initialize_update(iu[:-2]).kdd == card.state.kdd
    assert run_opening(card, b"\x01\x02", challenge) is None  # no FCI to name the ISD by
