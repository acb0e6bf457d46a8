"""System management (seed §5.7.3): operators and their roles, regions, parameters.

Roles and their rights are the table in ``ota.platform.policy.POLICY`` (code, reviewed like code); the
counter-side role policy and terminal enrolment belong to the access work (issue 9), so
terminals here are only listed.  Regions nest province > city > county; an operator's region
must exist once any region is defined.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy.orm import Session

from ota.platform import audit, auth
from ota.platform.db import utcnow
from ota.platform.errors import ConflictError, PlatformError, not_found
from ota.platform.models import Operator, PlatformParameter, Region, Terminal
from ota.platform.policy import Actor
from ota.protocol import Role

Code = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_\-]+$")]
LEVELS = ("province", "city", "county")


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OperatorIn(_In):
    name: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")]
    password: Annotated[str, StringConstraints(min_length=8, max_length=128)]
    role: Role
    region: Code


class OperatorChange(_In):
    role: Role | None = None
    region: Code | None = None
    active: bool | None = None
    password: Annotated[str, StringConstraints(min_length=8, max_length=128)] | None = None


class OperatorView(BaseModel):
    name: str
    role: str
    region: str
    active: bool


class RegionIn(_In):
    code: Code
    name_zh: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    name_en: Annotated[str, StringConstraints(max_length=64)] = ""
    level: Literal["province", "city", "county"]
    parent: Code | None = None


class ParameterIn(_In):
    value: Any
    description: Annotated[str, StringConstraints(max_length=200)] = ""


class ParameterView(BaseModel):
    name: str
    value: Any
    description: str


class TerminalView(BaseModel):
    id: str
    kind: str
    region: str
    active: bool


class SystemList(BaseModel):
    operators: list[OperatorView] = Field(default_factory=list)
    regions: list[RegionIn] = Field(default_factory=list)
    parameters: list[ParameterView] = Field(default_factory=list)
    terminals: list[TerminalView] = Field(default_factory=list)


# --- parameters (§5.7.3.4) ---------------------------------------------------------------------


def get_parameter(session: Session, name: str, default: Any) -> Any:
    row = session.get(PlatformParameter, name)
    return default if row is None else row.value


def set_parameter(session: Session, actor: Actor, name: str, body: ParameterIn) -> ParameterView:
    row = session.get(PlatformParameter, name)
    if row is None:
        row = PlatformParameter(name=name, value=body.value, description=body.description)
        session.add(row)
    else:
        row.value, row.updated_at = body.value, utcnow()
        if body.description:
            row.description = body.description
    session.flush()
    audit.record(session, "param.set", actor.name, name=name)
    return ParameterView(name=name, value=row.value, description=row.description)


def delete_parameter(session: Session, actor: Actor, name: str) -> None:
    row = session.get(PlatformParameter, name)
    if row is None:
        raise not_found("parameter", name)
    session.delete(row)
    audit.record(session, "param.delete", actor.name, name=name)


def parameters(session: Session) -> list[ParameterView]:
    rows = session.scalars(sa.select(PlatformParameter).order_by(PlatformParameter.name))
    return [ParameterView(name=r.name, value=r.value, description=r.description) for r in rows]


# --- regions -------------------------------------------------------------------------------------


def add_region(session: Session, actor: Actor, body: RegionIn) -> RegionIn:
    if session.get(Region, body.code):
        raise ConflictError("region.exists", params={"region": body.code})
    parent = session.get(Region, body.parent) if body.parent else None
    wanted = LEVELS[LEVELS.index(body.level) - 1] if body.level != "province" else None
    if (wanted is None) != (body.parent is None) or (wanted and (parent is None or parent.level != wanted)):
        raise PlatformError("region.parent", status=422, detail={"field": "parent", "level": body.level})
    session.add(Region(**body.model_dump()))
    session.flush()
    audit.record(session, "region.add", actor.name, code=body.code, level=body.level)
    return body


def regions(session: Session) -> list[RegionIn]:
    rows = session.scalars(sa.select(Region).order_by(Region.code))
    return [RegionIn(code=r.code, name_zh=r.name_zh, name_en=r.name_en, level=r.level, parent=r.parent) for r in rows]  # type: ignore[arg-type]


def _check_region(session: Session, code: str) -> None:
    known = session.scalar(sa.select(sa.func.count()).select_from(Region))
    if known and session.get(Region, code) is None:
        raise not_found("region", code)


# --- operators (§5.7.3.3) ------------------------------------------------------------------------


def _operator_view(o: Operator) -> OperatorView:
    return OperatorView(name=o.name, role=o.role, region=o.region, active=o.active)


def add_operator(session: Session, actor: Actor, body: OperatorIn) -> OperatorView:
    if session.scalars(sa.select(Operator).where(Operator.name == body.name)).first():
        raise ConflictError("operator.exists", params={"name": body.name})
    _check_region(session, body.region)
    operator = auth.add_operator(session, body.name, body.password, body.role, body.region)
    audit.record(session, "admin.operator.add", actor.name, operator=body.name, role=str(body.role))
    return _operator_view(operator)


def change_operator(session: Session, actor: Actor, name: str, body: OperatorChange) -> OperatorView:
    operator = session.scalars(sa.select(Operator).where(Operator.name == name)).first()
    if operator is None:
        raise not_found("operator", name)
    changed = body.model_dump(exclude_none=True)
    if body.region is not None:
        _check_region(session, body.region)
        operator.region = body.region
    if body.role is not None:
        operator.role = body.role
    if body.active is not None:
        operator.active = body.active
    if body.password is not None:
        operator.password_hash = auth.hash_password(body.password)
    changed.pop("password", None)
    audit.record(session, "admin.operator.change", actor.name, operator=name,
                 fields=sorted(body.model_dump(exclude_none=True)), **{k: str(v) for k, v in changed.items()})
    return _operator_view(operator)


def operators(session: Session) -> list[OperatorView]:
    return [_operator_view(o) for o in session.scalars(sa.select(Operator).order_by(Operator.name))]


def terminals(session: Session) -> list[TerminalView]:
    rows = session.scalars(sa.select(Terminal).order_by(Terminal.id))
    return [TerminalView(id=t.id, kind=t.kind, region=t.region, active=t.active) for t in rows]
