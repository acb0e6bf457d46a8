"""Supplementary Security Domain creation and key update (seed §5.8.3.1, §5.8.3.2): three round trips.

* script 1: the ISD channel's opening (``secure.begin``);
* script 2, in the ISD channel: INSTALL [for install and make selectable] of the SSD from the
  SSD package in ROM, with the SD's privileges (an SSD already on the card answers 6985 and
  is kept), then outside any channel SELECT of the SSD and INITIALIZE UPDATE on it;
* script 3, in a channel on the SSD: EXTERNAL AUTHENTICATE, PUT KEY of the SD's own keys
  (Mobile-owned SDs: key set ``SecurityDomain.key_set_ref`` in the key service, diversified
  per card like the batch's), the card's KCVs checked, and SET STATUS to PERSONALIZED (0F).

A new SSD starts on the key set the card gives it (the virtual SE copies the ISD's), so its
first channel uses the batch's keys; an SSD already on the card (INSTALL answers 6985) opens
with the SD's own key set when it names a version of it (an SSD left on its initial keys
whose KVN is also one of its own versions would be misread: not handled).  Nothing else
runs on the SD while this operation holds the card's link (§5.8.3.2).
Third-party SDs (§5.8.3.1.1, issue 13 round 3): the provider's keys, submitted under its
transport KEK (admin/domains.py), are translated by the key service to the session DEK for PUT
KEY, and the card's KCVs are checked against the provider's; the platform never holds them in
clear, and having handed the SD to its owner it cannot open the SD's channel again
(``sd.keyed_by_provider``).  The SD is installed with the install parameters its §5.3.1
attributes generate (sd_attributes.py); a fixed-space SD takes its space off the SE's record.
A DAP-mode SD gets the DAP Verification privilege and its owner's RSA public DAP key with a
PUT KEY of its own (ota.gp.dap, GPC 2.2.1 §C.2.2).
"""

from __future__ import annotations

import hmac
import os
from typing import Any

from ota.gp import commands, dap
from ota.gp.constants import Privilege
from ota.gp.sw import SW
from ota.platform import audit, sd_attributes, sd_key_period
from ota.platform.db import utcnow
from ota.platform.flows.base import DoneOutcome, FailedOutcome, FlowContext, FlowError, Outcome
from ota.platform.flows.checks import Registration, refuse, resolve_se
from ota.platform.flows.sd_channel import SdOpening
from ota.platform.flows.secure import CardFlow, Replies, Session, unfinished
from ota.platform.models import SecurityDomain
from ota.protocol import OperationKind

SSD_PACKAGE_AID = bytes.fromhex("A0000001515350")
SSD_MODULE_AID = bytes.fromhex("A000000151535041")
PERSONALIZED = 0x0F
DAP_KEY_VERSION = 0x73  # the DAP key's own key version, apart from the SD's secure-channel keys
_INSTALLED_OR_PRESENT = (SW.OK, SW.CONDITIONS_NOT_SATISFIED)


def security_domain(ctx: FlowContext, isd_aid: str) -> SecurityDomain:
    aid = str(ctx.params.get("sd_aid") or "").upper()
    sd = ctx.session.get(SecurityDomain, aid) if aid else None
    if sd is None:
        raise refuse("sd.unknown", sd=aid)
    if aid == isd_aid.upper():
        raise refuse("sd.is_isd")
    return sd


class SdCreateFlow(CardFlow):
    kind = OperationKind.SD_CREATE

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        sd = security_domain(ctx, registration.batch.isd_aid)
        privileges = int(sd.privileges) | Privilege.SECURITY_DOMAIN  # whatever the row says, it is an SD
        if sd.mode == "dap":
            privileges |= Privilege.DAP_VERIFICATION
        elif sd.mode == "token":  # Delegated Management (GPC 2.2.1 §9.3.3; ota.platform.delegated)
            privileges |= Privilege.DELEGATED_MANAGEMENT
        params = sd_attributes.install_parameters(sd).hex().upper()
        common = {"sd": sd.aid, "privileges": privileges, "params": params, "dap_key": sd.dap_key}
        if sd.owner != "mobile":
            keys = sd.provider_keys
            if not keys:
                raise refuse("sd.no_provider_keys", sd=sd.name)
            return {**common, "provider_keys": keys, "kvn": keys["kvn"]}
        versions = ctx.keystore.key_versions(sd.key_set_ref or "", session=ctx.session)
        if not sd.key_set_ref or not versions:
            raise refuse("sd.no_keys", sd=sd.name)
        return {**common, "ref": sd.key_set_ref, "kvn": max(versions)}

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        aid = bytes.fromhex(state["sd"])
        params = bytes.fromhex(state["params"])
        install = commands.install_for_install(SSD_PACKAGE_AID, SSD_MODULE_AID, aid, state["privileges"], params)
        session.send(install, "install_sd", _INSTALLED_OR_PRESENT)
        host_challenge = os.urandom(8)
        session.send_plain(commands.select(aid).encode(), "select_sd")
        session.send_plain(commands.initialize_update(host_challenge).encode(), "sd_initialize_update")
        session.card["sd_host_challenge"] = host_challenge.hex().upper()
        return session.script({"phase": "sd_open", "flow": state})

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        put = r.get("sd_put_key")
        if put is not None and put.sw == SW.WRONG_DATA:  # the card's own KCV check (GPC 2.2.1 §11.8.2.3)
            return FailedOutcome("sd.kcv_mismatch", {"sd": checkpoint["flow"]["sd"]})
        failure = unfinished(r)
        if failure is not None:
            return failure
        if checkpoint["phase"] == "sd_open":
            return self._update_keys(ctx, checkpoint, r)
        return self._finish(ctx, checkpoint["flow"], checkpoint["card"], r)

    def _update_keys(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        state, card = checkpoint["flow"], checkpoint["card"]
        _, batch = resolve_se(ctx.session, card["seid"])
        opening = SdOpening.read(r, "sd_initialize_update")
        iu = opening.iu
        # A freshly installed SSD (9000) has the keys the card gave it; one already there (6985)
        # has its own version when the card names one we hold for the SD.
        fresh = r.ok("install_sd")
        third_party = "provider_keys" in state
        if third_party and not fresh and iu.kvn == state["kvn"]:
            raise FlowError("sd.keyed_by_provider")
        own = not third_party and not fresh and iu.kvn in ctx.keystore.key_versions(state["ref"], session=ctx.session)
        ref = state["ref"] if own else batch.key_set_ref
        session, cipher = opening.open(
            ctx, batch, ref, {**card, "kdd": iu.kdd.hex().upper()}, card["sd_host_challenge"],
            refusal="sd.authentication", ext_auth_tag="sd_ext_auth",
        )
        expected = ""
        if not (own and iu.kvn == state["kvn"]):
            blocks = _key_blocks(ctx, state, cipher, iu.kdd, batch.diversification)
            old = iu.kvn if 1 <= iu.kvn <= 0x7F else 0  # P1 00 adds, replacing a card's initial set
            data = commands.put_key_data(state["kvn"], blocks)
            session.send(commands.put_key(state["kvn"], data, old), "sd_put_key")
            expected = (bytes((state["kvn"],)) + b"".join(kcv for _, kcv in blocks)).hex().upper()
        if state.get("dap_key"):  # the owner's public DAP key, clear: it is public (§C.2.2)
            key = dap.DapKey(bytes.fromhex(state["dap_key"]["modulus"]), bytes.fromhex(state["dap_key"]["exponent"]))
            session.send(commands.put_key(DAP_KEY_VERSION, dap.put_key_data(DAP_KEY_VERSION, key)), "sd_put_dap_key")
        status = commands.set_status(0x40, PERSONALIZED, bytes.fromhex(state["sd"]))
        session.send(status, "sd_personalized")
        flow = {**state, "expected": expected, "kvn_before": iu.kvn, "fresh": fresh}
        return session.script({"phase": "sd_keys", "flow": flow})

    def _finish(self, ctx: FlowContext, state: dict[str, Any], card: dict[str, Any], r: Replies) -> Outcome:
        if state["expected"]:
            reply = r.get("sd_put_key")
            want = bytes.fromhex(state["expected"])
            if reply is None or not hmac.compare_digest(reply.data[: len(want)], want):
                raise FlowError("sd.kcv_mismatch")
        _created(ctx, state, card["seid"])
        on_card = state["kvn"] if state["expected"] else state["kvn_before"]
        sd_key_period.keys_set(ctx.session, card["seid"], state["sd"], on_card)
        audit.record(
            ctx.session,
            "sd.keys_updated" if state["expected"] else "sd.personalized",
            ctx.principal.operator,
            seid=card["seid"],
            sd=state["sd"],
            kvn=state["kvn"],
            kvn_before=state["kvn_before"],
        )
        return DoneOutcome({"sd": state["sd"], "kvn": f"{state['kvn']:02X}", "state": "Personalized"})


def _key_blocks(
    ctx: FlowContext, state: dict[str, Any], cipher: Any, kdd: bytes, diversification: str
) -> list[tuple[bytes, bytes]]:
    """PUT KEY's (key under the session DEK, KCV) triples: the SD's key set in the key service,
    or a third party's keys translated from its transport KEK inside the key service."""
    actor = ctx.principal.operator
    provider = state.get("provider_keys")
    if provider is None:
        return ctx.keystore.put_key_blocks(cipher, state["ref"], kdd, diversification, state["kvn"], ctx.session, actor)
    return [
        (ctx.keystore.translate_kek(provider["transport"], bytes.fromhex(w), cipher, ctx.session, actor), bytes.fromhex(k))
        for w, k in zip(provider["wrapped"], provider["kcvs"], strict=True)
    ]


def _created(ctx: FlowContext, state: dict[str, Any], seid: str) -> None:
    """The SD exists on an SE: its attributes freeze (§5.3.4) and a fixed space is reserved."""
    sd = ctx.session.get(SecurityDomain, state["sd"])
    if sd is None:
        return
    if sd.created_at is None:
        sd.created_at = utcnow()
    if state.get("fresh") and sd_attributes.is_fixed(sd):
        se, _ = resolve_se(ctx.session, seid)
        if se.recorded_free_space is not None and sd.space_size is not None:
            se.recorded_free_space -= sd.space_size


FLOW = SdCreateFlow()
