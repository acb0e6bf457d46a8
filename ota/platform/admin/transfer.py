"""``hallterm platform export|import``: catalog, SE batches and providers as one versioned document.

The document is JSON (which is also YAML 1.2), so an operator can keep its platform's
configuration in version control and load it into a fresh platform.  CAP files travel as
base64 with their SHA-1; on import every CAP is checked against its declared structure again.
Provider accounts and passwords never leave the platform.  Each instance's label and own
personalisation template (version 2) travel as stored: a template's encrypted records stay
ciphertext under the provider's transport keys, never decrypted here.  Import is one transaction: a bad
document changes nothing.  Entries that already exist are kept (reported as ``unchanged``);
batches of the same name are replaced.  A version 1 document (no instance entries) still
imports.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.admin import batches, instance_perso, releases
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
VERSION = 2
READABLE = (1, 2)
"""Version 2 added ``AppDoc.instances``; a version 1 document is a version 2 one without them."""


class ProviderDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    state: Literal["pending", "approved", "rejected", "deregistered"] = "approved"
    spid: str | None = None
    blacklisted: bool = False
    basic: dict[str, Any] = Field(default_factory=dict)
    extended: dict[str, Any] = Field(default_factory=dict)


class InstanceDoc(BaseModel):
    """What an admin set on one instance after the submission (§5.8.4.1): labels and own template."""

    model_config = ConfigDict(extra="forbid")
    aid: str
    label_zh: instance_perso.Label = ""
    label_en: instance_perso.Label = ""
    perso_template: dict[str, Any] | None = None


class AppDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    state: ReleaseState
    submission: Submission
    users: list[str] = Field(default_factory=list)
    instances: list[InstanceDoc] = Field(default_factory=list)

    @model_validator(mode="after")
    def _instances_declared(self) -> AppDoc:
        declared = {i.aid.upper() for i in self.submission.instances}
        for n, one in enumerate(self.instances):
            if one.aid.upper() not in declared:
                raise ValueError(f"instances[{n}].aid is not among the submission's instances")
        return self


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
                  submission=submission, users=list(users),
                  instances=[InstanceDoc(aid=i.instance_aid, label_zh=i.label_zh, label_en=i.label_en,
                                         perso_template=i.perso_template)
                             for i in instances if i.label_zh or i.label_en or i.perso_template is not None])


def load(session: Session, actor: Actor, doc: ConfigDocument) -> ImportReport:
    if doc.version not in READABLE:
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
        _restore_instances(session, actor, name, entry.instances)
        session.add_all(AppUserList(application_id=view.app_id, msisdn=m) for m in sorted(set(entry.users)))
        report.added["catalog"].append(name)
    session.flush()
    audit.record(session, "config.import", actor.name, added=report.added, replaced=report.replaced)
    return report


def _restore_instances(session: Session, actor: Actor, app: str, instances: list[InstanceDoc]) -> None:
    """Each instance's labels and own template, through the same checks as the admin API's."""
    session.flush()
    for one in instances:
        fields = instance_perso.InstanceIn(label_zh=one.label_zh, label_en=one.label_en, perso_template=one.perso_template)
        instance_perso.store(session, actor, app, one.aid, fields)
