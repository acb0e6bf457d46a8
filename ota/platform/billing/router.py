"""Billing administration under ``/api/v1/admin/billing`` (seed §5.7.2.1, §5.7.2.4)."""

# No ``from __future__ import annotations``: FastAPI must see ``Admin`` (a local) evaluated.
from datetime import date, datetime
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from ota.platform.billing import service as billing
from ota.platform.db import transaction
from ota.protocol import ErrorBody

_ERRORS: dict[int | str, dict[str, Any]] = {c: {"model": ErrorBody} for c in (401, 403, 404, 409, 422)}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChargeTypeView(_Model):
    code: str
    description_zh: str
    description_en: str
    enabled: bool
    archived: bool


class NewChargeType(_Model):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,31}$")
    description_zh: str = Field(min_length=1, max_length=128)
    description_en: str = Field(min_length=1, max_length=128)


class ChangeChargeType(_Model):
    description_zh: str | None = Field(default=None, min_length=1, max_length=128)
    description_en: str | None = Field(default=None, min_length=1, max_length=128)
    enabled: bool | None = None
    archived: bool | None = None


class Strategy(_Model):
    provider_type: Literal["mobile", "third_party"]
    sd_space: Literal["fixed", "non_fixed"]
    cycle: Literal["daily", "monthly"]
    granularity: int = Field(ge=1, le=1 << 20)
    space_unit_price: int = Field(ge=0)
    function_prices: dict[str, dict[str, Any]] = Field(default_factory=dict)
    bundles: list[dict[str, Any]] = Field(default_factory=list)


class BillView(_Model):
    provider_id: int
    cycle_key: str
    file_name: str
    rows: int
    total: int
    sha256: str
    state: str
    attempts: int
    sent_at: datetime | None


def _type_view(row: Any) -> ChargeTypeView:
    return ChargeTypeView(code=row.code, description_zh=row.description_zh, description_en=row.description_en,
                          enabled=row.enabled, archived=row.archived)


def build(admin: Any, sessions: Any) -> APIRouter:
    router = APIRouter(prefix="/admin/billing", responses=_ERRORS)
    Admin = admin

    @router.get("/charge-types", response_model=list[ChargeTypeView])
    def list_types(who: Admin, include_archived: bool = True) -> list[ChargeTypeView]:  # type: ignore[valid-type]
        with transaction(sessions) as session:
            billing.ensure_default_types(session)
            return [_type_view(t) for t in billing.list_types(session, include_archived)]

    @router.post("/charge-types", response_model=ChargeTypeView)
    def add_type(body: NewChargeType, who: Admin) -> ChargeTypeView:  # type: ignore[valid-type]
        with transaction(sessions) as session:
            return _type_view(billing.add_type(session, who.operator, body.code, body.description_zh,
                                               body.description_en))

    @router.patch("/charge-types/{code}", response_model=ChargeTypeView)
    def change_type(code: str, body: ChangeChargeType, who: Admin) -> ChargeTypeView:  # type: ignore[valid-type]
        with transaction(sessions) as session:
            billing.ensure_default_types(session)
            return _type_view(billing.change_type(session, who.operator, code, zh=body.description_zh,
                                                  en=body.description_en, enabled=body.enabled,
                                                  archived=body.archived))

    @router.put("/strategies/{provider}", response_model=Strategy)
    def set_strategy(provider: str, body: Strategy, who: Admin) -> Strategy:  # type: ignore[valid-type]
        with transaction(sessions) as session:
            billing.set_strategy(session, who.operator, provider, **body.model_dump())
        return body

    @router.post("/bills/{day}", response_model=list[BillView])
    def make_bills(day: date, who: Admin) -> list[BillView]:  # type: ignore[valid-type]
        bills = billing.generate(sessions, day, actor=who.operator)
        return [BillView(provider_id=b.provider_id, cycle_key=b.cycle_key, file_name=b.file_name, rows=b.rows,
                         total=b.total, sha256=b.sha256, state=b.state, attempts=b.attempts, sent_at=b.sent_at)
                for b in bills]

    return router
