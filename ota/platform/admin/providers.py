"""Application providers (seed §5.6): register, approve, query, change, blacklist, deregister,
and the provider's own queries (§5.6.7).

Basic attributes (number, name, type, licences, app types, cooperation) are changed by
administrators only; extended ones (address, post code, phone, fax, contact) by the provider
too.  Approval issues the SPID and the provider's platform account (role ``provider``); the
approving administrator sets the first password and hands it over, the platform never echoes it.
A blacklisted provider cannot log in and its applications cannot be downloaded or installed,
but subscribers can still have them deleted or locked (§5.6.6: checks.check_downloadable).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy.orm import Session

from ota.platform import audit, auth
from ota.platform.admin import releases
from ota.platform.admin.schemas import ReleaseView
from ota.platform.db import utcnow
from ota.platform.errors import ConflictError, ForbiddenError, PlatformError, not_found
from ota.platform.models import (
    Application,
    AppRelease,
    MsisdnBinding,
    Operation,
    Operator,
    Provider,
    ProviderAccount,
    ProviderProfile,
    ReleaseState,
    SeAppState,
    SecureElement,
)
from ota.platform.policy import Actor
from ota.protocol import Role

Short = Annotated[str, StringConstraints(max_length=128)]
ProviderName = Annotated[str, StringConstraints(min_length=1, max_length=128)]
Password = Annotated[str, StringConstraints(min_length=12, max_length=128)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Basic(_In):
    number: Short = ""
    kind: Literal["china_mobile", "third_party"] = "third_party"
    business_licence: Short = ""
    operating_licence: Short = ""
    app_types: Short = ""
    cooperation: Short = ""


class Extended(_In):
    address: Short = ""
    postcode: Annotated[str, StringConstraints(max_length=16)] = ""
    phone: Annotated[str, StringConstraints(max_length=32)] = ""
    fax: Annotated[str, StringConstraints(max_length=32)] = ""
    contact: Short = ""


class ProviderIn(_In):
    name: ProviderName
    basic: Basic = Basic()
    extended: Extended = Extended()


class Approval(_In):
    approve: bool = True
    account: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")] | None = None
    password: Password | None = None
    region: Annotated[str, StringConstraints(max_length=32)] = ""


class Blacklist(_In):
    blacklisted: bool
    reason: Annotated[str, StringConstraints(max_length=200)] = ""


class PasswordChange(_In):
    old: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    new: Password


class ProviderView(BaseModel):
    name: str
    state: str
    spid: str | None
    blacklisted: bool
    basic: dict[str, str]
    extended: dict[str, str]
    accounts: list[str]
    apps: list[str]


class ProviderList(BaseModel):
    providers: list[ProviderView]


class DownloadRecord(BaseModel):
    at: datetime
    app: str
    seid: str
    msisdn: str | None
    state: str


class DownloadList(BaseModel):
    downloads: list[DownloadRecord]


class SeHolding(BaseModel):
    seid: str
    app: str
    state: str
    free_recorded: int | None
    free_measured: int | None


class SeSummary(BaseModel):
    registered_ses: int
    ses_with_my_apps: int
    holdings: list[SeHolding] = Field(default_factory=list)


def find(session: Session, name: str) -> tuple[Provider, ProviderProfile]:
    provider = session.scalars(sa.select(Provider).where(Provider.name == name)).first()
    if provider is None:
        raise not_found("provider", name)
    profile = session.get(ProviderProfile, provider.id)
    if profile is None:  # a provider from before registration existed (the demo catalog)
        profile = ProviderProfile(provider_id=provider.id, state="approved", spid=f"SP{provider.id:06d}",
                                  basic={}, extended={})
        session.add(profile)
        session.flush()
    return provider, profile


def view(session: Session, provider: Provider, profile: ProviderProfile) -> ProviderView:
    accounts = session.scalars(
        sa.select(Operator.name).join(ProviderAccount, ProviderAccount.operator_id == Operator.id)
        .where(ProviderAccount.provider_id == provider.id).order_by(Operator.name)
    )
    apps = session.scalars(sa.select(Application.name).where(Application.provider_id == provider.id).order_by(Application.name))
    return ProviderView(
        name=provider.name, state=profile.state, spid=profile.spid,
        blacklisted=provider.blacklisted, basic=profile.basic, extended=profile.extended,
        accounts=list(accounts), apps=list(apps),
    )


def register(session: Session, actor: Actor, body: ProviderIn) -> ProviderView:
    """§5.6.2: store the registration; it waits for approval (state pending)."""
    if session.scalars(sa.select(Provider.id).where(Provider.name == body.name)).first():
        raise ConflictError("provider.exists", params={"name": body.name})
    provider = Provider(name=body.name)
    session.add(provider)
    session.flush()
    profile = ProviderProfile(
        provider_id=provider.id, state="pending", basic=body.basic.model_dump(), extended=body.extended.model_dump()
    )
    session.add(profile)
    session.flush()
    audit.record(session, "provider.register", actor.name, provider=body.name)
    return view(session, provider, profile)


def approve(session: Session, actor: Actor, name: str, body: Approval) -> ProviderView:
    """§5.6.2: approve (SPID + account) or reject a pending registration."""
    provider, profile = find(session, name)
    if profile.state != "pending":
        raise _bad_state(profile.state, "pending")
    if not body.approve:
        profile.state = "rejected"
        audit.record(session, "provider.reject", actor.name, provider=name)
        return view(session, provider, profile)
    if not body.account or not body.password:
        raise PlatformError(
            "provider.account_missing",
            status=422,
            detail={"field": "account" if not body.account else "password"},
        )
    if session.scalars(sa.select(Operator.id).where(Operator.name == body.account)).first():
        raise ConflictError("operator.exists", params={"name": body.account})
    operator = auth.add_operator(session, body.account, body.password, Role.PROVIDER, body.region or "-")
    session.add(ProviderAccount(operator_id=operator.id, provider_id=provider.id))
    profile.state, profile.spid, profile.updated_at = "approved", f"SP{provider.id:06d}", utcnow()
    session.flush()
    audit.record(session, "provider.approve", actor.name, provider=name, spid=profile.spid, account=body.account)
    return view(session, provider, profile)


def _bad_state(state: str, needed: str) -> ConflictError:
    return ConflictError(
        "provider.bad_state",
        detail={"state": state, "needed": needed},
        params={"provider_state": state},
    )


def list_providers(session: Session, state: str | None = None, blacklisted: bool | None = None) -> list[ProviderView]:
    out = []
    for provider in session.scalars(sa.select(Provider).order_by(Provider.name)):
        provider, profile = find(session, provider.name)
        if (state is None or profile.state == state) and (blacklisted is None or provider.blacklisted == blacklisted):
            out.append(view(session, provider, profile))
    return out


def change_basic(session: Session, actor: Actor, name: str, body: Basic) -> ProviderView:
    provider, profile = find(session, name)
    profile.basic, profile.updated_at = body.model_dump(), utcnow()
    audit.record(session, "provider.change_basic", actor.name, provider=name)
    return view(session, provider, profile)


def change_extended(session: Session, actor: Actor, name: str, body: Extended) -> ProviderView:
    provider, profile = find(session, name)
    if actor.role == Role.PROVIDER and actor.provider_id != provider.id:
        raise ForbiddenError("auth.forbidden")
    profile.extended, profile.updated_at = body.model_dump(), utcnow()
    audit.record(session, "provider.change_extended", actor.name, provider=name)
    return view(session, provider, profile)


def _accounts(session: Session, provider: Provider) -> list[Operator]:
    return list(session.scalars(
        sa.select(Operator).join(ProviderAccount, ProviderAccount.operator_id == Operator.id)
        .where(ProviderAccount.provider_id == provider.id)
    ))


def set_blacklisted(session: Session, actor: Actor, name: str, body: Blacklist) -> ProviderView:
    """§5.6.6: a blacklisted provider cannot log in; its apps cannot be downloaded."""
    provider, profile = find(session, name)
    provider.blacklisted = body.blacklisted
    for operator in _accounts(session, provider):
        operator.active = not body.blacklisted and profile.state == "approved"
    audit.record(session, "provider.blacklist" if body.blacklisted else "provider.unblacklist", actor.name,
                 provider=name, reason=body.reason)
    return view(session, provider, profile)


def deregister(session: Session, actor: Actor, name: str) -> ProviderView:
    """§5.6.5: only once every application of the provider is archived."""
    provider, profile = find(session, name)
    open_apps = []
    for app in session.scalars(sa.select(Application).where(Application.provider_id == provider.id)):
        release = session.get(AppRelease, app.id)
        if release is None or release.state != ReleaseState.ARCHIVED:
            open_apps.append(app.name)
    if open_apps:
        raise ConflictError("provider.apps_not_archived", detail={"apps": sorted(open_apps)})
    profile.state, profile.updated_at = "deregistered", utcnow()
    for operator in _accounts(session, provider):
        operator.active = False
    audit.record(session, "provider.deregister", actor.name, provider=name)
    return view(session, provider, profile)


# --- the provider's own queries (§5.6.7) -------------------------------------------------------


def _own(session: Session, actor: Actor) -> Provider:
    provider = session.get(Provider, actor.provider_id) if actor.provider_id else None
    if provider is None:
        raise ForbiddenError("auth.forbidden")
    return provider


def own_apps(session: Session, actor: Actor, state: str | None, since: datetime | None, until: datetime | None) -> list[ReleaseView]:
    _own(session, actor)
    apps = releases.list_releases(session, actor, state)
    return [a for a in apps if (since is None or a.submitted_at >= since) and (until is None or a.submitted_at < until)]


def own_downloads(
    session: Session, actor: Actor, since: datetime | None, until: datetime | None,
    msisdn: str | None, seid: str | None,
) -> list[DownloadRecord]:
    provider = _own(session, actor)
    names = {a.id: a.name for a in session.scalars(sa.select(Application).where(Application.provider_id == provider.id))}
    query = sa.select(Operation).where(Operation.kind == "download", Operation.state == "done")
    if since:
        query = query.where(Operation.created_at >= since)
    if until:
        query = query.where(Operation.created_at < until)
    if seid:
        query = query.where(Operation.seid == seid.upper())
    out = []
    for op in session.scalars(query.order_by(Operation.created_at)):
        app_id = (op.result or {}).get("app_id")
        if app_id not in names:
            continue
        binding = session.get(MsisdnBinding, op.seid)
        bound = binding.msisdn if binding else None
        if msisdn and bound != msisdn:
            continue
        out.append(DownloadRecord(at=op.created_at, app=names[app_id], seid=op.seid, msisdn=bound,
                                  state=str((op.result or {}).get("state", ""))))
    return out


def own_ses(session: Session, actor: Actor) -> SeSummary:
    provider = _own(session, actor)
    rows = session.execute(
        sa.select(SeAppState, Application.name, SecureElement)
        .join(Application, Application.id == SeAppState.application_id)
        .join(SecureElement, SecureElement.seid == SeAppState.seid)
        .where(Application.provider_id == provider.id, SeAppState.state != "Ready")
        .order_by(SeAppState.seid)
    ).all()
    holdings = [
        SeHolding(seid=s.seid, app=name, state=s.state, free_recorded=se.recorded_free_space,
                  free_measured=se.measured_free_space)
        for s, name, se in rows
    ]
    total = session.scalar(sa.select(sa.func.count()).select_from(SecureElement)) or 0
    return SeSummary(registered_ses=total, ses_with_my_apps=len({h.seid for h in holdings}), holdings=holdings)


def change_own_password(session: Session, actor: Actor, operator_name: str, body: PasswordChange) -> None:
    """§5.6.7.1: the provider changes its own password; the old one must be right."""
    operator = session.scalars(sa.select(Operator).where(Operator.name == operator_name)).first()
    if operator is None or not auth.verify_password(body.old, operator.password_hash):
        raise PlatformError("auth.bad_credentials", status=400)
    operator.password_hash = auth.hash_password(body.new)
    audit.record(session, "provider.password", actor.name)
