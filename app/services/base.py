"""What every counter service shares: messages, progress, cancel, operator prompts, outcomes.

The services are plain functions ``service(ctx, reader, ...) -> ServiceOutcome``; the UI runs
them on a worker thread and the CLI runs them inline.  Everything they need from the outside
comes in the :class:`ServiceContext`, so a test can hand in a scripted reader and prompt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from app.errors import Cancelled
from app.services.result_summary import ResultSummary

if TYPE_CHECKING:
    from app.client import PlatformClient
    from app.journal import Journal
    from ota.protocol import LoginResponse


@dataclass(frozen=True)
class Message:
    """A text for the console in both languages; the GUI words it from ``code`` (its .ts files)."""

    zh: str
    en: str
    code: str = ""  # stable: prompt.place_target, prompt.place_source, prompt.wrong_phone, prompt.same_phone

    def text(self, language: str = "zh_CN") -> str:
        return self.en if language.startswith("en") else self.zh


@dataclass(frozen=True)
class Progress:
    """``stage`` is stable English (``card``, ``start``, ``apdu``, ``load``, ``post``, ``done``)."""

    stage: str
    done: int
    total: int
    message: Message


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

    def ask_for_card(self, role: str, message: Message) -> bool:
        """Ask for a phone on the reader (``role`` = target | source); False = cancel."""
        ...

    def confirm(self, message: Message) -> bool: ...


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
        self.asked: list[tuple[str, Message]] = []

    def ask_for_card(self, role: str, message: Message) -> bool:
        self.asked.append((role, message))
        return self.answer

    def confirm(self, message: Message) -> bool:
        self.asked.append(("confirm", message))
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

    def report(self, stage: str, done: int, total: int, zh: str, en: str) -> None:
        if self.on_progress:
            self.on_progress(Progress(stage, done, total, Message(zh, en)))


@dataclass(frozen=True)
class Receipt:
    """What the clerk prints and the journal keeps; no keys and no APDU data."""

    title: Message
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
    lines: list[tuple[Message, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": {"zh": self.title.zh, "en": self.title.en},
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
            "lines": [{"zh": m.zh, "en": m.en, "value": v} for m, v in self.lines],
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
    error: Message | None = None
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
            "error": {"zh": self.error.zh, "en": self.error.en} if self.error else None,
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
