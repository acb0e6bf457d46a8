"""Personalisation update (seed §5.8.4.6): re-run an installed application's personalisation.

Mode 3 steps go through the ISD's channel as at download (INSTALL [for personalization] +
STORE DATA).  Mode 2 steps with the provider's data under its transport keys (§5.8.4.6.2) go
to the application itself, in a secure channel on *its own SD's* keys, one round trip each:

* script N: SELECT the instance and INITIALIZE UPDATE to it (the application hands it to its
  SD, GPC 2.2.1 §6.7 SecureChannel.processSecurity);
* script N+1, in that channel: EXTERNAL AUTHENTICATE, then the data as the application's own
  STORE DATA commands, C-MACed by the platform; TK values decrypted by the key service, KEK
  values translated by it to this channel's session DEK (blocks marked "encrypted", which the
  application decrypts with SecureChannel.decryptData).  The provider's clear sensitive values
  never reach the platform.

Mode 1 steps (and mode 2 steps without transport keys) pass through unchanged, last.  The
platform holds the keys of the ISD and of Mobile-owned SSDs only: an application under a
third-party SD is personalised by its provider (mode 1), as the seed says.
"""

from __future__ import annotations

import os
from typing import Any

from ota.gp import commands
from ota.gp.constants import StoreDataFormat
from ota.gp.errors import CryptogramError, GpError
from ota.gp.scp02 import HostChannel, Scp02Options, parse_initialize_update
from ota.gp.sw import SW
from ota.platform import audit
from ota.platform.flows import perso
from ota.platform.flows.base import DoneOutcome, FlowContext, FlowError, Outcome
from ota.platform.flows.checks import Registration, find_app, refuse, resolve_se
from ota.platform.flows.download import resolver
from ota.platform.flows.secure import CardFlow, Replies, Session, resume_session, unfinished
from ota.platform.flows.states import AppState, get_state, set_state, settle
from ota.platform.models import AppInstance, Application, SecurityDomain
from ota.protocol import OperationKind

_INSTALLED = (AppState.INSTANTIATED, AppState.PERSONALIZED, AppState.USABLE)


def _instances(ctx: FlowContext, app: Application) -> list[bytes]:
    rows = ctx.session.query(AppInstance.instance_aid).filter(AppInstance.application_id == app.id)
    return [bytes.fromhex(a) for (a,) in sorted(rows)]


def _channel_pairs(template: dict[str, Any] | None, instances: list[bytes]) -> list[list[Any]]:
    """(step index, instance AID hex) of every mode-2 step with transport keys: one channel each."""
    pairs: list[list[Any]] = []
    for n, step in enumerate(perso.steps(template)):
        if step.get("mode") == 2 and step.get("transport"):
            pairs += [[n, aid.hex().upper()] for aid in perso._targets(step, instances)]
    return pairs


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
        if not perso.needs_commands(app.perso_template):
            raise refuse("perso.no_template", app=app.name, params={"app": app.name})
        pairs = _channel_pairs(app.perso_template, _instances(ctx, app))
        state: dict[str, Any] = {"app_id": app.id, "pairs": pairs, "next": 0}
        if pairs:
            if registration.batch.scp == 0x03:
                raise refuse("perso.mode2_scp03")
            state["sd_ref"] = _sd_key_set(ctx, app, registration.batch.isd_aid, registration.batch.key_set_ref)
        return state

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        app = find_app(ctx.session, state["app_id"])
        instances = _instances(ctx, app)
        keys = perso.KeyAccess(ctx.keystore, ctx.session, ctx.principal.operator)
        perso.send_through_sd(session, app.perso_template, instances, resolver(ctx, session.card["seid"]), keys)
        return self._next(ctx, state, session, app, instances)

    def _next(
        self, ctx: FlowContext, state: dict[str, Any], session: Session, app: Application, instances: list[bytes]
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
            perso.send_plain(session, app.perso_template, instances)
            phase = "last"
        return session.script({"phase": phase, "flow": state}, "应用个人化", f"personalising {app.name}")

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        failure = unfinished(r)
        if failure is not None:
            return failure
        state, card = checkpoint["flow"], checkpoint["card"]
        app = find_app(ctx.session, state["app_id"])
        if checkpoint["phase"] == "sd_channel":
            return self._in_app_channel(ctx, state, card, r, app)
        if checkpoint["phase"] == "sent":  # the next commands start with a SELECT: plain
            session = resume_session(ctx, card)
            if state["next"] < len(state["pairs"]):
                return self._next(ctx, state, session, app, _instances(ctx, app))
            perso.send_plain(session, app.perso_template, _instances(ctx, app))
            if len(session):
                return session.script({"phase": "last", "flow": state}, "应用个人化", f"personalising {app.name}")
        seid = card["seid"]
        if get_state(ctx.session, seid, app.id) == AppState.INSTANTIATED:  # download left it to us
            set_state(ctx.session, seid, app.id, settle(AppState.PERSONALIZED, app))
        audit.record(
            ctx.session, "perso.updated", ctx.principal.operator, seid=seid, app=app.name, channels=len(state["pairs"])
        )
        return DoneOutcome({"app": app.name, "personalised": True, "sd_channels": len(state["pairs"])})

    def _in_app_channel(
        self, ctx: FlowContext, state: dict[str, Any], card: dict[str, Any], r: Replies, app: Application
    ) -> Outcome:
        _, batch = resolve_se(ctx.session, card["seid"])
        iu_data = r.data("perso2:initialize_update") or b""
        try:
            iu = parse_initialize_update(iu_data)
        except GpError as e:
            raise FlowError("scp02.initialize_update", detail={"reason": str(e)}) from e
        cipher = ctx.keystore.session_cipher(
            state["sd_ref"], iu.kdd, batch.diversification, iu.kvn, iu.seq, session=ctx.session
        )
        try:
            channel, ext_auth = HostChannel.open_with(
                cipher, bytes.fromhex(card["perso_host_challenge"]), iu_data, batch.scp_level, Scp02Options(batch.scp_i)
            )
        except CryptogramError as e:
            raise FlowError("perso.authentication", detail={"kvn": f"{iu.kvn:02X}"}) from e
        session = Session(channel, card)
        session.add_raw(ext_auth, "perso2:ext_auth", (SW.OK,))
        index, aid_hex = state["pairs"][state["next"]]
        step = perso.steps(app.perso_template)[index]
        fmt = StoreDataFormat.DGI if str(step.get("format", "BER")).upper() == "DGI" else StoreDataFormat.BER
        keys = perso.KeyAccess(ctx.keystore, ctx.session, ctx.principal.operator)
        data, sensitive = perso.transported_data(step, keys, session, fmt)
        if sensitive and fmt != StoreDataFormat.DGI:
            raise perso.bad_template("mode-2 KEK records go in sensitive DGIs (format DGI, 8xxx)")
        for n, block in enumerate(commands.store_data_blocks(data, session.max_data, fmt, sensitive)):
            session.send(block, f"perso2:{aid_hex}:store:{n}")
        flow = {**state, "next": state["next"] + 1}
        return session.script({"phase": "sent", "flow": flow}, "应用个人化", f"personalising {app.name}")


FLOW = PersoUpdateFlow()
