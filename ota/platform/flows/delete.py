"""Application delete (seed §5.8.4.2, §5.8.7.1, §5.7.2.2.2): two round trips.

Script 2: DELETE each instance, then (full delete) each load file *without* related objects,
then GET DATA FF21 and GET STATUS to record the space and content after the delete.  A load
file that still has instances of another application answers 6985 and keeps its code: the seed
says a load file with several instances loses only the instance (§5.8.4.2), and asking the card
is the one way to know about instances the platform did not install.

States: instances gone -> Loaded; load files gone too -> Ready, the recorded free space gets the
application's code size back and the subscription ends (§5.7.2.2.2: only when everything is
deleted).  A migration's delete on the old SE keeps the subscription.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ota.gp import commands
from ota.gp.apdu import CommandApdu
from ota.gp.token import ReceiptKind
from ota.gp.sw import SW
from ota.platform import delegated, sd_attributes
from ota.platform.admin import archive
from ota.platform.flows import instances
from ota.platform.flows.base import DoneOutcome, FlowContext, Outcome
from ota.platform.flows.checks import Registration, find_app, resolve_se
from ota.platform.flows.content import collect, send_free_space, send_status
from ota.platform.flows.load_order import in_delete_order
from ota.platform.flows.query import record_content, space_view
from ota.platform.flows.secure import CardFlow, Replies, Session, unfinished
from ota.platform.flows.states import Event, get_state, next_state, require, set_state
from ota.platform.models import Application, AppState, LoadFile, MsisdnBinding, SecurityDomain, Subscription
from ota.protocol import OperationKind

_GONE = (SW.OK, SW.REFERENCED_DATA_NOT_FOUND)
_FILE = _GONE + (SW.CONDITIONS_NOT_SATISFIED,)


def prepare_delete(
    ctx: FlowContext, seid: str, app: Application, instance_only: bool, one: str | None = None
) -> dict[str, Any]:
    if one is not None:  # one instance of a multi-instance application (§5.8.4.2)
        instances.check(ctx.session, seid, app, one)
        return {"app_id": app.id, "instance_only": False, "instance": one}
    state = get_state(ctx.session, seid, app.id)
    require(state, Event.INSTANCES_DELETED if instance_only else Event.FILES_DELETED)
    return {"app_id": app.id, "instance_only": instance_only}


def delete_script(
    ctx: FlowContext, session: Session, app: Application, instance_only: bool, one: str | None = None
) -> dict[str, Any]:
    """DELETE the instances (or ``one``), then, unless ``instance_only``, the load files: a card
    keeps (6985) a load file another instance still uses.  From a token-mode SD each DELETE
    carries its token; returns what ``record_delete`` needs for the receipts (checkpoint JSON)."""
    db = ctx.session
    home = db.get(SecurityDomain, app.sd_aid) if app.sd_aid else None
    notes: dict[str, Any] = {"tokened": [], "receipts": []}

    def send(command: CommandApdu, tag: str, accept: tuple[int, ...], aid: str) -> None:
        if delegated.token_mode(home):
            command = delegated.tokened(ctx, command)
            notes["tokened"].append(tag)
            notes["receipts"].append(delegated.expect(tag, ReceiptKind.DELETE, bytes.fromhex(aid)))
        session.send(command, tag, accept)

    for aid in [one] if one else instances.app_instances(db, app):
        send(commands.delete(bytes.fromhex(aid)), f"delete:{aid}", _GONE, aid)
    if not instance_only:
        files = db.scalars(sa.select(LoadFile).where(LoadFile.application_id == app.id)).all()
        for aid in in_delete_order(files):  # a package before the extensions it imports
            send(commands.delete(bytes.fromhex(aid)), f"delete_file:{aid}", _FILE, aid)
        _, batch = resolve_se(db, ctx.card.seid)
        sd = sd_attributes.goes_with_last_app(db, app, ctx.card.seid, batch.isd_aid)
        if sd is not None:  # §5.3.1 deletion rule; a card still holding content under it says 6985
            session.send(commands.delete(bytes.fromhex(sd)), f"delete_sd:{sd}", _FILE)
    send_free_space(session)
    send_status(session)
    return notes


def record_delete(
    ctx: FlowContext, seid: str, app: Application, instance_only: bool, r: Replies, end_subscription: bool = True,
    one: str | None = None,
) -> dict[str, Any]:
    db = ctx.session
    file_replies = [r.responses[i] for i, t in enumerate(r.tags) if t.startswith("delete_file:")]
    kept = [t.split(":")[1] for t, reply in zip(r.tags, r.responses) if t.startswith("delete_file:") and reply.sw == SW.CONDITIONS_NOT_SATISFIED]
    files_gone = not instance_only and not kept and bool(file_replies)
    state = _deleted(ctx, seid, app, files_gone, end_subscription, one)
    se, batch = resolve_se(db, seid)
    sd_gone = [t.split(":")[1] for t, reply in zip(r.tags, r.responses) if t.startswith("delete_sd:") and reply.sw == SW.OK]
    for sd in sd_gone:
        sd_attributes.record_sd_gone(db, seid, sd, ctx.principal.operator)
    content = collect(r)
    record_content(db, se, content)
    return {
        "app": app.name,
        "app_id": app.id,
        "seid": seid,
        "state": state.value,
        "instance": one,
        **({"chosen_instance": instances.outcome(db, one, AppState.READY)} if one else {}),  # gone from the card
        "load_files_kept": kept,
        "sd_deleted": sd_gone,
        "space": space_view(se, batch),
    }


def _deleted(
    ctx: FlowContext, seid: str, app: Application, files_gone: bool, end_subscription: bool, one: str | None = None
) -> AppState:
    """Record the instances (``one`` of them, or all; with ``files_gone`` the load files too) as
    deleted from the card."""
    db = ctx.session
    state = get_state(db, seid, app.id)
    if one is not None:
        # the last instance takes the load file with it; otherwise the others keep it, and the
        # application stays as it was
        if files_gone:
            state = AppState.READY
    elif state is not AppState.LOADED or files_gone:
        state = next_state(state, Event.FILES_DELETED if files_gone else Event.INSTANCES_DELETED)
    set_state(db, seid, app.id, state)
    if state is AppState.READY:
        archive.on_removed(db, seid, app.id, ctx.principal.operator)  # completes an archive, §5.4.4.5
    se, _ = resolve_se(db, seid)
    if files_gone and se.recorded_free_space is not None:
        se.recorded_free_space += app.code_size
    if state is AppState.READY and end_subscription:
        binding = db.get(MsisdnBinding, seid)
        row = db.get(Subscription, (binding.msisdn, app.id)) if binding else None
        if row is not None:
            row.active = False
    return state


def record_cut_short(
    ctx: FlowContext, seid: str, app: Application, instance_only: bool, r: Replies, end_subscription: bool = True,
    one: str | None = None,
) -> None:
    """A delete script that stopped part-way (card removed, a refusal): record what the card's
    answers say it already deleted, so the record says what the card says before any retry
    (issue 15 item 5).  Only when every instance DELETE ran and was accepted; load files count
    as gone when every file DELETE ran and answered 9000 / 6A88.  Under R-MAC these answers
    were authenticated by ``replies``; the content and free space wait for the retry's GET STATUS.
    """
    ran = dict(zip(r.tags, r.responses))  # the commands that ran before the stop
    deletes = [t for t in r.tags if t.startswith("delete:")]
    if not deletes or not all(t in ran and ran[t].sw in _GONE for t in deletes):
        return
    files = [t for t in r.tags if t.startswith("delete_file:")]
    files_gone = not instance_only and bool(files) and all(t in ran and ran[t].sw in _GONE for t in files)
    if (one is not None or get_state(ctx.session, seid, app.id) is AppState.LOADED) and not files_gone:
        return  # nothing more than what is recorded
    _deleted(ctx, seid, app, files_gone, end_subscription, one)


class DeleteFlow(CardFlow):
    kind = OperationKind.DELETE
    writes_at_once = True

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        app = find_app(ctx.session, ctx.params.get("app_id"))
        one = instances.requested(ctx.params)
        return prepare_delete(ctx, ctx.card.seid, app, bool(ctx.params.get("instance_only", False)), one)

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        app = find_app(ctx.session, state["app_id"])
        notes = delete_script(ctx, session, app, state["instance_only"], state.get("instance"))
        return session.script({"phase": "delete", "flow": {**state, **notes}})

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        state = checkpoint["flow"]
        app = find_app(ctx.session, state["app_id"])
        seid = checkpoint["card"]["seid"]
        one = state.get("instance")
        receipts = state.get("receipts") or []
        recorded = delegated.record_receipts(ctx, seid, app.sd_aid or "", receipts, r) if receipts else []
        failure = unfinished(r)
        if failure is not None:
            record_cut_short(ctx, seid, app, state["instance_only"], r, one=one)
            home = ctx.session.get(SecurityDomain, app.sd_aid) if app.sd_aid else None
            return delegated.explain_refusal(ctx, home, state.get("tokened") or [], failure)
        result = record_delete(ctx, seid, app, state["instance_only"], r, one=one)
        return DoneOutcome({**result, **({"receipts": recorded} if recorded else {})})


FLOW = DeleteFlow()
