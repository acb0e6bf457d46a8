"""Service migration, 业务迁移 (seed §5.5.4): one application from the old SE to a new one.

Both SEs must be bound to the same MSISDN.  The operation starts with the old SE on the reader;
the platform asks for the new one (``need_card`` role ``target``), downloads and personalises
the application there (a fresh secure channel: survey, then one install script), asks for the
old SE again (role ``source``) and deletes the application from it.  The subscription does not
change: the target takes over the source's state (an application that was Usable stays Usable
without a new activation) and the delete on the source keeps the subscription.

The operation holds the link of both SEs (§5.8.8).  A card that is not the one asked for fails
the operation with ``card.wrong_card``; everything done so far is recorded per SE, so running
the migration again resumes: the download on the target from where it stopped, or, when the
target already has the application, straight to the delete on the old SE.
"""

from __future__ import annotations

from typing import Any

from ota.platform import delegated
from ota.platform.flows import download
from ota.platform.flows.base import DoneOutcome, FailedOutcome, Flow, FlowContext, FlowError, NeedCardOutcome, Outcome, ScriptOutcome
from ota.platform.flows.checks import bound_msisdn, check_registration, find_app, refuse, resolve_se
from ota.platform.flows.delete import delete_script, record_delete
from ota.platform.flows.download import Plan
from ota.platform.flows.secure import (
    begin,
    check_identity,
    keys_prove_identity,
    open_session,
    opened,
    replies,
    resume_session,
    unfinished,
)
from ota.platform.flows.states import get_state, set_state
from ota.platform.models import AppState, SecurityDomain
from ota.protocol import Opening, OperationKind, StepResult

_MOVABLE = (AppState.PERSONALIZED, AppState.USABLE)


def _wrong_card(expected: str, found: str) -> FailedOutcome:
    return FailedOutcome(
        "card.wrong_card",
        {"expected": expected, "found": found},
    )


class MigrateFlow(Flow):
    kind = OperationKind.MIGRATE

    def start_opened(self, ctx: FlowContext, host_challenge: bytes, opening: Opening) -> Outcome:
        """``start`` with the old SE's script 1 already run: used when it goes straight to the delete."""
        return self.start(ctx, (host_challenge, opening))

    def start(self, ctx: FlowContext, opening: tuple[bytes, Opening] | None = None) -> Outcome:
        source = ctx.card.seid
        registration = check_registration(ctx, source)
        app = find_app(ctx.session, ctx.params.get("app_id"))
        state = get_state(ctx.session, source, app.id)
        if state not in _MOVABLE:
            raise refuse(
                "app.state",
                state=state.value,
                app=app.name,
                params={"state": state.value},
            )
        target = str(ctx.params.get("target_seid") or "").upper() or None
        flow = {"app_id": app.id, "source": source, "target": target, "msisdn": registration.msisdn, "source_state": state.value}
        if target and self._check_target(ctx, flow, target):
            return self._open(ctx, "s_open", flow, source, 1, opening)  # an earlier run already installed it
        return self._need("target", flow, target)

    def advance_opened(
        self, ctx: FlowContext, checkpoint: dict[str, Any], result: StepResult, host_challenge: bytes, opening: Opening
    ) -> Outcome:
        """``advance`` for a ``need_card`` answered with the new card's script 1 already run with
        an issued challenge (issue 15 item 2): the same checks, then straight on to its script 2,
        as a start with an opening does.  Saves a round trip per card swap."""
        return self.advance(ctx, checkpoint, result, (host_challenge, opening))

    def advance(
        self, ctx: FlowContext, checkpoint: dict[str, Any], result: StepResult,
        opening: tuple[bytes, Opening] | None = None,
    ) -> Outcome:
        phase, flow = checkpoint["phase"], checkpoint["flow"]
        app = find_app(ctx.session, flow["app_id"])
        if phase == "need_target":
            found = ctx.card.seid
            if found == flow["source"] or (flow["target"] and found != flow["target"]):
                return _wrong_card(flow["target"] or "新 SE / the new SE", found)
            flow = {**flow, "target": found}
            if self._check_target(ctx, flow, found):
                return self._need("source", flow, flow["source"])
            return self._open(ctx, "t_open", flow, found, result.step, opening)
        if phase == "need_source":
            if ctx.card.seid != flow["source"]:
                return _wrong_card(flow["source"], ctx.card.seid)
            return self._open(ctx, "s_open", flow, flow["source"], result.step, opening)
        if phase == "t_open":
            session = open_session(ctx, checkpoint["card"], result)
            download.survey(session)
            return session.script({"phase": "t_survey", "flow": flow})
        if phase == "t_survey":
            r = replies(ctx, checkpoint["card"], result)
            check_identity(ctx, checkpoint["card"], r)
            failure = unfinished(r)
            if failure is not None:
                return failure
            session = resume_session(ctx, checkpoint["card"])
            plan = download.after_survey(ctx, flow["target"], app, r, session)
            flow = {**flow, "plan": plan.to_json()}
            if not len(session):
                return self._installed(ctx, flow, app, plan, r)
            return session.script({"phase": "t_install", "flow": flow})
        if phase == "t_install":
            return self._installed(ctx, flow, app, Plan(**flow["plan"]), replies(ctx, checkpoint["card"], result))
        if phase == "s_open":
            session = open_session(ctx, checkpoint["card"], result)
            se, batch = resolve_se(ctx.session, flow["source"])
            if not keys_prove_identity(batch, se):  # batch-wide keys: the identity before the delete
                return session.script({"phase": "s_identify", "flow": flow})
            notes = delete_script(ctx, session, app, instance_only=False)  # tokens of a token-mode SD
            return session.script({"phase": "s_delete", "flow": {**flow, "dm": notes}})
        if phase == "s_identify":
            r = replies(ctx, checkpoint["card"], result)
            check_identity(ctx, checkpoint["card"], r)
            failure = unfinished(r)
            if failure is not None:
                return failure
            session = resume_session(ctx, checkpoint["card"])
            notes = delete_script(ctx, session, app, instance_only=False)  # tokens of a token-mode SD
            return session.script({"phase": "s_delete", "flow": {**flow, "dm": notes}})
        if phase == "s_delete":
            r = replies(ctx, checkpoint["card"], result)
            check_identity(ctx, checkpoint["card"], r)
            notes = flow.get("dm") or {}
            if notes.get("receipts"):
                delegated.record_receipts(ctx, flow["source"], app.sd_aid or "", notes["receipts"], r)
            failure = unfinished(r)
            if failure is not None:
                home = ctx.session.get(SecurityDomain, app.sd_aid) if app.sd_aid else None
                return delegated.explain_refusal(ctx, home, notes.get("tokened") or [], failure)
            source = record_delete(ctx, flow["source"], app, False, r, end_subscription=False)
            target_state = get_state(ctx.session, flow["target"], app.id)
            return DoneOutcome({"app": app.name, "app_id": app.id, "source": source, "target": {"seid": flow["target"], "state": target_state.value}})
        raise FlowError("flow.checkpoint", detail={"phase": phase})

    def _installed(self, ctx: FlowContext, flow: dict[str, Any], app: Any, plan: Plan, r: Any) -> Outcome:
        reached = download.record_install(ctx, flow["target"], app, plan, r)
        if plan.receipts:  # into a token-mode SD on the new SE
            delegated.record_receipts(ctx, flow["target"], app.sd_aid or "", plan.receipts, r)
        failure = unfinished(r)
        if failure is not None:
            home = ctx.session.get(SecurityDomain, app.sd_aid) if app.sd_aid else None
            failure = delegated.explain_refusal(ctx, home, plan.tokened, failure)
            return FailedOutcome(failure.code, {**(failure.detail or {}), "state": reached.value}, failure.params)
        if reached is AppState.PERSONALIZED and flow["source_state"] == AppState.USABLE:
            set_state(ctx.session, flow["target"], app.id, AppState.USABLE)  # already activated: subscription unchanged
        return self._need("source", flow, flow["source"])

    def _check_target(self, ctx: FlowContext, flow: dict[str, Any], target: str) -> bool:
        """Check and claim the new SE; True when an earlier run already installed the app there."""
        registration = check_registration(ctx, target)
        if bound_msisdn(ctx.session, target) != flow["msisdn"]:
            raise refuse("se.bound_elsewhere", target=target)
        app = find_app(ctx.session, flow["app_id"])
        ctx.claim_se(target)
        if get_state(ctx.session, target, app.id) in _MOVABLE:
            return True
        download.check_start(ctx, target, registration, app)
        return False

    @staticmethod
    def _need(role: str, flow: dict[str, Any], seid: str | None) -> NeedCardOutcome:
        # The terminal words the prompt for the role (prompt.place_target / prompt.place_source).
        return NeedCardOutcome(role, {"phase": f"need_{role}", "flow": flow}, seid_expected=seid)  # type: ignore[arg-type]

    def _open(
        self, ctx: FlowContext, phase: str, flow: dict[str, Any], seid: str, step: int = 1,
        opening: tuple[bytes, Opening] | None = None,
    ) -> Outcome:
        """Script 1 on ``seid`` (SELECT, INITIALIZE UPDATE), or, when the terminal already ran it
        with an issued challenge, its answers taken as that script's and the phase after it."""
        if opening is not None:
            host_challenge, ran = opening
            card = opened(ctx, seid, host_challenge, ran)
            if card is not None:
                answered = StepResult(step=step, responses=ran.responses, completed=len(ran.responses) == 2)
                return self.advance(ctx, {"phase": phase, "flow": flow, "card": card}, answered)
        commands_, card = begin(ctx, seid)
        return ScriptOutcome(commands_, {"phase": phase, "flow": flow, "card": card})


FLOW = MigrateFlow()
