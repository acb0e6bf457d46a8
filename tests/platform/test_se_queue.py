"""The per-SE queue (seed §5.8.8): a second terminal waits, then runs; cancel-previous; the admin
lists the SE's work and ends the running one.  Over real HTTPS, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa

from ota.platform.models import AuditEntry
from ota.platform.settings import PlatformSettings
from tests.platform.conftest import Platform
from tests.platform.test_operations import SEID, start, step

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def queued_start(client: requests.Session, platform: Platform, **extra: object) -> requests.Response:
    return start(client, platform, wait_in_queue=True, **extra)


def wait(client: requests.Session, platform: Platform, op_id: str, timeout: float = 5) -> dict:
    reply = client.post(platform.api(f"/operations/{op_id}/wait"), params={"timeout": timeout})
    assert reply.status_code == 200, reply.text
    return reply.json()


def finish(client: requests.Session, platform: Platform, op_id: str) -> None:
    for n in (1, 2):
        assert step(client, platform, op_id, n).status_code == 200
    assert client.get(platform.api(f"/operations/{op_id}")).json()["state"] == "done"


def audit_events(platform: Platform, prefix: str) -> list[str]:
    with platform.sessions() as session:
        query = sa.select(AuditEntry.event).where(AuditEntry.event.like(f"{prefix}%"))
        return list(session.scalars(query))


def test_second_terminal_waits_then_runs(platform: Platform) -> None:
    clerk1, clerk2 = platform.login("clerk1"), platform.login("clerk2", "counter-02")
    first = queued_start(clerk1, platform).json()
    assert first["state"] == "running" and first["queue"] is None
    second = queued_start(clerk2, platform)
    assert second.status_code == 200, second.text
    waiting = second.json()
    assert waiting["state"] == "queued" and waiting["script"] is None
    assert waiting["queue"] == {"position": 1, "ahead": 1}
    # Still busy: the long-poll answers with the place after its time-out.
    assert wait(clerk2, platform, waiting["id"], timeout=0.2)["state"] == "queued"
    # The long-poll is held while the first terminal finishes, then hands over the first script.
    answers: list[dict] = []
    poll = threading.Thread(target=lambda: answers.append(wait(clerk2, platform, waiting["id"], timeout=20)))
    poll.start()
    finish(clerk1, platform, first["id"])
    poll.join(30)
    assert answers and answers[0]["state"] == "running" and answers[0]["script"]["step"] == 1
    finish(clerk2, platform, waiting["id"])
    assert {"operation.queued", "operation.dequeued"} <= set(audit_events(platform, "operation."))


@sqlite_only
def test_queue_order_no_jumping_and_the_admin_ends_the_running_one(platform: Platform) -> None:
    clerk1, clerk2, admin = platform.login("clerk1"), platform.login("clerk2", "counter-02"), platform.login("admin")
    clerk3 = platform.login("clerk2", "counter-01")
    running = queued_start(clerk1, platform).json()["id"]
    second = queued_start(clerk2, platform).json()
    third = queued_start(clerk3, platform).json()
    assert (second["queue"]["position"], third["queue"]["position"]) == (1, 2)
    assert third["queue"]["ahead"] == 2
    # A client that cannot wait is refused while others wait, with kiosk-safe words.
    refused = start(platform.login("clerk1", "counter-02"), platform)
    assert refused.status_code == 409 and refused.json()["code"] == "se_busy"
    assert SEID not in refused.text and second["id"] not in refused.text
    assert audit_events(platform, "operation.refused") == ["operation.refused"]  # every refusal is audited
    # The administrator sees the SE's running and queued work; a clerk may not.
    assert clerk2.get(platform.api(f"/admin/ses/{SEID}/queue")).status_code == 403
    view = admin.get(platform.api(f"/admin/ses/{SEID}/queue")).json()
    assert view["running"]["operation_id"] == running and view["running"]["operator"] == "clerk1"
    assert [(q["operation_id"], q["operator"], q["position"]) for q in view["operations"]] == [
        (second["id"], "clerk2", 1), (third["id"], "clerk2", 2)]
    # ... and ends the running one (audited); the head of the queue takes the SE, in order.
    assert admin.post(platform.api(f"/admin/links/{SEID}/abort")).json()["error"]["code"] == "operation.aborted"
    assert "link.abort" in audit_events(platform, "link.")
    assert wait(clerk3, platform, third["id"], timeout=0)["state"] == "queued"  # not its turn
    assert wait(clerk2, platform, second["id"], timeout=0)["state"] == "running"
    assert clerk3.get(platform.api(f"/operations/{third['id']}")).json()["queue"] == {"position": 1, "ahead": 1}
    after = admin.get(platform.api(f"/admin/ses/{SEID}/queue")).json()
    assert after["running"]["operation_id"] == second["id"]
    assert [q["operation_id"] for q in after["operations"]] == [third["id"]]


@sqlite_only
def test_a_new_request_asks_to_cancel_the_waiting_one(platform: Platform) -> None:
    clerk1, clerk2 = platform.login("clerk1"), platform.login("clerk2", "counter-02")
    queued_start(clerk1, platform)
    waiting = queued_start(clerk2, platform).json()
    again = queued_start(clerk2, platform, kind="lock")
    assert again.status_code == 409
    answer = again.json()
    assert answer["code"] == "queue.previous_waiting"
    assert answer["detail"] == {"previous": waiting["id"], "kind": "query", "position": 1}
    assert SEID not in str(answer["params"])
    assert audit_events(platform, "operation.refused") == ["operation.refused"]  # the question is audited too
    replaced = queued_start(clerk2, platform, kind="lock", cancel_previous=True)
    assert replaced.status_code == 200 and replaced.json()["state"] == "queued"
    earlier = clerk2.get(platform.api(f"/operations/{waiting['id']}")).json()
    assert earlier["state"] == "cancelled" and earlier["error"]["code"] == "queue.replaced"
    # The terminal may also simply cancel what waits.
    cancelled = clerk2.post(platform.api(f"/operations/{replaced.json()['id']}/cancel")).json()
    assert cancelled["state"] == "cancelled"
    assert queued_start(clerk2, platform).json()["state"] == "queued"  # nothing left to ask about


@sqlite_only
def test_a_vanished_waiter_leaves_the_queue_and_an_idle_lease_still_expires(make_platform) -> None:  # type: ignore[no-untyped-def]
    platform = make_platform(PlatformSettings(lease_ttl=timedelta(seconds=1)))
    clerk1, clerk2 = platform.login("clerk1"), platform.login("clerk2", "counter-02")
    clerk3 = platform.login("clerk2", "counter-01")
    running = queued_start(clerk1, platform).json()["id"]
    gone = queued_start(clerk2, platform).json()["id"]  # this terminal never polls again
    later = queued_start(clerk3, platform).json()["id"]
    time.sleep(1.3)
    assert wait(clerk3, platform, later, timeout=0)["state"] == "running"
    dropped = clerk2.get(platform.api(f"/operations/{gone}")).json()
    assert dropped["state"] == "failed" and dropped["error"]["code"] == "queue.expired"
    expired = clerk1.get(platform.api(f"/operations/{running}")).json()
    assert expired["state"] == "failed" and expired["error"]["code"] == "lease.expired"


@sqlite_only
def test_cli_lists_the_se_queue_and_ends_the_running_one(
    platform: Platform, capsys: pytest.CaptureFixture[str]
) -> None:
    from ota.platform.cli import main

    clerk1, clerk2 = platform.login("clerk1"), platform.login("clerk2", "counter-02")
    running = queued_start(clerk1, platform).json()["id"]
    waiting = queued_start(clerk2, platform).json()["id"]
    db = ["--db", platform.db.url.render_as_string(hide_password=False)]
    assert main(["se-queue", SEID.lower(), *db]) == 0
    out = capsys.readouterr().out
    assert f"running query {running} by clerk1" in out and f"1. query         {waiting} by clerk2" in out
    assert main(["se-queue", SEID, "--end-running", "--as", "admin", "--json", *db]) == 0
    after = json.loads(capsys.readouterr().out)
    assert after["running"] is None and [q["operation_id"] for q in after["operations"]] == [waiting]
    ended = clerk1.get(platform.api(f"/operations/{running}")).json()
    assert ended["state"] == "cancelled" and ended["error"]["code"] == "operation.aborted"
    assert "link.abort" in audit_events(platform, "link.")
    assert main(["se-queue", SEID, "--end-running", *db]) == 1  # nothing running now
    assert "not_found" in capsys.readouterr().err
    assert wait(clerk2, platform, waiting, timeout=0)["state"] == "running"


class _Phone:
    """A card that answers every APDU with data and 9000 (the echo flow only reads)."""

    def transmit(self, apdu: bytes) -> bytes:
        return bytes.fromhex("9F7F2A" + "00" * 42 + "9000")


@sqlite_only
def test_the_terminal_shows_its_place_and_runs_when_the_se_is_free(platform: Platform) -> None:
    from app.client import PlatformClient
    from app.relay import relay_operation
    from ota.protocol import CardIdentity, StartOperation
    from tests.platform.conftest import terminal_cert
    from tests.platform.test_operations import CARD

    clerk1 = platform.login("clerk1")
    running = queued_start(clerk1, platform).json()["id"]
    terminal = PlatformClient(platform.url, requests.Session(), ca_file=str(platform.ca),
                              client_cert=terminal_cert("counter-02"))
    terminal.login("clerk2", "pw-clerk2", "counter-02")
    first = terminal.start(StartOperation(kind="query", card=CardIdentity.model_validate(CARD),
                                          idempotency_key="queued-terminal-1", wait_in_queue=True))
    seen: list[tuple[str, int | None]] = []
    threading.Timer(0.5, lambda: finish(clerk1, platform, running)).start()
    final = relay_operation(terminal, _Phone(), first,
                            on_view=lambda v: seen.append((v.state.value, v.queue.position if v.queue else None)))
    assert seen[0] == ("queued", 1) and final.state.value == "done"
    assert ("running", None) in seen
    terminal.session.close()
