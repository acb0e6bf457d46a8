"""``hallterm platform export|import``: catalog, SE batches and providers as one versioned document.

The document is JSON (which is also YAML 1.2), so an operator can keep its platform's
configuration in version control and load it into a fresh platform.  CAP files travel as
base64 with their SHA-1; on import every CAP is checked against its declared structure again.
Provider accounts and passwords never leave the platform.  Import is one transaction: a bad
document changes nothing.  Entries that already exist are kept (reported as ``unchanged``);
batches of the same name are replaced.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.admin import batches, releases
from ota.platform.admin.batches import BatchIn
from ota.platform.admin.schemas import InstanceIn, LoadFileIn, MemoryIn, Submission
from ota.platform.errors import PlatformError
from ota.platform.models import (
    AppInstance,
    Application,
    ApplicationBatch,
    AppRelease,
    AppUserList,
    LoadFile,
    Provider,
    ProviderProfile,
    ReleaseState,
    SeBatch,
)
from ota.platform.policy import Actor

FORMAT = "hallterm-platform-config"
VERSION = 1


class ProviderDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    state: Literal["pending", "approved", "rejected", "deregistered"] = "approved"
    spid: str | None = None
    blacklisted: bool = False
    basic: dict[str, Any] = Field(default_factory=dict)
    extended: dict[str, Any] = Field(default_factory=dict)


class AppDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    state: ReleaseState
    submission: Submission
    users: list[str] = Field(default_factory=list)


class ConfigDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: Literal["hallterm-platform-config"] = "hallterm-platform-config"
    version: int
    exported_at: datetime | None = None
    providers: list[ProviderDoc] = Field(default_factory=list)
    batches: list[BatchIn] = Field(default_factory=list)
    catalog: list[AppDoc] = Field(default_factory=list)


class ImportReport(BaseModel):
    added: dict[str, list[str]]
    replaced: dict[str, list[str]]
    unchanged: dict[str, list[str]]


def export(session: Session, actor: Actor) -> ConfigDocument:
    doc = ConfigDocument(
        version=VERSION,
        exported_at=datetime.now(UTC),
        providers=[_provider_doc(session, p) for p in session.scalars(sa.select(Provider).order_by(Provider.name))],
        batches=[BatchIn(**b.model_dump(exclude={"id", "ses"})) for b in batches.list_batches(session)],
        catalog=[_app_doc(session, a) for a in session.scalars(sa.select(Application).order_by(Application.name))],
    )
    audit.record(session, "config.export", actor.name, providers=len(doc.providers), batches=len(doc.batches),
                 apps=len(doc.catalog))
    return doc


def _provider_doc(session: Session, provider: Provider) -> ProviderDoc:
    profile = session.get(ProviderProfile, provider.id)
    return ProviderDoc(
        name=provider.name, state=profile.state if profile else "approved",  # type: ignore[arg-type]
        spid=profile.spid if profile else None, blacklisted=provider.blacklisted,
        basic=profile.basic if profile else {}, extended=profile.extended if profile else {},
    )


def _app_doc(session: Session, app: Application) -> AppDoc:
    release = session.get(AppRelease, app.id)
    provider = session.get(Provider, app.provider_id) if app.provider_id else None
    files = session.scalars(sa.select(LoadFile).where(LoadFile.application_id == app.id).order_by(LoadFile.aid)).all()
    instances = session.scalars(
        sa.select(AppInstance).where(AppInstance.application_id == app.id).order_by(AppInstance.instance_aid)
    ).all()
    batch_names = session.scalars(
        sa.select(SeBatch.name).join(ApplicationBatch, ApplicationBatch.batch_id == SeBatch.id)
        .where(ApplicationBatch.application_id == app.id).order_by(SeBatch.name)
    ).all()
    main = release.main_module_aid if release else instances[0].module_aid
    submission = Submission(
        name=app.name, title_zh=app.title_zh, title_en=app.title_en, provider=provider.name if provider else "",
        version=app.version, release_date=release.release_date if release else None,
        load_files=[
            LoadFileIn(
                file_name=f.file_name, content_b64=base64.b64encode(f.cap).decode(),
                sha1=releases.cap_sha1(f.cap), aid=f.aid, modules=releases.module_aids(session, f.aid),
            )
            for f in files
        ],
        main_module=main,
        instances=[InstanceIn(aid=i.instance_aid, module=i.module_aid, privileges=i.privileges,
                              install_params=i.install_params) for i in instances],
        memory=MemoryIn(nv=release.nv_size if release else 0, volatile=release.volatile_size if release else 0),
        needs_personalisation=app.needs_personalisation, needs_activation=app.needs_activation,
        perso_template=app.perso_template, deletion_mode=release.deletion_mode if release else "full",  # type: ignore[arg-type]
        batches=list(batch_names), scope=release.scope if release else "network",  # type: ignore[arg-type]
        province=release.province if release else None,
    )
    users = session.scalars(sa.select(AppUserList.msisdn).where(AppUserList.application_id == app.id)).all()
    return AppDoc(state=ReleaseState(release.state) if release else ReleaseState.PUBLISHED,
                  submission=submission, users=list(users))


def load(session: Session, actor: Actor, doc: ConfigDocument) -> ImportReport:
    if doc.version != VERSION:
        raise PlatformError(
            "config.version",
            status=422,
            detail={"field": "version", "version": doc.version},
        )
    report = ImportReport(added={"providers": [], "batches": [], "catalog": []},
                          replaced={"batches": []}, unchanged={"providers": [], "catalog": []})
    for p in doc.providers:
        if session.scalars(sa.select(Provider.id).where(Provider.name == p.name)).first():
            report.unchanged["providers"].append(p.name)
            continue
        provider = Provider(name=p.name, blacklisted=p.blacklisted)
        session.add(provider)
        session.flush()
        session.add(ProviderProfile(provider_id=provider.id, state=p.state, spid=p.spid, basic=p.basic,
                                    extended=p.extended))
        report.added["providers"].append(p.name)
    session.flush()
    for b in doc.batches:
        exists = session.scalars(sa.select(SeBatch.id).where(SeBatch.name == b.name)).first()
        batches.save(session, actor.name, b, replace=b.name if exists else None)
        (report.replaced if exists else report.added)["batches"].append(b.name)
    for entry in doc.catalog:
        name = entry.submission.name
        if session.scalars(sa.select(Application.id).where(Application.name == name)).first():
            report.unchanged["catalog"].append(name)
            continue
        view = releases.submit(session, actor, entry.submission, state=entry.state)
        session.add_all(AppUserList(application_id=view.app_id, msisdn=m) for m in sorted(set(entry.users)))
        report.added["catalog"].append(name)
    session.flush()
    audit.record(session, "config.import", actor.name, added=report.added, replaced=report.replaced)
    return report
