"""Operators, terminals and bearer tokens (seed §5.7.3, §7.1, §7.4).

A login binds an operator to a registered terminal: the token carries both, so a route knows
who acts, from which kind of terminal (counter, laptop, kiosk) and for which region.  Only the
SHA-256 of a token is stored, so a copy of the database does not hand out sessions.
Passwords are hashed with scrypt (RFC 7914) from the standard library.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.db import utcnow
from ota.platform.errors import AuthError
from ota.platform.models import AuthSession, Operator, Terminal
from ota.platform.settings import PlatformSettings
from ota.protocol import LoginRequest, LoginResponse, Role, TerminalKind

_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = bytes.fromhex(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


# Compared against when the operator does not exist, so timing does not reveal valid names.
_DUMMY_HASH = hash_password("not-a-password")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of a route."""

    operator_id: int
    operator: str
    role: Role
    region: str
    terminal_id: str
    terminal_kind: TerminalKind


def _bad_credentials() -> AuthError:
    return AuthError("auth.bad_credentials", "用户名或密码错误", "wrong operator name or password")


def add_operator(session: Session, name: str, password: str, role: Role, region: str) -> Operator:
    operator = Operator(name=name, password_hash=hash_password(password), role=role, region=region)
    session.add(operator)
    session.flush()
    audit.record(session, "operator.add", "system", operator=name, role=str(role), region=region)
    return operator


def add_terminal(session: Session, terminal_id: str, kind: TerminalKind, region: str) -> Terminal:
    terminal = Terminal(id=terminal_id, kind=kind, region=region)
    session.add(terminal)
    session.flush()
    audit.record(session, "terminal.add", "system", terminal=terminal_id, kind=str(kind))
    return terminal


def login(session: Session, request: LoginRequest, settings: PlatformSettings) -> LoginResponse:
    """Check the credentials and issue a token; every attempt is audited."""
    operator = session.scalars(sa.select(Operator).where(Operator.name == request.operator)).first()
    password_ok = verify_password(request.password, operator.password_hash if operator else _DUMMY_HASH)
    terminal = session.get(Terminal, request.terminal_id)
    if operator is None or not password_ok or not operator.active:
        audit.record(
            session, "login.failed", request.operator, terminal=request.terminal_id, reason="credentials"
        )
        raise _bad_credentials()
    if terminal is None or not terminal.active:
        audit.record(
            session, "login.failed", request.operator, terminal=request.terminal_id, reason="terminal"
        )
        raise AuthError(
            "auth.unknown_terminal",
            f"终端 {request.terminal_id} 未登记",
            f"terminal {request.terminal_id} is not registered",
        )
    token = secrets.token_urlsafe(32)
    now = utcnow()
    expires_at = now + settings.token_ttl
    session.add(
        AuthSession(
            token_hash=token_hash(token),
            operator_id=operator.id,
            terminal_id=terminal.id,
            issued_at=now,
            expires_at=expires_at,
        )
    )
    audit.record(session, "login", operator.name, terminal=terminal.id, role=operator.role)
    return LoginResponse(
        token=token,
        expires_at=expires_at,
        operator=operator.name,
        role=Role(operator.role),
        region=operator.region,
        terminal_kind=TerminalKind(terminal.kind),
    )


def authenticate(session: Session, token: str | None) -> Principal:
    """The principal behind a bearer token, or ``auth.invalid`` / ``auth.expired``."""
    if not token:
        raise AuthError("auth.invalid", "请先登录", "missing bearer token")
    row = session.get(AuthSession, token_hash(token))
    if row is None or row.revoked:
        raise AuthError("auth.invalid", "登录凭证无效,请重新登录", "invalid token; log in again")
    if row.expires_at <= utcnow():
        raise AuthError("auth.expired", "登录已过期,请重新登录", "session expired; log in again")
    operator = session.get(Operator, row.operator_id)
    terminal = session.get(Terminal, row.terminal_id)
    if operator is None or terminal is None or not operator.active or not terminal.active:
        raise AuthError("auth.invalid", "账号或终端已停用", "operator or terminal disabled")
    return Principal(
        operator_id=operator.id,
        operator=operator.name,
        role=Role(operator.role),
        region=operator.region,
        terminal_id=terminal.id,
        terminal_kind=TerminalKind(terminal.kind),
    )
