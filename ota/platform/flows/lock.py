"""Application lock and unlock (seed §5.8.4.3): SET STATUS on every instance, two round trips.

Lock takes Usable to Locked and is allowed everywhere, also for an SE on the lost list (the
lost-phone case).  Unlock takes Locked back to Usable and is done only at a business hall: a
kiosk terminal is refused with ``policy.kiosk_unlock``.  Personal data stays on the card and the
subscription is unchanged either way.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ota.gp import commands
from ota.platform.flows.base import DoneOutcome, FlowContext, FlowError, Outcome
from ota.platform.flows import instances
from ota.platform.flows.checks import Registration, find_app
from ota.platform.flows.secure import CardFlow, Replies, Session, unfinished
from ota.platform.flows.states import Event, get_state, next_state, require, set_state
from ota.platform.models import AppState
from ota.protocol import OperationKind, TerminalKind


class LockFlow(CardFlow):
    kind = OperationKind.LOCK
    allow_lost = True
    writes_at_once = True
    event: ClassVar[Event] = Event.LOCKED

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        app = find_app(ctx.session, ctx.params.get("app_id"))
        one = instances.requested(ctx.params)
        if one is not None:  # one instance of a multi-instance application (§5.8.4.3)
            instances.check(ctx.session, ctx.card.seid, app, one)
            return {"app_id": app.id, "instances": [one], "instance_only": True}
        require(get_state(ctx.session, ctx.card.seid, app.id), self.event)
        return {"app_id": app.id, "instances": instances.app_instances(ctx.session, app)}

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        build = commands.lock_application if self.event is Event.LOCKED else commands.unlock_application
        for aid in state["instances"]:
            session.send(build(bytes.fromhex(aid)), f"set_status:{aid}")
        return session.script({"phase": "set_status", "flow": state})

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        failure = unfinished(r)
        if failure is not None:
            return failure
        state, seid = checkpoint["flow"], checkpoint["card"]["seid"]
        app = find_app(ctx.session, state["app_id"])
        new = get_state(ctx.session, seid, app.id)
        if not state.get("instance_only"):  # an instance's lock lives on the card; the app stays as it is
            new = next_state(new, self.event)
            set_state(ctx.session, seid, app.id, new)
        result = {"app": app.name, "app_id": app.id, "seid": seid, "state": new.value, "instances": state["instances"]}
        if state.get("instance_only"):  # the instance's own state: locked, or back to the app's
            mine = AppState.LOCKED if self.event is Event.LOCKED else new
            result["chosen_instance"] = instances.outcome(ctx.session, state["instances"][0], mine)
        return DoneOutcome(result)


class UnlockFlow(LockFlow):
    kind = OperationKind.UNLOCK
    allow_lost = False
    event = Event.UNLOCKED

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        if ctx.principal.terminal_kind == TerminalKind.KIOSK:
            raise FlowError("policy.kiosk_unlock")
        return super().prepare(ctx, registration)


FLOW = LockFlow()
UNLOCK = UnlockFlow()
