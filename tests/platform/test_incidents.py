"""An unexpected exception answers ``500 internal`` with an incident id for every method, over real
HTTPS, and the connection stays usable (ota/platform/incidents.py).  Before, a POST's exception
went on from Starlette's ServerErrorMiddleware to the server, which closed the connection: the
client's next request on it met a closed socket."""

from __future__ import annotations

import logging
import uuid

import pytest
import requests
import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from app.client import PlatformClient
from app.errors import PlatformServerError
from ota.protocol import API_PREFIX, CardIdentity, OperationKind, StartOperation
from tests.platform.conftest import Platform, terminal_cert
from tests.platform.test_operations import CARD

SECRET = "db-password-123"
BROKEN = f"{API_PREFIX}/test-broken"


def _broken_routes() -> APIRouter:
    """Test-only routes that fail the ways a real route could."""
    router = APIRouter(prefix=BROKEN)

    @router.get("/get")
    def get() -> None:
        raise KeyError(SECRET)

    @router.post("/post")
    def post(body: StartOperation) -> None:
        raise RuntimeError(f"{SECRET} {body.kind}")

    @router.get("/stream")
    def stream() -> StreamingResponse:
        def chunks():  # noqa: ANN202
            yield b"the first part, "
            raise KeyError(SECRET)

        return StreamingResponse(chunks(), media_type="text/plain")

    @router.get("/sql")
    def sql(request: Request) -> None:
        with request.app.state.sessions() as session:
            session.execute(sa.text(f"SELECT '{SECRET}' FROM no_such_table"))

    return router


@pytest.fixture
def broken(platform: Platform) -> Platform:
    platform.app.include_router(_broken_routes())  # type: ignore[attr-defined]
    return platform


def _incident_of(reply: requests.Response, caplog: pytest.LogCaptureFixture) -> str:
    assert reply.status_code == 500, reply.text
    body = reply.json()
    assert body["code"] == "internal" and body["incident"], body
    assert SECRET not in reply.text and "Traceback" not in reply.text
    [logged] = [r for r in caplog.records if body["incident"] in r.getMessage()]
    assert logged.exc_info is not None  # the traceback, under the incident id, in the server's log only
    return str(body["incident"])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_method_answers_an_incident_on_a_connection_that_stays_open(
    broken: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    client = broken.client("counter-01")
    post = {"kind": "query", "card": CARD, "params": {}, "idempotency_key": uuid.uuid4().hex}
    with caplog.at_level(logging.ERROR):
        first = _incident_of(client.get(broken.url + BROKEN + "/get"), caplog)
        # the same kept-alive connection carries the next requests (requests reuses it)
        second = _incident_of(client.post(broken.url + BROKEN + "/post", json=post), caplog)
        third = _incident_of(client.post(broken.url + BROKEN + "/post", json=post), caplog)
        assert client.get(broken.api("/health")).status_code == 200
    assert len({first, second, third}) == 3
    # logged once, by us: nothing reached the server's "Exception in ASGI application"
    assert not [r for r in caplog.records if r.name.startswith("uvicorn") and r.levelno >= logging.ERROR]

    # An answer already under way cannot turn into a 500: it breaks off, never looks complete.
    with caplog.at_level(logging.ERROR), pytest.raises(requests.exceptions.ChunkedEncodingError):
        client.get(broken.url + BROKEN + "/stream").content  # noqa: B018
    assert [r for r in caplog.records if "incident" in r.getMessage() and "/stream" in r.getMessage()]
    assert client.get(broken.api("/health")).status_code == 200


def test_a_database_error_is_an_incident(broken: Platform, caplog: pytest.LogCaptureFixture) -> None:
    client = broken.client("counter-01")
    with caplog.at_level(logging.ERROR):
        _incident_of(client.get(broken.url + BROKEN + "/sql"), caplog)
    assert client.get(broken.api("/health")).status_code == 200


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_terminal_gets_the_incident_id(
    platform: Platform, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_start(*_args: object) -> None:
        raise KeyError(SECRET)

    monkeypatch.setattr(platform.app.state.operations, "start", broken_start)  # type: ignore[attr-defined]
    terminal = PlatformClient(platform.url, requests.Session(), ca_file=str(platform.ca), retries=0,
                              client_cert=terminal_cert("counter-01"))
    terminal.login("clerk1", "pw-clerk1", "counter-01")
    request = StartOperation(kind=OperationKind.QUERY, card=CardIdentity.model_validate(CARD), idempotency_key=uuid.uuid4().hex)
    with caplog.at_level(logging.ERROR), pytest.raises(PlatformServerError) as failed:
        terminal.start(request)
    assert failed.value.incident and any(failed.value.incident in r.getMessage() for r in caplog.records)
    assert failed.value.code == "platform.server_error" and SECRET not in str(failed.value)
    terminal.close()
