"""Supplementary Security Domain deletion (seed §5.8.3.3): two round trips.

Refused before the card is touched when the SD is the ISD (never deleted) or when the platform
records applications of this SE under the SD (delete those first); otherwise DELETE of the SD
in the ISD channel, without related objects, so a card that still holds content under it
refuses too (6985).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ota.gp import commands
from ota.gp.sw import SW
from ota.platform import audit, sd_key_period
from ota.platform.flows.base import DoneOutcome, FailedOutcome, FlowContext, Outcome
from ota.platform.flows.checks import Registration, refuse
from ota.platform.flows.sd_create import security_domain
from ota.platform.flows.secure import CardFlow, Replies, Session, unfinished
from ota.platform.models import Application, AppState, SeAppState
from ota.protocol import OperationKind


def _holds_apps() -> FailedOutcome:
    return FailedOutcome("sd.holds_apps")


class SdDeleteFlow(CardFlow):
    kind = OperationKind.SD_DELETE

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        sd = security_domain(ctx, registration.batch.isd_aid)
        apps = ctx.session.scalars(
            sa.select(Application.name)
            .join(SeAppState, SeAppState.application_id == Application.id)
            .where(
                Application.sd_aid == sd.aid,
                SeAppState.seid == registration.se.seid,
                SeAppState.state != AppState.READY,
            )
        ).all()
        if apps:
            raise refuse("sd.holds_apps", apps=list(apps))
        return {"sd": sd.aid}

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        accept = (SW.OK, SW.REFERENCED_DATA_NOT_FOUND, SW.CONDITIONS_NOT_SATISFIED)
        session.send(commands.delete(bytes.fromhex(state["sd"])), "delete_sd", accept)
        return session.script({"phase": "delete", "flow": state})

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        failure = unfinished(r)
        if failure is not None:
            return failure
        reply = r.get("delete_sd")
        if reply is not None and reply.sw == SW.CONDITIONS_NOT_SATISFIED:
            return _holds_apps()
        seid, sd = checkpoint["card"]["seid"], checkpoint["flow"]["sd"]
        sd_key_period.sd_gone(ctx.session, seid, sd)
        audit.record(ctx.session, "sd.deleted", ctx.principal.operator, seid=seid, sd=sd)
        return DoneOutcome({"sd": sd, "deleted": reply is not None and reply.sw == SW.OK})


FLOW = SdDeleteFlow()
