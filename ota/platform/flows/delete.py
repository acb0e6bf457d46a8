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
from ota.gp.sw import SW
from ota.platform import sd_attributes
from ota.platform.admin import archive
from ota.platform.flows.base import DoneOutcome, FlowContext, Outcome
from ota.platform.flows.checks import Registration, find_app, resolve_se
from ota.platform.flows.content import collect, send_free_space, send_status
from ota.platform.flows.query import record_content, space_view
from ota.platform.flows.secure import CardFlow, Replies, Session, unfinished
from ota.platform.flows.states import Event, get_state, next_state, require, set_state
from ota.platform.models import AppInstance, Application, AppState, LoadFile, MsisdnBinding, Subscription
from ota.protocol import OperationKind

_GONE = (SW.OK, SW.REFERENCED_DATA_NOT_FOUND)
_FILE = _GONE + (SW.CONDITIONS_NOT_SATISFIED,)


def prepare_delete(ctx: FlowContext, seid: str, app: Application, instance_only: bool) -> dict[str, Any]:
    state = get_state(ctx.session, seid, app.id)
    require(state, Event.INSTANCES_DELETED if instance_only else Event.FILES_DELETED)
    return {"app_id": app.id, "instance_only": instance_only}


def delete_script(ctx: FlowContext, session: Session, app: Application, instance_only: bool) -> None:
    db = ctx.session
    instances = db.scalars(sa.select(AppInstance.instance_aid).where(AppInstance.application_id == app.id)).all()
    for aid in sorted(instances):
        session.send(commands.delete(bytes.fromhex(aid)), f"delete:{aid}", _GONE)
    if not instance_only:
        for aid in sorted(db.scalars(sa.select(LoadFile.aid).where(LoadFile.application_id == app.id))):
            session.send(commands.delete(bytes.fromhex(aid)), f"delete_file:{aid}", _FILE)
        _, batch = resolve_se(db, ctx.card.seid)
        sd = sd_attributes.goes_with_last_app(db, app, ctx.card.seid, batch.isd_aid)
        if sd is not None:  # §5.3.1 deletion rule; a card still holding content under it says 6985
            session.send(commands.delete(bytes.fromhex(sd)), f"delete_sd:{sd}", _FILE)
    send_free_space(session)
    send_status(session)


def record_delete(
    ctx: FlowContext, seid: str, app: Application, instance_only: bool, r: Replies, end_subscription: bool = True
) -> dict[str, Any]:
    db = ctx.session
    file_replies = [r.responses[i] for i, t in enumerate(r.tags) if t.startswith("delete_file:")]
    kept = [t.split(":")[1] for t, reply in zip(r.tags, r.responses) if t.startswith("delete_file:") and reply.sw == SW.CONDITIONS_NOT_SATISFIED]
    files_gone = not instance_only and not kept and bool(file_replies)
    state = get_state(db, seid, app.id)
    if state is not AppState.LOADED or files_gone:
        state = next_state(state, Event.FILES_DELETED if files_gone else Event.INSTANCES_DELETED)
    set_state(db, seid, app.id, state)
    if state is AppState.READY:
        archive.on_removed(db, seid, app.id, ctx.principal.operator)  # completes an archive, §5.4.4.5
    se, batch = resolve_se(db, seid)
    sd_gone = [t.split(":")[1] for t, reply in zip(r.tags, r.responses) if t.startswith("delete_sd:") and reply.sw == SW.OK]
    for sd in sd_gone:
        sd_attributes.record_sd_gone(db, seid, sd, ctx.principal.operator)
    content = collect(r)
    record_content(db, se, content)
    if files_gone and se.recorded_free_space is not None:
        se.recorded_free_space += app.code_size
    if state is AppState.READY and end_subscription:
        binding = db.get(MsisdnBinding, seid)
        row = db.get(Subscription, (binding.msisdn, app.id)) if binding else None
        if row is not None:
            row.active = False
    return {
        "app": app.name,
        "app_id": app.id,
        "seid": seid,
        "state": state.value,
        "load_files_kept": kept,
        "sd_deleted": sd_gone,
        "space": space_view(se, batch),
    }


class DeleteFlow(CardFlow):
    kind = OperationKind.DELETE
    writes_at_once = True

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        app = find_app(ctx.session, ctx.params.get("app_id"))
        return prepare_delete(ctx, ctx.card.seid, app, bool(ctx.params.get("instance_only", False)))

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        app = find_app(ctx.session, state["app_id"])
        delete_script(ctx, session, app, state["instance_only"])
        return session.script({"phase": "delete", "flow": state}, "删除应用", "deleting the application")

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        failure = unfinished(r)
        if failure is not None:
            return failure
        state = checkpoint["flow"]
        app = find_app(ctx.session, state["app_id"])
        return DoneOutcome(record_delete(ctx, checkpoint["card"]["seid"], app, state["instance_only"], r))


FLOW = DeleteFlow()
