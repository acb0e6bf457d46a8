"""The clerk's session: backend, one worker per reader, the prompt, and what is on the reader.

Pages talk to this object only.  It routes a service to the worker of its reader, relays the
core's progress callbacks (called on the worker thread) to the GUI through a signal, and keeps the
last identity read from the card so every screen can show the subscriber and the SE.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from app.services.result_summary import summarise
from ui import views
from ui.backend import Backend, ServiceRequest
from ui.workers import CardWorker, QtPrompt, run_in_pool

logger = logging.getLogger(__name__)


# A service failing with these says the platform is gone: the status bar checks at once.
PLATFORM_LOST = frozenset({"platform.unreachable", "platform.server_error"})

# What a completed service leaves the application as, on the phone the clerk is serving.
_STATE_AFTER = {"lock": "LOCKED", "unlock": "USABLE", "delete": "READY", "migrate": "READY"}


class _ProgressRelay(QObject):
    """Lives in the GUI thread; ``emit`` from any thread arrives queued."""

    progress = Signal(object)


class RunningService:
    """Handle of one running service: cancel it, or wait for its callbacks."""

    def __init__(self, token: Any, prompt: QtPrompt, reader: str = "") -> None:
        self.token = token
        self.reader = reader
        self._prompt = prompt

    def cancel(self) -> None:
        if self.token is not None:
            self.token.cancel()
        self._prompt.release_all()


class Session(QObject):
    card_changed = Signal(object)  # the last QueryReport-like identity, or None
    identity_changed = Signal(str, str)  # SEID and subscriber the last service worked on
    busy_changed = Signal(bool)
    reader_changed = Signal(str)
    login_expired = Signal()  # a call came back auth.expired: the clerk must log in again
    customer_cleared = Signal()  # log-out or kiosk reset: every screen forgets the customer
    platform_contact = Signal(bool)  # a service reached the platform (True) or lost it (False)

    def __init__(self, backend: Backend, kiosk: bool = False, technician: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.kiosk = kiosk
        self.technician = technician
        self.prompt = QtPrompt(self)
        self.card: Any = None
        self.identity: tuple[str, str] = ("", "")
        self.app_states: dict[str, str] = {}  # app_id -> state a service reached since the last query
        self.catalog: list[Any] = []  # the platform's catalogue, once the download screen fetched it
        self.titles: dict[str, Any] = {}  # app id / AID / name -> an application record with titles
        self.reader: str = ""
        self.readers: list[str] = []
        self._workers: dict[str, CardWorker] = {}
        self._running: set[RunningService] = set()
        self._busy = 0

    # --- readers -----------------------------------------------------------------------
    def set_reader(self, name: str) -> None:
        if name != self.reader:
            self.reader = name
            self.set_card(None)
            self.reader_changed.emit(name)

    def set_card(self, report: Any) -> None:
        for app in getattr(report, "apps", None) or ():
            # Titles outlive the customer: the day list and receipts name apps no phone holds now.
            if getattr(app, "title_zh", "") or getattr(app, "title_en", ""):
                for key in (getattr(app, "app_id", None), getattr(app, "aid", None), getattr(app, "name", None)):
                    if key:
                        self.titles[views.as_text(key)] = app
        self.card = report
        self.app_states = {}
        self.card_changed.emit(report)
        ident = views.identity(report) if report is not None else views.Identity()
        self._set_identity(ident.seid, ident.msisdn)

    def served(self, request: ServiceRequest, outcome: Any) -> None:
        """After any service: the SE and number it worked on (``ServiceOutcome.seid/msisdn``)."""
        seid = views.as_text(getattr(outcome, "seid", None))
        if not seid:
            return
        known = views.identity(self.card) if self.card is not None else views.Identity()
        if known.seid and known.seid != seid:
            self.set_card(None)  # another phone is on the reader: the last query is not about it
            known = views.Identity()
        result = summarise(outcome)  # the core's typed summary (a migration reports the old phone as source)
        app_id = request.app_id or result.app_id  # the id the screens offered (the platform's may differ)
        if result.ok and app_id:
            state = _STATE_AFTER.get(request.kind, result.state)  # the platform may not echo it
            if state and request.instance_aid:  # one instance changed; its siblings did not
                self.app_states[request.instance_aid] = state
            elif state:
                self.app_states[app_id] = state
                for row in views.apps(self.card, "en") if self.card is not None else []:
                    if row.app_id == app_id and row.instance_aid:  # the whole app: every instance
                        self.app_states.pop(row.instance_aid, None)
        msisdn = views.as_text(getattr(outcome, "msisdn", None)) or request.msisdn or known.msisdn
        self._set_identity(seid, msisdn)

    def current_apps(self, language: str) -> list[views.AppRow]:
        """The customer's applications now: the last read, with what services did since.

        A download adds an application the read did not list; a delete or a lock changes a state.
        """
        rows = [replace(r, state=self.app_states.get(r.instance_aid or r.app_id,
                                                     self.app_states.get(r.app_id, self.app_states.get(r.aid, r.state))))
                for r in (views.apps(self.card, language) if self.card is not None else [])]
        listed = {r.app_id for r in rows} | {r.aid for r in rows}
        added = {r.instance_aid: r for r in views.apps(self.card, language, "addable")} if self.card is not None else {}
        for app_id, state in self.app_states.items():
            if app_id in listed:
                continue
            if app_id in added:  # an instance downloaded since the read (§5.8.4.1)
                rows.append(replace(added[app_id], state=state))
                continue
            entry = next((a for a in self.catalog if views.as_text(getattr(a, "app_id", "")) == app_id), None)
            rows.append(views.AppRow(views.as_text(getattr(entry, "aid", "")), self.app_title(app_id, "", language),
                                     state, str(getattr(entry, "version", "") or ""), False, app_id))
        return rows

    def clear_customer(self) -> None:
        """Nothing of the last customer stays: log-out, kiosk reset."""
        self.set_card(None)
        self.customer_cleared.emit()

    def app_title(self, app_id: str, name: str, language: str) -> str:
        """The title the catalogue or the last query gives ``app_id`` (or ``name``)."""
        for key in (app_id, name):
            if key and key in self.titles and views.app_title(self.titles[key], language):
                return views.app_title(self.titles[key], language)
        for app in list(getattr(self.card, "apps", None) or ()) + list(self.catalog):
            if (app_id and app_id in (views.as_text(getattr(app, "app_id", "")), views.as_text(getattr(app, "aid", ""))))\
                    or (name and getattr(app, "name", None) == name):
                title = views.app_title(app, language)
                if title:
                    return title
        return name or app_id

    def _set_identity(self, seid: str, msisdn: str) -> None:
        self.identity = (seid, msisdn)
        self.identity_changed.emit(seid, msisdn)

    def worker(self, reader: str) -> CardWorker:
        if reader not in self._workers:
            worker = CardWorker(reader, self)
            worker.busy_changed.connect(self._on_busy)
            self._workers[reader] = worker
        return self._workers[reader]

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self._busy += 1 if busy else -1
        self.busy_changed.emit(self._busy > 0)

    @property
    def busy(self) -> bool:
        return self._busy > 0

    # --- work ----------------------------------------------------------------------------
    def run(self, request: ServiceRequest, on_progress: Callable[[Any], None],
            on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> RunningService:
        """Queue a service on its reader's worker; callbacks arrive on the GUI thread."""
        token = self.backend.new_cancel_token()
        relay = _ProgressRelay(self)
        relay.progress.connect(on_progress)
        running = RunningService(token, self.prompt, request.reader)

        def finished(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                relay.deleteLater()
                self._running.discard(running)
                if request.kind == "query" and not isinstance(value, BaseException):
                    self.set_card(value)
                elif not isinstance(value, BaseException):
                    self.served(request, value)
                callback(value)
                self._check_expired(value)
                lost = isinstance(value, BaseException) and getattr(value, "code", None) in PLATFORM_LOST
                self.platform_contact.emit(not lost)
                if not lost:
                    self.fetch_ahead()
            return deliver

        task = lambda: self.backend.run_service(request, self.prompt, relay.progress.emit, token)  # noqa: E731
        self._running.add(running)
        self.worker(request.reader).add(task, finished(on_done), finished(on_error))
        return running

    def reader_busy(self, reader: str) -> bool:
        """A service is running or queued on ``reader``: a new one waits for its turn."""
        return any(r.reader == reader for r in self._running)

    def in_pool(self, task: Callable[[], Any], on_done: Callable[[Any], None],
                on_error: Callable[[BaseException], None] | None = None) -> None:
        def failed(exc: BaseException) -> None:
            if on_error is not None:
                on_error(exc)
            self._check_expired(exc)

        run_in_pool(task, on_done, failed)

    def fetch_ahead(self) -> None:
        """What the next service needs from the platform before its start (host challenges),
        fetched now on a pool thread: after login and after each service, while the clerk reads."""
        if hasattr(self.backend, "fetch_ahead") and self.backend.operator is not None:
            self.in_pool(self.backend.fetch_ahead, lambda _r: None)

    def _check_expired(self, value: Any) -> None:
        if isinstance(value, BaseException) and getattr(value, "code", None) == "auth.expired":
            self.login_expired.emit()

    def cancel_all(self) -> None:
        """Stop every running service at its next safe point (log-out, window closing)."""
        for running in list(self._running):
            running.cancel()
        self.prompt.release_all()

    def shutdown(self) -> None:
        self.prompt.close()
        self.cancel_all()
        for worker in self._workers.values():
            worker.stop()
        self._workers.clear()
