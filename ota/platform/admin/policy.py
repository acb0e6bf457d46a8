"""Who may do what in the administration (seed §5.4.4, §5.6, §5.7.3).

One table maps every administrative action to the roles allowed to take it.  The REST routes
and the CLI both go through :func:`require`, so a refusal looks (and is audited) the same
whichever way it came.  The CLI acts as the platform host's administrator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit
from ota.platform.db import transaction
from ota.platform.errors import ForbiddenError, PlatformError
from ota.platform.models import ProviderAccount
from ota.protocol import Role

T_ = TypeVar("T_")

A, B, T, P = Role.ADMIN, Role.BUSINESS_ADMIN, Role.TESTER, Role.PROVIDER

ACTIONS: dict[str, frozenset[Role]] = {
    # application life cycle (§5.4.4): each transition by the role the seed gives it
    "app.read": frozenset({A, B, T, P}),
    "app.submit": frozenset({A, B, P}),
    "app.audit": frozenset({A, B}),
    "app.test": frozenset({A, T}),
    "app.publish": frozenset({A, B}),
    "app.archive": frozenset({A, B}),
    "removal.manage": frozenset({A, B}),
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


@dataclass(frozen=True)
class Actor:
    """Who acts: a logged-in principal, or the CLI on the platform host."""

    name: str
    role: Role
    provider_id: int | None = None
    """For a provider's account: the provider it speaks for."""


CLI_ACTOR = Actor("cli", Role.ADMIN)


def allowed(actor: Actor, action: str) -> bool:
    return actor.role in ACTIONS[action]


def require(sessions: sessionmaker[Session], actor: Actor, action: str) -> None:
    """Raise ``auth.forbidden`` unless ``actor`` may take ``action``; the refusal is audited."""
    if allowed(actor, action):
        return
    with transaction(sessions) as session:
        audit.record(session, "admin.refused", actor.name, action=action, role=str(actor.role))
    raise ForbiddenError(
        "auth.forbidden",
        f"当前角色无权执行此操作({action})",
        f"the role {actor.role} may not do {action}",
        detail={"action": action},
    )


def provider_of(session: Session, operator_id: int) -> int | None:
    account = session.get(ProviderAccount, operator_id)
    return account.provider_id if account else None


def perform(sessions: sessionmaker[Session], actor: Actor, action: str, work: Callable[[Session], T_]) -> T_:
    """Check the role, then run ``work`` in one transaction; a refusal of either kind is audited.

    A refused request rolls its transaction back, so its audit row is written in a second one.
    """
    require(sessions, actor, action)
    try:
        with transaction(sessions) as session:
            return work(session)
    except PlatformError as e:
        with transaction(sessions) as session:
            audit.record(session, "admin.refused", actor.name, action=action, code=e.code, detail=e.detail)
        raise
