"""Query an SE (seed §5.5.1, §5.8.4.5, §5.8.7): identity, subscriber, applications, space.

The terminal reads what needs no keys itself (ATR, CPLC, SEID, free memory FF21); the platform
reads the registry over its secure channel (GET STATUS) and adds what it recorded, so the clerk
sees recorded and measured free space side by side (§5.8.7.1 note 3).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from app.services.base import ServiceContext, ServiceOutcome, subscriber_params
from app.services.card import OpenCard, card_info
from app.services.runner import run_operation_with_result
from ota.protocol import OperationKind


@dataclass(frozen=True)
class AppView:
    aid: str
    name: str
    state: str
    version: str | None = None
    needs_activation: bool = False
    app_id: str | None = None
    title_zh: str = ""
    title_en: str = ""
    locked: bool = False
    companion_missing: bool = False
    """No companion phone app is on record for it (seed §5.4.7): the clerk can tell the provider."""
    instance_aid: str = ""
    """Set on a row of one instance of a multi-instance application (§5.8.4.1): services act on it."""
    instance_label_zh: str = ""
    instance_label_en: str = ""


@dataclass(frozen=True)
class SpaceView:
    total: int | None
    free_measured: int | None
    used: int | None
    free_recorded: int | None


@dataclass(frozen=True)
class QueryReport:
    seid: str
    atr: str
    cplc: dict[str, Any] | None
    batch: str | None
    msisdn: str | None
    apps: list[AppView] = field(default_factory=list)
    security_domains: list[dict[str, Any]] = field(default_factory=list)
    space: SpaceView = SpaceView(None, None, None, None)
    outcome: ServiceOutcome | None = None
    addable: list[AppView] = field(default_factory=list)
    """Declared instances of installed multi-instance apps not on the card (state ""): each can be
    downloaded on its own (§5.8.4.1)."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["outcome"] = self.outcome.to_dict() if self.outcome else None
        return data


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _apps(raw: dict[str, Any]) -> list[AppView]:
    """An application's rows: one, or one per instance on the card when it declares several
    (§5.8.4.1), each with its own state (an instance's lock is its own; the app stays Usable)."""
    whole = _app(raw)
    instances = [i for i in raw.get("instances", []) if isinstance(i, dict)]
    if not isinstance(raw.get("declared_instances"), int) or raw["declared_instances"] < 2:
        return [whole]
    return [
        replace(whole, aid=str(i.get("aid") or ""), instance_aid=str(i.get("aid") or ""),
                locked=bool(i.get("locked")), state="Locked" if i.get("locked") else whole.state,
                instance_label_zh=str(i.get("label_zh") or ""), instance_label_en=str(i.get("label_en") or ""))
        for i in instances
    ]


def _app(raw: dict[str, Any]) -> AppView:
    """One catalog application as the platform reports it (its first instance's AID)."""
    instances = [i for i in raw.get("instances", []) if isinstance(i, dict)]
    aid = str(raw.get("aid") or (instances[0].get("aid") if instances else "") or "")
    return AppView(
        aid=aid,
        name=str(raw.get("name") or raw.get("app_id") or aid),
        state=str(raw.get("state", "")),
        version=raw.get("version"),
        needs_activation=bool(raw.get("needs_activation", False)),
        app_id=None if raw.get("app_id") is None else str(raw["app_id"]),
        title_zh=str(raw.get("title_zh") or ""),
        title_en=str(raw.get("title_en") or ""),
        locked=any(bool(i.get("locked")) for i in instances),
        companion_missing=raw.get("companion") is False,
    )


def _measure(card: OpenCard) -> dict[str, Any]:
    """What the terminal reads itself, before the platform's secure channel is open."""
    info = card_info(card)
    resources = info.get("resources")
    free = resources.get("free_nvm") if isinstance(resources, dict) else None
    return {"card": info, "free_measured": free}


def _batch_name(batch: Any) -> str | None:
    if isinstance(batch, dict):
        return batch.get("name")
    return None if batch is None else str(batch)


def report_from(outcome: ServiceOutcome, s: dict[str, Any]) -> QueryReport:
    """The query's typed report from its outcome and the platform's raw result ``s``."""
    card = s.get("card", {})
    space = s.get("space") or {}
    measured = _int(s.get("free_measured"))
    return QueryReport(
        seid=outcome.seid or card.get("seid", ""),
        atr=card.get("atr", ""),
        cplc=card.get("cplc"),
        batch=_batch_name(s.get("batch")),
        msisdn=s.get("msisdn"),
        apps=[row for a in s.get("apps", []) if isinstance(a, dict) for row in _apps(a)],
        security_domains=[d for d in s.get("security_domains", []) if isinstance(d, dict)],
        space=SpaceView(
            total=_int(space.get("total")),
            free_measured=measured if measured is not None else _int(space.get("free_measured")),
            used=_int(space.get("used")),
            free_recorded=_int(space.get("free_recorded")),
        ),
        outcome=outcome,
        addable=[row for a in s.get("apps", []) if isinstance(a, dict) for row in _addable(a)],
    )


def _addable(raw: dict[str, Any]) -> list[AppView]:
    whole = _app(raw)
    return [
        replace(whole, aid=str(i.get("aid") or ""), instance_aid=str(i.get("aid") or ""), state="", locked=False,
                instance_label_zh=str(i.get("label_zh") or ""), instance_label_en=str(i.get("label_en") or ""))
        for i in raw.get("addable_instances", []) if isinstance(i, dict)
    ]


def query(ctx: ServiceContext, reader: str | None, msisdn: str | None = None) -> QueryReport:
    outcome, raw = run_operation_with_result(ctx, OperationKind.QUERY, reader, subscriber_params(msisdn, None),
                                             local_read=_measure)
    return report_from(outcome, raw)
