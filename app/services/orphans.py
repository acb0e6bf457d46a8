"""No stranded phones (issue 9, item 9): this terminal's own unfinished operations.

The runner journals the platform's operation id before the first APDU.  After a lost
connection or a restart (of the terminal or of the platform) the journal still holds the run as
``running``; :func:`unfinished` asks the platform what became of each, closes the journal rows of
the ones that did end, and returns those still holding their SE.  The clerk then either

* **resumes**: the same service runs again on the same phone; the platform lets the same
  terminal and operator take their own lease over at once (the old operation is cancelled as
  ``operation.taken_over``), and a download continues from the state the card reached; or
* **releases**: the old operation is cancelled and the phone is free for anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import journal as journal_mod
from app.errors import PlatformRefusedError, TerminalError
from app.journal import JournalEntry
from app.services.base import ServiceContext, ServiceOutcome
from app.services.runner import run_operation
from ota.protocol import OperationKind, OperationState, OperationView

_ACTIVE = (OperationState.RUNNING, OperationState.NEED_CARD)


class NoOrphanError(TerminalError):
    """The journal has no unfinished operation of this operator and terminal with that id."""

    code = "orphan.unknown"


@dataclass(frozen=True)
class Orphan:
    """An operation this terminal started and never finished, still holding its SE."""

    entry: JournalEntry
    view: OperationView

    def to_dict(self) -> dict[str, object]:
        return {
            "journal_id": self.entry.id,
            "operation_id": self.view.id,
            "kind": self.view.kind.value,
            "state": self.view.state.value,
            "seid": self.view.seid,
            "app_id": self.entry.app_id,
            "started_at": self.entry.started_at.isoformat(),
        }


def open_runs(ctx: ServiceContext, seid: str | None = None) -> list[JournalEntry]:
    """This operator's runs on this terminal the journal still holds open (no network call).

    What the clerk is offered to resume or release right after an interruption, even while the
    platform is still unreachable; :func:`unfinished` then asks the platform what they became.
    """
    if ctx.journal is None:
        return []
    return [e for e in ctx.journal.unfinished(ctx.operator.operator, ctx.terminal_id)
            if seid is None or (e.seid or "").upper() == seid.upper()]


def unfinished(ctx: ServiceContext, seid: str | None = None) -> list[Orphan]:
    """This operator's unfinished operations on this terminal (on ``seid`` if given)."""
    if ctx.journal is None:
        return []
    found = []
    for entry in ctx.journal.unfinished(ctx.operator.operator, ctx.terminal_id):
        assert entry.operation_id is not None
        try:
            view = ctx.client.get(entry.operation_id)
        except PlatformRefusedError as exc:
            if exc.code.endswith("not_found"):
                ctx.journal.finish(entry, journal_mod.FAILED, False, exc.code)
                continue
            raise
        if view.state in _ACTIVE:
            if seid is None or view.seid.upper() == seid.upper():
                found.append(Orphan(entry, view))
        else:
            _close(ctx, entry, view)
    return found


def release(ctx: ServiceContext, orphan_id: str) -> OperationView:
    """Cancel the operation (journal id or operation id) and close its journal row."""
    orphan = _find(ctx, orphan_id)
    view = ctx.client.cancel(orphan.view.id)
    _close(ctx, orphan.entry, view, code="operation.released")
    return view


def resume(ctx: ServiceContext, orphan_id: str, reader: str | None) -> ServiceOutcome:
    """Run the orphan's service again on the same phone; the platform hands its lease over."""
    orphan = _find(ctx, orphan_id)
    params = dict(orphan.entry.receipt.get("params") or {})
    outcome = run_operation(ctx, OperationKind(orphan.entry.kind), reader, params, app_id=orphan.entry.app_id)
    try:
        old = ctx.client.get(orphan.view.id)
    except TerminalError:
        old = orphan.view.model_copy(update={"state": OperationState.CANCELLED})
    _close(ctx, orphan.entry, old, code="operation.resumed")
    return outcome


def _find(ctx: ServiceContext, orphan_id: str) -> Orphan:
    for orphan in unfinished(ctx):
        if orphan_id in (orphan.entry.id, orphan.view.id):
            return orphan
    raise NoOrphanError(
        f"no unfinished operation {orphan_id!r} of this operator on this terminal", {"id": orphan_id}
    )


def _close(ctx: ServiceContext, entry: JournalEntry, view: OperationView, code: str | None = None) -> None:
    assert ctx.journal is not None
    state = {
        OperationState.DONE: journal_mod.DONE,
        OperationState.CANCELLED: journal_mod.CANCELLED,
    }.get(view.state, journal_mod.FAILED)
    error = code or (view.error.code if view.error else None)
    ctx.journal.finish(entry, state, view.state == OperationState.DONE, error, seid=view.seid)
