"""Fault sweeps (issue 15 item 5) over what exists today, on SQLite for breadth (one database
keeps them fast; the guarantees under test live in the engine, not in the dialect).

- the card leaves the field after APDU k of a full download of a real CAP, and of delete, unlock
  and number change: the platform's record never claims what the card does not hold, and a retry
  completes.  Sampled: k runs over at most SAMPLES evenly spaced points of each service's APDUs
  (always the first and the last), since a full sweep of every k is minutes, not seconds;
- the network cut after each relay step in either direction: a request lost on the way is simply
  sent again; an answer lost on the way back makes the terminal post the same step again, which
  must return the stored answer and run nothing twice (one operation, each script once);
- the platform process SIGKILLed between two steps of a download, then restarted on the same
  database: the operation goes on from its checkpoint and the audit chain verifies;
- two terminals on one SE at the same moment: exactly one gets it.

The terminal's journal is app-side and is covered by tests/app (not here).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from ota.platform.models import Operation
from ota.vse.card import VirtualCard
from tests.platform.flow_support import FlowPlatform, app_state, flow_platform  # noqa: F401

SAMPLES = 5
CAP = "JCMemory"
INSTANCE = bytes.fromhex("4A43416C675465737531")
INSTALLED_STATES = {"Installed", "Selectable", "Personalized", "Usable", "Locked"}


@pytest.fixture
def db_url(tmp_path: Path) -> str:  # overrides the SQLite + PostgreSQL pair of conftest.py
    return f"sqlite:///{tmp_path / 'platform.sqlite3'}"


def _sample(count: int) -> list[int]:
    if count <= SAMPLES:
        return list(range(count))
    return sorted({round(i * (count - 1) / (SAMPLES - 1)) for i in range(SAMPLES)})


def _pull_after(k: int) -> Callable[[dict[str, Any], VirtualCard], None]:
    """Arm the card at the first script: it leaves the field after k more APDUs."""

    def before(script: dict[str, Any], card: VirtualCard) -> None:
        if script["step"] == 1:
            card.remove_after(k)

    return before


def _prepared(platform: FlowPlatform, kind: str) -> tuple[VirtualCard, dict[str, Any]]:
    """A card ready for ``kind`` and its params."""
    card = platform.card()
    if kind == "download":
        return card, {"app_id": CAP}
    assert platform.run("download", card, app_id=CAP).state == "done"
    if kind == "unlock":
        assert platform.run("lock", card, app_id=CAP).state == "done"
    if kind == "change_number":
        return card, {"new_msisdn": "13812345678", "imsi": "460001234567890"}
    return card, {"app_id": CAP}


def _mismatch(platform: FlowPlatform, card: VirtualCard) -> str | None:
    """What the platform's record claims that the card contradicts, if anything."""
    recorded = app_state(platform, card.state.seid.hex().upper(), CAP)
    on_card = card.state.app(INSTANCE)
    if recorded in INSTALLED_STATES and on_card is None:
        return f"platform says {recorded}, the card has no instance"
    if on_card is not None and (recorded == "Locked") != bool(on_card.locked):
        return f"platform says {recorded}, the card's instance is {'locked' if on_card.locked else 'not locked'}"
    return None


# Found by this sweep and closed in round 3: the card leaving after DELETE was answered 9000 but
# before the script ended left the record Usable until the retry (flows/delete.record_cut_short).
# A gap found later goes here: the sweep then xfails until it is closed.
KNOWN_GAPS: set[str] = set()


@pytest.mark.parametrize("kind", ["download", "delete", "unlock", "change_number"])
def test_card_removed_after_every_sampled_apdu(flow_platform: FlowPlatform, kind: str) -> None:
    card, params = _prepared(flow_platform, kind)
    dry = flow_platform.run(kind, card, **params)
    assert dry.state == "done", dry.error
    total = len(dry.apdus())
    mismatches = []
    for k in _sample(total):
        card, params = _prepared(flow_platform, kind)
        broken = flow_platform.run(kind, card, before=_pull_after(k), **params)
        assert broken.state == "failed" and broken.error["code"] == "card.removed", (k, broken.view)
        card.power_on()
        if (found := _mismatch(flow_platform, card)) is not None:
            mismatches.append(f"after APDU {k} of {total} ({dry.apdus()[k - 1][:4].hex() if k else '-'}): {found}")
        gone = kind == "delete" and app_state(flow_platform, card.state.seid.hex().upper(), CAP) == "Ready"
        again = flow_platform.run(kind, card, **params)
        if gone:
            # Everything was deleted before the card left, and recorded so: nothing to retry.
            assert again.state == "failed" and again.error["code"] == "app.state", (k, again.view)
            assert card.state.app(INSTANCE) is None
            continue
        assert again.state == "done", (k, again.error)
        assert _mismatch(flow_platform, card) is None, k
        if kind == "download":
            assert card.state.app(INSTANCE) is not None
        if kind == "delete":
            assert card.state.app(INSTANCE) is None
        if kind == "unlock":
            assert not card.state.app(INSTANCE).locked
    if kind in KNOWN_GAPS:
        assert mismatches, f"the {kind} gap is closed: remove it from KNOWN_GAPS"
        pytest.xfail("record and card disagree after a failure until the retry: " + "; ".join(mismatches))
    assert mismatches == []


class LossyPlatform(FlowPlatform):
    """Loses the answer to the ``lose``-th POST (start = 0): the terminal sends it again."""

    lose: int = -1
    posts: int = 0

    def _again(self, send: Callable[[], requests.Response]) -> requests.Response:
        first = send()
        self.posts += 1
        if self.posts - 1 == self.lose:
            second = send()  # the same request, as the client's retry sends it
            assert second.status_code == first.status_code
            assert second.json() == first.json(), "a repeated step must return the stored answer"
            return second
        return first

    def start(self, client: requests.Session, kind: str, card: VirtualCard, **params: Any) -> requests.Response:
        import uuid

        from tests.platform.flow_support import identity

        body = {"kind": kind, "card": identity(card), "params": params, "idempotency_key": uuid.uuid4().hex}
        return self._again(lambda: client.post(self.api("/operations"), json=body))

    def post(self, client: requests.Session, view: dict[str, Any], body: dict[str, Any]) -> requests.Response:
        return self._again(lambda: FlowPlatform.post(self, client, view, body))


def test_answers_lost_after_every_relay_step_run_nothing_twice(flow_platform: FlowPlatform) -> None:
    lossy = LossyPlatform(flow_platform.url, flow_platform.ca, flow_platform.db, flow_platform.sessions,
                          flow_platform.keystore, flow_platform.clients)
    dry = flow_platform.run("download", flow_platform.card(), app_id=CAP)
    for lose in range(1 + dry.round_trips):  # the start, then each step
        lossy.lose, lossy.posts = lose, 0
        card = lossy.card()
        seid = card.state.seid.hex().upper()
        run = lossy.run("download", card, app_id=CAP)
        assert run.state == "done", (lose, run.error)
        assert len(lossy.query_db(sa.select(Operation.id).where(Operation.seid == seid))) == 1
        assert card.state.app(INSTANCE) is not None


def test_two_terminals_on_one_se_at_once(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    clients = [flow_platform.login("clerk1", "counter-01"), flow_platform.login("clerk2", "counter-02")]
    gate = threading.Barrier(2)
    replies: list[tuple[requests.Session, requests.Response]] = []

    def start(client: requests.Session) -> None:
        gate.wait()
        replies.append((client, flow_platform.start(client, "query", card)))

    threads = [threading.Thread(target=start, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status_code for _, r in replies)
    assert codes == [200, 409], [r.text for _, r in replies]
    busy = next(r for _, r in replies if r.status_code == 409)
    assert busy.json()["code"] == "se_busy"
    client, winner = next((c, r) for c, r in replies if r.status_code == 200)
    done = flow_platform.relay(client, winner.json(), card, {})
    assert done.state == "done", done.error


# -- the platform process killed between steps ----------------------------------------------------


@pytest.fixture
def own_process_platform(tmp_path: Path) -> Iterator[tuple[str, Path, Any]]:
    from tests.bench.platform_proc import seed

    url = f"sqlite:///{tmp_path / 'killed.sqlite3'}"
    key = tmp_path / "master.key"
    handles = seed(url, key)
    yield url, key, handles
    handles[0].dispose()


def test_platform_killed_between_any_two_steps_resumes(own_process_platform: Any, tmp_path: Path) -> None:
    from ota.platform import audit
    from tests.bench.platform_proc import PlatformProcess
    from tests.platform.flow_support import run_script

    url, key, (engine, sessions, keystore) = own_process_platform
    server = PlatformProcess(url, key, tmp_path / "tls")
    try:
        platform = FlowPlatform(server.url, server.tls.ca_cert, engine, sessions, keystore)
        dry = platform.run("download", platform.card(), app_id=CAP)
        assert dry.state == "done"
        for kill_after in range(dry.round_trips):  # after the start, after step 1, ...
            card = platform.card()
            client = platform.login()
            view = platform.start(client, "download", card, app_id=CAP).json()
            for _ in range(kill_after):
                view = platform.post(client, view, run_script(card, view["script"])).json()
            server.kill()
            server = PlatformProcess(url, key, tmp_path / "tls")
            platform.url = server.url
            client = platform.login()  # the token survived too, but a new connection is needed
            done = platform.relay(client, view, card, {})
            assert done.state == "done", (kill_after, done.error)
            assert card.state.app(INSTANCE) is not None
        with sessions() as session:
            report = audit.verify(session)
        assert report.ok, report
    finally:
        server.stop()
