"""Reconciling the platform's record of an SE with the card itself (issue 9, item 1).

An SE is read back when its record may not match the card: it was flagged after an
unauthenticated answer or a wrong card (``ota.platform.trust``), or its batch cannot R-MAC and
records outcomes as reported.  The read is one GET STATUS of the applications (GPC 2.2.1 §11.4,
first page only: a further page is asked only when the card says one exists) riding in a script
that opens the channel anyway, so it costs no round trip of its own.

For every catalog application the card's registry decides: an instance locked (life cycle b8,
§11.1.1) means Locked, one present means on the card, none (in a complete answer) means not on
the card.  A divergence is audited (``se.divergence``) and kept on the SE row.  When the
answer was R-MAC'd the record is corrected from the card and the flag cleared; on a batch of
reported outcomes the divergence stays flagged for an administrator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ota.gp import commands
from ota.gp.constants import StatusSubset
from ota.gp.errors import GpError
from ota.gp.responses import parse_get_status
from ota.gp.sw import SW
from ota.platform import audit, trust
from ota.platform.flows.checks import resolve_se
from ota.platform.flows.states import get_state, set_state
from ota.platform.models import AppInstance, Application, AppState

if TYPE_CHECKING:
    from ota.platform.flows.base import FlowContext
    from ota.platform.flows.secure import Replies, Session

TAG = "reconcile:status"
_ACCEPT = (SW.OK, SW.MORE_DATA_AVAILABLE, SW.REFERENCED_DATA_NOT_FOUND)
_ON_CARD = (AppState.INSTANTIATED, AppState.PERSONALIZED, AppState.USABLE, AppState.LOCKED)
_LOCKED_BIT = 0x80


def wanted(ctx: FlowContext, seid: str) -> bool:
    se, batch = resolve_se(ctx.session, seid)
    return trust.needs_reconciliation(se, batch)


def ask(session: Session) -> None:
    session.send(commands.get_status(StatusSubset.APPS), TAG, _ACCEPT)


def apply(ctx: FlowContext, seid: str, r: Replies, authenticated: bool) -> dict[str, Any] | None:
    """Compare the answer to :func:`ask` with the record; None when the script had no such read."""
    reply = r.get(TAG)
    if reply is None or reply.sw not in _ACCEPT:
        return None
    entries = []
    if reply.sw in (SW.OK, SW.MORE_DATA_AVAILABLE) and reply.data:
        try:
            entries = parse_get_status(reply.data, StatusSubset.APPS)
        except GpError:
            return None  # unreadable: the flag stays for the next contact
    complete = reply.sw != SW.MORE_DATA_AVAILABLE
    on_card = {e.aid.hex().upper(): e.life_cycle for e in entries}
    db = ctx.session
    diverged: list[dict[str, str]] = []
    for app in db.scalars(sa.select(Application).order_by(Application.id)):
        aids = db.scalars(sa.select(AppInstance.instance_aid).where(AppInstance.application_id == app.id)).all()
        if not aids:
            continue
        seen = [on_card[a] for a in aids if a in on_card]
        recorded = get_state(db, seid, app.id)
        if seen:
            locked = any(lc & _LOCKED_BIT for lc in seen)
            card_state = AppState.LOCKED if locked else (recorded if recorded in _ON_CARD[:-1] else AppState.USABLE)
        elif complete:
            card_state = recorded if recorded in (AppState.READY, AppState.LOADED) else AppState.READY
        else:
            continue
        if card_state is not recorded:
            diverged.append({"app": app.name, "recorded": recorded.value, "card": card_state.value})
            if authenticated:
                set_state(db, seid, app.id, card_state)
    se, _ = resolve_se(db, seid)
    actor = ctx.principal.operator
    if diverged:
        audit.record(
            db, "se.divergence", actor, seid=seid, operation=ctx.operation.id,
            corrected=authenticated, apps=diverged,
        )
    if authenticated and complete:
        se.reconcile, se.reconcile_detail = None, None
    elif diverged:
        se.reconcile, se.reconcile_detail = "diverged", {"apps": diverged}
    return {"diverged": diverged, "corrected": authenticated and bool(diverged)}
