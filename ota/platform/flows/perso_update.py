"""Personalisation update (seed §5.8.4.6): re-run an installed application's personalisation.

Mode 3 steps (INSTALL [for personalization] + STORE DATA) go to the application's own SD: in
the ISD's channel as at download, or, for an application under a supplementary SD, in a channel
on that SD's keys opened one round trip later (the ISD is not its SD and refuses them, 6985).  Mode 2 steps with the provider's data under its transport keys (§5.8.4.6.2) go
to the application itself, in a secure channel on *its own SD's* keys, one round trip each:

* script N: SELECT the instance and INITIALIZE UPDATE to it (the application hands it to its
  SD, GPC 2.2.1 §6.7 SecureChannel.processSecurity);
* script N+1, in that channel: EXTERNAL AUTHENTICATE, then the data as the application's own
  STORE DATA commands, C-MACed by the platform; TK values decrypted by the key service, KEK
  values translated by it to this channel's session DEK (blocks marked "encrypted", which the
  application decrypts with SecureChannel.decryptData).  The provider's clear sensitive values
  never reach the platform.

Mode 1 steps (and mode 2 steps without transport keys) pass through unchanged, last.

Each instance gets its own template when it has one (§5.8.4.1); ``params.instance_aid`` limits
the update to that instance.  The
platform holds the keys of the ISD and of Mobile-owned SSDs only: an application under a
third-party SD is personalised by its provider (mode 1), as the seed says.
"""

from __future__ import annotations

import os
from typing import Any

from ota.gp import commands
from ota.gp.constants import StoreDataFormat
from ota.platform import audit
from ota.platform.flows import instances as instance
from ota.platform.flows import perso
from ota.platform.flows.base import DoneOutcome, FlowContext, Outcome
from ota.platform.flows.checks import Registration, find_app, refuse, resolve_se
from ota.platform.flows.download import resolver
from ota.platform.flows.sd_channel import SdOpening
from ota.platform.flows.secure import CardFlow, Replies, Session, resume_session, unfinished
from ota.platform.flows.states import AppState, get_state, set_state, settle
from ota.platform.models import Application, SecurityDomain
from ota.protocol import OperationKind

_INSTALLED = (AppState.INSTANTIATED, AppState.PERSONALIZED, AppState.USABLE)


def _targets(ctx: FlowContext, app: Application, state: dict[str, Any]) -> list[perso.Target]:
    only = state.get("instance")
    return instance.perso_targets(ctx.session, app, [only] if only else None)


def _channel_pairs(app_template: dict[str, Any] | None, targets: list[perso.Target]) -> list[list[Any]]:
    """(step index, instance AID hex) of every mode-2 step with transport keys: one channel each."""
    pairs: list[list[Any]] = []
    for template, aids in perso.by_template(app_template, targets):
        for n, step in enumerate(perso.steps(template)):
            if step.get("mode") == 2 and step.get("transport"):
                pairs += [[n, aid.hex().upper()] for aid in perso._targets(step, aids)]
    return pairs


def _mode3(template: dict[str, Any] | None) -> bool:
    return any(step.get("mode") == 3 for step in perso.steps(template))


def _sd_key_set(ctx: FlowContext, app: Application, isd_aid: str, batch_ref: str) -> str:
    """The key set of the application's SD in the key service: the batch's for the ISD."""
    if not app.sd_aid or app.sd_aid.upper() == isd_aid.upper():
        return batch_ref
    sd = ctx.session.get(SecurityDomain, app.sd_aid)
    if sd is None or sd.owner != "mobile" or not sd.key_set_ref:
        raise refuse("perso.third_party_sd", sd=app.sd_aid)
    return sd.key_set_ref


class PersoUpdateFlow(CardFlow):
    kind = OperationKind.PERSO_UPDATE

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        app = find_app(ctx.session, ctx.params.get("app_id"))
        seid = registration.se.seid
        if get_state(ctx.session, seid, app.id) not in _INSTALLED:
            raise refuse("perso.not_installed", app=app.name, params={"app": app.name})
        one = instance.requested(ctx.params)
        if one is not None:
            instance.declared(ctx.session, app, one)
        state: dict[str, Any] = {"app_id": app.id, "instance": one, "next": 0}
        targets = _targets(ctx, app, state)
        if not perso.any_needs_commands(app.perso_template, targets):
            raise refuse("perso.no_template", app=app.name, params={"app": app.name})
        pairs = _channel_pairs(app.perso_template, targets)
        state["pairs"] = pairs
        if pairs:
            if registration.batch.scp == 0x03:
                raise refuse("perso.mode2_scp03")
            state["sd_ref"] = _sd_key_set(ctx, app, registration.batch.isd_aid, registration.batch.key_set_ref)
        if _mode3(app.perso_template) and app.sd_aid and app.sd_aid.upper() != registration.batch.isd_aid.upper():
            # INSTALL [for personalization] goes to the app's own SD (GPC 2.2.1 §11.5.2.3): a channel on it
            state["sd3"] = {"aid": app.sd_aid.upper(),
                            "ref": _sd_key_set(ctx, app, registration.batch.isd_aid, registration.batch.key_set_ref)}
        return state

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        app = find_app(ctx.session, state["app_id"])
        targets = _targets(ctx, app, state)
        if "sd3" in state:  # mode 3 in a channel on the app's supplementary SD, opened here
            host_challenge = os.urandom(8)
            session.send_plain(commands.select(bytes.fromhex(state["sd3"]["aid"])).encode(), "perso3:select_sd")
            session.send_plain(commands.initialize_update(host_challenge).encode(), "perso3:initialize_update")
            session.card["perso_host_challenge"] = host_challenge.hex().upper()
            return session.script({"phase": "sd3_channel", "flow": state})
        keys = perso.KeyAccess(ctx.keystore, ctx.session, ctx.principal.operator)
        perso.send_through_sd_each(session, app.perso_template, targets, resolver(ctx, session.card["seid"]), keys)
        return self._next(ctx, state, session, app, targets)

    def _next(
        self, ctx: FlowContext, state: dict[str, Any], session: Session, app: Application, targets: list[perso.Target]
    ) -> Outcome:
        """Open the next mode-2 channel, or end with the pass-through steps."""
        if state["next"] < len(state["pairs"]):
            aid = bytes.fromhex(state["pairs"][state["next"]][1])
            host_challenge = os.urandom(8)
            session.send_plain(commands.select(aid).encode(), f"perso2:{aid.hex().upper()}:select")
            session.send_plain(commands.initialize_update(host_challenge).encode(), "perso2:initialize_update")
            session.card["perso_host_challenge"] = host_challenge.hex().upper()
            phase = "sd_channel"
        else:
            perso.send_plain_each(session, app.perso_template, targets)
            phase = "last"
        return session.script({"phase": phase, "flow": state})

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        failure = unfinished(r)
        if failure is not None:
            return failure
        state, card = checkpoint["flow"], checkpoint["card"]
        app = find_app(ctx.session, state["app_id"])
        if checkpoint["phase"] == "sd_channel":
            return self._in_app_channel(ctx, state, card, r, app)
        if checkpoint["phase"] == "sd3_channel":
            session = self._sd_channel(ctx, state["sd3"]["ref"], card, r, "perso3")
            keys = perso.KeyAccess(ctx.keystore, ctx.session, ctx.principal.operator)
            perso.send_through_sd_each(
                session, app.perso_template, _targets(ctx, app, state), resolver(ctx, card["seid"]), keys
            )
            return session.script({"phase": "sent", "flow": state})
        if checkpoint["phase"] == "sent":  # the next commands start with a SELECT: plain
            session = resume_session(ctx, card)
            if state["next"] < len(state["pairs"]):
                return self._next(ctx, state, session, app, _targets(ctx, app, state))
            perso.send_plain_each(session, app.perso_template, _targets(ctx, app, state))
            if len(session):
                return session.script({"phase": "last", "flow": state})
        seid = card["seid"]
        if get_state(ctx.session, seid, app.id) == AppState.INSTANTIATED:  # download left it to us
            set_state(ctx.session, seid, app.id, settle(AppState.PERSONALIZED, app))
        audit.record(
            ctx.session, "perso.updated", ctx.principal.operator, seid=seid, app=app.name, channels=len(state["pairs"]),
            instance=state.get("instance"),
        )
        return DoneOutcome({
            "app": app.name, "personalised": True, "sd_channels": len(state["pairs"]), "instance": state.get("instance"),
        })

    def _in_app_channel(
        self, ctx: FlowContext, state: dict[str, Any], card: dict[str, Any], r: Replies, app: Application
    ) -> Outcome:
        session = self._sd_channel(ctx, state["sd_ref"], card, r, "perso2")
        index, aid_hex = state["pairs"][state["next"]]
        step = perso.steps(instance.template_for(ctx.session, app, aid_hex))[index]
        fmt = StoreDataFormat.DGI if str(step.get("format", "BER")).upper() == "DGI" else StoreDataFormat.BER
        keys = perso.KeyAccess(ctx.keystore, ctx.session, ctx.principal.operator)
        data, sensitive = perso.transported_data(step, keys, session, fmt)
        if sensitive and fmt != StoreDataFormat.DGI:
            raise perso.bad_template("mode-2 KEK records go in sensitive DGIs (format DGI, 8xxx)")
        for n, block in enumerate(commands.store_data_blocks(data, session.max_data, fmt, sensitive)):
            session.send(block, f"perso2:{aid_hex}:store:{n}")
        flow = {**state, "next": state["next"] + 1}
        return session.script({"phase": "sent", "flow": flow})

    @staticmethod
    def _sd_channel(ctx: FlowContext, sd_ref: str, card: dict[str, Any], r: Replies, tag: str) -> Session:
        """A channel on the app's SD's keys from the card's INITIALIZE UPDATE answer (tagged ``tag``)."""
        _, batch = resolve_se(ctx.session, card["seid"])
        session, _ = SdOpening.read(r, f"{tag}:initialize_update").open(
            ctx, batch, sd_ref, card, card["perso_host_challenge"],
            refusal="perso.authentication", ext_auth_tag=f"{tag}:ext_auth",
        )
        return session


FLOW = PersoUpdateFlow()
