"""Who may do what, where: the platform's one policy table (seed §5.4.4, §5.6, §5.7.3, §5.9.4, §7.1).

A permission is a cell of role x terminal kind -> actions.  An action is either a counter or
platform :class:`Service` (the operation kinds, diagnostics, administration, the audit log) or an
administrative action of :data:`ADMIN_ACTIONS` (``app.publish``, ``provider.blacklist`` …).  The
terminal kind is the one its enrolment (its client certificate) says, never what a request
claims.  Subscriber services (the operation kinds) are further limited to the operator's own
region, at a terminal enrolled in that region: :func:`region_allows`, applied by the flows once
they know the subscriber.

Every refusal is a typed 403 and an audit row (:func:`require`).  The counter API and the admin
API both ask it, with the caller the one principal dependency made (``ota.platform.principal``);
the CLI asks it as :data:`CLI_ACTOR`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit
from ota.platform.db import transaction
from ota.platform.errors import ForbiddenError, PlatformError
from ota.protocol import Role, Service, TerminalKind

T_ = TypeVar("T_")

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
NOTHING: frozenset[str] = frozenset()

A, B, T, P = Role.ADMIN, Role.BUSINESS_ADMIN, Role.TESTER, Role.PROVIDER

ADMIN_ACTIONS: Mapping[str, frozenset[Role]] = {
    # application life cycle (§5.4.4): each transition by the role the seed gives it
    "app.read": frozenset({A, B, T, P}),
    "app.submit": frozenset({A, B, P}),
    "app.audit": frozenset({A, B}),
    "app.test": frozenset({A, T}),
    "app.publish": frozenset({A, B}),
    "app.archive": frozenset({A, B}),
    "removal.manage": frozenset({A, B}),
    # companion terminal apps (§5.4.2, §5.4.7): a provider uploads its own, admins any
    "companion.write": frozenset({A, B, P}),
    # each instance's own personalisation and label (§5.8.4.1): a provider its own, admins any
    "instance.write": frozenset({A, B, P}),
    # providers (§5.6)
    "provider.read": frozenset({A, B}),
    "provider.register": frozenset({A, B}),
    "provider.approve": frozenset({A, B}),
    "provider.change_basic": frozenset({A, B}),
    "provider.change_extended": frozenset({A, B, P}),
    "provider.blacklist": frozenset({A, B}),
    "provider.deregister": frozenset({A}),
    "provider.self": frozenset({P}),
    # SE batches (§5.8.1) and system management (§5.7.3)
    "batch.read": frozenset({A, B, T}),
    "batch.write": frozenset({A}),
    # security domains (§5.3): attributes; a third party's keys under its transport key
    "sd.read": frozenset({A, B, P}),
    "sd.write": frozenset({A, B}),
    "sd.keys": frozenset({A, B, P}),
    "system.read": frozenset({A, B}),
    "system.write": frozenset({A}),
    "stats.read": frozenset({A, B}),
    # subscribers (§5.5) and business platforms (§5.7.1, §5.8.7.2)
    "subscriber.read": frozenset({A, B}),
    "subscriber.write": frozenset({A, B}),
    "business.manage": frozenset({A, B}),
    "business.notice": frozenset({Role.BUSINESS_PLATFORM}),
    "activation.expire": frozenset({A, B}),
    "config.export": frozenset({A}),
    "config.import": frozenset({A}),
}
"""Administrative actions and the roles the seed gives them; :data:`POLICY` places them on
terminals (:func:`_at_a_desk`)."""


def _admin_actions(role: Role) -> frozenset[str]:
    return frozenset(action for action, roles in ADMIN_ACTIONS.items() if role in roles)


def _at_a_desk(actions: Iterable[str]) -> Mapping[TerminalKind, frozenset[str]]:
    """Administration happens at a staffed counter or an office laptop, never at a kiosk."""
    cell = frozenset(actions)
    return {TerminalKind.COUNTER: cell, TerminalKind.LAPTOP: cell, TerminalKind.KIOSK: NOTHING}


POLICY: Mapping[Role, Mapping[TerminalKind, frozenset[str]]] = {
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
    Role.ADMIN: _at_a_desk({Service.ADMINISTRATION, *_admin_actions(Role.ADMIN)}),
    Role.AUDITOR: _at_a_desk({Service.AUDIT_READ}),
    Role.BUSINESS_ADMIN: _at_a_desk(_admin_actions(Role.BUSINESS_ADMIN)),
    Role.TESTER: _at_a_desk(_admin_actions(Role.TESTER)),
    Role.PROVIDER: _at_a_desk(_admin_actions(Role.PROVIDER)),
    Role.BUSINESS_PLATFORM: _at_a_desk(_admin_actions(Role.BUSINESS_PLATFORM)),
}
"""The one table: role x terminal kind -> the services and administrative actions allowed."""


def actions(role: Role, kind: TerminalKind) -> frozenset[str]:
    """Everything ``role`` may do on a terminal of ``kind``."""
    return POLICY.get(role, {}).get(kind, NOTHING)


def services(role: Role, kind: TerminalKind) -> frozenset[Service]:
    """The services ``role`` may use on a terminal of ``kind`` (the login answer lists them)."""
    return frozenset(Service(a) for a in actions(role, kind) if a not in ADMIN_ACTIONS)


def allows(role: Role, kind: TerminalKind, action: str) -> bool:
    return action in actions(role, kind)


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
        detail={"service": str(service), "role": str(who.role), "terminal_kind": str(who.terminal_kind)},
    )


def admin_refusal(who: _Caller, action: str) -> ForbiddenError:
    return ForbiddenError(
        "auth.forbidden",
        detail={"action": action, "role": str(who.role), "terminal_kind": str(who.terminal_kind)},
    )


def require(sessions: sessionmaker[Session], who: _Caller, action: str) -> None:
    """Raise a 403 unless the table allows ``action``; the refusal is audited.

    A refused service is ``policy.forbidden`` (audit ``policy.refused``), a refused administrative
    action ``auth.forbidden`` (audit ``admin.refused``): the codes the terminals already word.
    """
    if allows(who.role, who.terminal_kind, action):
        return
    admin = action in ADMIN_ACTIONS
    with transaction(sessions) as session:
        audit.record(
            session,
            "admin.refused" if admin else "policy.refused",
            who.operator,
            **{"action" if admin else "service": str(action)},
            role=str(who.role),
            terminal=who.terminal_id,
            terminal_kind=str(who.terminal_kind),
        )
    raise admin_refusal(who, action) if admin else refusal(who, Service(action))


@dataclass(frozen=True)
class Actor:
    """Who takes an administrative action: a principal of the admin API, or the CLI."""

    operator: str
    role: Role
    terminal_id: str
    terminal_kind: TerminalKind
    provider_id: int | None = None
    """For a provider's account: the provider it speaks for."""

    @property
    def name(self) -> str:
        return self.operator


CLI_ACTOR = Actor("cli", Role.ADMIN, "platform-host", TerminalKind.LAPTOP)
"""The platform host's console counts as an administrator's laptop: whoever runs the CLI there
already holds the database."""


def perform(sessions: sessionmaker[Session], actor: Actor, action: str, work: Callable[[Session], T_]) -> T_:
    """Check the table, then run ``work`` in one transaction; a refusal of either kind is audited.

    A refused request rolls its transaction back, so its audit row is written in a second one.
    """
    require(sessions, actor, action)
    try:
        with transaction(sessions) as session:
            return work(session)
    except PlatformError as e:
        with transaction(sessions) as session:
            audit.record(session, "admin.refused", actor.operator, action=action, code=e.code, detail=e.detail)
        raise
