"""What a clerk reads out after a service: the few facts that matter, in the clerk's language.

Built from the core's ``ServiceOutcome`` (``seid``, ``msisdn``, ``summary`` = the platform's
result, ``operation_id``, ``duration_s``); the receipt keeps the full record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.noop import QT_TRANSLATE_NOOP

from app.services.result_summary import summarise
from ui import views
from ui.i18n import current_language
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


def details(kind: str, outcome: Any, title_of: TitleOf, blocks: tuple[int, int] | None = None) -> list[str]:
    """The lines for a completed service (one fact per line, label: value), from the core's
    typed :class:`~app.services.result_summary.ResultSummary`."""
    result = summarise(outcome)
    lines: list[str] = []
    if result.app_id or result.app_name:
        lines.append(_line("app", views.result_title(result, title_of, current_language())))
    if result.seid:
        lines.append(_line("seid", short_seid(result.seid)))
    if result.target_seid:
        lines.append(_line("target_seid", short_seid(result.target_seid)))
    if result.state:
        lines.append(_line("state", state_label(result.state)))
    if kind == "change_number":
        if result.msisdn:
            lines.append(_line("msisdn", result.msisdn))
        if result.previous_msisdn:
            lines.append(_line("previous_msisdn", result.previous_msisdn))
    if blocks is None and result.load_blocks:
        blocks = (result.load_blocks, result.load_blocks)
    if kind in ("download", "migrate") and blocks:
        lines.append(_line("blocks", str(blocks[0]), str(blocks[1])))
    if kind in ("download", "delete") and result.free_after is not None:
        lines.append(_line("free", human_bytes(result.free_after)))
    return lines


def meta(outcome: Any) -> str:
    """Operation id and duration, for the technician and for a call to support."""
    result = summarise(outcome)
    parts = []
    if result.operation_id:
        parts.append(_line("operation", result.operation_id))
    if result.duration_s is not None:
        parts.append(_line("duration", f"{result.duration_s:.1f}"))
    return " · ".join(parts)
