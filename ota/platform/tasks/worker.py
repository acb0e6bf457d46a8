"""The task worker: claims due work, pushes it by SMS, and keeps the items' states honest.

Several workers on several machines share one PostgreSQL: a tick claims due items with
``SELECT … FOR UPDATE SKIP LOCKED`` and, in the same transaction, gives each a push serial, a
push count and its next due time, so a row is pushed by exactly one worker, and a second worker
that reaches it later sees it is no longer due (PostgreSQL re-checks the WHERE of a locked row
on its newest version).  On SQLite every transaction holds the write lock (``db.py``), so the
same code is correct with the one worker ``platform serve`` runs.  Why not procrastinate or
APScheduler: procrastinate is PostgreSQL-only, and APScheduler's job store would hold our
schedule a second time beside the task rows; the claim is one query on tables we already have.

A tick, in order: settle items whose operation ended (a wallet that vanished mid-way), fail
items pushed too often without an answer, then push what is due.  Work for an SE that is busy
(its link is held, or another of its items is out) waits in that SE's queue (§5.8.8).
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit
from ota.platform.db import transaction, utcnow
from ota.platform.models import (
    ItemState,
    MsisdnBinding,
    Operation,
    SecureElement,
    SeLink,
    Task,
    TaskItem,
    TaskState,
)
from ota.platform.sms.gateway import GatewayError, SmsGateway
from ota.platform.tasks.pull import settle
from ota.protocol import OperationState
from ota.push import PLATFORM_PORT, WALLET_PORT, PushSms, encode_push

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushSettings:
    repush_after: timedelta = timedelta(minutes=10)
    """A pushed item not pulled for this long is pushed again (same serial)."""
    max_pushes: int = 3
    """After this many unanswered pushes the item fails with ``push.unanswered``."""
    busy_wait: timedelta = timedelta(seconds=5)
    """How long work for a busy SE waits before the worker looks again."""
    batch: int = 100
    dest_port: int = WALLET_PORT
    src_port: int = PLATFORM_PORT


@dataclass(frozen=True)
class _Outgoing:
    item_id: int
    msisdn: str
    sms: bytes


class Worker:
    def __init__(self, sessions: sessionmaker[Session], gateway: SmsGateway,
                 settings: PushSettings | None = None, worker_id: str | None = None,
                 scans: Sequence[Callable[[], object]] = ()) -> None:
        self._sessions = sessions
        self._scans = scans  # periodic platform scans that create tasks (sd_key_period.KeyPeriodScan)
        self._gateway = gateway
        self.settings = settings or PushSettings()
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
        self.pushed = 0

    # --- one tick ----------------------------------------------------------------------------------

    def tick(self) -> int:
        """Do what is due now; returns how many SMS were submitted."""
        self._settle_running()
        for scan in self._scans:
            scan()
        outgoing = self._claim()
        results = [(message, self._submit(message)) for message in outgoing]
        if results:
            self._record(results)
        return len(outgoing)

    def _settle_running(self) -> None:
        with transaction(self._sessions) as session:
            rows = session.execute(
                sa.select(TaskItem, Task, Operation)
                .join(Task, Task.id == TaskItem.task_id)
                .join(Operation, Operation.id == TaskItem.operation_id)
                .where(TaskItem.state == ItemState.RUNNING, Operation.state.in_(
                    [OperationState.DONE, OperationState.FAILED, OperationState.CANCELLED]))
                .limit(self.settings.batch)
            ).all()
            for item, task, op in rows:
                settle(session, item, task, op)
            # Between two operations of a sequence the wallet pulls again; if it never does, the
            # item goes back to be pushed (same serial) so the phone is asked once more.
            stale = utcnow() - self.settings.repush_after
            session.execute(
                sa.update(TaskItem)
                .where(TaskItem.state == ItemState.RUNNING, TaskItem.operation_id.is_(None),
                       TaskItem.updated_at < stale)
                .values(state=ItemState.PUSHED, due_at=utcnow())
            )

    def _due_query(self, session: Session, now: sa.ColumnElement | object) -> sa.Select:
        query = (
            sa.select(TaskItem)
            .join(Task, Task.id == TaskItem.task_id)
            .where(TaskItem.state.in_([ItemState.QUEUED, ItemState.PUSHED]), TaskItem.due_at <= now,
                   Task.state == TaskState.ACTIVE)
            .order_by(TaskItem.due_at, TaskItem.id)
            .limit(self.settings.batch)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True, of=TaskItem)
        return query

    def _claim(self) -> list[_Outgoing]:
        s = self.settings
        outgoing: list[_Outgoing] = []
        with transaction(self._sessions) as session, session.no_autoflush:
            now = utcnow()
            due = session.scalars(self._due_query(session, now)).all()
            seids = {item.seid for item in due}
            linked = set(session.scalars(sa.select(SeLink.seid).where(SeLink.seid.in_(seids),
                                                                       SeLink.expires_at > now)))
            out = session.execute(sa.select(TaskItem.seid, TaskItem.id).where(
                TaskItem.seid.in_(seids), TaskItem.state.in_([ItemState.PUSHED, ItemState.RUNNING]))).all()
            msisdns = dict(session.execute(sa.select(MsisdnBinding.seid, MsisdnBinding.msisdn)
                                           .where(MsisdnBinding.seid.in_(seids))).tuples().all())
            known = set(session.scalars(sa.select(SecureElement.seid).where(SecureElement.seid.in_(seids))))
            claimed_ses: set[str] = set()
            for item in due:
                ahead = any(seid == item.seid and other != item.id for seid, other in out)
                if item.seid in claimed_ses or item.seid in linked or ahead:
                    item.due_at = now + s.busy_wait  # the SE is busy: this work waits in its queue
                    continue
                if item.state == ItemState.PUSHED and item.pushes >= s.max_pushes:
                    self._fail(item, "push.unanswered")
                    continue
                msisdn = msisdns.get(item.seid)
                if not msisdn:
                    self._fail(item, "push.no_msisdn" if item.seid in known else "se.unknown")
                    continue
                item.push_serial = item.push_serial or secrets.token_hex(16).upper()
                item.state, item.pushes, item.last_push_at = ItemState.PUSHED, item.pushes + 1, now
                item.due_at, item.claimed_by, item.updated_at = now + s.repush_after, self.worker_id, now
                claimed_ses.add(item.seid)
                sms = encode_push(PushSms(s.dest_port, s.src_port, bytes.fromhex(item.seid),
                                          bytes.fromhex(item.push_serial)))
                outgoing.append(_Outgoing(item.id, msisdn, sms))
            if outgoing:
                audit.record(session, "push.claim", self.worker_id, items=[o.item_id for o in outgoing])
        return outgoing

    @staticmethod
    def _fail(item: TaskItem, reason: str) -> None:
        item.state, item.reason, item.updated_at = ItemState.FAILED, reason, utcnow()

    def _submit(self, message: _Outgoing) -> str | GatewayError:
        try:
            return self._gateway.submit(message.msisdn, message.sms)
        except GatewayError as exc:
            log.warning("push of item %s not submitted: %s", message.item_id, exc.code)
            return exc

    def _record(self, results: list[tuple[_Outgoing, str | GatewayError]]) -> None:
        """One transaction for a tick's gateway answers (message ids, or the push undone)."""
        with transaction(self._sessions) as session:
            ids = [message.item_id for message, _answer in results]
            items = {i.id: i for i in session.scalars(sa.select(TaskItem).where(TaskItem.id.in_(ids)))}
            for message, answer in results:
                item = items.get(message.item_id)
                if item is None:
                    continue
                if isinstance(answer, GatewayError):
                    # Not sent, so it does not count; look again after the busy wait.
                    item.pushes = max(0, item.pushes - 1)
                    item.due_at = utcnow() + self.settings.busy_wait
                    item.reason_detail = {"last_gateway_error": answer.code}
                    if item.pushes == 0:
                        item.state = ItemState.QUEUED
                else:
                    self.pushed += 1
                    item.gateway_msg_id = answer

    # --- running ------------------------------------------------------------------------------------

    def run(self, stop: threading.Event, interval: float = 1.0) -> None:
        """Tick until ``stop`` is set; an error in one tick is logged, the next tick tries again."""
        while not stop.is_set():
            try:
                busy = self.tick()
            except Exception:  # noqa: BLE001 - a worker must outlive one bad tick
                log.exception("task worker tick failed")
                busy = 0
            if not busy:
                stop.wait(interval)

    def run_until_idle(self, max_ticks: int = 1000) -> int:
        """Tick until nothing is due (tests and ``platform worker --until-idle``)."""
        total = 0
        for _ in range(max_ticks):
            sent = self.tick()
            total += sent
            if not sent:
                break
        return total


class WorkerThread:
    """The one worker inside ``platform serve`` on SQLite (and in the demo)."""

    def __init__(self, worker: Worker, interval: float = 1.0) -> None:
        self.worker = worker
        self._stop = threading.Event()
        self._thread = threading.Thread(target=worker.run, args=(self._stop, interval), name="task-worker",
                                        daemon=True)

    def start(self) -> WorkerThread:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout)
