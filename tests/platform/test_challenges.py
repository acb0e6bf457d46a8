"""Host challenges issued ahead of a start (issue 15 item 2, ``ota/platform/challenges.py``): the
start request carries script 1's answers, so every service takes one HTTP round trip less, on
both databases.  The hostile-terminal cases are in test_challenge_refusals.py.
"""

from __future__ import annotations

from tests.platform.flow_support import FlowPlatform, Run, flow_platform  # noqa: F401

CAP = "JCMemory"
SERVICES = [("download", {"app_id": CAP}), ("query", {}), ("lock", {"app_id": CAP}),
            ("unlock", {"app_id": CAP}), ("delete", {"app_id": CAP})]


def _http(run: Run) -> int:
    """HTTP round trips of a run: the start, then one post per script the card ran."""
    return 1 + run.round_trips


def test_the_start_carries_script_one(flow_platform: FlowPlatform) -> None:
    flow_platform.openings = True
    card = flow_platform.card()
    trips = {}
    for kind, params in SERVICES:
        run = flow_platform.run(kind, card, **params)
        assert run.state == "done", (kind, run.error)
        assert run.scripts[0]["commands"][0]["apdu"].startswith("8482"), "script 2 opens with EXTERNAL AUTHENTICATE"
        trips[kind] = _http(run)
    # One less than without an opening (4 / 3 / 4 / 4 / 4).  The demo batch's keys are
    # batch-wide, so a write still waits for the identity read inside the channel (issue 9).
    assert trips == {"download": 3, "query": 2, "lock": 3, "unlock": 3, "delete": 3}
