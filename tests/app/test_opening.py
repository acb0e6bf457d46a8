"""app/opening.py: the terminal's pool of issued host challenges and script 1 run on a card."""

from __future__ import annotations

from datetime import UTC, datetime

from app.opening import BATCH, MARGIN_S, ChallengePool, run_opening
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
