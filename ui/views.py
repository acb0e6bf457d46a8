"""Read the core's result objects into plain values for the screens.

The core returns frozen dataclasses (``QueryReport``, ``ServiceOutcome``); these helpers are the
one place that knows their field names, so a screen never digs into them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

REFERENCE_CHARS = 6


def as_text(value: Any) -> str:
    """Bytes as upper-case hex (the UI edge), anything else as its text."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex().upper()
    return "" if value is None else str(value)


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if obj is None:
            return default
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


@dataclass(frozen=True)
class Identity:
    seid: str = ""
    msisdn: str = ""
    atr: str = ""
    batch: str = ""
    cplc: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AppRow:
    aid: str
    name: str
    state: str
    version: str
    needs_activation: bool
    app_id: str = ""  # the platform's id; services take it when known, else the AID
    instance_aid: str = ""  # one instance of a multi-instance application: services act on it alone


@dataclass(frozen=True)
class Space:
    total: int
    used: int
    free_measured: int
    free_recorded: int | None


# The CPLC fields (ota.gp.responses.Cplc) a clerk or technician actually looks at.
CPLC_HIGHLIGHTS = ("ic_fabricator", "ic_type", "os_id", "os_release_date", "ic_serial_number",
                   "ic_batch_identifier", "ic_fabrication_date", "ic_module_packaging_date",
                   "ic_personalizer", "ic_perso_date")


def identity(report: Any) -> Identity:
    ident = _get(report, "identity", default=report)
    cplc = _get(ident, "cplc")
    highlights = []
    if cplc is not None and not isinstance(cplc, (str, bytes)):
        for name in CPLC_HIGHLIGHTS:
            value = _get(cplc, name)
            if value not in (None, "", b""):
                highlights.append((name, as_text(value)))
    return Identity(
        seid=as_text(_get(ident, "seid") or _get(report, "seid")),
        msisdn=as_text(_get(report, "msisdn") or _get(ident, "msisdn")),
        atr=as_text(_get(ident, "atr")),
        batch=_batch(_get(ident, "batch") or _get(report, "batch")),
        cplc=tuple(highlights),
    )


def _batch(value: Any) -> str:
    """The platform's batch record (§5.8.1) as one line: name and chip type."""
    if isinstance(value, dict):
        name, chip = value.get("name", ""), value.get("chip_type", "")
        return f"{name} ({chip})" if name and chip else str(name or chip)
    return as_text(value)


def app_title(app: Any, language: str) -> str:
    """The application's title in the clerk's language, else the other one, else its name (the
    catalogue's data: ``title_zh`` / ``title_en``)."""
    zh_first = language.startswith("zh")
    preferred = ("title_zh", "title_en") if zh_first else ("title_en", "title_zh")
    for name in preferred + ("name",):
        value = _get(app, name, default="")
        if value:
            return str(value)
    return ""


def apps(report: Any, language: str = "zh_CN", which: str = "apps") -> list[AppRow]:
    """The report's applications (``which="addable"``: instances not on the card yet, §5.8.4.1)."""
    rows = []
    seen: dict[str, int] = {}  # instances of each application so far, to number unlabelled ones
    for app in _get(report, which, default=()) or ():
        title, instance = app_title(app, language), as_text(_get(app, "instance_aid", default=""))
        if instance:
            app_id = as_text(_get(app, "app_id", default=""))
            seen[app_id] = seen.get(app_id, 0) + 1
            title = f"{title} · {instance_label(app, language) or f'#{seen[app_id]}'}"
        rows.append(AppRow(as_text(_get(app, "aid")), title,
                           as_text(_get(app, "state", default="")), as_text(_get(app, "version", default="")),
                           bool(_get(app, "needs_activation", default=False)),
                           as_text(_get(app, "app_id", default="")), instance))
    return rows


def result_title(summary: Any, title_of: Callable[[str, str], str], language: str) -> str:
    """What a service's result calls its application: the title, and for one instance of a
    multi-instance application (§5.8.4.1) that instance's label as the result reports it, so a
    deleted instance is still named after the list lost its row."""
    title = title_of(summary.app_id, summary.app_name) or summary.app_name or summary.app_id
    label = instance_label(summary, language) if summary.instance_aid else ""
    return title if not label or title.endswith(f" · {label}") else f"{title} · {label}"


def instance_label(app: Any, language: str) -> str:
    """An instance's label in the clerk's language (§5.8.4.1), else the other language's."""
    zh, en = (as_text(_get(app, name, default="")) for name in ("instance_label_zh", "instance_label_en"))
    return (zh or en) if language.startswith("zh") else (en or zh)


def security_domains(report: Any) -> list[tuple[str, str]]:
    rows = []
    for sd in _get(report, "security_domains", default=()) or ():
        if isinstance(sd, (str, bytes)):
            rows.append((as_text(sd), ""))
        else:
            rows.append((as_text(_get(sd, "aid")), as_text(_get(sd, "state", "life_cycle", default=""))))
    return rows


def space(report: Any) -> Space | None:
    view = _get(report, "space")
    if view is None:
        return None
    total = _get(view, "total")
    used = _get(view, "used")
    free = _get(view, "free_measured")
    recorded = _get(view, "free_recorded")
    if total is None and used is None and free is None and recorded is None:
        return None
    # Fill what the card or the platform did not say from what they did.
    free = free if free is not None else recorded
    if total is None and used is not None and free is not None:
        total = used + free
    if used is None and total is not None and free is not None:
        used = max(total - free, 0)
    return Space(int(total or 0), int(used or 0), int(free or 0), None if recorded is None else int(recorded))


def mask_number(msisdn: str) -> str:
    """``13800138000`` -> ``138****8000``: enough for the customer to recognise, not to copy."""
    digits = (msisdn or "").strip()
    if len(digits) < 8:
        return "*" * max(len(digits) - 2, 0) + digits[-2:] if digits else ""
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def short_reference(operation_id: str) -> str:
    """The last characters of the operation id: what a customer quotes at the counter."""
    return "".join(c for c in operation_id if c.isalnum())[-REFERENCE_CHARS:].upper()
