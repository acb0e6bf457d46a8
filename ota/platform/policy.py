"""Who may do what, where: the platform's one policy table (seed §5.7.3, §5.9.4, §7.1).

A permission is a cell of role x terminal kind -> services.  The terminal kind is the one its
enrolment (its client certificate) says, never what a request claims.  Subscriber services
(the operation kinds) are further limited to the operator's own region, at a terminal enrolled in
that region: :func:`region_allows`, applied by the flows once they know the subscriber.

Every refusal is a typed 403 and an audit row (:func:`require`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit
from ota.platform.db import transaction
from ota.platform.errors import ForbiddenError
from ota.protocol import Role, Service, TerminalKind

COUNTER_SERVICES = frozenset(
    {
        Service.QUERY,
        Service.LOCK,
        Service.UNLOCK,
        Service.DOWNLOAD,
        Service.DELETE,
        Service.MIGRATE,
        Service.CHANGE_NUMBER,
        Service.SD_CREATE,
        Service.SD_DELETE,
        Service.PERSO_UPDATE,
    }
)
"""The services of a business-hall counter, all on a subscriber's card (the security-domain
services of §5.8.3 included: they change what the subscriber's SE can hold)."""

SUBSCRIBER_SERVICES = COUNTER_SERVICES
"""Services that act for a subscriber, so the region rule applies to them."""

KIOSK_SERVICES = frozenset({Service.QUERY, Service.LOCK})
"""A kiosk never unlocks, deletes, downloads (a re-download is an unlock by other means),
migrates or changes the number (seed §5.8.4.3)."""

TECHNICIAN_SERVICES = frozenset({Service.QUERY, Service.DIAGNOSTICS})
NOTHING: frozenset[Service] = frozenset()

POLICY: Mapping[Role, Mapping[TerminalKind, frozenset[Service]]] = {
    Role.CLERK: {
        TerminalKind.COUNTER: COUNTER_SERVICES,
        TerminalKind.LAPTOP: COUNTER_SERVICES,
        TerminalKind.KIOSK: KIOSK_SERVICES,
    },
    Role.TECHNICIAN: {
        TerminalKind.COUNTER: TECHNICIAN_SERVICES,
        TerminalKind.LAPTOP: TECHNICIAN_SERVICES,
        TerminalKind.KIOSK: TECHNICIAN_SERVICES,
    },
    Role.KIOSK: {  # the kiosk account is as limited as a kiosk, wherever it logs in
        TerminalKind.COUNTER: KIOSK_SERVICES,
        TerminalKind.LAPTOP: KIOSK_SERVICES,
        TerminalKind.KIOSK: KIOSK_SERVICES,
    },
    Role.ADMIN: {
        TerminalKind.COUNTER: frozenset({Service.ADMINISTRATION}),
        TerminalKind.LAPTOP: frozenset({Service.ADMINISTRATION}),
        TerminalKind.KIOSK: NOTHING,
    },
    Role.AUDITOR: {
        TerminalKind.COUNTER: frozenset({Service.AUDIT_READ}),
        TerminalKind.LAPTOP: frozenset({Service.AUDIT_READ}),
        TerminalKind.KIOSK: NOTHING,
    },
}


def services(role: Role, kind: TerminalKind) -> frozenset[Service]:
    """The services ``role`` may use on a terminal of ``kind`` (the login answer lists them)."""
    return POLICY.get(role, {}).get(kind, NOTHING)


def allows(role: Role, kind: TerminalKind, service: Service) -> bool:
    return service in services(role, kind)


PLATFORM_REGION = "*"
"""The region of the platform's own task runner (``ota.platform.tasks.pull``: PUSH work an admin
scheduled).  No login can become it: its operator has no password hash and its terminal no
certificate."""


def region_allows(operator_region: str, terminal_region: str, subscriber_region: str) -> bool:
    """A subscriber is served only by an operator of their region, at a terminal of that region."""
    if operator_region == terminal_region == PLATFORM_REGION:
        return True
    return subscriber_region == operator_region == terminal_region


class _Caller(Protocol):
    """What :func:`require` needs of a principal (``ota.platform.auth.Principal``)."""

    @property
    def operator(self) -> str: ...
    @property
    def role(self) -> Role: ...
    @property
    def terminal_id(self) -> str: ...
    @property
    def terminal_kind(self) -> TerminalKind: ...


def refusal(who: _Caller, service: Service) -> ForbiddenError:
    return ForbiddenError(
        "policy.forbidden",
        f"当前账号({who.role})在此终端({who.terminal_kind})上不能办理此业务",
        f"role {who.role} may not use {service} on a {who.terminal_kind} terminal",
        detail={"service": str(service), "role": str(who.role), "terminal_kind": str(who.terminal_kind)},
    )


def require(sessions: sessionmaker[Session], who: _Caller, service: Service) -> None:
    """Raise ``policy.forbidden`` (403) unless the table allows it; the refusal is audited."""
    if allows(who.role, who.terminal_kind, service):
        return
    with transaction(sessions) as session:
        audit.record(
            session,
            "policy.refused",
            who.operator,
            service=str(service),
            role=str(who.role),
            terminal=who.terminal_id,
            terminal_kind=str(who.terminal_kind),
        )
    raise refusal(who, service)
