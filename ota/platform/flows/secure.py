"""Opening an SCP02 secure channel across two scripts, and building the scripts inside it.

Every flow talks to a card the same way (DESIGN.md §3, GPC 2.2.1 Appendix E):

* script 1 (:func:`begin`): SELECT the ISD and INITIALIZE UPDATE with a fresh host challenge.
  The checkpoint keeps the host challenge.
* script 2 (:func:`open_session`): the KDD the card reports is compared with the one recorded
  at registration *first* (``card.wrong_card``); the keys are derived from the registered
  identity, never from what the card reports; the card cryptogram is checked *before* anything
  more is sent (a card counts failed authentications); then EXTERNAL AUTHENTICATE, the card's
  identity read *inside* the channel (GET DATA 0045, or the CPLC of a card without one) and
  every command that does not depend on a card answer, each wrapped by the ``HostChannel``.

A :class:`Session` records, next to each command, a ``tag`` naming what it is for; the tags go
into the checkpoint (``plan``) so the next step can read the answers by name
(:class:`Replies`).  The checkpoint holds the channel's ``ChannelCheckpoint`` (sequence counter,
level, MAC chaining values) and the card's key derivation data, never a key: the next step
asks the key service again for the session's cipher (keys stay in the key service, an HSM for
the PKCS#11 back end) and resumes the channel.  ``ota.platform.keys.rollover`` records each
card's key version and counter at this contact and may add a PUT KEY (§5.8.9.3).

Authenticated outcomes (issue 9): when the batch's SCP02 ``i`` advertises R-MAC support (b6),
the channel runs at 11 (C-MAC + R-MAC) or 13 (+ C-DECRYPTION) and :func:`replies` verifies every
response's R-MAC (GPC 2.2.1 §E.4.5) before a flow sees it: a missing or wrong R-MAC is a
:class:`TrustError` (the operation fails, the SE is flagged for reconciliation).  A batch whose
cards cannot R-MAC must say so (``SeBatch.reported_outcomes``); otherwise it is refused.

Block size: the ISD's FCI (script 1's SELECT answer) may name the largest command data field
the card takes (tag 9F65, GPC 2.2.1 §11.9.3.1).  It is kept in the checkpoint as
``max_command_data`` (a plain int, 255 when the card names none or nonsense) and every chained
command (LOAD, STORE DATA) is cut to :attr:`Session.max_data`: what fits once wrapped at the
session's level (``max_plain_data``: 9F65 - 8 under C-MAC, floor8(9F65 - 8) - 1 under
C-DECRYPTION), as GlobalPlatformPro does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ota.gp import commands
from ota.gp.apdu import CommandApdu, ResponseApdu
from ota.gp.constants import GetDataTag, SecurityLevel
from ota.gp.errors import CryptogramError, GpError, SecureMessagingError
from ota.gp.responses import parse_cplc, parse_fci
from ota.gp.scp02_sm import SHORT_MAX_LC, max_plain_data
from ota.gp.sw import SW
from ota.gp.tlv import decode_tlvs
from ota.platform.flows import channel as scp  # issue 12: SCP02 or SCP03, as the batch says
from ota.platform.flows.base import (
    Command,
    FailedOutcome,
    Flow,
    FlowContext,
    FlowError,
    Outcome,
    ScriptOutcome,
)
from ota.platform.flows import content, reconcile
from ota.platform.flows.checks import Registration, check_registration, resolve_se
from ota.platform.keys import rollover
from ota.platform.models import Diversification, SeBatch, SecureElement, SeKeyState
from ota.protocol import Opening, StepResult

class TrustError(FlowError):
    """A refusal after which the SE's record may no longer match the card.

    The engine fails the operation, audits it and flags the SE for reconciliation
    (``ota.platform.trust``).
    """

    reconcile = True


# --- reading a script's answers -------------------------------------------------------------------


@dataclass
class Replies:
    """The responses of one script, by the tags the script was built with."""

    tags: list[str]
    accepts: list[list[int]]
    responses: list[ResponseApdu]
    removed: bool

    def get(self, tag: str) -> ResponseApdu | None:
        try:
            return self.responses[self.tags.index(tag)]
        except (ValueError, IndexError):
            return None

    def data(self, tag: str) -> bytes | None:
        reply = self.get(tag)
        return reply.data if reply is not None and reply.sw == SW.OK else None

    def ok(self, tag: str) -> bool:
        reply = self.get(tag)
        return reply is not None and reply.sw == SW.OK

    def all_ok(self, prefix: str) -> bool:
        """Every command whose tag starts with ``prefix`` ran and answered 9000."""
        wanted = [i for i, t in enumerate(self.tags) if t.startswith(prefix)]
        return all(i < len(self.responses) and self.responses[i].sw == SW.OK for i in wanted)

    def all_accepted(self, prefix: str) -> bool:
        """Every command whose tag starts with ``prefix`` ran and answered an accepted SW."""
        wanted = [i for i, t in enumerate(self.tags) if t.startswith(prefix)]
        return all(i < len(self.responses) and self.responses[i].sw in self.accepts[i] for i in wanted)

    @property
    def complete(self) -> bool:
        return len(self.responses) == len(self.tags) and not self.stopped_at

    def to_json(self) -> dict[str, Any]:
        return {
            "tags": self.tags,
            "accepts": self.accepts,
            "responses": [r.encode().hex().upper() for r in self.responses],
        }

    def merged(self, earlier: dict[str, Any]) -> Replies:
        """``earlier``'s answers (``to_json``), those asked again replaced by these ones."""
        mine = set(self.tags)
        keep = [i for i, t in enumerate(earlier["tags"]) if t not in mine]
        return Replies(
            [earlier["tags"][i] for i in keep] + self.tags,
            [earlier["accepts"][i] for i in keep] + self.accepts,
            [ResponseApdu.parse(bytes.fromhex(earlier["responses"][i])) for i in keep] + self.responses,
            self.removed,
        )

    @property
    def stopped_at(self) -> tuple[str, int] | None:
        """Tag and SW of the command whose answer made the terminal stop, if any."""
        if not self.responses:
            return None
        i = len(self.responses) - 1
        sw = self.responses[i].sw
        return None if sw in self.accepts[i] else (self.tags[i], sw)


def replies(ctx: FlowContext, card: dict[str, Any], result: StepResult) -> Replies:
    """The last script's answers, every R-MAC verified; ``card["channel"]`` follows the R-MAC chain."""
    plan = card.get("plan", [])
    raw = result.response_bytes()
    if len(raw) > len(plan):
        raise FlowError("step.too_many_responses")
    raw = _verified(ctx, card, plan, raw)
    try:
        responses = [ResponseApdu.parse(r) for r in raw]
    except GpError as e:
        raise FlowError("step.bad_response", detail={"reason": str(e)}) from e
    return Replies(
        [p[0] for p in plan], [p[1] for p in plan], responses, result.error == "card_removed"
    )


def _verified(ctx: FlowContext, card: dict[str, Any], plan: list[list[Any]], raw: list[bytes]) -> list[bytes]:
    """Strip and check the R-MAC of every response whose command went out under R-MAC.

    The commands are those of the script the terminal ran (``operation.script``), in order: the
    R-MAC chains over them as the card answered them (GPC 2.2.1 §E.4.5).
    """
    marked = [i for i, p in enumerate(plan[: len(raw)]) if len(p) > 2 and p[2]]
    if not marked:
        return raw
    sent = [bytes.fromhex(c["apdu"]) for c in (ctx.operation.script or {}).get("commands", [])]
    if len(sent) != len(plan):
        raise FlowError("flow.checkpoint")
    channel = _resume_channel(ctx, card)
    out = list(raw)
    for i in marked:
        try:
            out[i] = scp.unwrap(channel, raw[i], sent[i], plan[i][2])
        except (SecureMessagingError, GpError):
            raise TrustError("card.rmac_invalid", detail={"command": plan[i][0]}) from None
    card["channel"] = channel.checkpoint().to_dict()
    return out


# --- failures -------------------------------------------------------------------------------------


def card_removed() -> FailedOutcome:
    return FailedOutcome("card.removed")


def status_failure(tag: str, sw: int) -> FailedOutcome:
    """A card refusal, named after the command (its tag) and the status word."""
    codes: dict[int, str] = {
        SW.NOT_ENOUGH_MEMORY: "se.no_space",
        SW.AUTH_METHOD_BLOCKED: "scp02.key_blocked",
        SW.SECURITY_STATUS_NOT_SATISFIED: "scp02.security",
    }
    code = codes.get(sw, "card.status_word")
    return FailedOutcome(code, detail={"command": tag, "sw": f"{sw:04X}"})


def unfinished(r: Replies) -> FailedOutcome | None:
    """The failure for a script that did not run to its end, or None."""
    if r.removed:
        return card_removed()
    if r.stopped_at:
        return status_failure(*r.stopped_at)
    if len(r.responses) < len(r.tags):
        return FailedOutcome("step.incomplete")
    return None


# --- the two opening scripts -----------------------------------------------------------------------


def begin(ctx: FlowContext, seid: str) -> tuple[list[Command], dict[str, Any]]:
    """Script 1: SELECT ISD, INITIALIZE UPDATE; returns commands and card checkpoint.

    The card's identity is not asked in clear: a terminal could answer it from another card.
    """
    _, batch = resolve_se(ctx.session, seid)
    proto = scp.BatchProtocol.of(batch)
    return _script_one(batch, proto, seid, proto.host_challenge())


def opened(ctx: FlowContext, seid: str, host_challenge: bytes, opening: Opening) -> dict[str, Any] | None:
    """The card checkpoint of a script 1 the terminal already ran with an issued challenge
    (``ota.platform.challenges``), or None when its commands are not this batch's script 1
    (another key version, a 16-byte SCP03 challenge): the flow then sends script 1 itself.

    The answer's sequence counter may not be below the one this SE last reported: an answer
    collected earlier and kept is refused (``challenge.counter_stale``).
    """
    _, batch = resolve_se(ctx.session, seid)
    proto = scp.BatchProtocol.of(batch)
    if len(host_challenge) != proto.challenge_len:
        return None
    commands_, card = _script_one(batch, proto, seid, host_challenge)
    if [c.apdu for c in commands_] != [bytes.fromhex(a) for a in opening.commands]:
        return None
    answer = ResponseApdu.parse(bytes.fromhex(opening.responses[1])) if len(opening.responses) == 2 else None
    if answer is not None and answer.sw == SW.OK:
        try:
            seq = scp.read_initialize_update(proto, answer.data).seq
        except GpError:
            return card  # ``open_session`` names what is wrong with the answer
        last = ctx.session.get(SeKeyState, seid.upper())
        if last is not None and seq < last.seq:
            raise FlowError("challenge.counter_stale", detail={"seq": seq, "last_seq": last.seq})
    return card


def _script_one(
    batch: SeBatch, proto: scp.BatchProtocol, seid: str, host_challenge: bytes
) -> tuple[list[Command], dict[str, Any]]:
    script = [
        (commands.select(bytes.fromhex(batch.isd_aid)), "select", (SW.OK,)),
        (proto.initialize_update(host_challenge), "initialize_update", (SW.OK,)),
    ]
    card = {
        "seid": seid.upper(),
        "host_challenge": host_challenge.hex().upper(),
        "plan": [[tag, [int(s) for s in accept]] for _, tag, accept in script],
    }
    return [Command(c.encode(), tuple(int(s) for s in a)) for c, _, a in script], card


def open_session(ctx: FlowContext, card: dict[str, Any], result: StepResult) -> Session:
    """Check script 1's answers and open the channel; raise the flow's refusal otherwise."""
    r = replies(ctx, card, result)
    failure = unfinished(r)
    if failure is not None:
        raise _as_error(failure)
    seid = card["seid"]
    iu_data = r.data("initialize_update") or b""
    se, batch = resolve_se(ctx.session, seid)
    proto = scp.BatchProtocol.of(batch)
    level = proto.level
    try:
        iu = scp.read_initialize_update(proto, iu_data)
    except GpError as e:
        raise FlowError(f"scp0{proto.scp}.initialize_update", detail={"reason": str(e)}) from e
    if se.kdd is not None and iu.kdd.hex().upper() != se.kdd:
        raise wrong_card(seid, "kdd")
    # Keys come from the registered identity; only an SE with none yet uses the reported KDD.
    kdd = bytes.fromhex(se.kdd) if se.kdd is not None else iu.kdd
    rollover.card_contact(ctx.session, seid, iu.kvn, iu.seq)
    keys = scp.card_keys(ctx, batch, proto, kdd, iu.kvn, iu.seq)
    try:
        channel, ext_auth = scp.open_channel(proto, keys, bytes.fromhex(card["host_challenge"]), iu_data)
    except CryptogramError as e:
        raise FlowError(e.code, detail={"kvn": f"{iu.kvn:02X}"}) from e
    card = {
        **card,
        "kdd": kdd.hex().upper(),
        "kvn": iu.kvn,
        "max_command_data": max_command_data(r.get("select"), level, ctx.card.max_command_data),
        "identity": identity_source(ctx, se, batch, kdd),
    }
    session = Session(channel, card)
    session.add_raw(ext_auth, "ext_auth", (SW.OK,))
    rollover.offer(ctx, batch, session, keys, iu.kvn)  # §5.8.9.3, SCP02 and SCP03 cards
    # Inside the channel, so the answer is the card's own (R-MAC) and not the terminal's.
    if card["identity"] != "kdd":
        tag = GetDataTag.CIN if card["identity"] == "cin" else GetDataTag.CPLC
        session.send(commands.get_data(tag), f"identity:{card['identity']}")
    return session


def wrong_card(seid: str, evidence: str) -> TrustError:
    return TrustError("card.wrong_card", detail={"expected": seid, "evidence": evidence})


def identity_source(ctx: FlowContext, se: SecureElement, batch: SeBatch, kdd: bytes) -> str:
    """How this SE proves who it is inside the channel: its CIN (GET DATA 0045) or, for a card
    without one (common on real eSEs), its CPLC chip identity (GPC 2.2.1 §H.6).

    Where the batch's keys are diversified from the KDD, the channel itself proves the card
    ("kdd"): no other card can answer the cryptogram, so nothing more is read (this also names a
    card that answers neither CIN nor CPLC, issue 12).  Otherwise the CIN is read inside the
    channel, and a card that refuses it cannot be told from another (``check_identity``).
    """
    if se.cin is not None:
        return "cin"
    if se.cplc_serial is not None:
        return "cplc"
    claimed = _cplc_serial(bytes.fromhex(ctx.card.cplc or ""))
    if claimed is not None and claimed.hex().upper() == se.seid:
        return "cplc"
    if kdd.hex().upper() == se.seid and batch.diversification != Diversification.NONE:
        return "kdd"
    return "cin"


def keys_prove_identity(batch: SeBatch, se: SecureElement) -> bool:
    """Per-card keys derived from the registered KDD: only this card can answer the cryptogram."""
    return batch.diversification != Diversification.NONE and se.kdd is not None


def check_identity(ctx: FlowContext, card: dict[str, Any], r: Replies) -> None:
    """Compare the identity read inside the channel with the SE the operation names.

    A first contact with an SE that has no identity on record yet records it here (the KDD only
    when per-card keys proved it).
    """
    source = card.get("identity")
    if source == "kdd":
        se, batch = resolve_se(ctx.session, card["seid"])
        if se.kdd is None:
            se.kdd = card["kdd"]  # the cryptogram, from keys diversified with it, proved it
        return
    if source is None or r.get(f"identity:{source}") is None:
        return  # the script stopped before: ``unfinished`` reports it
    seid = card["seid"]
    se, batch = resolve_se(ctx.session, seid)
    reply = r.get(f"identity:{source}")
    if reply is not None and reply.sw != SW.OK:
        raise FlowError("card.identity_unproven", detail={"batch": batch.name, "sw": f"{reply.sw:04X}"})
    data = r.data(f"identity:{source}")
    if source == "cin":
        found = _cin(data)
        expected = se.cin or seid
    else:
        found = _cplc_serial(data or b"")
        expected = se.cplc_serial or seid
    if found is None or found.hex().upper() != expected:
        raise wrong_card(seid, source)
    if source == "cin" and se.cin is None:
        se.cin = expected
    if source == "cplc" and se.cplc_serial is None:
        se.cplc_serial = expected
    if se.kdd is None and batch.diversification != Diversification.NONE:
        se.kdd = card["kdd"]


def _cplc_serial(data: bytes) -> bytes | None:
    if not data:
        return None
    try:
        return parse_cplc(data).serial
    except GpError:
        return None


def max_command_data(select: ResponseApdu | None, level: int, offered: int = SHORT_MAX_LC) -> int:
    """The card's limit on a command's data field (FCI tag 9F65, GPC 2.2.1 §11.9.3.1), at most 255
    unless the terminal ``offered`` extended length (its reader and the card's ATR allow it,
    ISO 7816-4 §5.1): then the smaller of the two, so both sides must agree to go past 255.

    No FCI, no 9F65, an FCI that does not parse, or a value too small to carry one wrapped
    byte at ``level`` (0 is what some cards say for "not given") all mean no limit but the
    short APDU's: a strict reading would fail every card whose FCI is merely sloppy.
    """
    if select is None or not select.data:
        return SHORT_MAX_LC
    try:
        advertised = parse_fci(select.data).max_block_size
    except GpError:
        return SHORT_MAX_LC
    if advertised is None or max_plain_data(level, advertised) < 1:
        return SHORT_MAX_LC
    return min(advertised, max(offered, SHORT_MAX_LC))


def _cin(data: bytes | None) -> bytes | None:
    """The Card Image Number (the SEID here), with or without its ``45`` TLV wrapper."""
    if not data:
        return None
    try:
        tlvs = decode_tlvs(data)
    except GpError:
        return data
    return tlvs[0].value if len(tlvs) == 1 and tlvs[0].tag == GetDataTag.CIN else data


def resume_session(ctx: FlowContext, card: dict[str, Any]) -> Session:
    """Continue the channel of a previous script (its answers all accepted) for the next one."""
    return Session(_resume_channel(ctx, card), card)


def _resume_channel(ctx: FlowContext, card: dict[str, Any]) -> scp.HostSide:
    _, batch = resolve_se(ctx.session, card["seid"])
    proto = scp.BatchProtocol.of(batch)
    try:
        return scp.resume_channel(ctx, batch, proto, bytes.fromhex(card["kdd"]), card["kvn"], card["channel"])
    except GpError as e:
        raise FlowError("scp.checkpoint", detail={"reason": str(e)}) from None


def _as_error(failure: FailedOutcome) -> FlowError:
    return FlowError(failure.code, params=failure.params, detail=failure.detail)


# --- building a script inside the channel ---------------------------------------------------------


class Session:
    """Commands for one script, wrapped in order by the channel (the C-MAC chain follows them)."""

    def __init__(self, channel: scp.HostSide, card: dict[str, Any]) -> None:
        self.channel = channel
        self.card = dict(card)
        self._commands: list[Command] = []
        self._plan: list[list[Any]] = []
        self.load_blocks = 0
        self.open = True

    @property
    def max_data(self) -> int:
        """Largest plaintext data per command: 247 under C-MAC, 239 under C-DECRYPTION, less
        when the card's FCI names a smaller command data field (9F65)."""
        return scp.max_plain_data(self.channel, self._max_command_data)

    @property
    def _max_command_data(self) -> int:
        return int(self.card.get("max_command_data", SHORT_MAX_LC))

    def send(self, command: CommandApdu, tag: str, accept: tuple[int, ...] = (SW.OK,)) -> None:
        """A GP command to the ISD, through the secure channel; in extended form (ISO 7816-4
        §5.1) only when terminal and card agreed on it and the command does not fit a short one."""
        if not self.open:
            raise RuntimeError("the secure channel was closed by a SELECT earlier in this script")
        extended = self._max_command_data > SHORT_MAX_LC and len(command.data) > scp.max_plain_data(
            self.channel, SHORT_MAX_LC
        )
        wrapped = self.channel.wrap(command.encode(extended=extended))
        rmac = scp.response_mark(self.channel) if self.channel.level & SecurityLevel.R_MAC else False
        self.add_raw(wrapped, tag, accept, rmac=rmac)
        if tag.startswith("load:"):
            self.load_blocks += 1

    def send_plain(self, apdu: bytes, tag: str, accept: tuple[int, ...] = (SW.OK,)) -> None:
        """A command outside the channel (personalisation mode 1); a SELECT ends the channel."""
        if apdu[1:2] == b"\xa4":
            self.open = False
        self.add_raw(apdu, tag, accept)

    def add_raw(self, apdu: bytes, tag: str, accept: tuple[int, ...], rmac: bool = False) -> None:
        """``rmac``: the card's answer carries an R-MAC that ``replies`` must verify."""
        self._commands.append(Command(apdu, tuple(int(s) for s in accept)))
        self._plan.append([tag, [int(s) for s in accept], rmac])

    def __len__(self) -> int:
        return len(self._commands)

    def script(self, checkpoint: dict[str, Any]) -> ScriptOutcome:
        """The outcome for the terminal; ``checkpoint["card"]`` gets the channel and the plan."""
        card = {**self.card, "plan": self._plan, "channel": self.channel.checkpoint().to_dict()}
        return ScriptOutcome(
            commands=list(self._commands),
            checkpoint={**checkpoint, "card": card},
            load_blocks=self.load_blocks,
        )


# --- the shape of a one-card flow ------------------------------------------------------------------


class CardFlow(Flow):
    """A flow on the card of the operation: checks, script 1, script 2 and what follows.

    Subclasses implement ``prepare`` (checks before the card; returns the flow's own
    checkpoint), ``authenticated`` (script 2, given the opened session) and ``answered`` (every
    later step, given the answers of the last script).

    Before a flow writes, the card must have shown it is the SE the operation names.  When the
    keys alone prove it (per-card keys derived from the registered KDD), the identity read and
    the flow's first commands share script 2.  When they do not (batch-wide keys) and the flow
    writes in its first script (``writes_at_once``), or the record must first be reconciled
    with the card, script 2 only authenticates, reads the identity (and the registry) and the
    flow's commands follow one round trip later (``phase: identify``).
    """

    write: ClassVar[bool] = True
    allow_lost: ClassVar[bool] = False
    writes_at_once: ClassVar[bool] = False

    def start(self, ctx: FlowContext) -> Outcome:
        registration = check_registration(ctx, ctx.card.seid, write=self.write, allow_lost=self.allow_lost)
        return self._script_one(ctx, self.prepare(ctx, registration))

    def start_opened(self, ctx: FlowContext, host_challenge: bytes, opening: Opening) -> Outcome:
        """``start`` when the terminal already ran script 1 with an issued challenge: the same
        checks, then straight on to script 2 as if script 1's answers had been posted."""
        registration = check_registration(ctx, ctx.card.seid, write=self.write, allow_lost=self.allow_lost)
        state = self.prepare(ctx, registration)
        card = opened(ctx, ctx.card.seid, host_challenge, opening)
        if card is None:
            return self._script_one(ctx, state)
        result = StepResult(step=1, responses=opening.responses, completed=len(opening.responses) == 2)
        return self.advance(ctx, {"phase": "open", "flow": state, "card": card}, result)

    def _script_one(self, ctx: FlowContext, state: dict[str, Any]) -> Outcome:
        commands_, card = begin(ctx, ctx.card.seid)
        return ScriptOutcome(
            commands_,
            {"phase": "open", "flow": state, "card": card},
        )

    def advance(self, ctx: FlowContext, checkpoint: dict[str, Any], result: StepResult) -> Outcome:
        phase, card = checkpoint.get("phase"), checkpoint["card"]
        if phase == "open":
            session = open_session(ctx, card, result)
            se, batch = resolve_se(ctx.session, card["seid"])
            reconciling = reconcile.wanted(ctx, card["seid"])
            if reconciling:
                reconcile.ask(session)
            if self.write and (reconciling or (self.writes_at_once and not keys_prove_identity(batch, se))):
                return session.script({"phase": "identify", "flow": checkpoint["flow"]})
            return self.authenticated(ctx, checkpoint["flow"], session)
        r = replies(ctx, card, result)
        check_identity(ctx, card, r)
        rollover.settle(ctx, card, r)
        _, batch = resolve_se(ctx.session, card["seid"])
        findings = reconcile.apply(ctx, card["seid"], r, authenticated=not batch.reported_outcomes)
        if findings is not None:
            card["reconciled"] = findings  # carried to the done result of a later step
        if "reconciled" in card:
            ctx.findings["reconciliation"] = card["reconciled"]
        if phase == "pages":
            r = r.merged(checkpoint["earlier"])
            phase, checkpoint = checkpoint["then"], {**checkpoint, "phase": checkpoint["then"]}
        elif unfinished(r) is None and (wanted := content.more_pages(r)):
            session = resume_session(ctx, card)
            content.send_pages(session, wanted)
            state = {"phase": "pages", "then": phase, "flow": checkpoint["flow"], "earlier": r.to_json()}
            return session.script(state)
        if phase == "identify":
            failure = unfinished(r)
            if failure is not None:
                return failure
            if findings and findings["diverged"]:
                return se_reconciled(findings)
            return self.authenticated(ctx, checkpoint["flow"], resume_session(ctx, card))
        return self.answered(ctx, checkpoint, r)

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        return {}

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        raise NotImplementedError

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        raise NotImplementedError


def se_reconciled(findings: dict[str, Any]) -> FailedOutcome:
    """The record did not match the card; it now does (or is flagged): the clerk starts again."""
    return FailedOutcome("se.reconciled", detail=findings)
