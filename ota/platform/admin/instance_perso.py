"""Each instance's own personalisation and label (seed §5.8.4.1, §5.8.4.6).

One load file can back several instances of an application, and each instance is personalised
with its own data (two transit cards on one phone, each with its own card number).  An admin (or
the application's provider) attaches to an instance AID a template of the same form as the
application's (``ota/platform/flows/perso.py``); a download or a personalisation update then
gives that instance this data and the others theirs.  A label ("门禁卡 2" / "Door card 2") is
what the clerk sees for the instance beside the application's name.

The view says whether an instance has its own data, never what it is: a template may hold a
subscriber's values or the provider's encrypted records.
"""

from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
from pydantic import BaseModel, StringConstraints
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.admin.schemas import _In
from ota.platform.errors import ForbiddenError, PlatformError, not_found
from ota.platform.flows import perso
from ota.platform.flows.base import FlowError
from ota.platform.models import AppInstance, Application
from ota.platform.policy import Actor
from ota.protocol import Role

Label = Annotated[str, StringConstraints(max_length=64, strip_whitespace=True)]
_MODES = (1, 2, 3)


class InstanceIn(_In):
    """Fields left out stay as they are; ``perso_template: null`` returns the instance to the app's."""

    label_zh: Label | None = None
    label_en: Label | None = None
    perso_template: dict[str, Any] | None = None


class InstanceView(BaseModel):
    app: str
    aid: str
    module: str
    label_zh: str
    label_en: str
    own_perso: bool
    """True: this instance has its own personalisation data; False: it gets the application's."""


class InstanceList(BaseModel):
    instances: list[InstanceView]


def _app(session: Session, ref: str) -> Application:
    app = session.get(Application, int(ref)) if ref.isascii() and ref.isdigit() and int(ref) < 2**31 else None
    app = app or session.scalars(sa.select(Application).where(Application.name == ref)).first()
    if app is None:
        raise not_found("application", ref)
    return app


def _view(app: Application, row: AppInstance) -> InstanceView:
    return InstanceView(app=app.name, aid=row.instance_aid, module=row.module_aid, label_zh=row.label_zh,
                        label_en=row.label_en, own_perso=row.perso_template is not None)


def _invalid(why: str, field: str) -> PlatformError:
    return PlatformError("instance.perso_invalid", status=422, detail={"field": field, "reason": why})


def check_template(template: dict[str, Any], aid: str) -> None:
    """Refuse a template the flows could not run, before any card sees it."""
    try:
        listed = perso.steps(template)
    except FlowError as e:
        raise _invalid(str(e), "perso_template.steps") from None
    if not listed:
        raise _invalid("no steps", "perso_template")
    for n, step in enumerate(listed):
        if step.get("mode") not in _MODES:
            raise _invalid("mode must be 1, 2 or 3", f"perso_template.steps[{n}].mode")
        named = step.get("instance")
        if named is not None and str(named).upper() != aid:
            raise _invalid("a step names another instance", f"perso_template.steps[{n}].instance")
        if step.get("mode") == 3 and not step.get("transport"):
            try:
                perso.records_data(step, lambda _source: "0")
            except FlowError as e:
                raise _invalid(str(e), f"perso_template.steps[{n}].records") from None


def _instance(session: Session, app: Application, aid: str) -> AppInstance:
    row = session.get(AppInstance, aid.upper())
    if row is None or row.application_id != app.id:
        raise not_found("application instance", f"{app.name}/{aid}")
    return row


def store(session: Session, actor: Actor, ref: str, aid: str, body: InstanceIn) -> InstanceView:
    """Attach (or clear) an instance's own personalisation and set its labels; audited."""
    app = _app(session, ref)
    if actor.role == Role.PROVIDER and actor.provider_id != app.provider_id:
        raise ForbiddenError("auth.forbidden", detail={"action": "instance.write"})
    row = _instance(session, app, aid)
    given = body.model_fields_set
    if "perso_template" in given:
        if body.perso_template is not None:
            if not app.needs_personalisation:
                raise PlatformError("instance.no_personalisation", status=409,
                                    detail={"field": "perso_template", "app": app.name})
            check_template(body.perso_template, row.instance_aid)
        row.perso_template = body.perso_template
    if "label_zh" in given:
        row.label_zh = body.label_zh or ""
    if "label_en" in given:
        row.label_en = body.label_en or ""
    audit.record(session, "instance.store", actor.operator, app=app.name, instance=row.instance_aid,
                 own_perso=row.perso_template is not None, fields=sorted(given))
    return _view(app, row)


def list_instances(session: Session, ref: str) -> InstanceList:
    app = _app(session, ref)
    rows = session.scalars(
        sa.select(AppInstance).where(AppInstance.application_id == app.id).order_by(AppInstance.instance_aid)
    )
    return InstanceList(instances=[_view(app, r) for r in rows])
