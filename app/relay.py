"""Runs the platform's scripts on a card and reports the answers (DESIGN.md §3).

The terminal is a dumb agent, as in GlobalPlatform SERAM: it does not interpret status words
beyond each command's ``accept`` list, and it never sees a key.  Two things it does decide:

* **when to stop**: at the first status word a command does not accept, at a card that went
  away (reported as ``error="card_removed"`` so the platform can resume or clean up), and at an
  operator's cancel, which is honoured *between* APDUs — never half-way inside one;
* **when to ask for a card**: a ``need_card`` answer is handed to the caller's callback, which
  puts the right phone on a reader and returns its transport and identity; ``open_new_card``
  then runs that phone's script 1 with an issued challenge (``app.opening``), so the answer
  brings back its script 2 at once, as a start's opening does (issue 15 item 2).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from app.errors import Cancelled, TerminalError
from app.reader.errors import CardRemovedError, NoCardError, ReaderError, ReaderRemovedError
from ota.gp.apdu import CardTransport
from ota.gp.constants import Ins
from ota.protocol import CardIdentity, Opening, OperationState, OperationView, Script, StepResult

log = logging.getLogger(__name__)

CARD_REMOVED = "card_removed"
_GONE = (CardRemovedError, NoCardError, ReaderRemovedError)


class CancelFlag(Protocol):
    @property
    def cancelled(self) -> bool: ...


class StepPoster(Protocol):
    """The part of :class:`app.client.PlatformClient` the relay needs."""

    def post_step(self, op_id: str, result: StepResult) -> OperationView: ...

    def cancel(self, op_id: str) -> OperationView: ...

    def wait(self, op_id: str, timeout: float = ...) -> OperationView: ...


@dataclass(frozen=True)
class ScriptProgress:
    """Where a script is: ``done`` of ``total`` APDUs, ``load_done`` of ``load_total`` LOADs."""

    step: int
    done: int
    total: int
    load_done: int
    load_total: int


ProgressCallback = Callable[[ScriptProgress], None]
NeedCardCallback = Callable[[OperationView], "tuple[CardTransport, CardIdentity]"]
OpeningCallback = Callable[[], "Opening | None"]


def _is_load(apdu: bytes) -> bool:
    return len(apdu) > 1 and apdu[1] == Ins.LOAD


def run_script(
    transport: CardTransport,
    script: Script,
    progress: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
) -> StepResult:
    """Send the script's commands in order; stop at the first SW not accepted.

    Raises :class:`Cancelled` (with ``partial`` = the result so far) when ``cancel`` is set
    between two APDUs.  A card that goes away yields ``error="card_removed"``.
    """
    apdus = [bytes.fromhex(c.apdu) for c in script.commands]
    load_total = script.load_blocks or sum(_is_load(a) for a in apdus)
    responses: list[str] = []
    load_done = 0

    def report() -> None:
        if progress:
            progress(ScriptProgress(script.step, len(responses), len(apdus), load_done, load_total))

    report()
    for apdu, command in zip(apdus, script.commands, strict=True):
        if cancel is not None and cancel.cancelled:
            exc = Cancelled(f"cancelled before APDU {len(responses) + 1} of step {script.step}")
            exc.partial = StepResult(step=script.step, responses=responses, completed=False)  # type: ignore[attr-defined]
            raise exc
        try:
            raw = transport.transmit(apdu)
        except _GONE as exc:
            log.warning("card gone during step %d after %d APDUs: %s", script.step, len(responses), exc)
            return StepResult(step=script.step, responses=responses, completed=False, error=CARD_REMOVED)
        if len(raw) < 2:
            return StepResult(step=script.step, responses=responses, completed=False, error="bad_response")
        responses.append(raw.hex().upper())
        load_done += _is_load(apdu)
        report()
        if raw[-2:].hex().upper() not in command.accept:
            return StepResult(step=script.step, responses=responses, completed=False)
    return StepResult(step=script.step, responses=responses, completed=True)


def cancel_quietly(client: StepPoster, op_id: str) -> None:
    """Tell the platform the operator cancelled; a failure here must not hide the cancel."""
    try:
        client.cancel(op_id)
    except (TerminalError, OSError) as exc:
        log.warning("could not cancel operation %s on the platform: %s", op_id, exc)


def relay_operation(
    client: StepPoster,
    transport: CardTransport,
    view: OperationView,
    progress: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
    on_need_card: NeedCardCallback | None = None,
    on_view: Callable[[OperationView], Any] | None = None,
    open_new_card: OpeningCallback | None = None,
) -> OperationView:
    """Drive one operation from its first answer to the end.

    Returns the final view (done / failed / cancelled), or a ``need_card`` view when no
    ``on_need_card`` handler was given.  Raises :class:`Cancelled` after telling the platform,
    and :class:`CardRemovedError` when the card went away and the platform neither asked for it
    again nor ended the operation.
    """
    while True:
        if on_view:
            on_view(view)
        if view.state.finished:
            return view
        if cancel is not None and cancel.cancelled:
            cancel_quietly(client, view.id)
            raise Cancelled("cancelled between steps")
        if view.state == OperationState.QUEUED:
            # Waiting in the SE's queue (§5.8.8): ``on_view`` shows the place; poll until it runs.
            view = client.wait(view.id)
            continue
        if view.state == OperationState.NEED_CARD:
            if on_need_card is None:
                return view
            try:
                transport, identity = on_need_card(view)
            except BaseException:
                # No card to continue with: release the SE on the platform rather than leave
                # the operation waiting until its lease expires.
                cancel_quietly(client, view.id)
                raise
            opening = _opening(open_new_card)
            view = client.post_step(view.id, StepResult(step=view.step, card=identity, opening=opening))
            continue
        if view.script is None:
            raise TerminalError("the platform sent a running operation without a script", {"op": view.id})
        view = _run_step(client, transport, view, progress, cancel)


def _opening(open_new_card: OpeningCallback | None) -> Opening | None:
    """The new card's script 1, last before the post (nothing may reach the card between its
    INITIALIZE UPDATE and script 2); without it the platform sends script 1 itself."""
    if open_new_card is None:
        return None
    try:
        return open_new_card()
    except ReaderError as exc:
        log.info("no opening on the new card (%s); the platform sends script 1", exc.code)
        return None


def _run_step(
    client: StepPoster,
    transport: CardTransport,
    view: OperationView,
    progress: ProgressCallback | None,
    cancel: CancelFlag | None,
) -> OperationView:
    assert view.script is not None
    try:
        result = run_script(transport, view.script, progress, cancel)
    except Cancelled:
        cancel_quietly(client, view.id)
        raise
    except ReaderError as exc:
        # The card's state is unknown (e.g. a time-out): say so, then let the caller see why.
        client.post_step(view.id, StepResult(step=view.script.step, completed=False, error=exc.code[:64]))
        raise
    answer = client.post_step(view.id, result)
    if result.error == CARD_REMOVED and answer.state == OperationState.RUNNING:
        cancel_quietly(client, view.id)
        raise CardRemovedError("the card was removed during the operation")
    return answer
