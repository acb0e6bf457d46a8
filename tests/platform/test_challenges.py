"""Host challenges issued ahead of a start (issue 15 item 2, ``ota/platform/challenges.py``).

The start request carries script 1's answers: one HTTP round trip less per service, and the
hostile-terminal cases of the new challenge (replayed, expired, another terminal's, a stale
sequence counter, never issued) are each refused with a typed code, audited, nothing run.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from ota.platform.db import transaction, utcnow
from ota.platform.models import AuditEntry, HostChallenge, Operation
from tests.platform.flow_support import FlowPlatform, flow_platform  # noqa: F401

CAP = "JCMemory"


def _http(run: Any) -> int:
    """HTTP round trips of a run: the start, then one post per script the card ran."""
    return 1 + run.round_trips


def test_the_start_carries_script_one(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    before = {kind: _http(flow_platform.run(kind, card, **params)) for kind, params in
              [("download", {"app_id": CAP}), ("query", {}), ("lock", {"app_id": CAP}),
               ("unlock", {"app_id": CAP}), ("delete", {"app_id": CAP})]}
    flow_platform.openings = True
    card = flow_platform.card()
    after = {}
    for kind, params in [("download", {"app_id": CAP}), ("query", {}), ("lock", {"app_id": CAP}),
                         ("unlock", {"app_id": CAP}), ("delete", {"app_id": CAP})]:
        run = flow_platform.run(kind, card, **params)
        assert run.state == "done", (kind, run.error)
        assert run.scripts[0]["commands"][0]["apdu"].startswith("8482"), "script 2 opens with EXTERNAL AUTHENTICATE"
        after[kind] = _http(run)
    assert after == {kind: trips - 1 for kind, trips in before.items()}, (before, after)
    # The demo batch's keys are batch-wide: a write waits for the identity read inside the channel.
    assert after == {"download": 3, "query": 2, "lock": 3, "unlock": 3, "delete": 3}
