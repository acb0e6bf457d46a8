"""A small fake of the core for widget tests: the same methods as ui.backend.AppBackend.

The final evidence runs against the real demo (test_demo_e2e.py); this fake lets each screen be
driven quickly and deterministically, including slow services and operator prompts.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.errors import Cancelled
from app.services.base import CancelToken, Progress, Receipt, ServiceOutcome
from app.services.result_summary import from_platform
from app.services.words import Words, loading, service_title
from ui.backend import PlatformCheck, ReaderInfo, ServiceRequest

# The value types (Words, Progress, CancelToken, Cancelled) are the core's own, imported by
# the tests from here: only the services behind them are faked.


class FakeError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Operator:
    operator: str = "clerk01"
    role: str = "clerk"
    region: str = "BJ-01"


@dataclass(frozen=True)
class Cplc:
    ic_fabricator: str = "4790"
    ic_type: str = "5044"
    ic_serial_number: str = "12345678"


@dataclass(frozen=True)
class Identity:
    seid: str = "8686001122334455"
    atr: bytes = bytes.fromhex("3B8F8001804F0CA0000003060300030000000068")
    cplc: Cplc = field(default_factory=Cplc)
    batch: str = "BATCH-2026-01"


@dataclass(frozen=True)
class AppView:
    aid: str
    name: str
    state: str
    version: str = "1.0"
    needs_activation: bool = False


@dataclass(frozen=True)
class SpaceView:
    total: int = 200_000
    free_measured: int = 120_000
    used: int = 80_000
    free_recorded: int = 118_000


def outcome(kind: str, ok: bool = True, seid: str = "8686001122334455", msisdn: str = "13800138000",
            raw: dict[str, Any] | None = None, duration_s: float = 0.1, operation_id: str = "op-0001",
            error_code: str | None = None) -> ServiceOutcome:
    """The core's own typed outcome, its summary built by the core (``from_platform``)."""
    now = datetime.now().astimezone()
    receipt = Receipt(service_title(kind), operation_id, kind, "clerk01", "T-0001", seid, msisdn, None,
                      now, now, ok)
    result = from_platform(kind, ok, raw or {}, seid=seid, msisdn=msisdn, operation_id=operation_id,
                           duration_s=duration_s, error_code=error_code)
    return ServiceOutcome(kind, ok, seid, msisdn, result, receipt, duration_s, operation_id, error_code)


def QueryOutcome() -> ServiceOutcome:  # noqa: N802 - the query's own outcome (ok, operation id)
    return outcome("query", operation_id="op-q-0001")


@dataclass(frozen=True)
class QueryReport:
    outcome: ServiceOutcome = field(default_factory=QueryOutcome)
    identity: Identity = field(default_factory=Identity)
    msisdn: str = "13800138000"
    apps: tuple[AppView, ...] = (AppView("A0000003330101", "公交卡 Transit", "PERSONALIZED"),
                                 AppView("A0000003330202", "银行卡 Bank", "LOCKED", "2.1", True))
    security_domains: tuple[str, ...] = ("A000000151000000", "A000000151535344")
    space: SpaceView = field(default_factory=SpaceView)


@dataclass(frozen=True)
class CatalogApp:  # the shape of app.services.catalog.CatalogApp
    app_id: str
    name: str
    aid: str
    version: str = "1.0"


@dataclass
class JournalEntry:
    started_at: datetime
    kind: str
    operator: str
    seid: str
    msisdn: str
    app_id: str | None
    ok: bool
    error_code: str | None = None
    operation_id: str | None = None


class FakeTraceEntry:
    class _Dir:
        value = ">>"

    def __init__(self, text: str) -> None:
        self.direction = self._Dir()
        self.shown = text
        self.duration_ms = 1.0
        self.name = "SELECT"
        self.sw_meaning = ""

    def text(self) -> str:
        return f"12:00:00.000 >> {self.shown}"


class FakeTrace:
    def __init__(self) -> None:
        self._entries = [FakeTraceEntry("00A4040008A000000151000000")]

    @property
    def entries(self) -> list[FakeTraceEntry]:
        return list(self._entries)

    def clear(self) -> None:
        self._entries.clear()

    def export(self, path: Any) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(e.text() for e in self._entries) + "\n")


@dataclass
class Config:
    terminal_id: str = "T-0001"
    platform_url: str = "https://127.0.0.1:8443"
    language: str = "zh_CN"
    kiosk: bool = False
    idle_reset_s: int = 120
    reader_preferred: str | None = None
    platform_password: str = "not-for-the-bundle"  # a secret-named field: the bundle removes it


class FakeBackend:
    """Scripted core.  ``delay_s`` makes every service slow; ``fail_with`` makes the next fail."""

    def __init__(self) -> None:
        self.config = Config()
        self.operator: Any = None
        self.trace = FakeTrace()
        self.readers = ["Virtual PCD 00 00", "Virtual PCD 00 01"]
        self.delay_s = 0.0
        self.load_blocks = 0
        self.fail_with: BaseException | None = None
        self.prompt_on_migrate = True
        self.calls: list[ServiceRequest] = []
        self.prompt_answers: list[bool] = []
        self.threads: list[str] = []
        self.journal: list[JournalEntry] = []
        self.companion: dict[str, str] | None = None  # what a download answers about the phone app

    def login(self, operator: str, password: str) -> Operator:
        if password != "secret":
            raise FakeError("auth.invalid")
        self.operator = Operator(operator=operator)
        return self.operator

    def check_platform(self) -> PlatformCheck:
        return PlatformCheck(self.config.platform_url, True, 12.0, True, "0.1.0", "sqlite")

    def list_readers(self) -> list[str]:
        return list(self.readers)

    def reader_infos(self) -> list[ReaderInfo]:
        return [ReaderInfo(self.readers[0], True, Identity().atr, "T=1"),
                ReaderInfo(self.readers[1], False, error="reader.no_card")]

    def new_cancel_token(self) -> CancelToken:
        return CancelToken()

    def catalog(self) -> list[CatalogApp]:
        return [CatalogApp("wallet", "电子钱包 Wallet", "A0000003330303"),
                CatalogApp("access", "门禁 Access", "A0000003330404")]

    def journal_day(self, day: date) -> list[JournalEntry]:
        return [e for e in self.journal if e.started_at.date() == day]

    def watch_readers(self, callback: Any) -> Any:
        callback(self.readers[0], "card_inserted", Identity().atr)
        return lambda: None

    def run_service(self, request: ServiceRequest, prompt: Any, on_progress: Any, cancel: CancelToken) -> Any:
        self.calls.append(request)
        self.threads.append(threading.current_thread().name)
        started = time.monotonic()
        steps = max(self.load_blocks, 1)
        for block in range(steps):
            cancel.raise_if_cancelled()
            stage = "load" if self.load_blocks else request.kind
            on_progress(Progress(stage, block + 1, steps, loading(block + 1, steps)))
            time.sleep(self.delay_s / steps)
        if self.fail_with is not None:
            exc, self.fail_with = self.fail_with, None
            raise exc
        if request.kind == "migrate" and request.target_reader is None and self.prompt_on_migrate:
            answer = prompt.ask_for_card("target", Words("prompt.place_target"))
            self.prompt_answers.append(answer)
            if not answer:
                raise Cancelled()
        if request.kind == "query":
            return QueryReport()
        raw: dict[str, Any] = {"app": request.app_id} if request.app_id else {}
        if request.kind == "download":
            raw["companion"] = self.companion
        done = outcome(request.kind, True, Identity().seid, "13800138000", raw, time.monotonic() - started)
        self.journal.append(JournalEntry(datetime.now(), request.kind, "clerk01", Identity().seid,
                                         "13800138000", request.app_id or None, True, None, "op-0001"))
        return done

    def open_runs(self, seid: str | None = None) -> list[Any]:
        return []  # the interrupted-work paths are tested against the real journal (test_interrupted_e2e)

    def release(self, run_id: str) -> Any:
        raise FakeError("orphan.unknown")

    def diagnostics_bundle(self, path: str) -> Any:
        from app.diagnostics import write_bundle

        return write_bundle(path, self.config, self.trace, None)

    def close(self) -> None:
        pass
