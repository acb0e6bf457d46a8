"""The task API under /api/v1/admin/tasks and the wallet pull's refusals, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from ota.platform.db import transaction
from ota.platform.models import Application, AuditEntry, SeAppState, SeBatch, SecureElement, TaskItem
from tests.platform.conftest import Platform

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
"""Breadth on SQLite; the first test runs on both databases."""

SEIDS = [f"86860300000000000{i:03d}" for i in range(5)]


def _seed(platform: Platform) -> None:
    with transaction(platform.sessions) as session:
        batch = SeBatch(name="B1", seid_start=SEIDS[0], seid_end=SEIDS[-1], chip_type="x", cms2ac_version="1",
                        java_version="3", initial_free_space=1, isd_aid="A000000151000000", key_set_ref="k")
        session.add(batch)
        app = Application(name="Wallet", version="1")
        session.add(app)
        session.flush()
        for i, seid in enumerate(SEIDS):
            session.add(SecureElement(seid=seid, batch_id=batch.id))
            session.flush()
            if i < 2:
                session.add(SeAppState(seid=seid, application_id=app.id, state="Usable"))


def _task(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {"name": "t", "operations": [{"kind": "lock", "params": {"app_id": "Wallet"}}],
                               "target": {"type": "seids", "seids": SEIDS[:2]}}
    body.update(overrides)
    return body


def test_targets_schedule_show_cancel_retry(platform: Platform) -> None:
    _seed(platform)
    admin = platform.login("admin")
    api = platform.api
    for target, expected in (
        ({"type": "range", "start": SEIDS[1], "end": SEIDS[3]}, SEIDS[1:4]),
        ({"type": "batch", "batch": "B1"}, SEIDS),
        ({"type": "app", "app_id": "Wallet"}, SEIDS[:2]),
        ({"type": "seids", "seids": [s.lower() for s in SEIDS[3:]]}, SEIDS[3:]),
    ):
        reply = admin.post(api("/admin/tasks"), json=_task(target=target))
        assert reply.status_code == 200, reply.text
        assert [i["seid"] for i in reply.json()["items"]] == expected

    later = datetime.now(UTC) + timedelta(hours=1)
    timed = admin.post(api("/admin/tasks"), json=_task(schedule="timed", run_at=later.isoformat())).json()
    assert timed["task"]["status"] == "scheduled"
    delayed = admin.post(api("/admin/tasks"), json=_task(schedule="delayed", delay_s=30)).json()
    assert datetime.fromisoformat(delayed["task"]["run_at"]) > datetime.now(UTC) + timedelta(seconds=20)

    listed = admin.get(api("/admin/tasks")).json()["tasks"]
    assert len(listed) == 6 and listed[0]["id"] == delayed["task"]["id"]

    # The timed task's work is the SE's queue until it runs (§5.8.8).
    queue = admin.get(api(f"/admin/ses/{SEIDS[0]}/queue")).json()
    assert queue["running"] is None and timed["task"]["id"] in [q["task_id"] for q in queue["queued"]]

    cancelled = admin.post(api(f"/admin/tasks/{timed['task']['id']}/cancel")).json()
    assert cancelled["task"]["status"] == "cancelled" and {i["state"] for i in cancelled["items"]} == {"cancelled"}
    again = admin.post(api(f"/admin/tasks/{timed['task']['id']}/retry"))
    assert again.status_code == 409 and again.json()["code"] == "task.nothing_to_retry"

    # Failed SEs only are retried.
    with transaction(platform.sessions) as session:
        session.execute(sa.update(TaskItem).where(TaskItem.task_id == delayed["task"]["id"],
                                                  TaskItem.seid == SEIDS[1]).values(state="failed", reason="x.y"))
    shown = admin.get(api(f"/admin/tasks/{delayed['task']['id']}")).json()
    assert shown["failures"][0]["reason"] == "x.y" and shown["failures"][0]["seids"] == [SEIDS[1]]
    assert set(shown["failures"][0]) == {"reason", "count", "seids"}  # a code: the terminal words it
    retry = admin.post(api(f"/admin/tasks/{delayed['task']['id']}/retry")).json()
    assert [i["seid"] for i in retry["items"]] == [SEIDS[1]] and retry["task"]["retry_of"] == delayed["task"]["id"]


@SQLITE_ONLY
def test_bad_requests_get_typed_errors(platform: Platform) -> None:
    _seed(platform)
    admin, api = platform.login("admin"), platform.api
    cases = [
        (_task(target={"type": "seids", "seids": ["FFFF"]}), 422, "task.unknown_se"),
        (_task(target={"type": "range", "start": "00", "end": "01"}), 422, "task.no_targets"),
        (_task(target={"type": "batch", "batch": "nope"}), 404, "not_found"),
        (_task(operations=[{"kind": "migrate"}]), 422, "task.kind_not_remote"),
        (_task(operations=[]), 422, "request.invalid"),
        (_task(schedule="timed"), 422, "request.invalid"),
        (_task(target={"type": "range", "start": "zz", "end": "01"}), 422, "request.invalid"),
    ]
    for body, status, code in cases:
        reply = admin.post(api("/admin/tasks"), json=body)
        assert (reply.status_code, reply.json()["code"]) == (status, code), body
    assert admin.get(api("/admin/tasks/nope")).status_code == 404
    clerk = platform.login("clerk1")
    assert clerk.post(api("/admin/tasks"), json=_task()).status_code == 403
    assert clerk.get(api("/admin/tasks")).status_code == 403


@SQLITE_ONLY
def test_a_wrong_push_serial_is_refused_and_audited(platform: Platform) -> None:
    anonymous = platform.client()
    body = {"push_serial": "00" * 16, "card": {"atr": "3B00", "seid": SEIDS[0]}}
    reply = anonymous.post(platform.api("/push/pull"), json=body)
    assert reply.status_code == 404 and reply.json()["code"] == "push.unknown"
    step = anonymous.post(platform.api("/push/steps/1"), json={"step": 1}, headers={"X-Push-Serial": "11" * 16})
    assert step.status_code == 404
    assert anonymous.post(platform.api("/push/steps/1"), json={"step": 1}).status_code == 422
    with platform.sessions() as session:
        events = session.scalars(sa.select(AuditEntry.event).where(AuditEntry.event == "push.refused")).all()
    assert events == ["push.refused"]


@SQLITE_ONLY
def test_a_second_request_from_the_same_app_manager_asks_to_cancel_the_first(platform: Platform) -> None:
    _seed(platform)
    clerk, api = platform.login("clerk1"), platform.api
    first = clerk.post(api("/queue"), json={"seid": SEIDS[0], "operations": [{"kind": "download"}]})
    assert first.status_code == 200, first.text
    second = {"seid": SEIDS[0], "operations": [{"kind": "delete"}]}
    asked = clerk.post(api("/queue"), json=second)
    assert asked.status_code == 409 and asked.json()["code"] == "queue.pending"
    assert asked.json()["detail"] == {"task_id": first.json()["task"]["id"], "kinds": ["download"]}
    # Another app manager's request for the same SE just queues behind.
    other = platform.login("clerk2", terminal="counter-02")
    assert other.post(api("/queue"), json=second).status_code == 200
    replaced = clerk.post(api("/queue"), json={**second, "replace": True})
    assert replaced.status_code == 200
    admin = platform.login("admin")
    queue = admin.get(api(f"/admin/ses/{SEIDS[0]}/queue")).json()
    assert [q["kinds"] for q in queue["queued"]] == [["delete"], ["delete"]]
    assert admin.get(api(f"/admin/tasks/{first.json()['task']['id']}")).json()["task"]["status"] == "cancelled"
