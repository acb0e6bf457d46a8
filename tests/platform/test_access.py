"""A hostile terminal against the platform over real HTTPS (issue 9 items 5, 7, 8).

Enrolled terminals (mutual TLS), sessions (logout, idle, lock-out, argon2id rehash) and bounded
input, each refusal checked for its status, its stable code and its audit row.
"""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from ota.platform import tls
from ota.platform.db import transaction, utcnow
from ota.platform.models import AuditEntry, AuthSession, LoginThrottle, Operator, Terminal
from ota.platform.settings import PlatformSettings
from tests.platform.conftest import PASSWORDS, Platform, shared_pki


def _events(platform: Platform, event: str) -> list[dict]:
    with platform.sessions() as session:
        return list(session.scalars(sa.select(AuditEntry.detail).where(AuditEntry.event == event)))


def _login(client: requests.Session, platform: Platform, operator: str, terminal_id: str,
           password: str | None = None) -> requests.Response:
    return client.post(platform.api("/login"), json={
        "operator": operator, "password": password or PASSWORDS[operator][0], "terminal_id": terminal_id})


# --- item 5: enrolled terminals, mutual TLS ------------------------------------------------------


def test_kiosk_certificate_claiming_a_counter_id_is_refused(platform: Platform) -> None:
    kiosk = platform.client("kiosk-01")
    reply = _login(kiosk, platform, "clerk1", "counter-01")
    assert reply.status_code == 403 and reply.json()["code"] == "auth.terminal_mismatch"
    assert "password" not in reply.text
    [refused] = _events(platform, "login.refused")
    assert (refused["terminal"], refused["claimed_terminal"]) == ("kiosk-01", "counter-01")
    # Honest, the kiosk is a kiosk whatever the operator: no unlock, no download.
    kiosk = platform.login("clerk1", "kiosk-01")
    body = {"kind": "unlock", "card": {"atr": "3B00", "seid": "8686010000000000AA"}, "params": {},
            "idempotency_key": "k" * 16}
    refused_op = kiosk.post(platform.api("/operations"), json=body)
    assert refused_op.status_code == 403 and refused_op.json()["code"] == "policy.forbidden"


def test_no_certificate_or_a_foreign_ca_gets_no_connection(platform: Platform, tmp_path: Path) -> None:
    """A foreign CA's certificate fails the handshake; no certificate at all reaches only the
    routes that need none (/health, the wallet's push routes) and is refused, audited, elsewhere."""
    bare = platform.client(None)
    assert bare.get(platform.api("/health")).status_code == 200
    reply = _login(bare, platform, "clerk1", "counter-01")
    assert reply.status_code == 401 and reply.json()["code"] == "terminal.certificate_required"
    assert any(e["reason"] == "no_certificate" for e in _events(platform, "terminal.refused"))
    foreign = tls.generate(tmp_path / "foreign")
    creds = tls.issue_client_cert(foreign, "counter-01")
    tls.write_client_credentials(creds, tmp_path / "c.pem", tmp_path / "c.key")
    client = platform.client(None)
    client.cert = (str(tmp_path / "c.pem"), str(tmp_path / "c.key"))
    with pytest.raises((requests.exceptions.SSLError, requests.exceptions.ConnectionError)):
        client.get(platform.api("/health"))


def test_unenrolled_certificate_of_our_ca_is_refused_and_audited(platform: Platform) -> None:
    stray = shared_pki().issue("counter-01")  # right CA, right name, never enrolled
    client = platform.client(None)
    client.cert = stray.pair
    reply = _login(client, platform, "clerk1", "counter-01")
    assert reply.status_code == 403 and reply.json()["code"] == "terminal.unknown"
    assert any(e["reason"] == "unknown_certificate" for e in _events(platform, "terminal.refused"))


def test_revoked_terminal_is_refused_at_once(platform: Platform) -> None:
    clerk = platform.login("clerk2", "counter-02")
    assert clerk.get(platform.api("/operations")).status_code == 200
    admin = platform.login("admin")
    assert admin.post(platform.api("/admin/terminals/counter-02/revoke")).status_code == 200
    after = clerk.get(platform.api("/operations"))
    assert after.status_code == 403 and after.json()["code"] == "terminal.revoked"
    again = _login(platform.client("counter-02"), platform, "clerk2", "counter-02")
    assert again.status_code == 403 and again.json()["code"] == "terminal.revoked"
    assert len([e for e in _events(platform, "terminal.refused") if e["reason"] == "revoked"]) == 2
    assert _events(platform, "terminal.revoke")[0]["terminal"] == "counter-02"


def test_token_used_from_another_terminal_is_refused(platform: Platform) -> None:
    clerk = platform.login("clerk1", "counter-01")
    thief = platform.client("counter-02")
    thief.headers["Authorization"] = clerk.headers["Authorization"]
    reply = thief.get(platform.api("/operations"))
    assert reply.status_code == 401 and reply.json()["code"] == "auth.terminal_mismatch"
    assert any(e["reason"] == "auth.terminal_mismatch" for e in _events(platform, "auth.refused"))


def test_cli_enrols_lists_and_revokes(platform: Platform, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ota.platform import cli

    url = platform.db.url.render_as_string(hide_password=False)
    tls_dir = shared_pki().files.ca_cert.parent
    out = tmp_path / "config"
    assert cli.main(["terminal", "enrol", "laptop-07", "--kind", "laptop", "--hall", "hall-9",
                     "--region", "GD-GZ", "--db", url, "--tls-dir", str(tls_dir), "--out", str(out)]) == 0
    key = out / "terminal.key"
    assert key.stat().st_mode & 0o777 == 0o600
    client = platform.client(None)
    client.cert = (str(out / "terminal.pem"), str(key))
    reply = _login(client, platform, "clerk1", "laptop-07")
    assert reply.status_code == 200, reply.text
    assert (reply.json()["terminal_kind"], reply.json()["hall"]) == ("laptop", "hall-9")
    capsys.readouterr()
    assert cli.main(["terminal", "list", "--db", url]) == 0
    assert "laptop-07\tlaptop\thall-9\tGD-GZ\tactive" in capsys.readouterr().out
    assert cli.main(["terminal", "revoke", "laptop-07", "--db", url]) == 0
    client.headers["Authorization"] = f"Bearer {reply.json()['token']}"
    assert client.get(platform.api("/operations")).json()["code"] == "terminal.revoked"


# --- item 7: sessions ------------------------------------------------------------------------------


def test_token_after_logout_is_refused(platform: Platform) -> None:
    clerk = platform.login()
    assert clerk.post(platform.api("/logout")).status_code == 200
    reply = clerk.get(platform.api("/operations"))
    assert reply.status_code == 401 and reply.json()["code"] == "auth.invalid"
    assert _events(platform, "logout") and _events(platform, "auth.refused")


def test_idle_session_expires(platform: Platform) -> None:
    clerk = platform.login()
    assert clerk.get(platform.api("/operations")).status_code == 200
    with transaction(platform.sessions) as session:
        session.execute(sa.update(AuthSession).values(last_seen_at=utcnow() - timedelta(minutes=16)))
    reply = clerk.get(platform.api("/operations"))
    assert reply.status_code == 401 and reply.json()["code"] == "auth.idle_expired"
    with platform.sessions() as session:
        assert session.scalars(sa.select(AuthSession.revoked)).all() == [True]


def test_lockout_after_failed_logins_then_429_with_retry_after(platform: Platform) -> None:
    client = platform.client()
    for _ in range(platform.settings.login_max_failures):
        assert _login(client, platform, "admin", "counter-01", "wrong-guess").status_code == 401
    right = _login(client, platform, "admin", "counter-01")
    assert right.status_code == 429 and right.json()["code"] == "auth.locked"
    assert 1 <= int(right.headers["Retry-After"]) <= 300
    assert "token" not in right.json()
    assert _events(platform, "login.lockout") and _events(platform, "login.locked")
    # Another operator is not affected; the lock ends by itself.
    assert _login(client, platform, "clerk1", "counter-01").status_code == 200
    with transaction(platform.sessions) as session:
        session.execute(sa.update(LoginThrottle).values(locked_until=utcnow() - timedelta(seconds=1)))
    assert _login(client, platform, "admin", "counter-01").status_code == 200


def test_old_scrypt_hash_is_rehashed_to_argon2id_on_login(platform: Platform) -> None:
    salt = os.urandom(16)
    digest = hashlib.scrypt(b"pw-clerk2", salt=salt, n=2**14, r=8, p=1)
    with transaction(platform.sessions) as session:
        session.execute(sa.update(Operator).where(Operator.name == "clerk2").values(
            password_hash=f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"))
    assert _login(platform.client(), platform, "clerk2", "counter-01").status_code == 200
    with platform.sessions() as session:
        stored = session.scalars(sa.select(Operator.password_hash).where(Operator.name == "clerk2")).one()
    assert stored.startswith("$argon2id$")
    assert _events(platform, "operator.rehash")


# --- item 8: bounded input ---------------------------------------------------------------------------


def test_bad_input_is_4xx_never_500(platform: Platform) -> None:
    raw = platform.client()
    nul = raw.post(platform.api("/login"), json={"operator": "clerk1\x00", "password": "x", "terminal_id": "counter-01"})
    assert nul.status_code == 422 and nul.json()["code"] == "request.invalid"
    clerk = platform.login()
    op = "00000000-0000-0000-0000-000000000000"
    for step in (2**31, 2**63):
        in_url = clerk.post(platform.api(f"/operations/{op}/steps/{step}"), json={"step": 1})
        assert in_url.status_code == 422, in_url.text
        in_body = clerk.post(platform.api(f"/operations/{op}/steps/1"), json={"step": step})
        assert in_body.status_code == 422, in_body.text
    nan = clerk.post(
        platform.api("/operations"),
        data=b'{"kind":"query","card":{"atr":"3B00","seid":"86860100000000000001"},'
             b'"params":{"x":NaN},"idempotency_key":"nan-nan-nan"}',
        headers={"Content-Type": "application/json"},
    )
    assert nan.status_code == 422 and "NaN" in nan.json()["detail"]["problems"]
    big = clerk.post(platform.api("/operations"), data=b"{" + b" " * (10 * 1024 * 1024) + b"}",
                     headers={"Content-Type": "application/json"})
    assert big.status_code == 413 and big.json()["code"] == "request.too_large"
    nul_path = clerk.get(platform.api("/operations/%00abc"))
    assert nul_path.status_code == 422
    reasons = {e["reason"] for e in _events(platform, "request.refused")}
    assert {"request.invalid", "request.too_large", "request.nul"} <= reasons


def test_step_body_chunked_over_the_cap_is_refused(make_platform) -> None:  # noqa: ANN001
    platform = make_platform(PlatformSettings(max_body_bytes=64 * 1024))
    clerk = platform.login()

    def chunks():  # no Content-Length: the cap must hold while reading
        for _ in range(64):
            yield b" " * 4096

    reply = clerk.post(platform.api("/operations"), data=chunks(), headers={"Content-Type": "application/json"})
    assert reply.status_code == 413


def test_terminal_rows_carry_the_enrolment(platform: Platform) -> None:
    with platform.sessions() as session:
        row = session.get(Terminal, "counter-sz")
    assert row is not None and (row.kind, row.hall, row.region) == ("counter", "hall-sz", "GD-SZ")
    assert row.cert_fingerprint and len(row.cert_fingerprint) == 64
