"""What a clerk reads out after a service: the few facts that matter, in the clerk's language.

Built from the core's ``ServiceOutcome`` (``seid``, ``msisdn``, ``summary`` = the platform's
result, ``operation_id``, ``duration_s``); the receipt keeps the full record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.noop import QT_TRANSLATE_NOOP

from ui import views
from ui.labels import state_label
from ui.widgets.space_chart import human_bytes

TitleOf = Callable[[str, str], str]
"""``title_of(app_id, name)``: the catalogue title in the clerk's language, else the name."""


TEXTS = {
    "app": QT_TRANSLATE_NOOP("Summary", "Application: %1"),
    "seid": QT_TRANSLATE_NOOP("Summary", "Secure element: %1"),
    "target_seid": QT_TRANSLATE_NOOP("Summary", "New phone's secure element: %1"),
    "state": QT_TRANSLATE_NOOP("Summary", "Application state: %1"),
    "msisdn": QT_TRANSLATE_NOOP("Summary", "New phone number: %1"),
    "previous_msisdn": QT_TRANSLATE_NOOP("Summary", "Previous number: %1"),
    "blocks": QT_TRANSLATE_NOOP("Summary", "Written to the card: %1/%2 blocks"),
    "free": QT_TRANSLATE_NOOP("Summary", "Free space now: %1"),
    "operation": QT_TRANSLATE_NOOP("Summary", "Operation %1"),
    "duration": QT_TRANSLATE_NOOP("Summary", "%1 s"),
}


def _line(key: str, *values: object) -> str:
    """``TEXTS[key]`` in the clerk's language, with %1, %2 filled in."""
    text = QCoreApplication.translate("Summary", TEXTS[key])
    for n, value in enumerate(values, 1):
        text = text.replace(f"%{n}", str(value))
    return text


def short_seid(seid: str) -> str:
    """Enough of the SEID to read out and compare with the phone: head and tail."""
    return seid if len(seid) <= 12 else f"{seid[:4]}…{seid[-8:]}"


def _free_after(kind: str, space: Any) -> int | None:
    if not isinstance(space, Mapping):
        return None
    # After a download the card was measured before the LOAD, so the platform's record (measured
    # minus the CAP) is the fresher number; a delete measures the card after deleting.
    order = ("free_recorded", "free_measured") if kind == "download" else ("free_measured", "free_recorded")
    for key in order:
        if space.get(key) is not None:
            return int(space[key])
    return None


def details(kind: str, outcome: Any, title_of: TitleOf, blocks: tuple[int, int] | None = None) -> list[str]:
    """The lines for a completed service (one fact per line, label: value)."""
    summary: Mapping[str, Any] = getattr(outcome, "summary", None) or {}
    lines: list[str] = []
    app_id, name = views.as_text(summary.get("app_id")), views.as_text(summary.get("app"))
    if app_id or name:
        lines.append(_line("app", title_of(app_id, name) or name or app_id))
    seid = views.as_text(getattr(outcome, "seid", None) or summary.get("seid"))
    target = summary.get("target") if isinstance(summary.get("target"), Mapping) else None
    if seid:
        lines.append(_line("seid", short_seid(seid)))
    if target and target.get("seid"):
        lines.append(_line("target_seid", short_seid(str(target["seid"]))))
    state = (target or {}).get("state") or summary.get("state")
    if state:
        lines.append(_line("state", state_label(str(state))))
    if kind == "change_number":
        if summary.get("msisdn"):
            lines.append(_line("msisdn", str(summary["msisdn"])))
        if summary.get("previous_msisdn"):
            lines.append(_line("previous_msisdn", str(summary["previous_msisdn"])))
    if blocks is None and summary.get("load_blocks"):
        blocks = (int(summary["load_blocks"]), int(summary["load_blocks"]))
    if kind in ("download", "migrate") and blocks:
        lines.append(_line("blocks", str(blocks[0]), str(blocks[1])))
    free = _free_after(kind, summary.get("space"))
    if kind in ("download", "delete") and free is not None:
        lines.append(_line("free", human_bytes(free)))
    return lines


def meta(outcome: Any) -> str:
    """Operation id and duration, for the technician and for a call to support."""
    parts = []
    operation = views.as_text(getattr(outcome, "operation_id", None))
    if operation:
        parts.append(_line("operation", operation))
    duration = getattr(outcome, "duration_s", None)
    if duration is not None:
        parts.append(_line("duration", f"{float(duration):.1f}"))
    return " · ".join(parts)
