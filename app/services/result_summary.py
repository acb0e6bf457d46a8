"""What a finished service did, as one typed value for every screen, receipt and script.

The platform's result is a free-form dict (``ServiceOutcome.summary``: ``app_id``, ``state``,
``target: {seid, state}``, ``space: {free_measured, free_recorded}``, ``load_blocks`` …); this
module is the one place that knows those keys, so the UI reads fields, never dict keys, and
never guesses a default for a missing ``ok``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ResultSummary:
    kind: str
    ok: bool
    seid: str = ""
    msisdn: str = ""
    app_id: str = ""
    app_name: str = ""  # the platform's internal name; screens show the catalogue title instead
    state: str = ""  # the application's state after the service (stable English code)
    target_seid: str = ""  # a migration's new phone
    previous_msisdn: str = ""  # a number change's old number
    load_blocks: int | None = None
    free_after: int | None = None  # bytes free on the SE after the service, when measured
    operation_id: str = ""
    duration_s: float | None = None
    error_code: str = ""


def _text(value: Any) -> str:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex().upper()
    return "" if value is None else str(value)


def _free_after(kind: str, space: Any) -> int | None:
    if not isinstance(space, Mapping):
        return None
    # After a download the card was measured before the LOAD, so the platform's record (measured
    # minus the CAP) is the fresher number; a delete measures the card after deleting.
    order = ("free_recorded", "free_measured") if kind == "download" else ("free_measured", "free_recorded")
    for key in order:
        if isinstance(space.get(key), int):
            return int(space[key])
    return None


def summarise(outcome: Any) -> ResultSummary:
    """The typed summary of a ``ServiceOutcome`` (or a ``QueryReport``'s outcome)."""
    outcome = getattr(outcome, "outcome", None) or outcome
    raw: Mapping[str, Any] = getattr(outcome, "summary", None) or {}
    target: Mapping[str, Any] = raw["target"] if isinstance(raw.get("target"), Mapping) else {}
    source: Mapping[str, Any] = raw["source"] if isinstance(raw.get("source"), Mapping) else {}
    kind = _text(getattr(outcome, "kind", ""))
    blocks = raw.get("load_blocks")
    duration = getattr(outcome, "duration_s", None)
    return ResultSummary(
        kind=kind,
        ok=getattr(outcome, "ok", None) is True,
        seid=_text(getattr(outcome, "seid", None) or raw.get("seid")),
        msisdn=_text(getattr(outcome, "msisdn", None) or raw.get("msisdn")),
        app_id=_text(raw.get("app_id")),
        app_name=_text(raw.get("app")),
        state=_text(target.get("state") or raw.get("state") or source.get("state")),
        target_seid=_text(target.get("seid")),
        previous_msisdn=_text(raw.get("previous_msisdn")),
        load_blocks=int(blocks) if isinstance(blocks, int) else None,
        free_after=_free_after(kind, raw.get("space")),
        operation_id=_text(getattr(outcome, "operation_id", None)),
        duration_s=float(duration) if isinstance(duration, (int, float)) else None,
        error_code=_text(getattr(outcome, "error_code", None)),
    )
