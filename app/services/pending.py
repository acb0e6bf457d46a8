"""Pending work at the counter (seed §5.8.8, issue 10): what waits for the customer's SE, and
running it now with the phone on the reader instead of waiting for the PUSH.

The platform decides what runs (the SE's first pending task item) and checks the clerk's role,
terminal and region as for any counter service; the terminal only relays the scripts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from app.client import PlatformClient
from app.relay import relay_operation
from app.services.base import ReaderFactory
from app.services.card import connect, release_card

MAX_WAITS = 10


@dataclass(frozen=True)
class PendingRun:
    seid: str
    state: str
    """done / failed / cancelled / waiting (the SE stayed busy)."""
    operations: list[str] = field(default_factory=list)
    reason: str | None = None


def list_pending(
    client: PlatformClient, readers: ReaderFactory, reader: str | None
) -> tuple[str, list[dict[str, Any]]]:
    card = connect(readers, reader)
    try:
        seid = card.identity.seid_hex
    finally:
        release_card(card)
    return seid, client.pending_work(seid)


def run_pending(client: PlatformClient, readers: ReaderFactory, reader: str | None) -> PendingRun:
    """Run the SE's first pending work to its end (every operation of its sequence)."""
    card = connect(readers, reader)
    ran: list[str] = []
    try:
        identity = card.identity.to_protocol()
        waits = 0
        while True:
            work = client.run_pending(identity)
            if work.state == "running" and work.operation is not None:
                final = relay_operation(client, card.transport, work.operation)
                ran.append(f"{final.kind.value}:{final.state.value}")
            elif work.state == "waiting" and waits < MAX_WAITS:
                waits += 1
                time.sleep(work.retry_after_s)
            elif work.state != "running":
                return PendingRun(card.identity.seid_hex, work.state, ran, work.reason)
    finally:
        release_card(card)
