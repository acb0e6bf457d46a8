"""Enrolled terminals: the platform's CA certifies each one; its kind, hall and region are the enrolment's.

An administrator enrols a terminal (``hallterm platform terminal enrol``): the platform's CA
issues a client certificate for it and the platform stores the certificate's SHA-256
fingerprint with the terminal's kind, hall and region.  Every HTTPS request presents that
certificate (mutual TLS, ``ota.platform.server``); :func:`terminal_for_request` finds the
enrolment by the fingerprint, so nothing the request says can change who the terminal is.
Re-enrolling replaces the certificate; revoking refuses it from the next request on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.db import utcnow
from ota.platform.errors import AuthError, ForbiddenError, not_found
from ota.platform.models import AuthSession, Terminal
from ota.platform.tls import ClientCredentials, TlsFiles, fingerprint, issue_client_cert
from ota.protocol import TerminalKind


@dataclass(frozen=True)
class Enrolment:
    terminal_id: str
    kind: TerminalKind
    hall: str
    region: str
    active: bool
    enrolled_at: datetime | None
    revoked_at: datetime | None
    fingerprint: str | None


def _view(t: Terminal) -> Enrolment:
    return Enrolment(
        t.id, TerminalKind(t.kind), t.hall, t.region, t.active, t.enrolled_at, t.revoked_at, t.cert_fingerprint
    )


def enrol(
    session: Session,
    ca: TlsFiles,
    terminal_id: str,
    kind: TerminalKind,
    hall: str,
    region: str,
    actor: str = "system",
) -> ClientCredentials:
    """Issue ``terminal_id`` a client certificate and bind kind, hall and region to it."""
    creds = issue_client_cert(ca, terminal_id)
    bind(session, terminal_id, kind, hall, region, creds.fingerprint, str(creds.serial), actor)
    return creds


def bind(
    session: Session,
    terminal_id: str,
    kind: TerminalKind,
    hall: str,
    region: str,
    cert_fingerprint: str,
    serial: str = "",
    actor: str = "system",
) -> Terminal:
    """Record an enrolment for a certificate issued elsewhere (its fingerprint); ends old sessions."""
    terminal = session.get(Terminal, terminal_id)
    if terminal is None:
        terminal = Terminal(id=terminal_id)
        session.add(terminal)
    terminal.kind, terminal.hall, terminal.region = kind, hall, region
    terminal.cert_fingerprint, terminal.cert_serial = cert_fingerprint, serial
    terminal.active, terminal.enrolled_at, terminal.revoked_at = True, utcnow(), None
    session.flush()
    _end_sessions(session, terminal_id)
    audit.record(
        session, "terminal.enrol", actor, terminal=terminal_id, kind=str(kind), hall=hall, region=region,
        fingerprint=cert_fingerprint,
    )
    return terminal


def revoke(session: Session, terminal_id: str, actor: str = "system") -> Enrolment:
    terminal = session.get(Terminal, terminal_id)
    if terminal is None:
        raise not_found("terminal", terminal_id)
    terminal.active, terminal.revoked_at = False, utcnow()
    _end_sessions(session, terminal_id)
    audit.record(session, "terminal.revoke", actor, terminal=terminal_id)
    return _view(terminal)


def list_terminals(session: Session) -> list[Enrolment]:
    return [_view(t) for t in session.scalars(sa.select(Terminal).order_by(Terminal.id))]


def _end_sessions(session: Session, terminal_id: str) -> None:
    session.execute(
        sa.update(AuthSession).where(AuthSession.terminal_id == terminal_id).values(revoked=True)
    )


# Every request looks its terminal up: built once with a bound parameter (issue 15 item 1).
_BY_FINGERPRINT = sa.select(Terminal).where(Terminal.cert_fingerprint == sa.bindparam("digest"))


def terminal_for_request(session: Session, cert_der: bytes | None, path: str) -> Terminal:
    """The enrolled, active terminal behind the TLS client certificate; refusals are audited."""
    if cert_der is None:
        audit.record(session, "terminal.refused", "-", reason="no_certificate", path=path)
        raise AuthError("terminal.certificate_required")
    digest = fingerprint(cert_der)
    terminal = session.execute(_BY_FINGERPRINT, {"digest": digest}).scalars().first()
    if terminal is None:
        audit.record(session, "terminal.refused", "-", reason="unknown_certificate", fingerprint=digest, path=path)
        raise ForbiddenError("terminal.unknown")
    if not terminal.active:
        audit.record(session, "terminal.refused", "-", reason="revoked", terminal=terminal.id, path=path)
        raise ForbiddenError("terminal.revoked", detail={"terminal": terminal.id})
    return terminal
