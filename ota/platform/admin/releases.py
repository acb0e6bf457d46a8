"""Application submission and life cycle (seed §5.4.1–§5.4.4).

A submission is one or more CAP files plus the structure the provider declares: load file AID,
module AIDs, the main module and the instances.  The CAP's real structure is read with
``ota.gp.cap`` and compared field by field; the first difference is refused with the field's
name (``release.structure_mismatch``), so the provider knows what to correct.

States (§5.4.4): initial -> audited -> tested -> published -> archiving -> archived, each
transition by the role ``ota.platform.policy.POLICY`` gives it.  While audited or tested only the test
numbers (parameter ``test.msisdns``, §5.4.4.3) may download; once published the named batches
and, when given, the user list decide (§5.4.4.4).  Applications without a release row (the demo
catalog) count as published.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.gp.cap import CapFile
from ota.gp.constants import ISD_AID
from ota.gp.errors import GpError
from ota.platform import audit
from ota.platform.admin import system
from ota.platform.admin.schemas import (
    Decision,
    LoadFileView,
    Publish,
    ReleaseView,
    Submission,
)
from ota.platform.db import utcnow
from ota.platform.errors import ConflictError, ForbiddenError, PlatformError, not_found
from ota.platform.models import (
    AppInstance,
    Application,
    ApplicationBatch,
    AppRelease,
    AppUserList,
    LoadFile,
    Module,
    Provider,
    ProviderProfile,
    ReleaseState,
    SeBatch,
    SecurityDomain,
    Subscriber,
)
from ota.platform.policy import Actor
from ota.protocol import Role

TEST_NUMBERS = "test.msisdns"
"""The parameter holding the numbers that may download an application under test (§5.4.4.3)."""
HIDDEN = (ReleaseState.INITIAL, ReleaseState.ARCHIVING, ReleaseState.ARCHIVED)
"""States in which the counter's catalog does not offer the application."""


def mismatch(field: str, declared: object, actual: object) -> PlatformError:
    return PlatformError(
        "release.structure_mismatch",
        status=422,
        detail={"field": field, "declared": str(declared), "actual": str(actual)},
        params={"field": field},
    )


@dataclass(frozen=True)
class CheckedCap:
    raw: bytes
    cap: CapFile
    aid: str
    modules: list[str]


def check_structure(body: Submission) -> list[CheckedCap]:
    """Read every CAP and compare it with what was declared; the first difference is refused."""
    checked: list[CheckedCap] = []
    for n, declared in enumerate(body.load_files):
        where = f"load_files[{n}]"
        try:
            raw = base64.b64decode(declared.content_b64, validate=True)
        except (binascii.Error, ValueError):
            raise invalid_cap(f"{where}.content_b64", "not base64") from None
        try:
            cap = CapFile.open(raw)
        except GpError as e:
            raise invalid_cap(f"{where}.content_b64", str(e)) from None
        actual_sha1 = cap_sha1(raw)
        if actual_sha1 != declared.sha1:
            raise mismatch(f"{where}.sha1", declared.sha1, actual_sha1)
        aid = cap.package_aid.hex().upper()
        if aid != declared.aid:
            raise mismatch(f"{where}.aid", declared.aid, aid)
        modules = [a.hex().upper() for a in cap.applet_aids]
        if sorted(modules) != sorted(declared.modules):
            raise mismatch(f"{where}.modules", ",".join(declared.modules) or "-", ",".join(modules) or "-")
        checked.append(CheckedCap(raw, cap, aid, modules))
    all_modules = {m for c in checked for m in c.modules}
    if body.main_module not in all_modules:
        raise mismatch("main_module", body.main_module, ",".join(sorted(all_modules)) or "-")
    for n, instance in enumerate(body.instances):
        if instance.module not in all_modules:
            raise mismatch(f"instances[{n}].module", instance.module, ",".join(sorted(all_modules)))
    if not any(i.module == body.main_module for i in body.instances):
        raise mismatch("instances", "-", f"an instance of the main module {body.main_module}")
    code = sum(c.cap.code_size for c in checked)
    if body.memory.code is not None and body.memory.code != code:
        raise mismatch("memory.code", body.memory.code, code)
    return checked


def invalid_cap(field: str, reason: str) -> PlatformError:
    return PlatformError("release.cap_invalid", status=422, detail={"field": field, "reason": str(reason)})


def _taken(field: str, value: str) -> ConflictError:
    return ConflictError("release.aid_taken", detail={"field": field, "value": value})


def submit(
    session: Session, actor: Actor, body: Submission, state: ReleaseState = ReleaseState.INITIAL
) -> ReleaseView:
    """Check the submission against its CAP(s) and the catalog, then store it in ``state``.

    Only an import (``transfer``) stores another state than initial; it restores a catalog
    whose providers' standing it restores as well, so the provider check is skipped then.
    """
    checked = check_structure(body)
    if state is ReleaseState.INITIAL:
        provider = _submitting_provider(session, actor, body.provider)
    else:
        found = session.scalars(sa.select(Provider).where(Provider.name == body.provider)).first()
        if found is None:
            raise not_found("provider", body.provider)
        provider = found
    if session.scalars(sa.select(Application.id).where(Application.name == body.name)).first():
        raise ConflictError("release.name_taken", detail={"field": "name"}, params={"name": body.name})
    for n, c in enumerate(checked):
        if session.get(LoadFile, c.aid):
            raise _taken(f"load_files[{n}].aid", c.aid)
        for m in c.modules:
            if session.get(Module, m):
                raise _taken(f"load_files[{n}].modules", m)
    for n, i in enumerate(body.instances):
        if session.get(AppInstance, i.aid):
            raise _taken(f"instances[{n}].aid", i.aid)
    batches = batch_ids(session, body.batches)
    if session.get(SecurityDomain, ISD_AID.hex().upper()) is None:
        raise ConflictError("release.no_isd")
    if body.scope == "provincial" and not body.province:
        raise PlatformError("release.province_missing", status=422, detail={"field": "province"})
    app = Application(
        name=body.name,
        title_zh=body.title_zh or body.name,
        title_en=body.title_en or body.name,
        provider_id=provider.id,
        version=body.version,
        needs_personalisation=body.needs_personalisation,
        needs_activation=body.needs_activation,
        sd_aid=ISD_AID.hex().upper(),
        perso_template=body.perso_template,
        code_size=sum(c.cap.code_size for c in checked),
    )
    session.add(app)
    session.flush()
    for declared, c in zip(body.load_files, checked, strict=False):
        lfdb = c.cap.load_file_data_block()
        session.add(
            LoadFile(
                aid=c.aid, application_id=app.id, file_name=declared.file_name, cap=c.raw,
                sha1=c.cap.load_file_data_block_hash().hex().upper(), size=len(lfdb),
            )
        )
        session.flush()
        session.add_all(Module(aid=m, load_file_aid=c.aid) for m in c.modules)
    session.flush()
    for i in body.instances:
        session.add(
            AppInstance(
                instance_aid=i.aid, application_id=app.id, module_aid=i.module,
                privileges=i.privileges, install_params=i.install_params,
            )
        )
    session.add_all(ApplicationBatch(application_id=app.id, batch_id=b) for b in batches)
    date = body.release_date or datetime.now(UTC).strftime("%Y%m%d")
    app_aid = next(i.aid for i in body.instances if i.module == body.main_module)
    session.add(
        AppRelease(
            application_id=app.id, state=state, version_id=f"{app_aid}+{body.version}+{date}",
            release_date=date, main_module_aid=body.main_module, nv_size=body.memory.nv,
            volatile_size=body.memory.volatile, deletion_mode=body.deletion_mode, scope=body.scope,
            province=body.province, submitted_by=actor.name,
        )
    )
    session.flush()
    audit.record(
        session, "app.submit", actor.name, app=app.name, provider=provider.name, state=state.value,
        load_files=[c.aid for c in checked], cap_sha1=[d.sha1 for d in body.load_files],
    )
    return view(session, app)


def _submitting_provider(session: Session, actor: Actor, name: str) -> Provider:
    provider = session.scalars(sa.select(Provider).where(Provider.name == name)).first()
    if provider is None:
        raise not_found("provider", name)
    if actor.role == Role.PROVIDER and actor.provider_id != provider.id:
        raise ForbiddenError("auth.forbidden", detail={"field": "provider"})
    profile = session.get(ProviderProfile, provider.id)
    if provider.blacklisted or (profile is not None and profile.state != "approved"):
        raise ForbiddenError("provider.not_active", detail={"provider": name}, params={"provider": name})
    return provider


def batch_ids(session: Session, names: list[str]) -> list[int]:
    ids = []
    for name in names:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == name)).first()
        if batch is None:
            raise not_found("SE batch", name)
        ids.append(batch.id)
    return ids


def find(session: Session, ref: str) -> tuple[Application, AppRelease]:
    """An application with a release row, by name or id."""
    app = session.get(Application, int(ref)) if ref.isdigit() and int(ref) < 2**31 else None
    app = app or session.scalars(sa.select(Application).where(Application.name == ref)).first()
    release = session.get(AppRelease, app.id) if app else None
    if app is None or release is None:
        raise not_found("submitted application", ref)
    return app, release


def _move(session: Session, actor: Actor, release: AppRelease, want: ReleaseState, to: ReleaseState) -> None:
    if release.state != want:
        state = ReleaseState(release.state)
        raise ConflictError(
            "release.bad_state",
            detail={"state": state.value, "needed": want.value},
            params={"release_state": state.value},
        )
    release.state = to
    release.updated_at = utcnow()


def audit_app(session: Session, actor: Actor, ref: str, body: Decision) -> ReleaseView:
    """§5.4.4.2: pass -> audited; fail -> stays initial with the reason."""
    app, release = find(session, ref)
    _move(session, actor, release, ReleaseState.INITIAL, ReleaseState.AUDITED if body.approve else ReleaseState.INITIAL)
    release.note = body.note
    audit.record(session, "app.audit", actor.name, app=app.name, approve=body.approve, note=body.note)
    return view(session, app)


def test_app(session: Session, actor: Actor, ref: str, body: Decision) -> ReleaseView:
    """§5.4.4.3: pass -> tested, recording the batches it was tested on; fail -> stays audited."""
    app, release = find(session, ref)
    _move(session, actor, release, ReleaseState.AUDITED, ReleaseState.TESTED if body.approve else ReleaseState.AUDITED)
    release.note = body.note
    if body.approve and body.batches:
        _set_batches(session, app, batch_ids(session, body.batches))
    audit.record(session, "app.test", actor.name, app=app.name, passed=body.approve, batches=body.batches)
    return view(session, app)


def publish(session: Session, actor: Actor, ref: str, body: Publish) -> ReleaseView:
    """§5.4.4.4: the batches it serves and, optionally, the only subscribers who may have it."""
    app, release = find(session, ref)
    _move(session, actor, release, ReleaseState.TESTED, ReleaseState.PUBLISHED)
    _set_batches(session, app, batch_ids(session, body.batches))
    session.execute(sa.delete(AppUserList).where(AppUserList.application_id == app.id))
    session.add_all(AppUserList(application_id=app.id, msisdn=m) for m in sorted(set(body.users)))
    audit.record(session, "app.publish", actor.name, app=app.name, batches=body.batches, users=len(set(body.users)))
    return view(session, app)


def _set_batches(session: Session, app: Application, ids: list[int]) -> None:
    session.execute(sa.delete(ApplicationBatch).where(ApplicationBatch.application_id == app.id))
    session.add_all(ApplicationBatch(application_id=app.id, batch_id=b) for b in sorted(set(ids)))
    session.flush()


def list_releases(session: Session, actor: Actor, state: str | None = None) -> list[ReleaseView]:
    query = sa.select(Application).join(AppRelease, AppRelease.application_id == Application.id)
    if state:
        query = query.where(AppRelease.state == state)
    if actor.role == Role.PROVIDER:
        query = query.where(Application.provider_id == actor.provider_id)
    return [view(session, a) for a in session.scalars(query.order_by(Application.name))]


def view(session: Session, app: Application) -> ReleaseView:
    release = session.get(AppRelease, app.id)
    assert release is not None
    provider = session.get(Provider, app.provider_id) if app.provider_id else None
    files = list(session.scalars(sa.select(LoadFile).where(LoadFile.application_id == app.id).order_by(LoadFile.aid)))
    instances = list(session.scalars(
        sa.select(AppInstance).where(AppInstance.application_id == app.id).order_by(AppInstance.instance_aid)
    ))
    batches = session.scalars(
        sa.select(SeBatch.name).join(ApplicationBatch, ApplicationBatch.batch_id == SeBatch.id)
        .where(ApplicationBatch.application_id == app.id).order_by(SeBatch.name)
    )
    users = session.scalar(sa.select(sa.func.count()).where(AppUserList.application_id == app.id)) or 0
    state = ReleaseState(release.state)
    return ReleaseView(
        app_id=app.id, name=app.name, title_zh=app.title_zh, title_en=app.title_en,
        provider=provider.name if provider else "", state=state.value,
        version=app.version, version_id=release.version_id,
        app_aid=next((i.instance_aid for i in instances if i.module_aid == release.main_module_aid), ""),
        load_files=[_file_view(session, f) for f in files], instances=[i.instance_aid for i in instances],
        code_size=app.code_size, nv_size=release.nv_size, volatile_size=release.volatile_size,
        needs_personalisation=app.needs_personalisation, needs_activation=app.needs_activation,
        deletion_mode=release.deletion_mode, scope=release.scope, province=release.province,
        batches=list(batches), users=users, note=release.note, submitted_by=release.submitted_by,
        submitted_at=release.submitted_at, updated_at=release.updated_at,
    )


def cap_sha1(cap: bytes) -> str:
    """A CAP file's SHA-1 as a submission declares it (upper-case hex)."""
    return hashlib.sha1(cap).hexdigest().upper()


def module_aids(session: Session, load_file_aid: str) -> list[str]:
    """The AIDs of the modules (applet classes) of a stored load file, sorted."""
    return sorted(session.scalars(sa.select(Module.aid).where(Module.load_file_aid == load_file_aid)))


def _file_view(session: Session, f: LoadFile) -> LoadFileView:
    modules = module_aids(session, f.aid)
    return LoadFileView(
        aid=f.aid, file_name=f.file_name, cap_sha1=cap_sha1(f.cap),
        lfdb_sha1=f.sha1, size=f.size, modules=modules, extension=not modules,
    )


# --- the gate the counter's download passes (called from flows/download.check_start) -----------


def check_download(session: Session, app: Application, subscriber: Subscriber | None) -> None:
    """Refuse a download the application's life-cycle state does not allow (§5.4.4.3–§5.4.4.5)."""
    release = session.get(AppRelease, app.id)
    if release is None:
        return
    state = ReleaseState(release.state)
    msisdn = subscriber.msisdn if subscriber else None
    if state in (ReleaseState.AUDITED, ReleaseState.TESTED):
        if msisdn not in system.get_parameter(session, TEST_NUMBERS, []):
            raise _refuse("release.test_numbers_only", app.name, params={"app": app.name})
        return
    if state is not ReleaseState.PUBLISHED:
        raise _refuse(
            "release.not_available",
            app.name,
            params={"app": app.name, "release_state": state.value},
        )
    listed = session.scalar(sa.select(sa.func.count()).where(AppUserList.application_id == app.id))
    if listed and (msisdn is None or session.get(AppUserList, (app.id, msisdn)) is None):
        raise _refuse("release.not_in_user_list", app.name, params={"app": app.name})
    if release.scope == "provincial" and release.province and subscriber is not None:
        if not (subscriber.region == release.province or subscriber.region.startswith(release.province + "-")):
            raise _refuse(
                "release.other_province",
                app.name,
                detail={"province": release.province},
                params={"app": app.name},
            )


def _refuse(
    code: str, app: str, *, params: dict[str, str | int], detail: dict[str, Any] | None = None
) -> PlatformError:
    # A FlowError so the engine records a failed operation with this code (flows/base.py).
    from ota.platform.flows.base import FlowError

    return FlowError(code, params=params, detail={"app": app, **(detail or {})})


def hidden_app_ids(session: Session) -> set[int]:
    """Applications the counter's catalog must not offer (not yet audited, or archived)."""
    return set(session.scalars(sa.select(AppRelease.application_id).where(AppRelease.state.in_(HIDDEN))))
