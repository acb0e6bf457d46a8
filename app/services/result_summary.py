"""What a finished service did, as one typed value for every screen, receipt and script.

The platform's result is a free-form dict (``app_id``, ``state``, ``target: {seid, state}``,
``space: {free_measured, free_recorded}``, ``load_blocks``, ``chosen_instance: {aid, state,
label_zh, label_en}`` …); :func:`from_platform` is the one
place that knows those keys.  The runner calls it once, so a ``ServiceOutcome`` carries only
this typed value: the UI reads fields, never dict keys, and never guesses a default for ``ok``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services.base import ServiceOutcome
    from app.services.query import QueryReport


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
    companion_link: str = ""  # a download's companion phone app: an https URL or a platform path
    # the one instance of a multi-instance application the service acted on (§5.8.4.1); then
    # ``state`` is that instance's own state, and screens name it by its label
    instance_aid: str = ""
    instance_label_zh: str = ""
    instance_label_en: str = ""
    error_params: Mapping[str, str | int] = field(default_factory=dict)  # fill the error code's words


def _companion(raw: Mapping[str, Any]) -> str:
    found = raw.get("companion")
    return _text(found.get("link")) if isinstance(found, Mapping) else ""


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


def from_platform(kind: str, ok: bool, raw: Mapping[str, Any], *, seid: str | None = None,
                  msisdn: str | None = None, operation_id: str | None = None,
                  duration_s: float | None = None, error_code: str | None = None,
                  error_params: Mapping[str, str | int] | None = None) -> ResultSummary:
    """The typed summary of the platform's result dict ``raw`` (plus the terminal's own reads)."""
    target: Mapping[str, Any] = raw["target"] if isinstance(raw.get("target"), Mapping) else {}
    source: Mapping[str, Any] = raw["source"] if isinstance(raw.get("source"), Mapping) else {}
    chosen: Mapping[str, Any] = raw["chosen_instance"] if isinstance(raw.get("chosen_instance"), Mapping) else {}
    blocks = raw.get("load_blocks")
    return ResultSummary(
        kind=kind,
        ok=ok is True,
        seid=_text(seid or raw.get("seid")),
        msisdn=_text(msisdn or raw.get("msisdn")),
        app_id=_text(raw.get("app_id")),
        app_name=_text(raw.get("app")),
        state=_text(chosen.get("state") or target.get("state") or raw.get("state") or source.get("state")),
        target_seid=_text(target.get("seid")),
        previous_msisdn=_text(raw.get("previous_msisdn")),
        load_blocks=int(blocks) if isinstance(blocks, int) and not isinstance(blocks, bool) else None,
        free_after=_free_after(kind, raw.get("space")),
        operation_id=_text(operation_id),
        duration_s=float(duration_s) if duration_s is not None else None,
        error_code=_text(error_code),
        error_params=dict(error_params or {}),
        companion_link=_companion(raw),
        instance_aid=_text(chosen.get("aid")),
        instance_label_zh=_text(chosen.get("label_zh")),
        instance_label_en=_text(chosen.get("label_en")),
    )


def summarise(result: ServiceOutcome | QueryReport) -> ResultSummary:
    """The typed summary of a service's result (a ``QueryReport`` carries its outcome)."""
    from app.services.base import ServiceOutcome

    if isinstance(result, ServiceOutcome):
        return result.result
    if result.outcome is None:
        return ResultSummary(kind="query", ok=False)
    return result.outcome.result
