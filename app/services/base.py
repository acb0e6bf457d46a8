"""What every counter service shares: progress, cancel, operator prompts, receipts, outcomes.

The services are plain functions ``service(ctx, reader, ...) -> ServiceOutcome``; the UI runs
them on a worker thread and the CLI runs them inline.  Everything they need from the outside
comes in the :class:`ServiceContext`, so a test can hand in a scripted reader and prompt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from app.errors import Cancelled
from app.services.result_summary import ResultSummary
from app.services.words import Words, receipt_label

if TYPE_CHECKING:
    from app.client import PlatformClient
    from app.journal import Journal
    from ota.protocol import LoginResponse


@dataclass(frozen=True)
class Progress:
    """``stage`` is stable English (``card``, ``start``, ``apdu``, ``load``, ``post``, ``done``)."""

    stage: str
    done: int
    total: int
    words: Words


class CancelToken:
    """Set from any thread; the service checks it between APDUs and between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled("cancelled by the operator")


class OperatorPrompt(Protocol):
    """How a service asks the person at the counter (Electrum's handler idea, without Qt)."""

    def ask_for_card(self, role: str, words: Words) -> bool:
        """Ask for a phone on the reader (``role`` = target | source); False = cancel."""
        ...

    def confirm(self, words: Words) -> bool: ...


class CardReader(Protocol):
    """What a reader factory returns (``PcscReader`` and ``InProcessReader`` fit)."""

    name: str

    @property
    def atr(self) -> bytes: ...

    def connect(self, exclusive: bool = True, protocol: str = "T0|T1") -> None: ...

    def transmit(self, apdu: bytes) -> bytes: ...

    def disconnect(self, leave_powered: bool = True) -> None: ...


ReaderFactory = Callable[[str | None], CardReader]
"""``factory(name)`` -> a not yet connected reader; ``None`` = the configured default."""


class AutoPrompt:
    """A prompt that answers every question the same way (tests, unattended scripts)."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[tuple[str, Words]] = []

    def ask_for_card(self, role: str, words: Words) -> bool:
        self.asked.append((role, words))
        return self.answer

    def confirm(self, words: Words) -> bool:
        self.asked.append(("confirm", words))
        return self.answer


@dataclass
class ServiceContext:
    client: PlatformClient
    reader_factory: ReaderFactory
    journal: Journal | None
    operator: LoginResponse
    prompt: OperatorPrompt = field(default_factory=AutoPrompt)
    on_progress: Callable[[Progress], None] | None = None
    cancel: CancelToken = field(default_factory=CancelToken)
    terminal_id: str = "T-0001"

    def report(self, stage: str, done: int, total: int, words: Words) -> None:
        if self.on_progress:
            self.on_progress(Progress(stage, done, total, words))


@dataclass(frozen=True)
class ReceiptLine:
    """One result line of a receipt: ``key`` names it (``state``), ``value`` as the platform said
    it (``Locked``); both are worded where shown (label ``receipt.label.<key>``, a state's value
    from the context ``ErrorParams``)."""

    key: str
    value: str

    @property
    def label(self) -> Words:
        return receipt_label(self.key)

    def to_dict(self) -> dict[str, str]:
        return {"key": self.key, "code": self.label.code, "value": self.value}


# A journal row written before the receipt held codes (round 4) labelled its lines in words;
# these are the English labels it used, read back to the line's key for a reprint.
_LEGACY_LABELS = {"Application": "app", "State": "state", "Old MSISDN": "previous_msisdn", "New SE": "target_seid"}


def receipt_values(record: Mapping[str, Any]) -> dict[str, str]:
    """A stored receipt's result lines, key -> value: ``{"key": ..}`` lines and the older
    ``{"zh": .., "en": ..}`` ones alike (a reprint from the end-of-day list reads both)."""
    values: dict[str, str] = {}
    lines = record.get("lines") if isinstance(record, Mapping) else None
    for line in lines if isinstance(lines, list) else []:
        if not isinstance(line, Mapping) or line.get("value") is None:
            continue
        key = line.get("key") or _LEGACY_LABELS.get(str(line.get("en")))
        if key:
            values[str(key)] = str(line["value"])
    return values


@dataclass(frozen=True)
class Receipt:
    """What the clerk prints and the journal keeps; no keys and no APDU data."""

    title: Words
    operation_id: str | None
    kind: str
    operator: str
    terminal_id: str
    seid: str | None
    msisdn: str | None
    app_id: str | None
    started_at: datetime
    finished_at: datetime
    ok: bool
    lines: list[ReceiptLine] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """What the journal keeps: codes and values, never words (see :func:`receipt_values`)."""
        return {
            "title": self.title.to_dict(),
            "operation_id": self.operation_id,
            "kind": self.kind,
            "operator": self.operator,
            "terminal_id": self.terminal_id,
            "seid": self.seid,
            "msisdn": self.msisdn,
            "app_id": self.app_id,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
            "ok": self.ok,
            "lines": [line.to_dict() for line in self.lines],
        }


@dataclass(frozen=True)
class ServiceOutcome:
    """A finished service: ``result`` is the core's typed summary (no raw platform dict)."""

    kind: str
    ok: bool
    seid: str | None
    msisdn: str | None
    result: ResultSummary
    receipt: Receipt
    duration_s: float
    operation_id: str | None
    error_code: str | None = None
    error: Words | None = None  # the error code's words: ``error_code`` and its params
    journal_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "ok": self.ok,
            "seid": self.seid,
            "msisdn": self.msisdn,
            "result": asdict(self.result),
            "duration_s": round(self.duration_s, 3),
            "operation_id": self.operation_id,
            "error_code": self.error_code,
            "error": self.error.to_dict() if self.error else None,
            "receipt": self.receipt.to_dict(),
            "journal_id": self.journal_id,
        }


def subscriber_params(msisdn: str | None, extra: dict[str, Any] | None, **fixed: Any) -> dict[str, Any]:
    """An operation's params: the service's own, the subscriber served (``msisdn``, which also
    registers an unbound SE), and free-form extras (personalisation values)."""
    params = {**(extra or {}), **fixed}
    if msisdn:
        params["msisdn"] = msisdn
    return params


def instance(instance_aid: str | None) -> dict[str, str]:
    """The param naming one instance of a multi-instance application (§5.8.4.1), when chosen."""
    return {"instance_aid": instance_aid.upper()} if instance_aid else {}
