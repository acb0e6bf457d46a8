"""``/api/v1/admin``: the administration over HTTPS; ``install(app)`` is the one line in api.py.

Every route authenticates the bearer token, turns it into a policy :class:`Actor` and calls a
service function through :func:`ota.platform.policy.perform`, which checks the role and audits refusals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Request

from ota.platform import auth, sd_key_period
from ota.platform.admin import (
    archive,
    batches,
    companion,
    domains,
    instance_perso,
    providers,
    receipts,
    releases,
    stats,
    subscribers,
    system,
    transfer,
)
from ota.platform.admin.schemas import (
    Aid,
    Archive,
    Attempt,
    Consent,
    Decision,
    Publish,
    ReleaseList,
    ReleaseView,
    RemovalList,
    RemovalView,
    Submission,
)
from ota.platform.models import ProviderAccount
from ota.platform.policy import Actor, perform
from ota.platform.principal import principal
from ota.protocol import API_PREFIX, ErrorBody

T = TypeVar("T")
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 422)}


def _actor(request: Request, who: Annotated[auth.Principal, Depends(principal)]) -> Actor:
    """The principal (operator at an enrolled terminal) as the policy table's caller."""
    with request.app.state.sessions() as session:
        account = session.get(ProviderAccount, who.operator_id)
    provider_id = account.provider_id if account else None
    return Actor(who.operator, who.role, who.terminal_id, who.terminal_kind, provider_id)


Who = Annotated[Actor, Depends(_actor)]


class Context:
    """What a route needs from the app: its sessions and the archive's removal sink."""

    def __init__(self, request: Request, who: Who) -> None:
        self.sessions = request.app.state.sessions
        self.sink: archive.RemovalSink = request.app.state.removal_sink
        self.who = who

    def do(self, action: str, work: Callable[[Any], T]) -> T:
        return perform(self.sessions, self.who, action, work)


Ctx = Annotated[Context, Depends(Context)]
router = APIRouter(prefix=f"{API_PREFIX}/admin", responses=ERRORS)


# --- applications (§5.4) -----------------------------------------------------------------------


@router.post("/apps", response_model=ReleaseView)
def submit_app(body: Submission, c: Ctx) -> ReleaseView:
    return c.do("app.submit", lambda s: releases.submit(s, c.who, body))


@router.get("/apps", response_model=ReleaseList)
def list_apps(c: Ctx, state: str | None = None) -> ReleaseList:
    return ReleaseList(apps=c.do("app.read", lambda s: releases.list_releases(s, c.who, state)))


@router.get("/apps/{ref}", response_model=ReleaseView)
def get_app(ref: str, c: Ctx) -> ReleaseView:
    return c.do("app.read", lambda s: releases.view(s, releases.find(s, ref)[0]))


@router.put("/apps/{ref}/companion", response_model=companion.CompanionView)
def store_companion(ref: str, body: companion.CompanionIn, c: Ctx) -> companion.CompanionView:
    return c.do("companion.write", lambda s: companion.store(s, c.who, ref, body))


@router.get("/apps/{ref}/companion", response_model=companion.CompanionView)
def get_companion(ref: str, c: Ctx) -> companion.CompanionView:
    return c.do("app.read", lambda s: companion.view(s, ref))


@router.get("/apps/{ref}/instances", response_model=instance_perso.InstanceList)
def list_instances(ref: str, c: Ctx) -> instance_perso.InstanceList:
    return c.do("app.read", lambda s: instance_perso.list_instances(s, ref))


@router.put("/apps/{ref}/instances/{aid}", response_model=instance_perso.InstanceView)
def store_instance(ref: str, aid: Aid, body: instance_perso.InstanceIn, c: Ctx) -> instance_perso.InstanceView:
    return c.do("instance.write", lambda s: instance_perso.store(s, c.who, ref, aid, body))


@router.post("/apps/{ref}/audit", response_model=ReleaseView)
def audit_app(ref: str, body: Decision, c: Ctx) -> ReleaseView:
    return c.do("app.audit", lambda s: releases.audit_app(s, c.who, ref, body))


@router.post("/apps/{ref}/test", response_model=ReleaseView)
def test_app(ref: str, body: Decision, c: Ctx) -> ReleaseView:
    return c.do("app.test", lambda s: releases.test_app(s, c.who, ref, body))


@router.post("/apps/{ref}/publish", response_model=ReleaseView)
def publish_app(ref: str, body: Publish, c: Ctx) -> ReleaseView:
    return c.do("app.publish", lambda s: releases.publish(s, c.who, ref, body))


@router.post("/apps/{ref}/archive", response_model=RemovalList)
def archive_app(ref: str, body: Archive, c: Ctx) -> RemovalList:
    return RemovalList(removals=c.do("app.archive", lambda s: archive.start(s, c.who, ref, body, c.sink)))


@router.get("/apps/{ref}/removals", response_model=RemovalList)
def list_removals(ref: str, c: Ctx) -> RemovalList:
    return RemovalList(removals=c.do("app.read", lambda s: archive.list_for(s, ref)))


@router.post("/removals/{removal_id}/consent", response_model=RemovalView)
def removal_consent(removal_id: int, body: Consent, c: Ctx) -> RemovalView:
    return c.do("removal.manage", lambda s: archive.record_consent(s, c.who, removal_id, body, c.sink))


@router.post("/removals/{removal_id}/attempts", response_model=RemovalView)
def removal_attempt(removal_id: int, body: Attempt, c: Ctx) -> RemovalView:
    return c.do("removal.manage", lambda s: archive.record_attempt(s, c.who, removal_id, body, c.sink))


# --- system management (§5.7.3) ----------------------------------------------------------------


@router.get("/system", response_model=system.SystemList)
def list_system(c: Ctx) -> system.SystemList:
    return c.do("system.read", lambda s: system.SystemList(
        operators=system.operators(s), regions=system.regions(s),
        parameters=system.parameters(s), terminals=system.terminals(s),
    ))


@router.post("/operators", response_model=system.OperatorView)
def add_operator(body: system.OperatorIn, c: Ctx) -> system.OperatorView:
    return c.do("system.write", lambda s: system.add_operator(s, c.who, body))


@router.patch("/operators/{name}", response_model=system.OperatorView)
def change_operator(name: str, body: system.OperatorChange, c: Ctx) -> system.OperatorView:
    return c.do("system.write", lambda s: system.change_operator(s, c.who, name, body))


@router.post("/regions", response_model=system.RegionIn)
def add_region(body: system.RegionIn, c: Ctx) -> system.RegionIn:
    return c.do("system.write", lambda s: system.add_region(s, c.who, body))


@router.put("/parameters/{name}", response_model=system.ParameterView)
def set_parameter(name: str, body: system.ParameterIn, c: Ctx) -> system.ParameterView:
    return c.do("system.write", lambda s: system.set_parameter(s, c.who, name, body))


@router.delete("/parameters/{name}")
def delete_parameter(name: str, c: Ctx) -> dict[str, str]:
    c.do("system.write", lambda s: system.delete_parameter(s, c.who, name))
    return {"deleted": name}


# --- providers (§5.6) ----------------------------------------------------------------------------


@router.post("/providers", response_model=providers.ProviderView)
def register_provider(body: providers.ProviderIn, c: Ctx) -> providers.ProviderView:
    return c.do("provider.register", lambda s: providers.register(s, c.who, body))


@router.get("/providers", response_model=providers.ProviderList)
def list_providers(c: Ctx, state: str | None = None, blacklisted: bool | None = None) -> providers.ProviderList:
    return providers.ProviderList(
        providers=c.do("provider.read", lambda s: providers.list_providers(s, state, blacklisted))
    )


@router.post("/providers/{name}/approval", response_model=providers.ProviderView)
def approve_provider(name: str, body: providers.Approval, c: Ctx) -> providers.ProviderView:
    return c.do("provider.approve", lambda s: providers.approve(s, c.who, name, body))


@router.put("/providers/{name}/basic", response_model=providers.ProviderView)
def change_provider_basic(name: str, body: providers.Basic, c: Ctx) -> providers.ProviderView:
    return c.do("provider.change_basic", lambda s: providers.change_basic(s, c.who, name, body))


@router.put("/providers/{name}/extended", response_model=providers.ProviderView)
def change_provider_extended(name: str, body: providers.Extended, c: Ctx) -> providers.ProviderView:
    return c.do("provider.change_extended", lambda s: providers.change_extended(s, c.who, name, body))


@router.put("/providers/{name}/blacklist", response_model=providers.ProviderView)
def blacklist_provider(name: str, body: providers.Blacklist, c: Ctx) -> providers.ProviderView:
    return c.do("provider.blacklist", lambda s: providers.set_blacklisted(s, c.who, name, body))


@router.post("/providers/{name}/deregister", response_model=providers.ProviderView)
def deregister_provider(name: str, c: Ctx) -> providers.ProviderView:
    return c.do("provider.deregister", lambda s: providers.deregister(s, c.who, name))


@router.get("/self/apps", response_model=ReleaseList)
def own_apps(c: Ctx, state: str | None = None, since: datetime | None = None, until: datetime | None = None) -> ReleaseList:
    return ReleaseList(apps=c.do("provider.self", lambda s: providers.own_apps(s, c.who, state, since, until)))


@router.get("/self/downloads", response_model=providers.DownloadList)
def own_downloads(
    c: Ctx, since: datetime | None = None, until: datetime | None = None,
    msisdn: str | None = None, seid: str | None = None,
) -> providers.DownloadList:
    return providers.DownloadList(
        downloads=c.do("provider.self", lambda s: providers.own_downloads(s, c.who, since, until, msisdn, seid))
    )


@router.get("/self/ses", response_model=providers.SeSummary)
def own_ses(c: Ctx) -> providers.SeSummary:
    return c.do("provider.self", lambda s: providers.own_ses(s, c.who))


@router.post("/self/password")
def own_password(body: providers.PasswordChange, c: Ctx) -> dict[str, bool]:
    c.do("provider.self", lambda s: providers.change_own_password(s, c.who, c.who.name, body))
    return {"changed": True}


# --- security domains (§5.3) ------------------------------------------------------------------


@router.get("/security-domains", response_model=domains.DomainList)
def list_domains(c: Ctx) -> domains.DomainList:
    return domains.DomainList(domains=c.do("sd.read", lambda s: domains.list_domains(s, c.who)))


@router.put("/security-domains/{aid}", response_model=domains.DomainView)
def save_domain(aid: Aid, body: domains.DomainIn, c: Ctx) -> domains.DomainView:
    return c.do("sd.write", lambda s: domains.save(s, c.who.name, aid, body))


@router.put("/security-domains/{aid}/provider-keys", response_model=domains.DomainView)
def provider_keys(aid: Aid, body: domains.ProviderKeysIn, c: Ctx, request: Request) -> domains.DomainView:
    keystore = request.app.state.keystore
    return c.do("sd.keys", lambda s: domains.set_provider_keys(s, keystore, c.who, aid, body))


@router.get("/sd-key-updates/due", response_model=sd_key_period.DueList)
def due_key_updates(c: Ctx, request: Request) -> sd_key_period.DueList:
    keystore = request.app.state.keystore
    return c.do("sd.read", lambda s: sd_key_period.due(s, keystore))


@router.post("/sd-key-updates/schedule", response_model=sd_key_period.ScheduleReport)
def schedule_key_updates(c: Ctx, request: Request) -> sd_key_period.ScheduleReport:
    keystore = request.app.state.keystore
    return c.do("sd.write", lambda s: sd_key_period.schedule_due(s, keystore, c.who.name))


@router.put("/load-files/{aid}/dap-signature", response_model=domains.LoadFileDapView)
def dap_signature(aid: Aid, body: domains.DapSignatureIn, c: Ctx) -> domains.LoadFileDapView:
    return c.do("sd.keys", lambda s: domains.set_dap_signature(s, c.who, aid, body))


# --- Delegated Management: token-mode SDs (§5.8.9.3, GPC 2.2.1 Annex C.4; admin/receipts.py) -----


@router.post("/dm-keys", response_model=receipts.DmKeysView)
def create_dm_keys(c: Ctx, request: Request) -> receipts.DmKeysView:
    return c.do("system.write", lambda s: receipts.create_keys(s, request.app.state.keystore, c.who))


@router.get("/dm-keys", response_model=receipts.DmKeysView)
def dm_keys(c: Ctx) -> receipts.DmKeysView:
    return c.do("sd.read", receipts.show_keys)


@router.get("/security-domains/{aid}/receipts", response_model=list[receipts.ReceiptView])
def sd_receipts(aid: Aid, c: Ctx) -> list[receipts.ReceiptView]:
    return c.do("sd.read", lambda s: receipts.list_receipts(s, c.who, aid))


@router.post("/security-domains/{aid}/receipts/verify", response_model=receipts.Verdict)
def verify_sd_receipt(aid: Aid, body: receipts.ReceiptIn, c: Ctx, request: Request) -> receipts.Verdict:
    keystore = request.app.state.keystore
    return c.do("sd.read", lambda s: receipts.verify_receipt(s, keystore, c.who, aid, body))


@router.post("/security-domains/{aid}/tokens/verify", response_model=receipts.Verdict)
def verify_sd_token(aid: Aid, body: receipts.TokenIn, c: Ctx) -> receipts.Verdict:
    return c.do("sd.read", lambda s: receipts.verify_token(s, c.who, aid, body))


# --- SE batches (§5.8.1) ---------------------------------------------------------------------------


@router.post("/batches", response_model=batches.BatchView)
def add_batch(body: batches.BatchIn, c: Ctx) -> batches.BatchView:
    return c.do("batch.write", lambda s: batches.save(s, c.who.name, body))


@router.put("/batches/{name}", response_model=batches.BatchView)
def change_batch(name: str, body: batches.BatchIn, c: Ctx) -> batches.BatchView:
    return c.do("batch.write", lambda s: batches.save(s, c.who.name, body, replace=name))


@router.get("/batches", response_model=batches.BatchList)
def list_batches(c: Ctx) -> batches.BatchList:
    return batches.BatchList(batches=c.do("batch.read", batches.list_batches))


@router.get("/batches/by-seid/{seid}", response_model=batches.BatchView)
def batch_of_seid(seid: str, c: Ctx) -> batches.BatchView:
    return c.do("batch.read", lambda s: batches.for_seid(s, seid))


# --- subscribers (§5.5) and business platforms (§5.7.1, §5.8.7.2) ------------------------------


@router.post("/subscribers", response_model=subscribers.SubscriberView)
def add_subscriber(body: subscribers.SubscriberIn, c: Ctx) -> subscribers.SubscriberView:
    return c.do("subscriber.write", lambda s: subscribers.add(s, c.who, body))


@router.get("/subscribers/{msisdn}", response_model=subscribers.SubscriberView)
def get_subscriber(msisdn: str, c: Ctx) -> subscribers.SubscriberView:
    return c.do("subscriber.read", lambda s: subscribers.get(s, msisdn))


@router.post("/subscribers/{msisdn}/deregister", response_model=subscribers.SubscriberView)
def deregister_subscriber(msisdn: str, c: Ctx) -> subscribers.SubscriberView:
    return c.do("subscriber.write", lambda s: subscribers.deregister(s, c.who, msisdn))


@router.post("/subscribers/{msisdn}/leave", response_model=subscribers.SubscriberView)
def subscriber_leaves(msisdn: str, c: Ctx) -> subscribers.SubscriberView:
    return c.do("subscriber.write", lambda s: subscribers.leave_network(s, c.who, msisdn))


@router.post("/business-platforms", response_model=subscribers.BusinessPlatformView)
def add_business_platform(body: subscribers.BusinessPlatformIn, c: Ctx) -> subscribers.BusinessPlatformView:
    return c.do("business.manage", lambda s: subscribers.add_business_platform(s, c.who, body))


@router.post("/business/notices", response_model=subscribers.NoticeResult)
def business_notice(body: subscribers.Notice, c: Ctx) -> subscribers.NoticeResult:
    return c.do("business.notice", lambda s: subscribers.notice(s, c.who, body))


@router.post("/activations/expire", response_model=subscribers.ExpiryResult)
def expire_activations(c: Ctx) -> subscribers.ExpiryResult:
    return c.do("activation.expire", lambda s: subscribers.expire_activations(s, c.who))


# --- statistics (§5.2.2.2) -------------------------------------------------------------------------


@router.get("/stats", response_model=stats.Stats)
def statistics(c: Ctx, since: datetime | None = None, until: datetime | None = None) -> stats.Stats:
    return c.do("stats.read", lambda s: stats.compute(s, since, until))


# --- export / import of the configuration --------------------------------------------------------


@router.get("/config", response_model=transfer.ConfigDocument)
def export_config(c: Ctx) -> transfer.ConfigDocument:
    return c.do("config.export", lambda s: transfer.export(s, c.who))


@router.post("/config", response_model=transfer.ImportReport)
def import_config(body: transfer.ConfigDocument, c: Ctx) -> transfer.ImportReport:
    return c.do("config.import", lambda s: transfer.load(s, c.who, body))


def install(app: FastAPI, sink: archive.RemovalSink | None = None) -> None:
    """Add the admin routes to ``app``; the archive's removals go to ``sink`` (default: rows only)."""
    app.state.removal_sink = sink or archive.RecordOnlySink()
    app.include_router(router)
    app.include_router(companion.public)
