"""Operators, enrolled terminals and bearer tokens (seed §5.7.3, §7.1, §7.4).

A login binds an operator to the enrolled terminal whose client certificate the TLS connection
presented (``ota.platform.terminals``): the terminal id in the request must be that terminal's,
and its kind, hall and region come from the enrolment.  The token carries both, and every later
request must come from the same terminal.  Only the SHA-256 of a token is stored, so a copy of
the database does not hand out sessions.

Sessions end at logout (revoked server-side), after ``idle_ttl`` without a request, or after
``token_ttl``.  Failed logins are counted per operator name; ``login_max_failures`` of them
within ``login_window`` lock the name out for ``login_lockout`` (429 + Retry-After), right
password or not.  Passwords are hashed with argon2id (argon2-cffi); older scrypt hashes still
verify and are rehashed on the next successful login.  Every refusal leaves an audit row.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ota.platform import audit, metadata_cache, policy
from ota.platform.db import utcnow
from ota.platform.errors import AuthError, ForbiddenError, PlatformError
from ota.platform.models import AuthSession, LoginThrottle, Operator, Terminal
from ota.platform.settings import PlatformSettings
from ota.protocol import LoginRequest, LoginResponse, Role, TerminalKind

# OWASP's argon2id floor (19 MiB, t=2, p=1): strong enough, and cheap enough for a busy hall.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_LAST_SEEN_GRANULARITY = timedelta(seconds=5)
"""``last_seen_at`` is written at most this often per token, not on every request."""


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def _verify_scrypt(password: str, stored: str) -> bool:
    """The first version's hashes: ``scrypt$n$r$p$salt$digest``."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, bytes.fromhex(digest))


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith("scrypt$"):
        return _verify_scrypt(password, stored)
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return stored.startswith("scrypt$") or _HASHER.check_needs_rehash(stored)


# Compared against when the operator does not exist, so timing does not reveal valid names.
_DUMMY_HASH = hash_password("not-a-password")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of a route: an operator at an enrolled terminal."""

    operator_id: int
    operator: str
    role: Role
    region: str
    terminal_id: str
    terminal_kind: TerminalKind
    terminal_region: str = ""
    hall: str = ""
    token_hash: str = ""


class LockedOutError(PlatformError):
    """Too many failed logins: 429 with ``Retry-After``."""

    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "auth.locked",
            detail={"retry_after": retry_after},
            params={"seconds": retry_after},
        )
        self.retry_after = retry_after


def _bad_credentials() -> AuthError:
    return AuthError("auth.bad_credentials")


def add_operator(
    session: Session, name: str, password: str, role: Role, region: str, *, password_hash: str | None = None
) -> Operator:
    """Add an operator; ``password_hash`` lets a caller reuse a hash it already made."""
    operator = Operator(
        name=name, password_hash=password_hash or hash_password(password), role=role, region=region
    )
    session.add(operator)
    session.flush()
    audit.record(session, "operator.add", "system", operator=name, role=str(role), region=region)
    return operator


def add_terminal(
    session: Session, terminal_id: str, kind: TerminalKind, region: str, hall: str = ""
) -> Terminal:
    """Register a terminal row; it can log in only once enrolled (``terminals.enrol``)."""
    terminal = Terminal(id=terminal_id, kind=kind, region=region, hall=hall)
    session.add(terminal)
    session.flush()
    audit.record(session, "terminal.add", "system", terminal=terminal_id, kind=str(kind))
    return terminal


# --- login throttling --------------------------------------------------------------------------


def _throttle_row(session: Session, name: str) -> LoginThrottle:
    query = sa.select(LoginThrottle).where(LoginThrottle.name == name).with_for_update()
    row = session.scalars(query).first()
    if row is not None:
        return row
    try:
        with session.begin_nested():
            session.add(LoginThrottle(name=name, failures=0, window_start=utcnow()))
    except IntegrityError:
        pass  # a concurrent login made it first
    return session.scalars(query).one()


def _check_locked(session: Session, row: LoginThrottle, request: LoginRequest, terminal: Terminal) -> None:
    now = utcnow()
    if row.locked_until is not None and row.locked_until > now:
        retry_after = max(1, math.ceil((row.locked_until - now).total_seconds()))
        audit.record(
            session, "login.locked", request.operator, terminal=terminal.id, retry_after=retry_after
        )
        raise LockedOutError(retry_after)


def _count_failure(session: Session, row: LoginThrottle, settings: PlatformSettings) -> None:
    now = utcnow()
    if now - row.window_start > settings.login_window:
        row.failures, row.window_start = 0, now
    row.failures += 1
    if row.failures >= settings.login_max_failures:
        row.locked_until = now + settings.login_lockout
        row.failures, row.window_start = 0, now
        audit.record(session, "login.lockout", row.name, until=row.locked_until.isoformat())


# --- login, logout, authenticate ----------------------------------------------------------------


def login(
    session: Session, request: LoginRequest, settings: PlatformSettings, terminal: Terminal
) -> LoginResponse:
    """Check the credentials at the enrolled ``terminal`` and issue a token; every attempt is audited."""
    if request.terminal_id != terminal.id:
        audit.record(
            session, "login.refused", request.operator, terminal=terminal.id,
            claimed_terminal=request.terminal_id, reason="terminal_mismatch",
        )
        raise ForbiddenError(
            "auth.terminal_mismatch",
            detail={"enrolled": terminal.id, "terminal_id": request.terminal_id},
        )
    throttle = _throttle_row(session, request.operator)
    _check_locked(session, throttle, request, terminal)
    operator = session.scalars(sa.select(Operator).where(Operator.name == request.operator)).first()
    password_ok = verify_password(request.password, operator.password_hash if operator else _DUMMY_HASH)
    if operator is None or not password_ok or not operator.active:
        audit.record(session, "login.failed", request.operator, terminal=terminal.id, reason="credentials")
        _count_failure(session, throttle, settings)
        raise _bad_credentials()
    throttle.failures, throttle.locked_until = 0, None
    if needs_rehash(operator.password_hash):
        operator.password_hash = hash_password(request.password)
        audit.record(session, "operator.rehash", operator.name)
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
            last_seen_at=now,
        )
    )
    role, kind = Role(operator.role), TerminalKind(terminal.kind)
    audit.record(session, "login", operator.name, terminal=terminal.id, role=operator.role)
    return LoginResponse(
        token=token,
        expires_at=expires_at,
        operator=operator.name,
        role=role,
        region=operator.region,
        terminal_kind=kind,
        terminal_id=terminal.id,
        hall=terminal.hall,
        terminal_region=terminal.region,
        services=sorted(policy.services(role, kind)),
        idle_timeout_s=int(settings.idle_ttl.total_seconds()),
    )


def logout(session: Session, who: Principal) -> None:
    row = session.get(AuthSession, who.token_hash)
    if row is not None and not row.revoked:
        row.revoked = True
        audit.record(session, "logout", who.operator, terminal=who.terminal_id)


def _refuse(session: Session, code: str, terminal: Terminal, actor: str = "-") -> AuthError:
    audit.record(session, "auth.refused", actor, terminal=terminal.id, reason=code)
    return AuthError(code)


def _needs_touch(last_seen_at: datetime | None, now: datetime, settings: PlatformSettings) -> bool:
    """Whether ``last_seen_at`` is due to be written (it is written at most every few seconds)."""
    return last_seen_at is None or now - last_seen_at > min(_LAST_SEEN_GRANULARITY, settings.idle_ttl / 4)


# Built once, with bound parameters.  The token's own row (revocation, expiry, idle time) is read
# on every request, with the people's version in the same statement; who the operator and the
# terminal are comes from this process's cache while that version holds (``metadata_cache``: a
# deactivated operator, a revoked or re-enrolled terminal bumps it, in any process).
_TOKEN_ROW = sa.select(
    AuthSession.revoked,
    AuthSession.expires_at,
    AuthSession.last_seen_at,
    AuthSession.operator_id,
    AuthSession.terminal_id,
    metadata_cache.VERSIONS_OF_SCOPE[metadata_cache.PRINCIPALS],
).where(AuthSession.token_hash == sa.bindparam("token"))
_PEOPLE = sa.select(
    Operator.name, Operator.role, Operator.region, Operator.active,
    Terminal.kind, Terminal.region, Terminal.hall, Terminal.active, Terminal.cert_fingerprint,
).select_from(sa.join(Operator, Terminal, sa.true())).where(
    Operator.id == sa.bindparam("operator"), Terminal.id == sa.bindparam("terminal")
)


@dataclass(frozen=True)
class _People:
    """What a token's operator and terminal are, as cached (no secret: no password hash)."""

    operator: str
    role: Role
    region: str
    terminal_kind: TerminalKind
    terminal_region: str
    hall: str
    cert_fingerprint: str | None
    active: bool
    """Both the operator and the terminal are active."""


_PEOPLE_CACHE: metadata_cache.VersionedCache[tuple[int, str], _People | None] = metadata_cache.VersionedCache(
    metadata_cache.PRINCIPALS
)


def _people(connection: sa.Connection, operator_id: int, terminal_id: str) -> _People | None:
    row = connection.execute(_PEOPLE, {"operator": operator_id, "terminal": terminal_id}).first()
    if row is None:
        return None
    name, role, region, operator_active, kind, terminal_region, hall, terminal_active, fingerprint = row
    return _People(
        operator=name, role=Role(role), region=region, terminal_kind=TerminalKind(kind),
        terminal_region=terminal_region, hall=hall, cert_fingerprint=fingerprint,
        active=operator_active and terminal_active,
    )


def authenticate_quietly(
    session: Session, token: str | None, cert_fingerprint: str, settings: PlatformSettings
) -> Principal | None:
    """The principal when every check of :func:`authenticate` passes and nothing needs writing,
    in one SELECT of the token's row that may run without a write lock (plus one of the people
    when this process has not read them under the current version); ``None`` sends the caller
    to :func:`authenticate`, which writes, refuses and audits.  The database decides each
    request, so a logout, revocation or lock-out in any process holds from the next request on."""
    if not token:
        return None
    hashed = token_hash(token)
    connection = session.connection()
    row = connection.execute(_TOKEN_ROW, {"token": hashed}).first()
    if row is None:
        return None
    revoked, expires_at, last_seen_at, operator_id, terminal_id, version = row
    now = utcnow()
    if revoked or expires_at <= now:
        return None
    if _needs_touch(last_seen_at, now, settings):  # also covers an idle-expired token
        return None
    key = (operator_id, terminal_id)
    people = _PEOPLE_CACHE.get_at(connection.engine, version, key, lambda: _people(connection, *key))
    if people is None or not people.active or people.cert_fingerprint != cert_fingerprint:
        return None
    return Principal(
        operator_id=operator_id,
        operator=people.operator,
        role=people.role,
        region=people.region,
        terminal_id=terminal_id,
        terminal_kind=people.terminal_kind,
        terminal_region=people.terminal_region,
        hall=people.hall,
        token_hash=hashed,
    )


def _principal(operator: Operator, terminal: Terminal, hashed_token: str) -> Principal:
    return Principal(
        operator_id=operator.id,
        operator=operator.name,
        role=Role(operator.role),
        region=operator.region,
        terminal_id=terminal.id,
        terminal_kind=TerminalKind(terminal.kind),
        terminal_region=terminal.region,
        hall=terminal.hall,
        token_hash=hashed_token,
    )


def authenticate(
    session: Session, token: str | None, terminal: Terminal, settings: PlatformSettings
) -> Principal:
    """The principal behind a bearer token presented by ``terminal``; refusals are audited.

    Runs in a write transaction: it records ``last_seen_at`` and revokes idle tokens.
    """
    if not token:
        raise _refuse(session, "auth.invalid", terminal)
    row = session.get(AuthSession, token_hash(token))
    if row is None or row.revoked:
        raise _refuse(session, "auth.invalid", terminal)
    operator = session.get(Operator, row.operator_id)
    actor = operator.name if operator else "-"
    now = utcnow()
    if row.expires_at <= now:
        raise _refuse(session, "auth.expired", terminal, actor)
    if row.last_seen_at is not None and now - row.last_seen_at > settings.idle_ttl:
        row.revoked = True
        raise _refuse(session, "auth.idle_expired", terminal, actor)
    if row.terminal_id != terminal.id:
        raise _refuse(session, "auth.terminal_mismatch", terminal, actor)
    if operator is None or not operator.active or not terminal.active:
        raise _refuse(session, "auth.invalid", terminal, actor)
    if _needs_touch(row.last_seen_at, now, settings):
        row.last_seen_at = now
    return _principal(operator, terminal, row.token_hash)
