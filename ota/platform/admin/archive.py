"""Archiving an application (seed §5.4.4.5): remove it from every SE that holds it, then close.

Archive records one :class:`ArchiveRemoval` per SE holding the application and moves it to
``archiving``.  Two ways out for each SE:

* ``platform``: the subscriber is asked first (SMS); with consent the removal is handed to the
  :class:`RemovalSink`, a platform-initiated deletion task; a failed attempt is reported back
  with :func:`record_attempt` and retried until ``archive.max_attempts`` (§5.4.4.5 "重试机制");
* ``notify``: the subscriber is told to delete it (at a counter or with the wallet).

Whichever way, a delete that reaches Ready on that SE (the counter's delete flow calls
:func:`on_removed`) completes the removal, and the last one moves the application to
``archived``.  The platform-task machinery plugs in through ``app.state.removal_sink``; the
default sink only keeps the rows, which are the queue.
"""

from __future__ import annotations

from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.admin import system
from ota.platform.admin.releases import find
from ota.platform.admin.schemas import Archive, Attempt, Consent, RemovalView
from ota.platform.db import utcnow
from ota.platform.errors import ConflictError, not_found
from ota.platform.models import (
    Application,
    AppRelease,
    AppState,
    ArchiveRemoval,
    MsisdnBinding,
    ReleaseState,
    SeAppState,
)
from ota.platform.policy import Actor

MAX_ATTEMPTS = "archive.max_attempts"


class RemovalSink(Protocol):
    """Where removals go: a platform task per SE (issue 10's task queue plugs in here)."""

    def enqueue(self, session: Session, removal: ArchiveRemoval) -> None:
        """Schedule a platform-initiated delete of ``removal.application_id`` on ``removal.seid``."""

    def notify(self, session: Session, removal: ArchiveRemoval) -> None:
        """Ask the subscriber to delete the application (or, for ``platform``, for consent)."""


class RecordOnlySink:
    """The default: the removal rows are the queue; a counter delete completes them."""

    def enqueue(self, session: Session, removal: ArchiveRemoval) -> None:
        return None

    def notify(self, session: Session, removal: ArchiveRemoval) -> None:
        return None


def start(session: Session, actor: Actor, ref: str, body: Archive, sink: RemovalSink) -> list[RemovalView]:
    """published -> archiving, one removal per SE holding the app; archived at once when none does."""
    app, release = find(session, ref)
    if release.state != ReleaseState.PUBLISHED:
        raise ConflictError(
            "release.bad_state",
            detail={"state": release.state, "needed": ReleaseState.PUBLISHED.value},
            params={"release_state": release.state},
        )
    release.state = ReleaseState.ARCHIVING
    release.updated_at = utcnow()
    holders = session.scalars(
        sa.select(SeAppState.seid).where(SeAppState.application_id == app.id, SeAppState.state != AppState.READY)
    ).all()
    for seid in sorted(holders):
        binding = session.get(MsisdnBinding, seid)
        removal = ArchiveRemoval(
            application_id=app.id, seid=seid, msisdn=binding.msisdn if binding else None, method=body.method,
            status="awaiting_consent" if body.method == "platform" else "notified",
        )
        session.add(removal)
        session.flush()
        sink.notify(session, removal)
    audit.record(session, "app.archive", actor.name, app=app.name, method=body.method, holders=len(holders))
    _finish_if_done(session, app, release)
    return removals(session, app)


def removals(session: Session, app: Application) -> list[RemovalView]:
    rows = session.scalars(sa.select(ArchiveRemoval).where(ArchiveRemoval.application_id == app.id).order_by(ArchiveRemoval.id))
    return [_view(app, r) for r in rows]


def list_for(session: Session, ref: str) -> list[RemovalView]:
    app, _ = find(session, ref)
    return removals(session, app)


def _removal(session: Session, removal_id: int) -> tuple[ArchiveRemoval, Application]:
    removal = session.get(ArchiveRemoval, removal_id) if 0 < removal_id < 2**31 else None
    app = session.get(Application, removal.application_id) if removal else None
    if removal is None or app is None:
        raise not_found("archive removal", str(removal_id))
    return removal, app


def _still_open(removal: ArchiveRemoval, wanted: tuple[str, ...]) -> None:
    if removal.status not in wanted:
        raise ConflictError("archive.removal_state", detail={"status": removal.status})


def record_consent(session: Session, actor: Actor, removal_id: int, body: Consent, sink: RemovalSink) -> RemovalView:
    """The subscriber's answer: yes -> a platform deletion task; no -> the subscriber is told to delete it."""
    removal, app = _removal(session, removal_id)
    _still_open(removal, ("awaiting_consent",))
    removal.consent = body.consent
    removal.updated_at = utcnow()
    if body.consent:
        removal.status = "queued"
        sink.enqueue(session, removal)
    else:
        removal.method, removal.status = "notify", "notified"
        sink.notify(session, removal)
    audit.record(session, "archive.consent", actor.name, app=app.name, seid=removal.seid, consent=body.consent)
    return _view(app, removal)


def record_attempt(session: Session, actor: Actor, removal_id: int, body: Attempt, sink: RemovalSink) -> RemovalView:
    """A platform deletion attempt's outcome: failed ones are queued again until the limit."""
    removal, app = _removal(session, removal_id)
    _still_open(removal, ("queued",))
    removal.attempts += 1
    removal.updated_at = utcnow()
    if body.ok:
        _complete(session, removal, actor.name)
    else:
        removal.last_error = body.error[:200]
        limit = int(system.get_parameter(session, MAX_ATTEMPTS, 3))
        if removal.attempts >= limit:
            removal.status = "failed"
        else:
            sink.enqueue(session, removal)
        audit.record(
            session, "archive.attempt_failed", actor.name, app=app.name, seid=removal.seid,
            attempts=removal.attempts, error=removal.last_error, retry=removal.status == "queued",
        )
    return _view(app, removal)


def on_removed(session: Session, seid: str, application_id: int, actor: str) -> None:
    """A delete brought ``application_id`` on ``seid`` back to Ready: complete its removal, if any."""
    removal = session.scalars(
        sa.select(ArchiveRemoval).where(ArchiveRemoval.application_id == application_id, ArchiveRemoval.seid == seid)
    ).first()
    if removal is not None and removal.status != "done":
        _complete(session, removal, actor)


def _complete(session: Session, removal: ArchiveRemoval, actor: str) -> None:
    removal.status = "done"
    removal.updated_at = utcnow()
    app = session.get(Application, removal.application_id)
    release = session.get(AppRelease, removal.application_id)
    assert app is not None and release is not None
    audit.record(session, "archive.removed", actor, app=app.name, seid=removal.seid)
    session.flush()
    _finish_if_done(session, app, release)


def _finish_if_done(session: Session, app: Application, release: AppRelease) -> None:
    left = session.scalar(
        sa.select(sa.func.count()).where(ArchiveRemoval.application_id == app.id, ArchiveRemoval.status != "done")
    )
    if release.state == ReleaseState.ARCHIVING and not left:
        release.state = ReleaseState.ARCHIVED
        release.updated_at = utcnow()
        audit.record(session, "app.archived", "system", app=app.name)


def _view(app: Application, r: ArchiveRemoval) -> RemovalView:
    return RemovalView(
        id=r.id, app=app.name, seid=r.seid, msisdn=r.msisdn, method=r.method, consent=r.consent,
        status=r.status, attempts=r.attempts, last_error=r.last_error,
    )
