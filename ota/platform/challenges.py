"""Host challenges issued ahead of a start, so the start carries script 1's answers (issue 15 item 2).

Script 1 of every card flow (SELECT ISD, INITIALIZE UPDATE) needs no secret, only a host
challenge the platform chose.  A terminal asks for a few in advance (``POST /challenges``);
when it starts an operation it runs script 1 itself with one of them and sends the commands and
the card's answers with the start (``StartOperation.opening``).  The start then answers with
script 2 (EXTERNAL AUTHENTICATE onwards): one HTTP round trip less per service.

Why this gives a terminal nothing it did not have before:

* the challenge is the platform's (random, stored here), so the card cryptogram still proves a
  live card answered *this* challenge (GPC 2.2.1 §E.4.2) — a terminal cannot pick it;
* single use (``used_at`` set in the start's transaction, kept even when the operation then
  fails), bound to the terminal it was issued to, expiring after :data:`TTL`: no answer can be
  used twice, elsewhere or late;
* the card's sequence counter in the answer may not be below the one the platform last saw from
  that SE (``secure.opened``): an answer collected earlier and kept is refused;
* the identity is still read inside the channel before any write (``flows/secure.py``).

Every refusal fails the operation with a typed code and is audited (``challenge.refused``).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.auth import Principal
from ota.platform.db import utcnow
from ota.platform.flows.base import Flow, FlowContext, FlowError, Outcome
from ota.platform.models import HostChallenge as ChallengeRow
from ota.protocol import HostChallenge, Opening, StepResult

TTL = timedelta(minutes=10)
"""Long enough for a terminal to keep a few between services, short enough to bound the table."""
MAX_OUTSTANDING = 32
"""Unspent challenges one terminal may hold; asking for more returns fewer (possibly none)."""
CHALLENGE_LEN = 8  # SCP02 and SCP03 S8 (GPC 2.2.1 §E.5.1, Amendment D §7.1.1)


def issue(session: Session, terminal_id: str, count: int) -> list[HostChallenge]:
    """Up to ``count`` fresh challenges for ``terminal_id``; this terminal's expired ones are swept."""
    now = utcnow()
    session.execute(
        sa.delete(ChallengeRow).where(ChallengeRow.terminal_id == terminal_id, ChallengeRow.expires_at < now)
    )
    held = session.scalar(
        sa.select(sa.func.count()).select_from(ChallengeRow).where(
            ChallengeRow.terminal_id == terminal_id, ChallengeRow.used_at.is_(None)
        )
    ) or 0
    rows = [
        ChallengeRow(
            id=str(uuid.uuid4()),
            terminal_id=terminal_id,
            challenge=os.urandom(CHALLENGE_LEN).hex().upper(),
            issued_at=now,
            expires_at=now + TTL,
        )
        for _ in range(max(0, min(count, MAX_OUTSTANDING - held)))
    ]
    session.add_all(rows)
    return [
        HostChallenge(id=r.id, challenge=r.challenge, expires_at=r.expires_at, valid_s=int(TTL.total_seconds()))
        for r in rows
    ]


@dataclass(frozen=True)
class Redeemed:
    """The outcome of redeeming an opening: its challenge, or the refusal the operation fails with."""

    opening: Opening
    challenge: bytes = b""
    refusal: FlowError | None = None

    def start(self, flow: Flow, ctx: FlowContext) -> Outcome:
        """The flow's start with script 1 already answered (a flow that cannot use it starts as usual)."""
        if self.refusal is not None:
            raise self.refusal
        start_opened = getattr(flow, "start_opened", None)
        if start_opened is None:
            return flow.start(ctx)
        outcome: Outcome = start_opened(ctx, self.challenge, self.opening)
        return outcome

    def advance(self, flow: Flow, ctx: FlowContext, checkpoint: dict[str, Any], result: StepResult) -> Outcome:
        """The flow's answer to a ``need_card`` whose new card already ran script 1 (a flow that
        cannot use it advances as usual and sends script 1 itself)."""
        if self.refusal is not None:
            raise self.refusal
        advance_opened = getattr(flow, "advance_opened", None)
        if advance_opened is None:
            return flow.advance(ctx, checkpoint, result)
        outcome: Outcome = advance_opened(ctx, checkpoint, result, self.challenge, self.opening)
        return outcome

    def audit(self, session: Session, principal: Principal) -> None:
        """The refusal's own audit row, written after the flow's savepoint (whose rollback
        empties the session's audit queue)."""
        if self.refusal is not None:
            audit.record(
                session, "challenge.refused", principal.operator, terminal=principal.terminal_id,
                challenge=self.opening.challenge_id, code=self.refusal.code,
            )


def redeem(session: Session, principal: Principal, opening: Opening) -> Redeemed:
    """Spend the opening's challenge for ``principal``'s terminal, in the caller's transaction.

    The spend is written outside the flow's savepoint, so it stands even when the operation
    then fails: a challenge is good for one start, whatever happens to it.
    """
    row = session.scalars(
        sa.select(ChallengeRow).where(ChallengeRow.id == opening.challenge_id).with_for_update()
    ).first()
    now = utcnow()
    if row is None:
        code = "challenge.unknown"
    elif row.terminal_id != principal.terminal_id:
        code = "challenge.foreign"
    elif row.used_at is not None:
        code = "challenge.replayed"
    elif row.expires_at <= now:
        code = "challenge.expired"
    else:
        row.used_at = now
        return Redeemed(opening, bytes.fromhex(row.challenge))
    return Redeemed(opening, refusal=FlowError(code, detail={"challenge": opening.challenge_id}))
