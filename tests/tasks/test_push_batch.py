"""The headline: a timed batch task over 50 virtual SEs by SMS PUSH (seed §5.8.5, §5.8.6, §5.8.8).

Phones 0-39 are on; 40-43 are off and come back later (the gateway stores their SMS); 44-45 are
busy with a counter operation, so their work waits in their queue; 46-47 have no MSISDN; 48-49
stay off.  Then: failure statistics by reason, a retry of the failed SEs only, and an upgrade
(delete, then download) over everyone holding the application.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import requests
import sqlalchemy as sa

from ota.platform.models import SeAppState
from ota.platform.tasks.worker import PushSettings
from ota.push import WALLET_PORT, decode_push
from tests.platform.conftest import terminal_cert
from tests.tasks.rig import Rig, msisdn_of, seid_of

APP = "JCMemory"
SETTINGS = PushSettings(repush_after=timedelta(seconds=10), max_pushes=2, busy_wait=timedelta(seconds=0.2))
ON, LATE, BUSY, UNBOUND, GONE = range(0, 40), range(40, 44), range(44, 46), range(46, 48), range(48, 50)


def _clerk(rig: Rig) -> requests.Session:
    """A clerk at an enrolled counter: admins run no subscriber services (issue 9)."""
    session = requests.Session()
    session.trust_env, session.verify, session.cert = False, str(rig.tls.ca_cert), terminal_cert("counter-01")
    body = {"operator": "clerk1", "password": "clerk1-demo", "terminal_id": "counter-01"}
    session.headers["Authorization"] = f"Bearer {session.post(rig.api('/login'), json=body).json()['token']}"
    return session


def _hold_link(clerk: requests.Session, rig: Rig, i: int) -> str:
    """A counter operation on SE ``i`` that holds its link (started, never stepped)."""
    body = {"kind": "query", "card": {"atr": "3B00", "seid": seid_of(i)}, "params": {},
            "idempotency_key": uuid.uuid4().hex}
    reply = clerk.post(rig.api("/operations"), json=body)
    assert reply.status_code == 200, reply.text
    return str(reply.json()["id"])


def test_timed_batch_by_push_with_offline_busy_and_failing_phones(rig: Rig) -> None:
    rig.add_phones([*ON, *LATE, *BUSY, *GONE])
    rig.add_phones(UNBOUND, bind=False)
    for i in [*ON, *BUSY]:
        rig.wallet(i)
    clerk = _clerk(rig)
    held = {i: _hold_link(clerk, rig, i) for i in BUSY}
    rig.start_worker(SETTINGS)

    run_at = datetime.now(UTC) + timedelta(seconds=1)
    created = rig.call("POST", "/admin/tasks", json={
        "name": "batch download", "operations": [{"kind": "download", "params": {"app_id": APP}}],
        "target": {"type": "range", "start": seid_of(0), "end": seid_of(49)},
        "schedule": "timed", "run_at": run_at.isoformat(),
    })
    task_id = created["task"]["id"]
    assert created["task"]["counts"]["total"] == 50
    assert datetime.fromisoformat(created["task"]["run_at"]) == run_at

    # The SEs of the busy phones: their work waits in their queue behind the counter operation.
    queue = rig.call("GET", f"/admin/ses/{seid_of(44)}/queue")
    assert queue["running"]["operation_id"] == held[44]
    assert [q["task_id"] for q in queue["queued"]] == [task_id]

    # The task's time comes: pushes go out.  The phones that are off get theirs stored by the
    # gateway; the busy SEs' work waits in their queues while the counter operations hold them.
    deadline = time.monotonic() + 120
    while not all(rig.sim.stored_for(msisdn_of(i)) for i in LATE):
        assert time.monotonic() < deadline, "no PUSH stored for the phones that are off"
        time.sleep(0.1)
    detail = rig.call("GET", f"/admin/tasks/{task_id}")
    states = {i["seid"]: i["state"] for i in detail["items"]}
    assert all(states[seid_of(i)] == "pushed" for i in LATE)
    assert all(states[seid_of(i)] == "queued" for i in BUSY)
    assert rig.call("GET", f"/admin/ses/{seid_of(45)}/queue")["running"]["operation_id"] == held[45]

    # An administrator ends the running counter operation on one busy SE; the other finishes
    # its own work.  Both SEs' queued task work then goes out.
    rig.call("POST", f"/admin/ses/{seid_of(44)}/queue/abort")
    rig.call("POST", f"/operations/{held[45]}/cancel")
    for i in LATE:
        rig.wallet(i)

    detail = rig.wait_task(task_id, lambda d: d["task"]["status"] == "finished")
    counts = detail["task"]["counts"]
    assert counts["done"] == 46 and counts["failed"] == 4, (counts, detail["failures"])
    failures = {f["reason"]: f for f in detail["failures"]}
    assert failures["push.no_msisdn"]["seids"] == [seid_of(i) for i in UNBOUND]
    assert failures["push.unanswered"]["seids"] == [seid_of(i) for i in GONE]
    assert failures["push.unanswered"]["count"] >= 1

    # What went through the gateway: PUSH SMS for the right SE on the wallet's port, one serial per
    # SE, re-pushed (same serial) only for the phones that never answered.
    pushes = Counter()
    for sent in rig.sim.submitted():
        sms = decode_push(sent.submit.msg_content)
        (dest,) = sent.submit.dest_terminal_ids
        assert sms.dest_port == WALLET_PORT and dest == msisdn_of(int(sms.seid.hex()[-4:], 16) - 0x100)
        pushes[sms.serial_hex] += 1
    assert rig.sim.rejected() == []
    assert min(s.at for s in rig.sim.submitted()) >= run_at.timestamp()  # nothing before its time
    assert len(pushes) == 48  # one serial per reachable SE (46 done + 2 never answered)
    assert max(pushes.values()) <= SETTINGS.max_pushes
    assert Counter(pushes.values())[SETTINGS.max_pushes] >= len(GONE)

    # The cards themselves hold the application now, and the platform's record agrees.
    for i in [*ON, *LATE, *BUSY]:
        assert rig.cards[i].state.apps, f"phone {i} has no application"
    for i in GONE:
        assert not rig.cards[i].state.apps

    # Retry the failed SEs only, once they can be reached.
    for i in UNBOUND:
        rig.bind(i)
        rig.wallet(i)
    for i in GONE:
        rig.wallet(i)
    retry = rig.call("POST", f"/admin/tasks/{task_id}/retry")
    assert retry["task"]["retry_of"] == task_id
    assert sorted(i["seid"] for i in retry["items"]) == [seid_of(i) for i in [*UNBOUND, *GONE]]
    detail = rig.wait_task(retry["task"]["id"], lambda d: d["task"]["status"] == "finished")
    assert detail["task"]["counts"]["done"] == 4 and detail["failures"] == []

    # The upgrade: delete, then download, for a few holders of the application.
    upgrade = rig.call("POST", "/admin/tasks", json={
        "name": "upgrade", "schedule": "delayed", "delay_s": 0.2,
        "operations": [{"kind": "delete", "params": {"app_id": APP}},
                       {"kind": "download", "params": {"app_id": APP}}],
        "target": {"type": "seids", "seids": [seid_of(i) for i in (0, 1, 2)]},
    })
    detail = rig.wait_task(upgrade["task"]["id"], lambda d: d["task"]["status"] == "finished")
    assert detail["task"]["counts"]["done"] == 3
    assert all(i["step_index"] == 2 for i in detail["items"])
    with rig.sessions() as session:
        holders = session.scalar(sa.select(sa.func.count()).select_from(SeAppState).where(
            SeAppState.state.in_(["Instantiated", "Personalized", "Usable"])))
    assert holders == 50
