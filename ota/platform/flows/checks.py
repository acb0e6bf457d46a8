"""Checks made before a flow touches a card: the SE, its batch, its registration (seed §5.5.2).

Before any write the platform checks, in this order (each refusal has a stable code and texts
for the clerk in zh and en):

* ``se.lost``: the SE is on the lost list; only a lock is allowed then (the lost-phone case);
* ``se.bound_elsewhere``: the SE is bound to another MSISDN than the subscriber being served
  (``params["msisdn"]``); one SE belongs to exactly one MSISDN;
* ``se.unregistered``: the SE is bound to no MSISDN and none was given to bind it to;
* ``subscriber.out_of_service``: the bound subscriber is out of service;
* ``policy.region``: a clerk serves only subscribers of the clerk's region (§5.9.4).

An unbound SE presented with ``params["msisdn"]`` of a known subscriber is registered on the
spot (§5.5.2: "the platform binds the MSISDN and the SE_ID automatically").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform import audit, policy
from ota.platform.cards import batch_for_seid
from ota.platform.flows.base import FlowContext, FlowError
from ota.platform.metadata_cache import BATCHES, cached_get
from ota.platform.models import (
    Application,
    ApplicationBatch,
    LostSe,
    MsisdnBinding,
    Provider,
    SeBatch,
    SecureElement,
    SeStatus,
    Subscriber,
)


def refuse(code: str, *, params: dict[str, str | int] | None = None, **detail: Any) -> FlowError:
    return FlowError(code, params=params, detail=detail or None)


@dataclass
class Registration:
    se: SecureElement
    batch: SeBatch
    subscriber: Subscriber | None

    @property
    def msisdn(self) -> str | None:
        return self.subscriber.msisdn if self.subscriber else None


def resolve_se(session: Session, seid: str) -> tuple[SecureElement, SeBatch]:
    """The SE row and its batch; an SE of a known batch seen for the first time is recorded."""
    seid = seid.upper()
    se = session.get(SecureElement, seid)
    batch = (
        cached_get(session, SeBatch, se.batch_id, BATCHES)  # read on every step, changed seldom
        if se and se.batch_id
        else batch_for_seid(session, seid)
    )
    if batch is None:
        raise refuse("se.unknown_batch", seid=seid)
    if se is None:
        se = SecureElement(seid=seid, batch_id=batch.id, recorded_free_space=batch.initial_free_space)
        session.add(se)
        session.flush()
    elif se.batch_id is None:
        se.batch_id = batch.id
    if se.status == SeStatus.TERMINATED:
        raise refuse("se.terminated", seid=seid)
    return se, batch


def is_lost(session: Session, seid: str) -> bool:
    return session.get(LostSe, seid) is not None or (
        (se := session.get(SecureElement, seid)) is not None and se.status == SeStatus.LOST
    )


def bound_msisdn(session: Session, seid: str) -> str | None:
    binding = session.get(MsisdnBinding, seid)
    return binding.msisdn if binding else None


# What the checks read, in one statement (issue 15 item 1): the SE, its batch, its binding and
# subscriber land in the session's identity map, with whether the SE is on the lost list.
_REGISTRATION = (
    sa.select(SecureElement, SeBatch, MsisdnBinding, Subscriber, LostSe.seid.label("lost"))
    .outerjoin(SeBatch, SeBatch.id == SecureElement.batch_id)
    .outerjoin(MsisdnBinding, MsisdnBinding.seid == SecureElement.seid)
    .outerjoin(Subscriber, Subscriber.msisdn == MsisdnBinding.msisdn)
    .outerjoin(LostSe, LostSe.seid == SecureElement.seid)
    .where(SecureElement.seid == sa.bindparam("seid"))
)


def check_registration(
    ctx: FlowContext, seid: str, *, write: bool = True, allow_lost: bool = False
) -> Registration:
    """Run the §5.5.2 checks for ``seid``; raise the refusal, or return who the SE belongs to."""
    session, seid = ctx.session, seid.upper()
    known = session.execute(_REGISTRATION, {"seid": seid}).first()  # None: an SE seen for the first time
    se, batch = resolve_se(session, seid)
    lost = is_lost(session, seid) if known is None else known.lost is not None or se.status == SeStatus.LOST
    if write and not allow_lost and lost:
        raise refuse("se.lost", seid=seid)
    wanted = ctx.params.get("msisdn")
    if known is None:
        bound = bound_msisdn(session, seid)
    else:
        bound = known.MsisdnBinding.msisdn if known.MsisdnBinding is not None else None
    if bound and wanted and str(wanted) != bound:
        raise refuse("se.bound_elsewhere", seid=seid)
    if bound is None and wanted:
        bound = register(ctx, seid, str(wanted))
    if bound is None and write:
        raise refuse("se.unregistered", seid=seid)
    subscriber = session.get(Subscriber, bound) if bound else None
    if subscriber is not None:
        if write and not subscriber.in_service:
            raise refuse("subscriber.out_of_service")
        check_region(ctx, subscriber)
    return Registration(se, batch, subscriber)


def check_region(ctx: FlowContext, subscriber: Subscriber) -> None:
    who = ctx.principal
    terminal_region = who.terminal_region or who.region
    if not policy.region_allows(who.region, terminal_region, subscriber.region):
        raise refuse(
            "policy.region",
            subscriber_region=subscriber.region,
            operator_region=ctx.principal.region,
            params={"region": subscriber.region},
        )


def register(ctx: FlowContext, seid: str, msisdn: str) -> str:
    """Bind an unbound SE to a known subscriber (§5.5.2 automatic registration)."""
    if ctx.session.get(Subscriber, msisdn) is None:
        raise refuse("subscriber.unknown", params={"number": mask(msisdn)})
    ctx.session.add(MsisdnBinding(seid=seid, msisdn=msisdn))
    ctx.session.flush()
    audit.record(ctx.session, "se.register", ctx.principal.operator, seid=seid, msisdn=mask(msisdn))
    return msisdn


_APP_BY_NAME = sa.select(Application).where(Application.name == sa.bindparam("name"))  # built once


def find_app(session: Session, ref: Any) -> Application:
    """An application by id (int or digits) or by name."""
    if ref is None or ref == "":
        raise refuse("app.missing")
    app = None
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        app = session.get(Application, int(ref))
    if app is None:
        app = session.execute(_APP_BY_NAME, {"name": str(ref)}).scalars().first()
    if app is None:
        raise refuse("app.unknown", app=str(ref), params={"app": str(ref)})
    return app


def check_downloadable(session: Session, app: Application, batch: SeBatch) -> None:
    """Batch/version compatibility and the provider's right to download (§5.8.4.1)."""
    allowed = set(
        session.scalars(
            sa.select(ApplicationBatch.batch_id).where(ApplicationBatch.application_id == app.id)
        )
    )
    if allowed and batch.id not in allowed:
        raise refuse(
            "app.batch_incompatible",
            app=app.name,
            batch=batch.name,
            detail={"version": app.version, "batch": batch.name},
            params={"app": app.name},
        )
    provider = session.get(Provider, app.provider_id) if app.provider_id else None
    if provider is not None and provider.blacklisted:
        raise refuse("provider.blacklisted", provider=provider.name, params={"provider": provider.name})


def mask(msisdn: str) -> str:
    """An MSISDN for messages and the audit log: the middle digits hidden."""
    return msisdn if len(msisdn) < 7 else f"{msisdn[:3]}****{msisdn[-4:]}"
