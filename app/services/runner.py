"""The one use-case every counter service is: read the card, start, relay, record.

A service module only says *what* (kind, parameters, what to read first); this module does the
*how*, the same way for all: the journal row is written as ``running`` before any card or
network work, the card is read by the terminal itself, the platform's scripts are relayed, a
``need_card`` is answered through the operator prompt, and the row is closed with the result.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from app import journal as journal_mod
from app.errors import Cancelled, PlatformRefusedError, WrongCardError
from app.opening import run_opening
from app.reader.errors import CardRemovedError, NoCardError
from app.relay import ScriptProgress, relay_operation
from app.services import words
from app.services.base import Receipt, ReceiptLine, ServiceContext, ServiceOutcome
from app.services.card import OpenCard, connect, release_card
from app.services.result_summary import from_platform
from app.services.words import Words
from ota.gp.apdu import CardTransport
from ota.protocol import CardIdentity, Opening, OperationKind, OperationState, OperationView, StartOperation

log = logging.getLogger(__name__)

MAX_CARD_ATTEMPTS = 3
CONTACT_LOST = frozenset({"platform.unreachable", "platform.server_error"})
"""Failures after which the platform may still hold the operation: the journal row stays open."""

LocalRead = Callable[[OpenCard], dict[str, Any]]
"""Reads a service makes on the card itself before the platform opens its secure channel."""


class CardDesk:
    """The cards of one service run, by role (``source`` = the first phone, ``target`` = new).

    With a second reader the target is read there; with one reader the operator swaps phones
    when the platform asks (``need_card``).
    """

    def __init__(self, ctx: ServiceContext, source_reader: str | None, target_reader: str | None) -> None:
        self.ctx = ctx
        self.readers = {"source": source_reader, "target": target_reader}
        self.two_readers = target_reader is not None
        self.cards: dict[str, OpenCard] = {}
        self.placed: OpenCard | None = None
        """The card the last ``need_card`` was answered with."""

    def open(self, role: str) -> OpenCard:
        card = connect(self.ctx.reader_factory, self.readers[role])
        self.cards[role] = card
        return card

    def close_all(self) -> None:
        for card in self.cards.values():
            try:
                release_card(card)
            except Exception:  # noqa: BLE001 - closing must not hide the real outcome
                log.debug("disconnect failed", exc_info=True)
        self.cards.clear()

    def need_card(self, view: OperationView) -> tuple[CardTransport, CardIdentity]:
        """Answer the platform's ``need_card``: the right phone, connected and identified."""
        need = view.need_card
        role = need.role if need else "target"
        prompt = Words.of(need.prompt, **need.params) if need else Words(f"prompt.place_{role}")
        expected = need.seid_expected.upper() if need and need.seid_expected else None
        other = self.cards.get("source" if role == "target" else "target")
        for attempt in range(MAX_CARD_ATTEMPTS):
            self.ctx.cancel.raise_if_cancelled()
            card = self._place(role, prompt, force_prompt=attempt > 0)
            seid = card.identity.seid_hex
            if expected and seid != expected:
                prompt = Words.of("prompt.wrong_phone", seid=seid, expected=expected)
            elif not expected and other is not None and other.identity.seid_hex == seid and not self.two_readers:
                prompt = Words("prompt.same_phone")
            else:
                self.placed = card
                return card.transport, card.identity.to_protocol()
        raise WrongCardError("the operator did not put the expected card on the reader",
                             {"role": role, "expected": expected})

    def _place(self, role: str, prompt: Words, force_prompt: bool) -> OpenCard:
        old = self.cards.pop(role, None)
        if not self.two_readers:
            # One reader: whatever card is on it now belongs to the other role.
            for card in list(self.cards.values()) + ([old] if old else []):
                release_card(card)
            self.cards.clear()
        elif old:
            release_card(old)
        if force_prompt or not self.two_readers:
            if not self.ctx.prompt.ask_for_card(role, prompt):
                raise Cancelled("the operator cancelled at the card prompt")
        for attempt in range(MAX_CARD_ATTEMPTS):
            try:
                return self.open(role)
            except (NoCardError, CardRemovedError):
                if not self.ctx.prompt.ask_for_card(role, prompt):
                    raise Cancelled("the operator cancelled at the card prompt") from None
        return self.open(role)


def _progress(ctx: ServiceContext) -> Callable[[ScriptProgress], None]:
    def report(p: ScriptProgress) -> None:
        if p.load_total:
            ctx.report("load", p.load_done, p.load_total, words.loading(p.load_done, p.load_total))
        else:
            ctx.report("apdu", p.done, p.total, words.script_step(p.step, p.done, p.total))
    return report


def run_operation(
    ctx: ServiceContext,
    kind: OperationKind,
    reader: str | None,
    params: dict[str, Any],
    *,
    app_id: str | None = None,
    target_reader: str | None = None,
    local_read: LocalRead | None = None,
) -> ServiceOutcome:
    """Run one platform operation end to end; see the module docstring."""
    return run_operation_with_result(ctx, kind, reader, params, app_id=app_id, target_reader=target_reader,
                                     local_read=local_read)[0]


def run_operation_with_result(
    ctx: ServiceContext,
    kind: OperationKind,
    reader: str | None,
    params: dict[str, Any],
    *,
    app_id: str | None = None,
    target_reader: str | None = None,
    local_read: LocalRead | None = None,
) -> tuple[ServiceOutcome, dict[str, Any]]:
    """:func:`run_operation`, plus the platform's raw result for a service that types more of it
    (the query's :class:`~app.services.query.QueryReport`)."""
    started = datetime.now(UTC)
    t0 = time.monotonic()
    entry = _journal_begin(ctx, kind, app_id, params)
    desk = CardDesk(ctx, reader, target_reader)
    view: OperationView | None = None

    def remember(v: OperationView) -> None:
        nonlocal view
        view = v
        if v.queue is not None:  # waiting for the SE's one link (§5.8.8): say where we stand
            ahead = v.queue.ahead
            ctx.report("queue", 0, ahead + 1, words.in_queue(ahead))

    try:
        ctx.cancel.raise_if_cancelled()
        ctx.report("card", 0, 1, words.READING_CARD)
        source = desk.open("source")
        local = local_read(source) if local_read else {}
        ctx.cancel.raise_if_cancelled()
        ctx.report("start", 0, 1, words.STARTING)
        request = StartOperation(kind=kind, card=source.identity.to_protocol(), params=params,
                                 idempotency_key=uuid.uuid4().hex, opening=_opening(ctx, source),
                                 wait_in_queue=True)
        first = _start_in_queue(ctx, request)
        remember(first)
        if entry is not None and ctx.journal is not None:
            # Journalled before the first APDU: after a crash or a lost connection the terminal
            # knows its own unfinished operation and can resume or release it (app.services.orphans).
            # The SE goes in with it: one durable write (an fsync) instead of two, and a row
            # without an operation id is never resumed, so the SE alone would tell nobody anything.
            entry = ctx.journal.record(replace(entry, seid=source.identity.seid_hex, operation_id=first.id))
        final = relay_operation(ctx.client, source.transport, first, progress=_progress(ctx),
                                cancel=ctx.cancel, on_need_card=desk.need_card, on_view=remember,
                                open_new_card=lambda: _opening(ctx, desk.placed) if desk.placed else None)
        summary = {**local, **(final.result or {})}
    except Cancelled:
        _journal_end(ctx, entry, journal_mod.CANCELLED, False, "cancelled", desk, view, started, kind, app_id, {})
        raise
    except Exception as exc:
        code = getattr(exc, "code", None) or f"internal.{type(exc).__name__}"
        if view is not None and code in CONTACT_LOST and entry is not None and ctx.journal is not None:
            # The platform still holds the operation (and the phone's lease): the row stays open
            # until the clerk resumes or releases it (app.services.orphans).
            ctx.journal.record(replace(entry, error_code=code, seid=_seid(desk, view), msisdn=params.get("msisdn")))
            raise
        _journal_end(ctx, entry, journal_mod.FAILED, False, code, desk, view, started, kind, app_id, {})
        raise
    finally:
        desk.close_all()
    ok = final.state == OperationState.DONE
    error = Words.of(final.error.code, **final.error.params) if final.error else None
    code = final.error.code if final.error else (None if ok else final.state.value)
    state = journal_mod.DONE if ok else journal_mod.FAILED
    receipt = _journal_end(ctx, entry, state, ok, code, desk, final, started, kind, app_id, summary)
    ctx.report("done", 1, 1, words.DONE if ok else words.FAILED)
    seid, duration = _seid(desk, final), time.monotonic() - t0
    result = from_platform(kind.value, ok, summary, seid=seid, msisdn=summary.get("msisdn"),
                           operation_id=final.id, duration_s=duration, error_code=code,
                           error_params=final.error.params if final.error else None)
    return ServiceOutcome(
        kind=kind.value, ok=ok, seid=seid, msisdn=summary.get("msisdn"),
        result=result, receipt=receipt, duration_s=duration,
        operation_id=final.id, error_code=code, error=error,
        journal_id=entry.id if entry else None,
    ), summary


def _opening(ctx: ServiceContext, card: OpenCard) -> Opening | None:
    """Script 1 on the card now, with an issued challenge: the start answers with script 2.
    Last before the start: nothing may reach the card between INITIALIZE UPDATE and script 2."""
    pool = getattr(ctx.client, "openings", None)
    challenge = pool.take() if pool is not None else None
    return run_opening(card.transport, card.identity.fci, challenge) if challenge is not None else None


def _start_in_queue(ctx: ServiceContext, request: StartOperation) -> OperationView:
    """Start, waiting in the SE's queue if it is busy; if this terminal already has a request
    waiting, ask the operator whether to cancel it (``queue.previous_waiting``)."""
    try:
        return ctx.client.start(request)
    except PlatformRefusedError as refused:
        if refused.code != "queue.previous_waiting":
            raise
        if not ctx.prompt.confirm(Words.of(refused.code, **(refused.params or {}))):
            raise Cancelled("the operator kept the waiting request") from None
        return ctx.client.start(request.model_copy(update={"cancel_previous": True}))


def _seid(desk: CardDesk, view: OperationView | None) -> str | None:
    if view is not None and view.seid:
        return view.seid
    source = desk.cards.get("source")
    return source.identity.seid_hex if source else None


def _journal_begin(
    ctx: ServiceContext, kind: OperationKind, app_id: str | None, params: dict[str, Any]
) -> journal_mod.JournalEntry | None:
    if ctx.journal is None:
        return None
    # The running row keeps the parameters, so that a resume can run the same service again.
    return ctx.journal.begin(
        ctx.operator.operator, ctx.terminal_id, kind.value, app_id=app_id, receipt={"params": params}
    )


def _journal_end(
    ctx: ServiceContext,
    entry: journal_mod.JournalEntry | None,
    state: str,
    ok: bool,
    code: str | None,
    desk: CardDesk,
    view: OperationView | None,
    started: datetime,
    kind: OperationKind,
    app_id: str | None,
    summary: dict[str, Any],
) -> Receipt:
    seid = _seid(desk, view)
    msisdn = summary.get("msisdn")
    receipt = Receipt(
        title=words.service_title(kind), operation_id=view.id if view else None, kind=kind.value,
        operator=ctx.operator.operator, terminal_id=ctx.terminal_id, seid=seid, msisdn=msisdn,
        app_id=app_id, started_at=started, finished_at=datetime.now(UTC), ok=ok,
        lines=_receipt_lines(summary),
    )
    if ctx.journal is not None and entry is not None:
        try:
            ctx.journal.finish(entry, state, ok, code, seid=seid, msisdn=msisdn,
                               receipt=receipt.to_dict(), operation_id=receipt.operation_id)
        except Exception:  # noqa: BLE001 - the card work is done; a journal failure is logged
            log.exception("could not close journal entry %s", entry.id)
    return receipt


def _receipt_lines(summary: dict[str, Any]) -> list[ReceiptLine]:
    """The result lines a receipt prints (platform result keys, flattened where nested)."""
    flat = dict(summary)
    target = summary.get("target")
    if isinstance(target, dict):
        flat["target_seid"] = target.get("seid")
        flat.setdefault("state", target.get("state"))
    chosen = summary.get("chosen_instance")
    if isinstance(chosen, dict):  # a service on one instance: its own state, for a reprint too
        flat["state"] = chosen.get("state")
    return [ReceiptLine(key, str(flat[key])) for key in words.RECEIPT_KEYS if flat.get(key) is not None]
