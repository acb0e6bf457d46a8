"""The operation engine: runs flows step by step and makes the relay retry-safe (DESIGN.md §3).

For every start and every posted step the engine opens one transaction, locks the operation
row, holds the SE's link, calls the flow, and stores the flow's checkpoint together with the
answer it gives the terminal.  The rules it enforces:

* steps are numbered; ``view.step`` is the step the terminal posts next;
* posting step *n* again with the same body returns the stored answer and runs nothing —
  while the operation runs; once it is cancelled, failed or done a re-posted step answers the
  operation's current state and never a script (a stored script would still run on the card);
  a different body for an answered step is ``409 step.conflict``;
* the same idempotency key (per operator) returns the same operation;
* one link per SE (``leases.py``); cancel, abort, lease expiry and finish all go through
  ``_finish`` (state, link released, ``need_card`` cleared, audited);
* one lock order everywhere: the operation row, then (for an expired lease) the holder's
  operation row, then the SE's link row;
* a refusal that leaves the SE's record in doubt (``TrustError``: a missing or wrong R-MAC, a
  wrong card) flags the SE for reconciliation (``trust.py``), audited;
* an unexpected exception fails the operation with an incident id; the traceback goes to the
  log, never to the terminal.
"""

from __future__ import annotations

import builtins
import copy
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit, challenges, leases, se_queue, trust
from ota.platform.auth import Principal
from ota.platform.db import insert_row, reading, transaction, update_row, utcnow
from ota.platform.errors import ConflictError, ForbiddenError, PlatformError, not_found
from ota.platform.flows.checks import bound_msisdn
from ota.platform.flows.base import (
    DoneOutcome,
    FailedOutcome,
    Flow,
    FlowContext,
    FlowRegistry,
    NeedCardOutcome,
    Outcome,
    ScriptOutcome,
)
from ota.platform.keystore import KeyStore
from ota.platform.models import Operation, OperationStep, SeBatch, SecureElement
from ota.platform.settings import PlatformSettings
from ota.platform.views import incident_error, json_only, new_incident, request_hash, script_row, to_view
from ota.protocol import (
    CardIdentity,
    ErrorBody,
    LinkView,
    NeedCard,
    OperationKind,
    OperationState,
    OperationView,
    Role,
    StartOperation,
    StepResult,
)

log = logging.getLogger(__name__)

_ACTIVE = (OperationState.RUNNING, OperationState.NEED_CARD)

# The operation look-ups of every request, built once with bound parameters (issue 15 item 1):
# the statement cache then finds them without building and hashing a new SELECT each time.
_BY_ID = sa.select(Operation).where(Operation.id == sa.bindparam("id"))
_LOCKED = _BY_ID.with_for_update()
_BY_KEY = sa.select(Operation).where(
    Operation.operator_id == sa.bindparam("operator"), Operation.idempotency_key == sa.bindparam("key")
)
_KIND_OF = sa.select(Operation.kind, Operation.operator_id).where(Operation.id == sa.bindparam("id"))

# A step's writes, as Core statements (issue 15 item 1, round 5): the operation row is changed
# with one UPDATE of the columns that changed (``db.update_row``) and the stored answer with one
# INSERT, never by the ORM's unit of work (flush, identity map bookkeeping, attribute events).
_OPERATIONS = cast(sa.Table, Operation.__table__)
_STEPS = cast(sa.Table, OperationStep.__table__)
_INSERT_STEP = sa.insert(_STEPS)
# The one round of reads of a posted step: the operation (locked), its SE and the SE's batch
# (every card flow resolves them first; here they land in the session's identity map) and the
# stored answer of step ``n`` if the step was posted before.
_FOR_STEP = (
    sa.select(Operation, SecureElement, SeBatch, _STEPS.c.request_hash, _STEPS.c.response)
    .outerjoin(SecureElement, SecureElement.seid == Operation.seid)
    .outerjoin(SeBatch, SeBatch.id == SecureElement.batch_id)
    .outerjoin(_STEPS, sa.and_(_STEPS.c.operation_id == Operation.id, _STEPS.c.step == sa.bindparam("n")))
    .where(Operation.id == sa.bindparam("id"))
    .with_for_update(of=_OPERATIONS)
)


class _KindCache:
    """Kind and owner of the operations this process has seen: both never change, so the
    policy check of every step needs no read transaction for them (a bounded LRU)."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._rows: OrderedDict[str, tuple[str, int]] = OrderedDict()

    def get(self, op_id: str) -> tuple[str, int] | None:
        row = self._rows.get(op_id)
        if row is not None:
            self._rows.move_to_end(op_id)
        return row

    def put(self, op_id: str, kind: str, operator_id: int) -> None:
        self._rows[op_id] = (kind, operator_id)
        if len(self._rows) > self._size:
            self._rows.popitem(last=False)


def _stored(view: OperationView) -> dict[str, object]:
    """A step's answer as stored for a re-post, without its script: the script (a download's is
    tens of kilobytes) is stored once, in the operation row, and put back by :func:`_replayed`."""
    return view.model_dump(mode="json", exclude={"script"})


def _replayed(op: Operation, n: int, stored: sa.Row[Any]) -> OperationView:
    """The answer to step ``n`` posted again while ``op`` runs."""
    answer = dict(stored.response)
    if "script" not in answer:
        if op.step != n + 1:
            # The terminal has posted a later step since: it had this answer.  Its current
            # state (what ``GET`` shows) is the answer now, never a superseded script.
            return to_view(op)
        answer["script"] = op.script
    return OperationView.model_validate(answer)


class OperationEngine:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        keystore: KeyStore,
        registry: FlowRegistry,
        settings: PlatformSettings,
    ) -> None:
        self._sessions = sessions
        self._keystore = keystore
        self.registry = registry
        self._settings = settings
        self._kinds = _KindCache()

    # --- public operations ----------------------------------------------------------------------

    def start(self, principal: Principal, request: StartOperation) -> OperationView:
        digest = request_hash(request)
        try:
            with transaction(self._sessions) as session:
                view = self._start(session, principal, request, digest)
            self._kinds.put(view.id, view.kind, principal.operator_id)  # its steps' policy look-ups
            return view
        except (leases.SeBusyError, se_queue.PreviousWaitingError) as refused:
            # The start's transaction rolled back with its audit queue: the refusal gets its own.
            with transaction(self._sessions) as session:
                audit.record(session, "operation.refused", principal.operator, code=refused.code,
                             kind=request.kind, terminal=principal.terminal_id, seid=request.card.seid)
            raise
        except IntegrityError:
            # A concurrent start with the same idempotency key won the insert: answer with it.
            with transaction(self._sessions) as session:
                existing = self._by_key(session, principal, request.idempotency_key)
                if existing is None:
                    raise
                return self._replay_start(existing, digest)

    def post_step(self, principal: Principal, op_id: str, n: int, result: StepResult) -> OperationView:
        if result.step != n:
            raise PlatformError("step.mismatch", status=422, detail={"n": n, "step": result.step})
        digest = request_hash(result)
        with transaction(self._sessions) as session:
            row = session.execute(_FOR_STEP, {"id": op_id, "n": n}).first()
            op = self._visible(principal, op_id, row[0] if row is not None else None)
            stored = row if row is not None and row.request_hash is not None else None
            if stored is not None:
                if stored.request_hash != digest:
                    raise ConflictError("step.conflict", detail={"n": n})
                if op.state not in _ACTIVE:
                    return to_view(op)  # cancelled / failed / done: its state, never a stored script
                return _replayed(op, n, stored)
            self._check_postable(op, n, result)
            self._claim(session, op.seid, op)
            if result.card is not None:
                update_row(session, op, card=result.card.model_dump(mode="json"))
            flow = self._flow(op.kind)
            checkpoint = copy.deepcopy(op.checkpoint)
            # A new card's script 1 run with an issued challenge: spent like a start's opening.
            opened = challenges.redeem(session, principal, result.opening) if result.opening else None
            self._run(session, op, principal, lambda ctx: flow.advance(ctx, checkpoint, result) if opened is None
                      else opened.advance(flow, ctx, checkpoint, result))
            if opened is not None:
                opened.audit(session, principal)
            view = to_view(op)
            session.connection().execute(
                _INSERT_STEP,
                {"operation_id": op.id, "step": n, "request_hash": digest, "response": _stored(view),
                 "created_at": utcnow()},
            )
            return view

    def cancel(self, principal: Principal, op_id: str) -> OperationView:
        with transaction(self._sessions) as session:
            op = self._load(session, principal, op_id, lock=True)
            if op.state == OperationState.CANCELLED:
                return to_view(op)
            if op.state not in (*_ACTIVE, OperationState.QUEUED):
                raise ConflictError("operation.finished", detail={"state": op.state})
            self._finish(session, op, principal.operator, OperationState.CANCELLED, error=None)
            return to_view(op)

    def get(self, principal: Principal, op_id: str) -> OperationView:
        with reading(self._sessions) as session:
            return self._view(session, self._load(session, principal, op_id))

    def kind_of(self, principal: Principal, op_id: str) -> OperationKind:
        """The kind of an operation the caller may see (for the policy check of every step):
        two columns, without building the view and its script, read once per process."""
        known = self._kinds.get(op_id)
        if known is None:
            with reading(self._sessions) as session:
                row = session.execute(_KIND_OF, {"id": op_id}).first()
            if row is None:
                raise not_found("operation", op_id)
            known = (row.kind, row.operator_id)
            self._kinds.put(op_id, *known)
        kind, operator_id = known
        if principal.role != Role.ADMIN and operator_id != principal.operator_id:
            raise not_found("operation", op_id)
        return OperationKind(kind)

    def list(
        self,
        principal: Principal,
        state: OperationState | None = None,
        seid: str | None = None,
        limit: int = 100,
    ) -> list[OperationView]:
        query = sa.select(Operation).order_by(Operation.created_at.desc()).limit(limit)
        if principal.role != Role.ADMIN:
            query = query.where(Operation.operator_id == principal.operator_id)
        if state is not None:
            query = query.where(Operation.state == state)
        if seid is not None:
            query = query.where(Operation.seid == seid.upper())
        with reading(self._sessions) as session:
            return [to_view(op) for op in session.scalars(query)]

    def links(self) -> builtins.list[LinkView]:
        with reading(self._sessions) as session:
            return [
                LinkView(
                    seid=a.link.seid,
                    operation_id=a.operation.id,
                    kind=OperationKind(a.operation.kind),
                    operator=a.operator,
                    claimed_at=a.link.claimed_at,
                    expires_at=a.link.expires_at,
                )
                for a in leases.active_links(session)
            ]

    def abort_link(self, principal: Principal, seid: str) -> OperationView:
        """Abort the operation holding ``seid`` (seed §5.8.8: terminate the running task)."""
        with transaction(self._sessions) as session:
            return to_view(abort_running(session, principal.operator, seid))

    # --- the per-SE queue (seed §5.8.8, se_queue.py) ---------------------------------------------

    def wait(self, principal: Principal, op_id: str, timeout: float) -> OperationView:
        """Long-poll a queued operation: answer as soon as it left the queue (its first script,
        or how it ended), else after ``timeout`` seconds with its current place."""
        deadline = time.monotonic() + min(max(timeout, 0.0), se_queue.MAX_WAIT_SECONDS)
        while True:
            with transaction(self._sessions) as session:
                op = self._load(session, principal, op_id, lock=True)
                if op.operator_id != principal.operator_id:
                    raise not_found("operation", op_id)  # only its own terminal waits
                if op.state != OperationState.QUEUED:
                    return to_view(op)
                update_row(session, op, updated_at=utcnow())  # the terminal is still there
                self._expire_stale(session, op.seid)
                line = se_queue.waiting(session, op.seid)
                if line and line[0].id == op.id and self._try_claim(session, op):
                    update_row(session, op, state=OperationState.RUNNING)
                    audit.record(
                        session, "operation.dequeued", principal.operator, operation=op.id, kind=op.kind,
                        seid=op.seid,
                    )
                    self._run(session, op, principal, self._flow(op.kind).start)
                    return to_view(op)
                view = self._view(session, op)
            if time.monotonic() >= deadline:
                return view
            time.sleep(se_queue.POLL_SECONDS)

    def _view(self, session: Session, op: Operation) -> OperationView:
        view = to_view(op)
        if op.state == OperationState.QUEUED:
            return view.model_copy(update={"queue": se_queue.place(session, op)})
        return view

    def _try_claim(self, session: Session, op: Operation) -> bool:
        try:
            with session.begin_nested():
                self._claim(session, op.seid, op, new=True)  # new or queued: it holds no link
            return True
        except leases.SeBusyError:
            return False

    def _expire_stale(self, session: Session, seid: str) -> None:
        """Drop queued requests whose terminal stopped polling (it crashed or went away)."""
        for gone in se_queue.stale(session, seid, self._settings.lease_ttl, utcnow()):
            error = ErrorBody(code="queue.expired")
            self._finish(session, gone, "system", OperationState.FAILED, error=error)

    def _enter_queue(self, session: Session, principal: Principal, request: StartOperation, op: Operation
                     ) -> OperationView | None:
        """For a start that may wait: settle this terminal's earlier waiting request, then take
        the link if the SE is free and nobody waits for it, else queue ``op``.  ``None``: it
        runs now."""
        previous = se_queue.previous_waiting(session, principal.terminal_id, principal.operator_id)
        if previous is not None:
            if not request.cancel_previous:
                raise se_queue.PreviousWaitingError(previous, se_queue.place(session, previous).position)
            error = ErrorBody(code="queue.replaced")
            self._finish(session, previous, principal.operator, OperationState.CANCELLED, error=error)
        self._expire_stale(session, op.seid)
        if not [q for q in se_queue.waiting(session, op.seid) if q.id != op.id] and self._try_claim(session, op):
            return None
        update_row(session, op, state=OperationState.QUEUED)
        audit.record(session, "operation.queued", principal.operator, operation=op.id, kind=op.kind, seid=op.seid)
        return self._view(session, op)

    # --- internals -----------------------------------------------------------------------------

    def _start(
        self, session: Session, principal: Principal, request: StartOperation, digest: str
    ) -> OperationView:
        existing = self._by_key(session, principal, request.idempotency_key)
        if existing is not None:
            return self._replay_start(existing, digest)
        flow = self._flow(request.kind)
        if principal.role not in flow.roles or principal.terminal_kind not in flow.terminal_kinds:
            raise ForbiddenError(
                "operation.forbidden",
                detail={"role": principal.role, "terminal_kind": principal.terminal_kind, "kind": request.kind},
            )
        now = utcnow()
        row: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "kind": request.kind,
            "seid": request.card.seid,
            "state": OperationState.RUNNING,
            "step": 0,
            "idempotency_key": request.idempotency_key,
            "request_hash": digest,
            "operator_id": principal.operator_id,
            "terminal_id": principal.terminal_id,
            "card": request.card.model_dump(mode="json"),
            "params": request.params,
            "checkpoint": {},
            "script": None,
            "result": None,
            "error": None,
            "need_card": None,
            "created_at": now,
            "updated_at": now,
        }
        op = insert_row(session, Operation, **row)  # every column given: nothing is read back
        if request.wait_in_queue:
            queued = self._enter_queue(session, principal, request, op)
            if queued is not None:
                return queued
        else:
            line = se_queue.waiting(session, op.seid)
            if line:  # others wait for this SE: no jumping the queue
                raise leases.SeBusyError(line[0], line[0].updated_at + self._settings.lease_ttl)
            self._claim(session, op.seid, op, new=True)
        audit.record(
            session, "operation.start", principal.operator, operation=op.id, kind=op.kind, seid=op.seid
        )
        # Spent before the flow runs, outside its savepoint: a challenge is good for one start.
        opened = challenges.redeem(session, principal, request.opening) if request.opening else None
        self._run(session, op, principal, flow.start if opened is None else lambda ctx: opened.start(flow, ctx))
        if opened is not None:
            opened.audit(session, principal)
        return to_view(op)

    def _replay_start(self, existing: Operation, digest: str) -> OperationView:
        if existing.request_hash != digest:
            raise ConflictError("idempotency.conflict", detail={"operation_id": existing.id})
        return to_view(existing)

    def _by_key(self, session: Session, principal: Principal, key: str) -> Operation | None:
        return session.execute(_BY_KEY, {"operator": principal.operator_id, "key": key}).scalars().first()

    def _load(self, session: Session, principal: Principal, op_id: str, lock: bool = False) -> Operation:
        return self._visible(principal, op_id, session.execute(_LOCKED if lock else _BY_ID, {"id": op_id}).scalars().first())

    def _visible(self, principal: Principal, op_id: str, op: Operation | None) -> Operation:
        visible = op is not None and (
            principal.role == Role.ADMIN or op.operator_id == principal.operator_id
        )
        if op is None or not visible:
            raise not_found("operation", op_id)
        return op

    def _flow(self, kind: str) -> Flow:
        flow = self.registry.get(kind)
        if flow is None:
            raise PlatformError("operation.unsupported", status=422, detail={"kind": kind})
        return flow

    def _check_postable(self, op: Operation, n: int, result: StepResult) -> None:
        if op.state not in _ACTIVE:
            raise ConflictError(
                "operation.not_running",
                detail={"state": op.state, "operation": to_view(op).model_dump(mode="json")},
            )
        if n != op.step:
            raise ConflictError("step.out_of_order", detail={"expected": op.step, "n": n, "step": op.step})
        if op.state == OperationState.NEED_CARD and result.card is None:
            raise PlatformError("step.card_missing", status=422)
        if result.opening is not None and (op.state != OperationState.NEED_CARD or result.card is None):
            raise PlatformError("step.opening_unexpected", status=422)

    def _run(
        self, session: Session, op: Operation, principal: Principal, call: Callable[[FlowContext], Outcome]
    ) -> None:
        """Call the flow in a savepoint and apply its outcome; failures fail the operation."""
        ctx = FlowContext(
            session=session,
            operation=op,
            keystore=self._keystore,
            card=CardIdentity.model_validate(op.card),
            params=dict(op.params),
            principal=principal,
            claim_se=lambda seid: self._claim(session, seid, op),
            lease_ttl=self._settings.lease_ttl,
        )
        mark = audit.mark(session)
        try:
            with session.begin_nested():
                outcome = call(ctx)
                self._apply(session, op, principal, outcome, ctx.findings)
        except PlatformError as e:
            audit.discard_since(session, mark)  # what the rolled-back flow recorded did not happen
            session.expire_all()  # nor what it wrote (``db.update_row`` leaves no trace to undo)
            if e.status >= 500:
                self._fail_with_incident(session, op, principal, e)
            else:
                self._finish(session, op, principal.operator, OperationState.FAILED, error=e.body())
                if getattr(e, "reconcile", False):
                    trust.flag(
                        session, op.seid, e.code, principal.operator, operation=op.id,
                        terminal=principal.terminal_id, step=op.step,
                    )
        except Exception as e:  # noqa: BLE001 - the terminal gets an incident id, the log the rest
            audit.discard_since(session, mark)
            session.expire_all()
            self._fail_with_incident(session, op, principal, e)

    def _fail_with_incident(
        self, session: Session, op: Operation, principal: Principal, error: Exception
    ) -> None:
        incident = new_incident()
        log.error(
            "incident %s: operation %s (%s) step %s failed", incident, op.id, op.kind, op.step,
            exc_info=error,
        )
        self._finish(session, op, principal.operator, OperationState.FAILED, error=incident_error(incident))

    def _claim(self, session: Session, seid: str, op: Operation, new: bool = False) -> None:
        """Hold ``seid`` for ``op``; an expired holder, or this terminal and operator's own
        unfinished operation on the SE (after a crash or lost connection), is finished first."""

        def finish_holder(holder: Operation, reason: str) -> None:
            own = reason == "taken_over"
            error = ErrorBody(code="operation.taken_over" if own else "lease.expired")
            state = OperationState.CANCELLED if own else OperationState.FAILED
            self._finish(session, holder, "system", state, error=error, keep=seid)

        leases.claim(
            session, seid, op.id, self._settings.lease_ttl, new=new,
            finish=finish_holder,
            own=lambda holder: holder.terminal_id == op.terminal_id and holder.operator_id == op.operator_id,
        )

    def _apply(
        self,
        session: Session,
        op: Operation,
        principal: Principal,
        outcome: Outcome,
        findings: dict[str, object] | None = None,
    ) -> None:
        if isinstance(outcome, ScriptOutcome):
            if not outcome.commands:
                raise ValueError("a flow returned a script without commands")
            script = script_row(op.step + 1, [(c.apdu, c.accept) for c in outcome.commands], outcome.load_blocks)
            update_row(
                session, op, step=op.step + 1, checkpoint=json_only(outcome.checkpoint), script=script,
                state=OperationState.RUNNING, need_card=None, updated_at=utcnow(),
            )
        elif isinstance(outcome, NeedCardOutcome):
            need_card = NeedCard(
                role=outcome.role,
                prompt=f"prompt.place_{outcome.role}",
                seid_expected=outcome.seid_expected,
            ).model_dump(mode="json")
            update_row(
                session, op, step=op.step + 1, checkpoint=json_only(outcome.checkpoint), need_card=need_card,
                state=OperationState.NEED_CARD, script=None, updated_at=utcnow(),
            )
        elif isinstance(outcome, DoneOutcome):
            # Every result names the SE and the subscriber it served, whatever the flow, so the
            # terminal's receipt and card panel never have to guess.
            result = {"seid": op.seid, "msisdn": bound_msisdn(session, op.seid), **(findings or {}), **outcome.result}
            finish_operation(session, op, principal.operator, OperationState.DONE, error=None, result=json_only(result))
        elif isinstance(outcome, FailedOutcome):
            error = ErrorBody(code=outcome.code, params=outcome.params, detail=outcome.detail)
            self._finish(session, op, principal.operator, OperationState.FAILED, error=error)
        else:
            raise TypeError(f"a flow returned {type(outcome).__name__}, not an Outcome")

    def _finish(
        self,
        session: Session,
        op: Operation,
        actor: str,
        state: OperationState,
        error: ErrorBody | None,
        keep: str | None = None,
    ) -> None:
        finish_operation(session, op, actor, state, error, keep)


def abort_running(session: Session, actor: str, seid: str) -> Operation:
    """An administrator ends the operation holding ``seid`` (seed §5.8.8), audited."""
    link = next((a for a in leases.active_links(session) if a.link.seid == seid.upper()), None)
    if link is None:
        raise not_found("active link for SE", seid)
    op = leases.lock_operation(session, link.operation.id)
    if op is None or op.state not in _ACTIVE:
        raise not_found("active link for SE", seid)
    error = ErrorBody(code="operation.aborted")  # no administrator's name: a kiosk may show it
    finish_operation(session, op, actor, OperationState.CANCELLED, error=error)
    audit.record(session, "link.abort", actor, seid=link.link.seid, operation=op.id)
    return op


def finish_operation(
    session: Session,
    op: Operation,
    actor: str,
    state: OperationState,
    error: ErrorBody | None,
    keep: str | None = None,
    result: dict[str, Any] | None = None,
) -> None:
    """The one way an operation ends; ``keep``: a link being handed over, not deleted;
    ``result``: what a done operation found."""
    ended: dict[str, Any] = {"state": state, "script": None, "need_card": None, "updated_at": utcnow(),
                             "error": error.model_dump(mode="json") if error else None}
    if result is not None:
        ended["result"] = result
    update_row(session, op, **ended)
    leases.release(session, op.id, keep=keep)
    audit.record(
        session,
        f"operation.{state.value}",
        actor,
        operation=op.id,
        kind=op.kind,
        seid=op.seid,
        error=error.code if error else None,
        incident=error.incident if error else None,
    )
