"""Subscribers (seed §5.5) and the business platforms' notices (§5.7.1, §5.8.7.2).

* add a subscriber; deregistration (§5.5.3): only once no SE of the number holds an application
  and no subscription is active, then its SE bindings are released;
* leaving the network (§5.5.6): the number goes out of service and its SEs are unbound, so an SE
  can be registered to a new number (§5.5.2 3b); subscriptions stay until an unsubscribe notice;
* business platforms: an account of role ``biz_platform`` tied to one provider, with the
  capabilities it may call (§5.7.1).  A notice is checked for the capability, the provider owning
  the application and the subscriber's relation to it, then applied to every SE of the number:
  ``activate`` Personalized -> Usable (subscription on), ``unsubscribe`` -> Instantiated
  (subscription off);
* activation timeout: an application Personalized for longer than the parameter
  ``activation.timeout_hours`` (default 72) without its notice falls back to Instantiated.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy.orm import Session

from ota.platform import audit, auth
from ota.platform.admin import system
from ota.platform.admin.schemas import Msisdn, Name
from ota.platform.db import utcnow
from ota.platform.errors import ConflictError, ForbiddenError, not_found
from ota.platform.models import (
    Application,
    AppState,
    BusinessPlatform,
    MsisdnBinding,
    Operator,
    Provider,
    SeAppState,
    Subscriber,
    Subscription,
)
from ota.platform.policy import Actor
from ota.protocol import Role

CAPABILITIES = ("download", "delete", "personalise", "sd_create", "sd_delete", "sd_key_update", "lock",
                "unlock", "app_command", "activation_notice", "unsubscribe_notice")
"""What a business platform may be allowed to call (§5.7.1)."""
ACTIVATION_TIMEOUT = "activation.timeout_hours"


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SubscriberIn(_In):
    msisdn: Msisdn
    region: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    imsi: Annotated[str, StringConstraints(pattern=r"^[0-9]{6,16}$")] | None = None


class SubscriberView(BaseModel):
    msisdn: str
    region: str
    in_service: bool
    ses: list[str]
    subscriptions: list[str]


class BusinessPlatformIn(_In):
    account: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")]
    password: Annotated[str, StringConstraints(min_length=12, max_length=128)]
    provider: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    capabilities: list[Literal[CAPABILITIES]] = Field(min_length=1, max_length=len(CAPABILITIES))  # type: ignore[valid-type]


class BusinessPlatformView(BaseModel):
    account: str
    provider: str
    capabilities: list[str]


class Notice(_In):
    kind: Literal["activate", "unsubscribe"]
    msisdn: Msisdn
    app: Name


class NoticeResult(BaseModel):
    kind: str
    app: str
    changed: dict[str, str]
    """SEID -> the state it is in now."""


class ExpiryResult(BaseModel):
    fallen_back: list[dict[str, str]]


def _subscriber(session: Session, msisdn: str) -> Subscriber:
    subscriber = session.get(Subscriber, msisdn)
    if subscriber is None:
        raise not_found("subscriber", msisdn)
    return subscriber


def view(session: Session, subscriber: Subscriber) -> SubscriberView:
    ses = session.scalars(sa.select(MsisdnBinding.seid).where(MsisdnBinding.msisdn == subscriber.msisdn)).all()
    subs = session.scalars(
        sa.select(Application.name).join(Subscription, Subscription.application_id == Application.id)
        .where(Subscription.msisdn == subscriber.msisdn, Subscription.active.is_(True))
    ).all()
    return SubscriberView(msisdn=subscriber.msisdn, region=subscriber.region, in_service=subscriber.in_service,
                          ses=sorted(ses), subscriptions=sorted(subs))


def add(session: Session, actor: Actor, body: SubscriberIn) -> SubscriberView:
    if session.get(Subscriber, body.msisdn):
        raise ConflictError("subscriber.exists")
    subscriber = Subscriber(msisdn=body.msisdn, region=body.region, imsi=body.imsi, in_service=True)
    session.add(subscriber)
    session.flush()
    audit.record(session, "subscriber.add", actor.name, msisdn=_mask(body.msisdn), region=body.region)
    return view(session, subscriber)


def get(session: Session, msisdn: str) -> SubscriberView:
    return view(session, _subscriber(session, msisdn))


def deregister(session: Session, actor: Actor, msisdn: str) -> SubscriberView:
    """§5.5.3: every application unsubscribed and deleted first, then the SEs are released."""
    subscriber = _subscriber(session, msisdn)
    current = view(session, subscriber)
    held = session.scalars(
        sa.select(SeAppState.seid).where(SeAppState.seid.in_(current.ses), SeAppState.state != AppState.READY)
    ).all()
    if current.subscriptions or held:
        raise ConflictError(
            "subscriber.has_apps",
            detail={"subscriptions": current.subscriptions, "ses_with_apps": sorted(set(held))},
        )
    session.execute(sa.delete(MsisdnBinding).where(MsisdnBinding.msisdn == msisdn))
    audit.record(session, "subscriber.deregister", actor.name, msisdn=_mask(msisdn), ses=current.ses)
    return view(session, subscriber)


def leave_network(session: Session, actor: Actor, msisdn: str) -> SubscriberView:
    """§5.5.6: out of service, SEs unbound (they may be bound to a new number); subscriptions kept."""
    subscriber = _subscriber(session, msisdn)
    ses = view(session, subscriber).ses
    subscriber.in_service = False
    session.execute(sa.delete(MsisdnBinding).where(MsisdnBinding.msisdn == msisdn))
    audit.record(session, "subscriber.leave", actor.name, msisdn=_mask(msisdn), ses=ses)
    return view(session, subscriber)


# --- business platforms (§5.7.1) ---------------------------------------------------------------


def add_business_platform(session: Session, actor: Actor, body: BusinessPlatformIn) -> BusinessPlatformView:
    provider = session.scalars(sa.select(Provider).where(Provider.name == body.provider)).first()
    if provider is None:
        raise not_found("provider", body.provider)
    if session.scalars(sa.select(Operator.id).where(Operator.name == body.account)).first():
        raise ConflictError("operator.exists", params={"name": body.account})
    operator = auth.add_operator(session, body.account, body.password, Role.BUSINESS_PLATFORM, "-")
    session.add(BusinessPlatform(operator_id=operator.id, provider_id=provider.id, capabilities=list(body.capabilities)))
    session.flush()
    audit.record(session, "business.add", actor.name, account=body.account, provider=body.provider,
                 capabilities=list(body.capabilities))
    return BusinessPlatformView(account=body.account, provider=provider.name, capabilities=list(body.capabilities))


def _platform(session: Session, actor: Actor) -> BusinessPlatform:
    operator = session.scalars(sa.select(Operator).where(Operator.name == actor.name)).first()
    platform = session.get(BusinessPlatform, operator.id) if operator else None
    if platform is None:
        raise ForbiddenError("auth.forbidden")
    return platform


def _refused(code: str, **detail: str) -> ForbiddenError:
    return ForbiddenError(code, detail=detail or None)


def notice(session: Session, actor: Actor, body: Notice) -> NoticeResult:
    """Authenticate the business platform's right to this notice (§5.7.1), then apply it (§5.8.7.2)."""
    platform = _platform(session, actor)
    capability = "activation_notice" if body.kind == "activate" else "unsubscribe_notice"
    if capability not in platform.capabilities:
        raise _refused("business.capability", capability=capability)
    app = session.scalars(sa.select(Application).where(Application.name == body.app)).first()
    if app is None:
        raise not_found("application", body.app)
    if app.provider_id != platform.provider_id:
        raise _refused("business.not_owner", app=body.app)
    subscriber = _subscriber(session, body.msisdn)
    ses = session.scalars(sa.select(MsisdnBinding.seid).where(MsisdnBinding.msisdn == subscriber.msisdn)).all()
    rows = session.scalars(
        sa.select(SeAppState).where(SeAppState.application_id == app.id, SeAppState.seid.in_(ses))
    ).all()
    wanted = (AppState.PERSONALIZED,) if body.kind == "activate" else (AppState.PERSONALIZED, AppState.USABLE)
    targets = [r for r in rows if r.state in wanted]
    if not targets:
        raise ConflictError(
            "business.no_such_app_state",
            detail={"app": body.app, "states": {r.seid: r.state for r in rows}},
        )
    new_state = AppState.USABLE if body.kind == "activate" else AppState.INSTANTIATED
    for row in targets:
        row.state, row.updated_at = new_state, utcnow()
    subscription = session.get(Subscription, (subscriber.msisdn, app.id))
    if subscription is None:
        session.add(Subscription(msisdn=subscriber.msisdn, application_id=app.id, active=body.kind == "activate"))
    else:
        subscription.active = body.kind == "activate"
    session.flush()
    audit.record(session, f"business.{body.kind}", actor.name, app=app.name, msisdn=_mask(body.msisdn),
                 ses=[r.seid for r in targets])
    return NoticeResult(kind=body.kind, app=app.name, changed={r.seid: new_state.value for r in targets})


def expire_activations(session: Session, actor: Actor) -> ExpiryResult:
    """Personalized for longer than the timeout without an activation notice -> Instantiated."""
    hours = float(system.get_parameter(session, ACTIVATION_TIMEOUT, 72))
    cutoff = utcnow() - timedelta(hours=hours)
    rows = session.scalars(
        sa.select(SeAppState).where(SeAppState.state == AppState.PERSONALIZED, SeAppState.updated_at < cutoff)
    ).all()
    fallen = []
    for row in rows:
        app = session.get(Application, row.application_id)
        if app is None or not app.needs_activation:
            continue
        row.state, row.updated_at = AppState.INSTANTIATED, utcnow()
        fallen.append({"seid": row.seid, "app": app.name})
    session.flush()
    if fallen:
        audit.record(session, "activation.expired", actor.name, hours=hours, fallen_back=fallen)
    return ExpiryResult(fallen_back=fallen)


def _mask(msisdn: str) -> str:
    return msisdn if len(msisdn) < 7 else f"{msisdn[:3]}****{msisdn[-4:]}"
