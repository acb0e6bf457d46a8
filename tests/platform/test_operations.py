"""The relay over real HTTPS: start, steps, retries, idempotency, cancel, incidents."""

from __future__ import annotations

import uuid

import requests

from ota.protocol import OperationView
from tests.platform.conftest import Platform
from tests.platform.flows import SECRET, EchoFlow

SEID = "86860100000000000001"
CARD = {"atr": "3B8F8001804F0CA000000306030001000000006A", "seid": SEID, "cplc": ""}
CPLC_RESPONSE = "9F7F2A" + "00" * 42 + "9000"


def start(client: requests.Session, platform: Platform, kind: str = "query", **extra: object) -> requests.Response:
    body = {"kind": kind, "card": CARD, "params": {}, "idempotency_key": uuid.uuid4().hex, **extra}
    return client.post(platform.api("/operations"), json=body)


def step(client: requests.Session, platform: Platform, op_id: str, n: int, **body: object) -> requests.Response:
    payload = {"step": n, "responses": [CPLC_RESPONSE], "completed": True, **body}
    return client.post(platform.api(f"/operations/{op_id}/steps/{n}"), json=payload)


def echo_flow(platform: Platform) -> EchoFlow:
    flow = platform.app.state.operations.registry.get("query")
    assert isinstance(flow, EchoFlow)
    return flow


def test_start_and_steps_until_done(platform: Platform) -> None:
    client = platform.login()
    first = start(client, platform)
    assert first.status_code == 200, first.text
    view = OperationView.model_validate(first.json())
    assert (view.state, view.step) == ("running", 1)
    assert view.script is not None and view.script.step == 1
    assert view.script.commands[0].apdu == "80CA9F7F00"
    assert view.script.commands[0].accept == ["9000", "6A88"]
    assert "note_zh" not in first.json()["script"] and "note_en" not in first.json()["script"]  # codes, not prose

    second = OperationView.model_validate(step(client, platform, view.id, 1).json())
    assert (second.state, second.step) == ("running", 2)
    assert second.script is not None and second.script.commands[0].apdu == "80CA006600"

    done = step(client, platform, view.id, 2, responses=["66039000"])
    final = OperationView.model_validate(done.json())
    assert final.state == "done" and final.script is None
    assert final.result == {"cplc": CPLC_RESPONSE, "card_data": "66039000", "seid": SEID, "msisdn": None}
    fetched = client.get(platform.api(f"/operations/{view.id}")).json()
    assert fetched["state"] == "done"


def test_step_posted_twice_returns_stored_answer_and_runs_once(platform: Platform) -> None:
    client = platform.login()
    op_id = start(client, platform).json()["id"]
    calls_before = echo_flow(platform).advance_calls
    a = step(client, platform, op_id, 1)
    b = step(client, platform, op_id, 1)
    assert a.status_code == b.status_code == 200
    assert a.json() == b.json()
    assert echo_flow(platform).advance_calls == calls_before + 1


def test_step_posted_again_with_other_body_conflicts(platform: Platform) -> None:
    client = platform.login()
    op_id = start(client, platform).json()["id"]
    assert step(client, platform, op_id, 1).status_code == 200
    other = step(client, platform, op_id, 1, responses=["6A82"], completed=False)
    assert other.status_code == 409
    assert other.json()["code"] == "step.conflict"


def test_step_out_of_order_and_mismatched_number(platform: Platform) -> None:
    client = platform.login()
    op_id = start(client, platform).json()["id"]
    ahead = step(client, platform, op_id, 3)
    assert ahead.status_code == 409 and ahead.json()["detail"]["expected"] == 1
    mismatch = client.post(
        platform.api(f"/operations/{op_id}/steps/1"), json={"step": 2, "responses": []}
    )
    assert mismatch.status_code == 422 and mismatch.json()["code"] == "step.mismatch"


def test_card_refusal_fails_the_operation(platform: Platform) -> None:
    client = platform.login()
    op_id = start(client, platform).json()["id"]
    failed = step(client, platform, op_id, 1, responses=["6A82"], completed=False).json()
    assert failed["state"] == "failed"
    assert failed["error"]["code"] == "card.status" and "message_zh" not in failed["error"]
    assert client.get(platform.api("/admin/links")).status_code == 403
    admin = platform.login("admin")
    assert admin.get(platform.api("/admin/links")).json()["links"] == []


def test_idempotency_key_returns_the_same_operation(platform: Platform) -> None:
    client = platform.login()
    key = uuid.uuid4().hex
    a = start(client, platform, idempotency_key=key)
    b = start(client, platform, idempotency_key=key)
    assert a.status_code == b.status_code == 200
    assert a.json()["id"] == b.json()["id"]
    listed = client.get(platform.api("/operations")).json()["operations"]
    assert len(listed) == 1
    other = start(client, platform, idempotency_key=key, params={"different": True})
    assert other.status_code == 409 and other.json()["code"] == "idempotency.conflict"


def test_cancel_releases_the_link(platform: Platform) -> None:
    client = platform.login()
    op_id = start(client, platform).json()["id"]
    cancelled = client.post(platform.api(f"/operations/{op_id}/cancel"))
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    again = client.post(platform.api(f"/operations/{op_id}/cancel"))
    assert again.json()["state"] == "cancelled"
    late = step(client, platform, op_id, 1)
    assert late.status_code == 409 and late.json()["code"] == "operation.not_running"
    assert start(client, platform).status_code == 200  # the SE is free again


def test_cancel_after_done_is_refused(platform: Platform) -> None:
    client = platform.login()
    op_id = start(client, platform).json()["id"]
    step(client, platform, op_id, 1)
    step(client, platform, op_id, 2)
    refused = client.post(platform.api(f"/operations/{op_id}/cancel"))
    assert refused.status_code == 409 and refused.json()["code"] == "operation.finished"


def test_list_filters_and_visibility(platform: Platform) -> None:
    clerk1, clerk2, admin = platform.login("clerk1"), platform.login("clerk2"), platform.login("admin")
    op_id = start(clerk1, platform).json()["id"]
    assert [o["id"] for o in clerk1.get(platform.api("/operations"), params={"seid": SEID}).json()["operations"]] == [op_id]
    assert clerk1.get(platform.api("/operations"), params={"state": "done"}).json()["operations"] == []
    assert clerk2.get(platform.api("/operations")).json()["operations"] == []
    hidden = clerk2.get(platform.api(f"/operations/{op_id}"))
    assert hidden.status_code == 404 and hidden.json()["code"] == "not_found"
    assert admin.get(platform.api(f"/operations/{op_id}")).status_code == 200
    bad_filter = clerk1.get(platform.api("/operations"), params={"state": "sleeping"})
    assert bad_filter.status_code == 422 and bad_filter.json()["code"] == "request.invalid"


def test_flow_exception_becomes_incident_without_traceback(platform: Platform, caplog) -> None:
    client = platform.login()
    op_id = start(client, platform, kind="lock").json()["id"]
    with caplog.at_level("ERROR", logger="ota.platform.engine"):
        reply = step(client, platform, op_id, 1)
    assert reply.status_code == 200
    body = reply.json()
    assert body["state"] == "failed" and body["error"]["code"] == "internal"
    incident = body["error"]["incident"]
    assert incident and body["error"]["incident"] == incident
    assert SECRET not in reply.text and "Traceback" not in reply.text
    assert any(incident in r.getMessage() and r.exc_info for r in caplog.records)
    # The SE is free again and the retried step gets the same answer.
    assert step(client, platform, op_id, 1).json() == body
    assert start(client, platform, kind="lock").status_code == 200


def test_unexpected_route_error_gives_incident(platform: Platform, monkeypatch) -> None:
    client = platform.login()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("db-password-123")

    monkeypatch.setattr(platform.app.state.operations, "list", broken)
    reply = client.get(platform.api("/operations"))
    assert reply.status_code == 500
    body = reply.json()
    assert body["code"] == "internal" and body["incident"]
    assert "db-password-123" not in reply.text


def test_kiosk_may_not_unlock(platform: Platform) -> None:
    kiosk = platform.login("kiosk1", "kiosk-01")
    refused = start(kiosk, platform, kind="unlock")
    assert refused.status_code == 403 and refused.json()["code"] == "policy.forbidden"
    assert start(platform.login("clerk1"), platform, kind="unlock").status_code == 200


def test_unsupported_kind_and_bad_requests(platform: Platform) -> None:
    client = platform.login()
    unsupported = start(client, platform, kind="delete")
    assert unsupported.status_code == 422 and unsupported.json()["code"] == "operation.unsupported"
    bad_hex = start(client, platform, card={**CARD, "seid": "XYZ"})
    assert bad_hex.status_code == 422 and bad_hex.json()["code"] == "request.invalid"
    unknown = client.get(platform.api("/nothing-here"))
    assert unknown.status_code == 404 and unknown.json()["code"] == "http.404"
    assert client.get(platform.api("/operations/does-not-exist")).status_code == 404


def test_need_card_then_second_se_is_leased(platform: Platform) -> None:
    client, admin = platform.login(), platform.login("admin")
    view = start(client, platform, kind="migrate").json()
    assert view["state"] == "need_card" and view["need_card"]["role"] == "target"
    missing = client.post(platform.api(f"/operations/{view['id']}/steps/1"), json={"step": 1})
    assert missing.status_code == 422 and missing.json()["code"] == "step.card_missing"
    target = {**CARD, "seid": "86860100000000000002"}
    running = client.post(
        platform.api(f"/operations/{view['id']}/steps/1"), json={"step": 1, "card": target}
    ).json()
    assert running["state"] == "running" and running["step"] == 2
    links = {link["seid"] for link in admin.get(platform.api("/admin/links")).json()["links"]}
    assert links == {SEID, "86860100000000000002"}
    done = step(client, platform, view["id"], 2).json()
    assert done["result"] == {
        "source": SEID, "target": "86860100000000000002", "seid": SEID, "msisdn": None,
    }
    assert admin.get(platform.api("/admin/links")).json()["links"] == []


def test_health_and_openapi(platform: Platform) -> None:
    client = platform.client()
    health = client.get(platform.api("/health")).json()
    assert health["status"] == "ok" and health["database"] in ("sqlite", "postgresql")
    spec = client.get(platform.api("/openapi.json")).json()
    assert "/api/v1/operations/{op_id}/steps/{n}" in spec["paths"]
    assert "ErrorBody" in spec["components"]["schemas"]
