"""Host challenges issued ahead of a start (issue 15 item 2, ``ota/platform/challenges.py``): the
start request carries script 1's answers, so every service takes one HTTP round trip less, on
both databases.  The hostile-terminal cases are in test_challenge_refusals.py.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ota.platform.db import transaction
from ota.platform.flows.states import set_state
from ota.platform.models import AppState, HostChallenge
from ota.vse.card import VirtualCard
from tests.platform.flow_support import (  # noqa: F401
    FlowPlatform,
    Run,
    app_id,
    app_state,
    flow_platform,
    identity,
    run_script,
)

CAP = "JCMemory"
MIGRATED = "YubicoYubiKeyOath"
OATH_PACKAGE = bytes.fromhex("A0000005272101")
SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
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
    # One less than without an opening (4 / 3 / 4 / 4 / 4 with batch-wide keys).  The demo batch's
    # keys are per card, so the cryptogram proves the card and a write shares script 2 (issue 9).
    assert trips == {"download": 3, "query": 2, "lock": 2, "unlock": 2, "delete": 2}


def _usable_on(platform: FlowPlatform, card: VirtualCard, app: str) -> None:
    assert platform.run("download", card, app_id=app).state == "done"
    seid = card.state.seid.hex().upper()
    with transaction(platform.sessions) as session:  # the business platform's activation notice
        set_state(session, seid, app_id(platform, app), AppState.USABLE)


@SQLITE
def test_a_migration_opens_each_new_card_with_an_issued_challenge(flow_platform: FlowPlatform) -> None:
    """The need_card answers carry the swapped-in card's script 1 like a start does: start, the
    new SE (survey, install), the old SE (delete): 6 HTTP round trips instead of 9."""
    p = flow_platform
    p.openings = True
    old, new = p.card(), p.card()
    _usable_on(p, old, MIGRATED)
    client = p.login()
    view = p.start(client, "migrate", old, app_id=MIGRATED).json()
    posts, on_reader = 1, old
    while view["state"] in ("need_card", "running"):
        if view["state"] == "need_card":
            on_reader = {"target": new, "source": old}[view["need_card"]["role"]]
            body = {"step": view["step"], "responses": [], "completed": True, "card": identity(on_reader),
                    "opening": p.opening(client, on_reader)}
        else:  # never script 1 (SELECT, INITIALIZE UPDATE): each card came opened
            assert not view["script"]["commands"][0]["apdu"].startswith("00A40400")
            body = run_script(on_reader, view["script"])
        view = p.post(client, view, body).json()
        posts += 1
    assert view["state"] == "done", view.get("error")
    assert posts == 6
    assert new.state.load_file(OATH_PACKAGE) is not None and old.state.load_file(OATH_PACKAGE) is None
    assert app_state(p, new.state.seid.hex().upper(), MIGRATED) == "Usable"
    spent = p.query_db(sa.select(HostChallenge).where(HostChallenge.used_at.is_not(None)))
    assert len(spent) == 2 + 2  # the download's start, the migration's start and its two swaps
