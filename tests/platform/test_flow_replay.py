"""A recorded APDU trace replayed against the platform's flows (issue 12): field traces become
regression tests.

``tests/data/traces/scp03_query_download.json`` is a session recorded from an SCP03 card of the
DEMO-AES batch (query, then download of JCMemory) with ``RecordingTransport``.  The replay card
answers from it; the platform must send exactly the recorded commands, so a change to a flow,
to SCP03 or to the demo data that alters what goes to the card shows up here.  To record a new
trace (after an intended change) run this module with ``HALLTERM_WRITE_TRACE=1``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.reader.replay import RecordingTransport, ReplayCard, ReplayMismatchError, TraceFile
from ota.platform.cards import ensure_se
from ota.platform.db import transaction
from ota.platform.flows import channel
from ota.platform.models import MsisdnBinding
from ota.vse.factory import new_card
from tests.platform.flow_support import MSISDN, FlowPlatform, flow_platform  # noqa: F401

TRACE = Path(__file__).resolve().parents[1] / "data" / "traces" / "scp03_query_download.json"
SEID = "86860300000000000077"
CHALLENGES = [bytes.fromhex("A1A2A3A4A5A6A7A8"), bytes.fromhex("B1B2B3B4B5B6B7B8")]
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _bind(platform: FlowPlatform) -> None:
    with transaction(platform.sessions) as session:
        ensure_se(session, SEID)
        session.add(MsisdnBinding(seid=SEID, msisdn=MSISDN))


def _pin_challenges(monkeypatch: pytest.MonkeyPatch, challenges: list[bytes]) -> None:
    queue = iter(challenges)
    monkeypatch.setattr(channel, "challenge_source", lambda n: next(queue))


def _session(platform: FlowPlatform, card: object) -> list[str]:
    states = []
    for kind, params in (("query", {}), ("download", {"app_id": "JCMemory"})):
        run = platform.run(kind, card, **params)  # type: ignore[arg-type]
        states.append(run.state if run.state == "done" else f"{run.state}:{run.error.get('code')}")
    return states


def test_recording_a_session_gives_the_committed_trace(
    flow_platform: FlowPlatform, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The same session recorded today equals the committed field trace (or rewrites it)."""
    _bind(flow_platform)
    _pin_challenges(monkeypatch, CHALLENGES)
    card = new_card(None, bytes.fromhex(SEID), scp=0x03)  # KDF3 keys from the GP test key, i=70
    recorder = RecordingTransport(card, card.atr, note="virtual SE of DEMO-AES; query + download JCMemory")
    assert _session(flow_platform, recorder) == ["done", "done"]
    if os.environ.get("HALLTERM_WRITE_TRACE"):
        recorder.trace.save(TRACE)
    recorded = json.loads(recorder.trace.to_json())
    assert recorded == json.loads(TRACE.read_text(encoding="utf-8"))


def test_replaying_the_recorded_trace_runs_the_platform_flows(
    flow_platform: FlowPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bind(flow_platform)
    replay = ReplayCard.load(TRACE)
    _pin_challenges(monkeypatch, list(replay.host_challenges()))
    assert _session(flow_platform, replay) == ["done", "done"]
    assert replay.finished


def test_a_flow_that_leaves_the_recording_is_caught(
    flow_platform: FlowPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bind(flow_platform)
    replay = ReplayCard.load(TRACE)
    challenges = list(replay.host_challenges())
    _pin_challenges(monkeypatch, [challenges[0][::-1], *challenges[1:]])  # another host challenge
    with pytest.raises(ReplayMismatchError, match="differs from the recording"):
        flow_platform.run("query", replay)


def test_a_tampered_card_answer_is_a_typed_refusal(
    flow_platform: FlowPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card cryptogram that does not verify stops the flow before EXTERNAL AUTHENTICATE."""
    _bind(flow_platform)
    trace = TraceFile.load(TRACE)
    at = next(n for n, e in enumerate(trace.exchanges) if e.command[1] == 0x50)
    bad = bytearray(trace.exchanges[at].response)
    bad[-6] ^= 0x01  # inside the card cryptogram
    trace.exchanges[at] = type(trace.exchanges[at])(trace.exchanges[at].command, bytes(bad))
    replay = ReplayCard(trace)
    _pin_challenges(monkeypatch, list(replay.host_challenges()))
    run = flow_platform.run("query", replay)
    assert (run.state, run.error["code"]) == ("failed", "scp03.card_cryptogram")
    assert replay.position == at + 1  # nothing was sent after INITIALIZE UPDATE
