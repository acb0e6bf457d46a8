"""The UI's one door into the terminal's core (``app``).

Widgets never call ``app`` directly: they hand a :class:`ServiceRequest` to a worker, and the
worker calls :meth:`AppBackend.run_service` on its own thread.  Keeping every ``app`` call in
this file means the UI can be driven in tests by a fake with the same methods, and a change in
the core's API is a change here only.  Nothing in this module touches Qt.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

logger = logging.getLogger(__name__)

ReaderCallback = Callable[[str, str, "bytes | None"], None]
"""``callback(reader, kind, atr)``; kind is reader_added / reader_removed / card_inserted / card_removed."""


@dataclass(frozen=True)
class ServiceRequest:
    """One counter service as the clerk asked for it."""

    kind: str  # query | lock | unlock | download | delete | migrate | change_number
    reader: str
    app_id: str = ""
    instance_only: bool = False
    target_reader: str | None = None
    new_msisdn: str = ""
    imsi: str = ""
    msisdn: str = ""  # the subscriber served; registers an SE that is bound to no number yet
    identity_check: Any = None  # app.services.identity_check.IdentityCheck, recorded by the platform
    resume_of: str = ""  # the journal id of an interrupted run to take over (app.services.orphans)
    instance_aid: str = ""  # one instance of a multi-instance application (seed §5.8.4.1)


@dataclass(frozen=True)
class ReaderInfo:
    """One reader as the technician sees it."""

    name: str
    card_present: bool
    atr: bytes = b""
    protocol: str = ""
    error: str = ""


@dataclass(frozen=True)
class PlatformCheck:
    url: str
    ok: bool
    latency_ms: float
    tls: bool
    version: str = ""
    database: str = ""
    error: BaseException | None = None


class Backend(Protocol):
    """What the UI needs from the core.  Every method may block: call it off the GUI thread."""

    config: Any
    operator: Any  # ota.protocol.LoginResponse after login
    trace: Any  # app.reader.trace.ApduTrace

    def login(self, operator: str, password: str) -> Any: ...
    def check_platform(self) -> PlatformCheck: ...
    def list_readers(self) -> list[str]: ...
    def reader_infos(self) -> list[ReaderInfo]: ...
    def new_cancel_token(self) -> Any: ...
    def run_service(self, request: ServiceRequest, prompt: Any,
                    on_progress: Callable[[Any], None], cancel: Any) -> Any: ...
    def catalog(self) -> list[Any]: ...
    def journal_day(self, day: date) -> list[Any]: ...
    def watch_readers(self, callback: ReaderCallback) -> Callable[[], None]: ...
    def diagnostics_bundle(self, path: str) -> Any: ...
    def open_runs(self, seid: str | None = None) -> list[Any]: ...
    def release(self, run_id: str) -> Any: ...
    def close(self) -> None: ...


# Service kind -> (module under app.services, function).
SERVICE_FUNCTIONS = {
    "query": ("query", "query"), "lock": ("lock", "lock"), "unlock": ("unlock", "unlock"),
    "download": ("download", "download"), "delete": ("delete", "delete"),
    "migrate": ("migrate", "migrate"), "change_number": ("change_number", "change_number"),
    "perso_update": ("perso_update", "perso_update"),
}


class AppBackend:
    """The real core: ``app.terminal.Terminal`` (client, journal, readers) and the services."""

    # Built on first use (``prepare``), not before the login dialog can paint: client, journal,
    # readers and the trace import requests, SQLAlchemy and pyscard, most of a cold start.
    _terminal: Any = None
    _trace: Any = None
    _building = threading.Lock()  # shared by all backends: building happens once each

    def __init__(self, config: Any, demo: Any = None, own_demo: bool = False) -> None:
        self.config = config
        self.demo = demo
        self.own_demo = own_demo

    @property
    def terminal(self) -> Any:
        with self._building:
            if self._terminal is None:
                from app.terminal import Terminal

                terminal = Terminal.open(self.config)
                if self.demo is not None and hasattr(self.demo, "reader_factory"):
                    # The demo's live virtual cards, so the GUI and the demo share one state.
                    terminal.reader_factory = self.demo.reader_factory()
                self._terminal = terminal
            return self._terminal

    @terminal.setter
    def terminal(self, value: Any) -> None:
        self._terminal = value

    @property
    def trace(self) -> Any:
        with self._building:
            if self._trace is None:
                from app.reader.trace import ApduTrace  # imports the reader package: pyscard

                self._trace = ApduTrace()
            return self._trace

    def prepare(self) -> None:
        """Build the terminal now (from a pool thread, while the clerk types)."""
        _ = self.trace, self.terminal

    @property
    def operator(self) -> Any:
        return self.terminal.operator

    @operator.setter
    def operator(self, value: Any) -> None:
        if value is None:
            self.terminal.client.logout()  # the bearer token must not outlive the clerk's session
        self.terminal.operator = value

    # --- network only -------------------------------------------------------------------
    def login(self, operator: str, password: str) -> Any:
        return self.terminal.login(operator, password)

    def fetch_ahead(self) -> None:
        """Host challenges for the next starts, fetched now rather than inside a service."""
        self.terminal.client.openings.fetch_ahead()

    def check_platform(self) -> PlatformCheck:
        url = self.config.platform_url
        started = time.perf_counter()
        try:
            health = self.terminal.client.health()
        except Exception as exc:  # noqa: BLE001 - reported on screen, not raised
            return PlatformCheck(url, False, (time.perf_counter() - started) * 1000,
                                 url.startswith("https://"), error=exc)
        latency = (time.perf_counter() - started) * 1000
        return PlatformCheck(url, True, latency, url.startswith("https://"),
                             str(health.get("version", "")), str(health.get("database", "")))

    def admin(self) -> Any:
        """The admin workspace's service for the logged-in administrator (issue 14)."""
        from app.services.admin import AdminService

        return AdminService(self.terminal.client)

    def catalog(self) -> list[Any]:
        from app.services.catalog import list_apps

        return list_apps(self._context(None, None, None))

    def journal_day(self, day: date) -> list[Any]:
        return self.terminal.journal.day(day)

    def diagnostics_bundle(self, path: str) -> Any:
        """Logs + APDU trace + configuration, secrets removed, in one zip (app/diagnostics.py)."""
        from app.config import default_data_dir
        from app.diagnostics import write_bundle

        return write_bundle(path, self.config, self.trace, default_data_dir() / "logs")

    # --- readers ------------------------------------------------------------------------
    def list_readers(self) -> list[str]:
        from app.terminal import reader_names

        return reader_names(self.config)

    def reader_factory(self, name: str | None) -> Any:
        """``ServiceContext.reader_factory``: the terminal's reader, with the APDU trace on it."""
        return _TracedReader(self.terminal.reader_factory(name), self.trace)

    def reader_infos(self) -> list[ReaderInfo]:
        infos = []
        for name in self.list_readers():
            reader = self.terminal.reader_factory(name)
            if getattr(reader, "connected", False):
                # A service's worker owns this connection (the demo's in-process readers are
                # shared objects): connecting or disconnecting it here would cut that service off.
                infos.append(ReaderInfo(name, True, bytes(reader.atr), str(getattr(reader, "protocol", "")),
                                        error="reader.in_use"))
                continue
            try:
                reader.connect(exclusive=False)
                infos.append(ReaderInfo(name, True, bytes(reader.atr), str(getattr(reader, "protocol", ""))))
            except Exception as exc:  # noqa: BLE001 - a diagnostics row, not a failure
                infos.append(ReaderInfo(name, False, error=str(getattr(exc, "code", exc))))
            finally:
                _quietly(reader.disconnect)
        return infos

    def watch_readers(self, callback: ReaderCallback) -> Callable[[], None]:
        """Calls ``callback`` from a background thread; returns a stopper."""
        # In-process virtual cards never leave their reader; there is nothing to watch.
        for name in self.config.virtual_readers:
            callback(name, "card_inserted", None)
        if self.config.virtual_readers and not self.config.pcsc_too:
            return lambda: None
        from app.reader.monitor import CardInserted, CardRemoved, ReaderAdded, ReaderMonitor, ReaderRemoved

        kinds = {ReaderAdded: "reader_added", ReaderRemoved: "reader_removed",
                 CardInserted: "card_inserted", CardRemoved: "card_removed"}

        def on_event(event: Any) -> None:
            callback(event.reader, kinds[type(event)], getattr(event, "atr", None))

        monitor = ReaderMonitor(on_event)
        monitor.start()
        return monitor.stop

    # --- services -----------------------------------------------------------------------
    def new_cancel_token(self) -> Any:
        from app.services.base import CancelToken

        return CancelToken()

    def _context(self, prompt: Any, on_progress: Callable[[Any], None] | None, cancel: Any) -> Any:
        ctx = self.terminal.context(prompt, on_progress, cancel)
        ctx.reader_factory = self.reader_factory
        return ctx

    def open_runs(self, seid: str | None = None) -> list[Any]:
        """Interrupted runs of this clerk on this terminal, from the journal (no network)."""
        from app.services.orphans import open_runs

        return open_runs(self._context(None, None, None), seid)

    def release(self, run_id: str) -> Any:
        """Cancel an interrupted run's operation on the platform: the phone is free again."""
        from app.services.orphans import release

        return release(self._context(None, None, None), run_id)

    def run_service(self, request: ServiceRequest, prompt: Any,
                    on_progress: Callable[[Any], None], cancel: Any) -> Any:
        ctx = self._context(prompt, on_progress, cancel)
        if request.resume_of:
            from app.services.orphans import resume

            return resume(ctx, request.resume_of, request.reader)
        module_name, function = SERVICE_FUNCTIONS[request.kind]
        run = getattr(importlib.import_module(f"app.services.{module_name}"), function)
        msisdn = request.msisdn or None
        extra = {"params": {"identity_check": request.identity_check.to_params()}} if request.identity_check else {}
        if request.kind == "query":
            return run(ctx, request.reader, msisdn=msisdn)
        one = {"instance_aid": request.instance_aid} if request.instance_aid else {}
        if request.kind == "delete":
            return run(ctx, request.reader, request.app_id, instance_only=request.instance_only, msisdn=msisdn, **one)
        if request.kind == "migrate":
            return run(ctx, request.reader, request.app_id, target_reader=request.target_reader, msisdn=msisdn,
                       **extra)
        if request.kind == "change_number":
            return run(ctx, request.reader, request.new_msisdn, request.imsi or None, msisdn=msisdn, **extra)
        return run(ctx, request.reader, request.app_id, msisdn=msisdn, **extra, **one)

    def close(self) -> None:
        if self._terminal is not None:
            _quietly(self._terminal.close)
        if self.own_demo and self.demo is not None:
            _quietly(self.demo.stop)


def _quietly(call: Callable[[], Any]) -> None:
    try:
        call()
    except Exception:  # noqa: BLE001 - closing something that is already gone
        logger.debug("ignored error while closing", exc_info=True)


class _TracedReader:
    """A reader whose APDUs go through the technician's trace; everything else passes through."""

    def __init__(self, reader: Any, trace: Any) -> None:
        from app.reader.trace import TracingTransport

        self._reader = reader
        self._traced = TracingTransport(reader, trace)

    def transmit(self, apdu: bytes) -> bytes:
        return self._traced.transmit(apdu)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)
