from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from app.client import PlatformClient
from app.config import TerminalConfig
from app.errors import (
    LoginExpiredError,
    LoginFailedError,
    PlatformRefusedError,
    PlatformServerError,
    PlatformUnreachableError,
    ProtocolError,
)
from app.journal import Journal
from app.terminal import Terminal
from ota.protocol import CardIdentity, OperationKind, StartOperation, StepResult
from tests.app.httpstub import Reply, Seen, make_ca_and_server, serve

NOW = datetime(2026, 1, 1, tzinfo=UTC).isoformat()
LOGIN = {"token": "tok-123", "expires_at": NOW, "operator": "clerk1", "role": "clerk",
         "region": "GZ", "terminal_kind": "counter"}
VIEW = {"id": "op-9", "kind": "lock", "state": "done", "step": 2, "seid": "0102",
        "created_at": NOW, "updated_at": NOW}
BUSY = {"code": "se_busy", "params": {"kind": "lock"}}


def client(url: str, **kw: object) -> PlatformClient:
    return PlatformClient(url, requests.Session(), timeout=(1, 2), retries=3, retry_backoff=0.01, **kw)  # type: ignore[arg-type]


def start_request() -> StartOperation:
    return StartOperation(kind=OperationKind.LOCK, card=CardIdentity(atr="3B00", seid="0102"),
                          params={"app_id": "wallet"}, idempotency_key="key-12345678")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connection_refused_is_unreachable() -> None:
    c = client(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(PlatformUnreachableError) as info:
        c.health()
    assert info.value.code == "platform.unreachable"
    assert info.value.details["attempts"] == 4


def test_login_keeps_token_and_sends_it_as_bearer() -> None:
    def answer(seen: Seen) -> Reply:
        return Reply(body=LOGIN if seen.path.endswith("/login") else VIEW)

    with serve(answer) as stub:
        c = client(stub.url)
        info = c.login("clerk1", "secret", "T-1")
        c.get("op-9")
    assert info.operator == "clerk1" and info.region == "GZ"
    assert stub.seen[0].path == "/api/v1/login"
    assert json.loads(stub.seen[0].body) == {"operator": "clerk1", "password": "secret", "terminal_id": "T-1"}
    assert "Authorization" not in stub.seen[0].headers
    assert stub.seen[1].headers["Authorization"] == "Bearer tok-123"
    assert "tok-123" not in repr(c) and "secret" not in repr(c)


def test_login_refused_is_login_failed() -> None:
    body = {"code": "auth.invalid"}
    with serve(lambda s: Reply(401, body)) as stub, pytest.raises(LoginFailedError):
        client(stub.url).login("clerk1", "bad", "T-1")


def test_expired_token_is_login_expired() -> None:
    body = {"detail": {"code": "auth.expired"}}
    with serve(lambda s: Reply(401, body)) as stub, pytest.raises(LoginExpiredError) as info:
        client(stub.url).get("op-1")
    assert info.value.code == "auth.expired"


def test_server_error_carries_incident() -> None:
    body = {"code": "internal", "incident": "INC-42"}
    with serve(lambda s: Reply(500, body)) as stub, pytest.raises(PlatformServerError) as info:
        client(stub.url).get("op-1")
    assert info.value.incident == "INC-42" and info.value.status == 500


def test_server_error_without_body_still_typed() -> None:
    with serve(lambda s: Reply(503, "oops")) as stub, pytest.raises(PlatformServerError) as info:
        client(stub.url).health()
    assert info.value.incident is None


def test_refusal_has_both_languages() -> None:
    with serve(lambda s: Reply(409, BUSY)) as stub, pytest.raises(PlatformRefusedError) as info:
        client(stub.url).start(start_request())
    assert info.value.code == "se_busy"
    assert info.value.params == {"kind": "lock"}
    assert info.value.status == 409


def test_refusal_without_error_body() -> None:
    with serve(lambda s: Reply(422, {"detail": [{"msg": "bad"}]})) as stub, pytest.raises(PlatformRefusedError) as i:
        client(stub.url).start(start_request())
    assert i.value.code == "http.422"


def test_malformed_success_is_protocol_error() -> None:
    with serve(lambda s: Reply(200, {"id": 1})) as stub, pytest.raises(ProtocolError):
        client(stub.url).get("op-1")


def test_post_step_reposts_the_same_body_after_a_drop() -> None:
    calls = {"n": 0}

    def answer(seen: Seen) -> Reply:
        calls["n"] += 1
        return Reply(drop=True) if calls["n"] == 1 else Reply(body=VIEW)

    with serve(answer) as stub:
        result = StepResult(step=2, responses=["9000"])
        answer_view = client(stub.url).post_step("op-9", result)
    assert answer_view.id == "op-9"
    assert [s.path for s in stub.seen] == ["/api/v1/operations/op-9/steps/2"] * 2
    assert stub.seen[0].body == stub.seen[1].body


def test_start_retries_with_the_same_idempotency_key() -> None:
    calls = {"n": 0}

    def answer(seen: Seen) -> Reply:
        calls["n"] += 1
        return Reply(drop=True) if calls["n"] < 3 else Reply(body=VIEW)

    with serve(answer) as stub:
        client(stub.url).start(start_request())
    keys = {json.loads(s.body)["idempotency_key"] for s in stub.seen}
    assert len(stub.seen) == 3 and keys == {"key-12345678"}


def test_login_is_not_retried_after_the_request_was_sent() -> None:
    with serve(lambda s: Reply(drop=True)) as stub, pytest.raises(PlatformUnreachableError):
        client(stub.url).login("clerk1", "pw", "T-1")
    assert len(stub.seen) == 1


def test_read_timeout_gives_up_after_retries() -> None:
    with serve(lambda s: Reply(body=VIEW, delay=0.5)) as stub:
        c = PlatformClient(stub.url, requests.Session(), timeout=(1, 0.1), retries=1, retry_backoff=0.01)
        with pytest.raises(PlatformUnreachableError):
            c.get("op-1")
    assert len(stub.seen) == 2


def test_pinned_ca_accepts_its_server(tmp_path: Path) -> None:
    ca, ctx = make_ca_and_server(tmp_path / "good")
    with serve(lambda s: Reply(body={"status": "ok", "database": "sqlite", "version": "1"}), tls=ctx) as stub:
        assert client(stub.url, ca_file=str(ca)).health()["status"] == "ok"


def test_pinned_ca_rejects_another_server(tmp_path: Path) -> None:
    _ca, ctx = make_ca_and_server(tmp_path / "server")
    other_ca, _ = make_ca_and_server(tmp_path / "other")
    with serve(lambda s: Reply(body={}), tls=ctx) as stub, pytest.raises(PlatformUnreachableError) as info:
        client(stub.url, ca_file=str(other_ca)).health()
    assert info.value.details.get("tls") is True
    assert len(stub.seen) == 0


def test_list_operations_and_cancel_paths() -> None:
    def answer(seen: Seen) -> Reply:
        if seen.method == "GET":
            return Reply(body={"operations": [VIEW]})
        return Reply(body=VIEW)

    with serve(answer) as stub:
        c = client(stub.url)
        ops = c.list_operations(seid="0102")
        c.cancel("op-9")
    assert [o.id for o in ops] == ["op-9"]
    assert stub.seen[0].path == "/api/v1/operations?seid=0102"
    assert stub.seen[1].path == "/api/v1/operations/op-9/cancel"


# -- the retry policy classifies by exception type (urllib3 Retry), never by message text --------


def test_login_is_retried_while_the_connection_is_refused() -> None:
    c = client(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(PlatformUnreachableError) as info:
        c.login("clerk1", "pw", "T-1")
    assert info.value.details["attempts"] == 4  # never sent: as safe to retry as a read
    assert "NewConnectionError" in str(info.value)


def test_policy_retries_a_refused_connection_but_not_a_sent_login() -> None:
    from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError

    from app.client import _policy

    login = _policy(2, 0, after_sent=False)
    refused = NewConnectionError(None, "no")  # type: ignore[arg-type]
    assert login.increment("POST", "/login", error=refused).connect == 1
    # A read failure is not retried for login, even if its text looks like a refused connection.
    with pytest.raises(ProtocolError):
        login.increment("POST", "/login", error=ProtocolError("Connection refused"))
    safe = _policy(1, 0, after_sent=True)
    again = safe.increment("POST", "/operations/x/steps/2", error=ProtocolError("gone"))
    with pytest.raises(MaxRetryError) as info:
        again.increment("POST", "/operations/x/steps/2", error=ProtocolError("gone"))
    assert info.value.attempts == 2  # type: ignore[attr-defined]


def test_policy_never_retries_a_refused_certificate() -> None:
    import ssl

    from urllib3.exceptions import SSLError

    from app.client import _policy

    safe = _policy(3, 0, after_sent=True)
    refused = SSLError(ssl.SSLCertVerificationError(1, "some wording"))
    with pytest.raises(SSLError):
        safe.increment("GET", "/health", error=refused)
    cut = SSLError(ssl.SSLEOFError(8, "CERTIFICATE_VERIFY_FAILED"))  # a cut, whatever its text says
    assert safe.increment("GET", "/health", error=cut).other == 2


def test_pinned_ca_rejection_is_tried_once(tmp_path: Path) -> None:
    _ca, ctx = make_ca_and_server(tmp_path / "server")
    other_ca, _ = make_ca_and_server(tmp_path / "other")
    handshakes = {"n": 0}
    ctx.set_servername_callback(lambda *_: handshakes.__setitem__("n", handshakes["n"] + 1))
    with serve(lambda s: Reply(body={}), tls=ctx) as stub, pytest.raises(PlatformUnreachableError) as info:
        client(stub.url, ca_file=str(other_ca)).health()
    assert info.value.details.get("tls") is True
    assert handshakes["n"] == 1


@dataclass
class CountedTls:
    """A client logged in to a TLS stub that counts its handshakes: one per new connection."""

    client: PlatformClient
    stub: Any
    handshakes: int = 0


@pytest.fixture
def logged_in(tmp_path: Path) -> Iterator[CountedTls]:
    ca, ctx = make_ca_and_server(tmp_path / "server")
    with serve(lambda seen: Reply(body=LOGIN if seen.path.endswith("/login") else VIEW), tls=ctx) as stub:
        counted = CountedTls(client(stub.url, ca_file=str(ca)), stub)
        ctx.set_servername_callback(lambda *_: setattr(counted, "handshakes", counted.handshakes + 1))
        counted.client.login("clerk1", "secret", "T-1")  # the login's adapter (no retry after sending)
        yield counted


def test_login_and_the_calls_after_it_share_one_tls_connection(logged_in: CountedTls) -> None:
    """Issue 15 item 2: the first service after login does not pay a second TLS handshake."""
    logged_in.client.start(start_request())
    logged_in.client.get("op-9")
    assert [s.path for s in logged_in.stub.seen] == ["/api/v1/login", "/api/v1/operations", "/api/v1/operations/op-9"]
    assert logged_in.handshakes == 1


def test_close_drops_the_kept_alive_connection_and_the_client_goes_on(logged_in: CountedTls) -> None:
    """close() empties the one pool both adapters share: the next call makes a new handshake."""
    logged_in.client.close()
    logged_in.client.get("op-9")  # the retrying adapter: it does not keep the login's connection either
    assert logged_in.handshakes == 2
    logged_in.client.get("op-9")
    assert logged_in.handshakes == 2


def test_terminal_close_drops_the_clients_kept_alive_connection(logged_in: CountedTls, tmp_path: Path) -> None:
    """Not only the session's pool: a connection left open held a stopping in-process platform for
    its grace period (10 s per PC/SC demo teardown before the server stopped waiting)."""
    journal = Journal(tmp_path / "journal.sqlite3")
    terminal = Terminal(TerminalConfig(), logged_in.client, journal, reader_factory=lambda *_: None)  # type: ignore[arg-type]
    terminal.close()
    logged_in.client.get("op-9")
    assert logged_in.handshakes == 2
