"""Login, bearer tokens and their audit rows."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ota.platform import auth
from ota.platform.db import transaction, utcnow
from ota.platform.models import AuditEntry, AuthSession
from tests.platform.conftest import TERMINALS, Platform


def _login(platform: Platform, operator: str, password: str, terminal: str = "counter-01"):
    """Log in from ``terminal`` (its certificate); an unknown id is claimed from counter-01."""
    return platform.client(terminal if terminal in TERMINALS else "counter-01").post(
        platform.api("/login"), json={"operator": operator, "password": password, "terminal_id": terminal}
    )


def test_login_ok_gives_role_region_and_terminal_kind(platform: Platform) -> None:
    reply = _login(platform, "kiosk1", "pw-kiosk1", "kiosk-01")
    assert reply.status_code == 200
    body = reply.json()
    assert (body["operator"], body["role"], body["region"], body["terminal_kind"]) == (
        "kiosk1", "kiosk", "GD-GZ", "kiosk"
    )
    assert len(body["token"]) >= 40
    with platform.sessions() as session:
        stored = session.scalars(sa.select(AuthSession.token_hash)).all()
        events = session.scalars(sa.select(AuditEntry.event)).all()
    assert auth.token_hash(body["token"]) in stored and body["token"] not in stored
    assert "login" in events


def test_login_bad_password_unknown_user_and_terminal(platform: Platform) -> None:
    for operator, password, terminal, status, code in (
        ("clerk1", "Guess-7781", "counter-01", 401, "auth.bad_credentials"),
        ("nobody", "pw-clerk1", "counter-01", 401, "auth.bad_credentials"),
        ("clerk1", "pw-clerk1", "counter-99", 403, "auth.terminal_mismatch"),
    ):
        reply = _login(platform, operator, password, terminal)
        assert reply.status_code == status, reply.text
        assert reply.json()["code"] == code and "message_zh" not in reply.json()
        assert "Guess-7781" not in reply.text and "pw-clerk1" not in reply.text
    with platform.sessions() as session:
        events = session.scalars(sa.select(AuditEntry.event)).all()
    assert events.count("login.failed") == 2 and events.count("login.refused") == 1


def test_missing_invalid_and_expired_tokens(platform: Platform) -> None:
    client = platform.client()
    missing = client.get(platform.api("/operations"))
    assert missing.status_code == 401 and missing.json()["code"] == "auth.invalid"
    assert missing.headers["WWW-Authenticate"] == "Bearer"
    forged = client.get(platform.api("/operations"), headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401 and forged.json()["code"] == "auth.invalid"
    logged_in = platform.login()
    assert logged_in.get(platform.api("/operations")).status_code == 200
    with transaction(platform.sessions) as session:
        session.execute(sa.update(AuthSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    expired = logged_in.get(platform.api("/operations"))
    assert expired.status_code == 401 and expired.json()["code"] == "auth.expired"


def test_password_hash_is_salted_and_checked() -> None:
    a, b = auth.hash_password("s3cret"), auth.hash_password("s3cret")
    assert a != b and a.startswith("$argon2id$") and "s3cret" not in a
    assert auth.verify_password("s3cret", a)
    assert not auth.verify_password("s3cret!", a)
    assert not auth.verify_password("s3cret", "garbage")
    assert not auth.verify_password("s3cret", "md5$1$2$3$00$00")
    assert not auth.verify_password("s3cret", a.rsplit("$", 1)[0] + "$not-hex")  # a corrupt row
