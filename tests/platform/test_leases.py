"""One link per SE (seed §5.8.8): concurrent clients, refusal with reason, admin abort, expiry."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

import requests

from ota.platform.settings import PlatformSettings
from tests.platform.conftest import Platform
from tests.platform.test_operations import SEID, start, step


def test_concurrent_starts_on_one_se_one_wins(platform: Platform) -> None:
    clients = [platform.login("clerk1"), platform.login("clerk2", "counter-02")]
    barrier = threading.Barrier(len(clients))
    replies: list[requests.Response] = []

    def run(client: requests.Session) -> None:
        barrier.wait()
        replies.append(start(client, platform))

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    codes = sorted(r.status_code for r in replies)
    assert codes == [200, 409], [r.text for r in replies]
    winner = next(r for r in replies if r.status_code == 200).json()
    busy = next(r for r in replies if r.status_code == 409).json()
    assert busy["code"] == "se_busy"
    assert winner["id"] not in str(busy) and SEID not in str(busy)  # kiosk-safe words (issue 9)
    assert busy["params"] == {"kind": "query"} and "message_zh" not in busy


def test_many_concurrent_steps_and_starts_keep_one_link(platform: Platform) -> None:
    owner = platform.login("clerk1")
    op_id = start(owner, platform).json()["id"]
    others = [platform.login("clerk2", "counter-02") for _ in range(4)]
    results: list[int] = []

    def hammer(client: requests.Session) -> None:
        for _ in range(3):
            results.append(start(client, platform).status_code)

    threads = [threading.Thread(target=hammer, args=(c,)) for c in others]
    threads.append(threading.Thread(target=lambda: results.append(step(owner, platform, op_id, 1).status_code)))
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results.count(409) == 12 and results.count(200) == 1
    admin = platform.login("admin")
    links = admin.get(platform.api("/admin/links")).json()["links"]
    assert [(link["seid"], link["operation_id"]) for link in links] == [(SEID, op_id)]


def test_admin_lists_and_aborts_a_link(platform: Platform) -> None:
    clerk1, clerk2, admin = platform.login("clerk1"), platform.login("clerk2", "counter-02"), platform.login("admin")
    op_id = start(clerk1, platform).json()["id"]
    links = admin.get(platform.api("/admin/links")).json()["links"]
    assert links[0]["operation_id"] == op_id and links[0]["operator"] == "clerk1"
    assert links[0]["kind"] == "query"
    refused = clerk2.post(platform.api(f"/admin/links/{SEID}/abort"))
    assert refused.status_code == 403 and refused.json()["code"] == "policy.forbidden"
    aborted = admin.post(platform.api(f"/admin/links/{SEID}/abort"))
    assert aborted.status_code == 200
    assert aborted.json()["state"] == "cancelled"
    assert aborted.json()["error"]["code"] == "operation.aborted"
    assert admin.get(platform.api("/admin/links")).json()["links"] == []
    late = step(clerk1, platform, op_id, 1)
    assert late.status_code == 409 and late.json()["detail"]["state"] == "cancelled"
    assert start(clerk2, platform).status_code == 200
    missing = admin.post(platform.api("/admin/links/0102030405/abort"))
    assert missing.status_code == 404


def test_stale_link_is_taken_over(make_platform: Callable[..., Platform]) -> None:
    platform = make_platform(PlatformSettings(lease_ttl=timedelta(seconds=1)))
    clerk1, clerk2 = platform.login("clerk1"), platform.login("clerk2", "counter-02")
    old = start(clerk1, platform).json()["id"]
    assert start(clerk2, platform).status_code == 409
    time.sleep(1.2)
    new = start(clerk2, platform)
    assert new.status_code == 200 and new.json()["id"] != old
    stale = clerk1.get(platform.api(f"/operations/{old}")).json()
    assert stale["state"] == "failed" and stale["error"]["code"] == "lease.expired"
    refused = step(clerk1, platform, old, 1)
    assert refused.status_code == 409 and refused.json()["code"] == "operation.not_running"


def test_steps_renew_the_link(make_platform: Callable[..., Platform]) -> None:
    platform = make_platform(PlatformSettings(lease_ttl=timedelta(seconds=2)))
    clerk1, clerk2 = platform.login("clerk1"), platform.login("clerk2", "counter-02")
    op_id = start(clerk1, platform).json()["id"]
    time.sleep(1.2)
    assert step(clerk1, platform, op_id, 1).status_code == 200
    time.sleep(1.2)  # 2.4 s after the start, but only 1.2 s after the renewing step
    busy = start(clerk2, platform, idempotency_key=uuid.uuid4().hex)
    assert busy.status_code == 409 and busy.json()["code"] == "se_busy"


def test_taken_over_link_is_held_by_the_new_operation(make_platform: Callable[..., Platform]) -> None:
    platform = make_platform(PlatformSettings(lease_ttl=timedelta(seconds=1)))
    clerk1, clerk2 = platform.login("clerk1"), platform.login("clerk2", "counter-02")
    start(clerk1, platform)
    time.sleep(1.2)
    assert start(clerk2, platform, idempotency_key=uuid.uuid4().hex).status_code == 200
    third = start(clerk1, platform, idempotency_key=uuid.uuid4().hex)
    assert third.status_code == 409 and third.json()["code"] == "se_busy"
