"""Charge types, provider strategies and the bill of one cycle (seed §5.7.2.1 – §5.7.2.4).

A bill is made once per provider and cycle (unique in the database) and its file content is
stored with it, so a retry or a restart sends the very same octets and never a second bill.
Space charges follow ``rules.py`` (the seed's tables); the users are the SEs that hold the
application at billing time, so a deletion releases the space from the next bill on, and an
instance-only deletion (code left on the SE, state Loaded) keeps it.  Function charges count the
operations done in the cycle, per use or as a monthly fee, and bundles price several kinds as one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit
from ota.platform.billing.rules import ProviderType, SdSpace, SpaceOp, space_amount, space_charge, units
from ota.platform.db import transaction
from ota.platform.errors import ConflictError, not_found
from ota.platform.models import (
    Application,
    Bill,
    BillingStrategy,
    ChargeType,
    Operation,
    Provider,
    SeAppState,
)
from ota.platform.sqlfuncs import json_text, json_value

DEFAULT_TYPES = {
    "SPACE": ("SE 空间使用费", "SE space"),
    "FUNC_DOWNLOAD": ("应用下载功能费", "application download"),
    "FUNC_DELETE": ("应用删除功能费", "application deletion"),
    "FUNC_LOCK": ("应用锁定功能费", "application lock"),
    "FUNC_UNLOCK": ("应用解锁功能费", "application unlock"),
    "BUNDLE": ("打包计费", "bundle"),
}


# --- charge types (计费种类管理) ---------------------------------------------------------------------


def ensure_default_types(session: Session) -> None:
    for code, (zh, en) in DEFAULT_TYPES.items():
        if session.get(ChargeType, code) is None:
            session.add(ChargeType(code=code, description_zh=zh, description_en=en))
    session.flush()


def add_type(session: Session, actor: str, code: str, zh: str, en: str) -> ChargeType:
    if session.get(ChargeType, code) is not None:
        raise ConflictError("billing.type_exists", detail={"code": code})
    row = ChargeType(code=code, description_zh=zh, description_en=en)
    session.add(row)
    session.flush()  # the row's defaults (enabled, archived) are what the answer shows
    audit.record(session, "billing.type_add", actor, code=code)
    return row


def list_types(session: Session, include_archived: bool = True) -> list[ChargeType]:
    query = sa.select(ChargeType).order_by(ChargeType.code)
    if not include_archived:
        query = query.where(ChargeType.archived.is_(False))
    return list(session.scalars(query))


def change_type(session: Session, actor: str, code: str, *, zh: str | None = None, en: str | None = None,
                enabled: bool | None = None, archived: bool | None = None) -> ChargeType:
    row = session.get(ChargeType, code)
    if row is None:
        raise not_found("charge type", code)
    if zh is not None:
        row.description_zh = zh
    if en is not None:
        row.description_en = en
    if enabled is not None:
        row.enabled = enabled
    if archived is not None:  # "deleting" a charge type archives it (非物理删除)
        row.archived = archived
        row.enabled = row.enabled and not archived
    audit.record(session, "billing.type_change", actor, code=code, enabled=row.enabled, archived=row.archived)
    return row


def set_strategy(session: Session, actor: str, provider: str, **values: Any) -> BillingStrategy:
    row = session.scalars(sa.select(Provider).where(Provider.name == provider)).first()
    if row is None:
        raise not_found("provider", provider)
    strategy = session.get(BillingStrategy, row.id) or BillingStrategy(
        provider_id=row.id, provider_type=ProviderType.THIRD_PARTY, sd_space=SdSpace.NON_FIXED, cycle="daily",
        granularity=1024, space_unit_price=0, function_prices={}, bundles=[])
    for key, value in values.items():
        setattr(strategy, key, value)
    session.add(strategy)
    audit.record(session, "billing.strategy", actor, provider=provider, **{k: str(v) for k, v in values.items()})
    return strategy


# --- one cycle's bill ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cycle:
    key: str
    start: datetime
    end: datetime

    @classmethod
    def day(cls, day: date) -> Cycle:
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        return cls(day.strftime("%Y%m%d"), start, start + timedelta(days=1))

    @classmethod
    def month(cls, day: date) -> Cycle:
        start = datetime(day.year, day.month, 1, tzinfo=UTC)
        end = datetime(day.year + day.month // 12, day.month % 12 + 1, 1, tzinfo=UTC)
        return cls(day.strftime("%Y%m"), start, end)


def _holders(session: Session, app_ids: list[int]) -> dict[int, int]:
    """The SEs holding each application now (any state but Ready), counted by the database."""
    if not app_ids:
        return {}
    query = sa.select(SeAppState.application_id, sa.func.count()).where(
        SeAppState.application_id.in_(app_ids), SeAppState.state != "Ready").group_by(SeAppState.application_id)
    return {app_id: int(n) for app_id, n in session.execute(query).tuples()}


def _done(session: Session, cycle: Cycle) -> list[tuple[str, str | None, int]]:
    """The operations finished in the cycle, counted per kind and requested ``app_id`` (its JSON text)."""
    ref = json_text(Operation.params, "app_id")
    query = sa.select(Operation.kind, ref, sa.func.count()).where(
        Operation.state == "done", Operation.updated_at >= cycle.start, Operation.updated_at < cycle.end
    ).group_by(sa.literal_column("1"), sa.literal_column("2"))  # by position, as in admin.stats.compute
    return [(kind, text, int(n)) for kind, text, n in session.execute(query).tuples()]


def _lines(session: Session, provider: Provider, strategy: BillingStrategy, cycle: Cycle) -> list[list[str]]:
    enabled = {t.code for t in list_types(session, include_archived=False) if t.enabled}
    ptype, sd = ProviderType(strategy.provider_type), SdSpace(strategy.sd_space)
    apps = list(session.scalars(sa.select(Application).where(Application.provider_id == provider.id)
                                .order_by(Application.name)))
    lines: list[list[str]] = []
    if "SPACE" in enabled:
        holders = _holders(session, [app.id for app in apps])
        for app in apps:
            users = holders.get(app.id, 0)
            if not users:
                continue
            decision = space_charge(ptype, SpaceOp.APP_DOWNLOAD, sd, app.code_size)
            amount = space_amount(users, decision.size, strategy.granularity, strategy.space_unit_price) \
                if decision.charged else 0
            lines.append(["S", "SPACE", app.name, str(users), str(decision.size),
                          str(units(decision.size, strategy.granularity)), str(strategy.space_unit_price),
                          str(amount), f"rule{decision.row}"])
    names = {a.name for a in apps}
    used: Counter[str] = Counter()
    for kind, ref, count in _done(session, cycle):
        if str(json_value(ref)) in names:  # the app as the operation asked for it, by name
            used[kind] += count
    bundled: set[str] = set()
    for bundle in strategy.bundles:
        kinds = set(bundle["kinds"])
        count = sum(used[k] for k in kinds)
        if count and "BUNDLE" in enabled:
            lines.append(["B", "BUNDLE", bundle["name"], str(count), str(bundle["price"]), str(bundle["price"]),
                          "bundle"])
        bundled |= kinds
    for kind, price in sorted(strategy.function_prices.items()):
        code = f"FUNC_{kind.upper()}"
        if kind in bundled or code not in enabled:
            continue
        count = used[kind]
        mode = price.get("mode", "per_use")
        amount = price["price"] * count if mode == "per_use" else (price["price"] if count else 0)
        if count:
            lines.append(["F", code, kind, str(count), str(price["price"]), str(amount), mode])
    return lines


def generate(sessions: sessionmaker[Session], day: date, actor: str = "billing") -> list[Bill]:
    """Make the bills whose cycle ends with ``day`` (daily every day, monthly on its last day);
    a bill that exists already is left as it is."""
    made = []
    with transaction(sessions) as session:
        ensure_default_types(session)
        for strategy, provider in session.execute(
                sa.select(BillingStrategy, Provider).join(Provider, Provider.id == BillingStrategy.provider_id)
                .order_by(Provider.id)).all():
            if strategy.cycle == "monthly" and (day + timedelta(days=1)).month == day.month:
                continue
            cycle = Cycle.month(day) if strategy.cycle == "monthly" else Cycle.day(day)
            if session.scalars(sa.select(Bill).where(Bill.provider_id == provider.id,
                                                     Bill.cycle_key == cycle.key)).first():
                continue
            rows = _lines(session, provider, strategy, cycle)
            total = sum(int(r[7] if r[0] == "S" else r[5]) for r in rows)
            head = ["H", "HALLTERM", provider.name, cycle.key, strategy.provider_type, strategy.cycle]
            text = "\n".join("|".join(r) for r in [head, *rows, ["T", str(len(rows)), str(total)]]) + "\n"
            content = text.encode("utf-8")
            bill = Bill(provider_id=provider.id, cycle_key=cycle.key,
                        file_name=f"HALLTERM_BILL_P{provider.id:04d}_{cycle.key}.txt", content=content,
                        sha256=hashlib.sha256(content).hexdigest(), rows=len(rows), total=total)
            session.add(bill)
            session.flush()
            audit.record(session, "billing.bill", actor, provider=provider.name, cycle=cycle.key, total=total)
            made.append(bill)
    return made
