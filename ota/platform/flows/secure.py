"""Opening an SCP02 secure channel across two scripts, and building the scripts inside it.

Every flow talks to a card the same way (DESIGN.md §3, GPC 2.2.1 Appendix E):

* script 1 (:func:`begin`): SELECT the ISD, GET DATA 0045 (the SEID: a card that is not the
  one the operation started with fails with ``card.wrong_card`` before any authentication),
  INITIALIZE UPDATE with a fresh host challenge.  The checkpoint keeps the host challenge.
* script 2 (:func:`open_session`): the card cryptogram is checked *before* anything more is
  sent (a card counts failed authentications), then EXTERNAL AUTHENTICATE and every command
  that does not depend on a card answer, each wrapped by the ``HostChannel``.

A :class:`Session` records, next to each command, a ``tag`` naming what it is for; the tags go
into the checkpoint (``plan``) so the next step can read the answers by name
(:class:`Replies`).  The checkpoint holds the channel's ``ChannelCheckpoint`` (sequence counter,
level, MAC chaining values) and the card's key derivation data, never a key: the next step
asks the key service again for the session's cipher (keys stay in the key service, an HSM for
the PKCS#11 back end) and resumes the channel.  ``ota.platform.keys.rollover`` records each
card's key version and counter at this contact and may add a PUT KEY (§5.8.9.3).

Security levels 01 (C-MAC) and 03 (C-MAC + C-DECRYPTION) are supported; R-MAC is not, so
responses are read as they come.

Block size: the ISD's FCI (script 1's SELECT answer) may name the largest command data field
the card takes (tag 9F65, GPC 2.2.1 §11.9.3.1).  It is kept in the checkpoint as
``max_command_data`` (a plain int, 255 when the card names none or nonsense) and every chained
command (LOAD, STORE DATA) is cut to :attr:`Session.max_data`: what fits once wrapped at the
session's level (``max_plain_data``: 9F65 - 8 under C-MAC, floor8(9F65 - 8) - 1 under
C-DECRYPTION), as GlobalPlatformPro does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, ClassVar

from ota.gp import commands
from ota.gp.apdu import CommandApdu, ResponseApdu
from ota.gp.constants import GetDataTag, SecurityLevel
from ota.gp.errors import CryptogramError, GpError
from ota.gp.responses import parse_fci
from ota.gp.scp02 import ChannelCheckpoint, HostChannel, Scp02Options, parse_initialize_update
from ota.gp.scp02_cipher import SessionCipher
from ota.gp.scp02_sm import SHORT_MAX_LC, max_plain_data
from ota.gp.sw import SW, describe
from ota.gp.tlv import decode_tlvs
from ota.platform.flows.base import (
    Command,
    FailedOutcome,
    Flow,
    FlowContext,
    FlowError,
    Outcome,
    ScriptOutcome,
)
from ota.platform.flows.checks import Registration, check_registration, resolve_se
from ota.platform.keys import rollover
from ota.platform.models import SeBatch
from ota.protocol import StepResult

_LEVELS = (SecurityLevel.C_MAC, SecurityLevel.C_MAC | SecurityLevel.C_DECRYPTION)
# Whatever the card says to GET DATA CIN, go on to INITIALIZE UPDATE: the check is a bonus.
_CIN_ACCEPT = (
    SW.OK,
    SW.REFERENCED_DATA_NOT_FOUND,
    SW.FILE_NOT_FOUND,
    SW.INCORRECT_P1P2,
    SW.INS_NOT_SUPPORTED,
    SW.CLA_NOT_SUPPORTED,
    SW.SECURITY_STATUS_NOT_SATISFIED,
    SW.CONDITIONS_NOT_SATISFIED,
)


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

    @property
    def stopped_at(self) -> tuple[str, int] | None:
        """Tag and SW of the command whose answer made the terminal stop, if any."""
        if not self.responses:
            return None
        i = len(self.responses) - 1
        sw = self.responses[i].sw
        return None if sw in self.accepts[i] else (self.tags[i], sw)


def replies(card: dict[str, Any], result: StepResult) -> Replies:
    plan = card.get("plan", [])
    try:
        responses = [ResponseApdu.parse(r) for r in result.response_bytes()]
    except GpError as e:
        raise FlowError("step.bad_response", "终端上报的响应格式错误", f"malformed response: {e}") from e
    if len(responses) > len(plan):
        raise FlowError(
            "step.too_many_responses",
            "终端上报的响应多于下发的指令",
            f"{len(responses)} responses to a script of {len(plan)} commands",
        )
    return Replies(
        [p[0] for p in plan], [p[1] for p in plan], responses, result.error == "card_removed"
    )


# --- failures -------------------------------------------------------------------------------------


def card_removed() -> FailedOutcome:
    return FailedOutcome(
        "card.removed",
        "卡片在操作过程中被移开,请重新放好卡片后再次办理",
        "the card left the reader during the operation; put it back and run the service again",
    )


def status_failure(tag: str, sw: int) -> FailedOutcome:
    """A card refusal, named after the command (its tag) and the status word."""
    code = {
        SW.NOT_ENOUGH_MEMORY: "se.no_space",
        SW.AUTH_METHOD_BLOCKED: "scp02.key_blocked",
        SW.SECURITY_STATUS_NOT_SATISFIED: "scp02.security",
    }.get(sw, "card.status_word")
    command = tag.split(":")[0]
    return FailedOutcome(
        code,
        f"卡片拒绝了指令 {command}(状态字 {sw:04X}:{describe(sw)})",
        f"the card refused {command} with SW {sw:04X} ({describe(sw)})",
        detail={"command": tag, "sw": f"{sw:04X}"},
    )


def unfinished(r: Replies) -> FailedOutcome | None:
    """The failure for a script that did not run to its end, or None."""
    if r.removed:
        return card_removed()
    if r.stopped_at:
        return status_failure(*r.stopped_at)
    if len(r.responses) < len(r.tags):
        return FailedOutcome(
            "step.incomplete",
            "终端未执行完全部指令",
            f"the terminal ran {len(r.responses)} of {len(r.tags)} commands",
        )
    return None


# --- the two opening scripts -----------------------------------------------------------------------


def begin(ctx: FlowContext, seid: str) -> tuple[list[Command], dict[str, Any]]:
    """Script 1: SELECT ISD, GET DATA CIN, INITIALIZE UPDATE; returns commands and card checkpoint."""
    _, batch = resolve_se(ctx.session, seid)
    host_challenge = os.urandom(8)
    script = [
        (commands.select(bytes.fromhex(batch.isd_aid)), "select", (SW.OK,)),
        # CLA 00: an interindustry GET DATA stays outside a secure channel a previous
        # operation may have left open on the re-selected ISD.
        (commands.get_data(GetDataTag.CIN, cla=0x00), "cin", _CIN_ACCEPT),
        (commands.initialize_update(host_challenge), "initialize_update", (SW.OK,)),
    ]
    card = {
        "seid": seid.upper(),
        "host_challenge": host_challenge.hex().upper(),
        "plan": [[tag, [int(s) for s in accept]] for _, tag, accept in script],
    }
    return [Command(c.encode(), tuple(int(s) for s in a)) for c, _, a in script], card


def open_session(ctx: FlowContext, card: dict[str, Any], result: StepResult) -> Session:
    """Check script 1's answers and open the channel; raise the flow's refusal otherwise."""
    r = replies(card, result)
    failure = unfinished(r)
    if failure is not None:
        raise _as_error(failure)
    seid = card["seid"]
    cin = _cin(r.data("cin"))
    if cin is not None and cin.hex().upper() != seid:
        raise FlowError(
            "card.wrong_card",
            "读卡器上的卡不是开始办理时的那张卡,请放回原卡",
            f"the card on the reader ({cin.hex().upper()}) is not the one the operation started with ({seid})",
            detail={"expected": seid, "found": cin.hex().upper()},
        )
    iu_data = r.data("initialize_update") or b""
    try:
        iu = parse_initialize_update(iu_data)
    except GpError as e:
        raise FlowError("scp02.initialize_update", "卡片对安全通道初始化的应答无效", str(e)) from e
    _, batch = resolve_se(ctx.session, seid)
    level = _level(batch)
    rollover.card_contact(ctx.session, seid, iu.kvn, iu.seq)
    kvn = _key_version(ctx, batch, iu.kvn)
    cipher = _cipher(ctx, batch, iu.kdd, kvn, iu.seq)
    try:
        channel, ext_auth = HostChannel.open_with(
            cipher, bytes.fromhex(card["host_challenge"]), iu_data, level, Scp02Options(batch.scp_i)
        )
    except CryptogramError as e:
        raise FlowError(
            e.code,
            "卡片认证失败:平台密钥与卡片不匹配。请勿重试,以免卡片锁定,请联系技术支持",
            "card authentication failed: the platform's keys do not match this card. "
            "Do not retry (the card may block its keys); contact support",
            detail={"kvn": f"{iu.kvn:02X}", "seq": iu.seq},
        ) from e
    card = {
        **card,
        "kdd": iu.kdd.hex().upper(),
        "kvn": kvn,
        "max_command_data": max_command_data(r.get("select"), level),
    }
    session = Session(channel, card)
    session.add_raw(ext_auth, "ext_auth", (SW.OK,))
    rollover.offer(ctx, batch, session, cipher, iu.kvn)
    return session


def max_command_data(select: ResponseApdu | None, level: int) -> int:
    """The card's limit on a command's data field (FCI tag 9F65, GPC 2.2.1 §11.9.3.1), at most 255.

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
    return min(advertised, SHORT_MAX_LC)


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
    _, batch = resolve_se(ctx.session, card["seid"])
    checkpoint = ChannelCheckpoint.from_dict(card["channel"])
    cipher = _cipher(ctx, batch, bytes.fromhex(card["kdd"]), card["kvn"], checkpoint.seq)
    return Session(HostChannel.resume_with(cipher, checkpoint), card)


def _level(batch: SeBatch) -> int:
    if batch.scp_level not in _LEVELS:
        raise FlowError(
            "scp02.level_unsupported",
            f"批次 {batch.name} 配置的安全级别不受支持",
            f"security level {batch.scp_level:02X} of batch {batch.name} is not supported (01 or 03)",
        )
    return batch.scp_level


def _key_version(ctx: FlowContext, batch: SeBatch, kvn: int) -> int:
    """The version the card named in INITIALIZE UPDATE (§5.8.9.3: several are in use at once);
    refused before any cryptogram when the platform does not hold it."""
    versions = ctx.keystore.key_versions(batch.key_set_ref, session=ctx.session)
    if kvn not in versions:
        raise FlowError(
            "keys.card_version_unknown",
            f"卡片使用的密钥版本 {kvn:02X} 平台未导入,请联系密钥管理员导入该版本后再办理",
            f"the card uses key version {kvn:02X}, which the platform does not hold; "
            "ask the key custodian to import it, then run the service again",
            detail={"kvn": f"{kvn:02X}", "key_set": batch.key_set_ref},
        )
    return kvn


def _cipher(ctx: FlowContext, batch: SeBatch, kdd: bytes, kvn: int, seq: int) -> SessionCipher:
    """The session, from the batch's keys diversified with the card's KDD, in the key service."""
    return ctx.keystore.session_cipher(batch.key_set_ref, kdd, batch.diversification, kvn, seq, session=ctx.session)


def _as_error(failure: FailedOutcome) -> FlowError:
    return FlowError(failure.code, failure.message_zh, failure.message_en, detail=failure.detail)


# --- building a script inside the channel ---------------------------------------------------------


class Session:
    """Commands for one script, wrapped in order by the channel (the C-MAC chain follows them)."""

    def __init__(self, channel: HostChannel, card: dict[str, Any]) -> None:
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
        return max_plain_data(self.channel.level, int(self.card.get("max_command_data", SHORT_MAX_LC)))

    def send(self, command: CommandApdu, tag: str, accept: tuple[int, ...] = (SW.OK,)) -> None:
        """A GP command to the ISD, through the secure channel."""
        if not self.open:
            raise RuntimeError("the secure channel was closed by a SELECT earlier in this script")
        self.add_raw(self.channel.wrap(command.encode()), tag, accept)
        if tag.startswith("load:"):
            self.load_blocks += 1

    def send_plain(self, apdu: bytes, tag: str, accept: tuple[int, ...] = (SW.OK,)) -> None:
        """A command outside the channel (personalisation mode 1); a SELECT ends the channel."""
        if apdu[1:2] == b"\xa4":
            self.open = False
        self.add_raw(apdu, tag, accept)

    def add_raw(self, apdu: bytes, tag: str, accept: tuple[int, ...]) -> None:
        self._commands.append(Command(apdu, tuple(int(s) for s in accept)))
        self._plan.append([tag, [int(s) for s in accept]])

    def __len__(self) -> int:
        return len(self._commands)

    def script(self, checkpoint: dict[str, Any], note_zh: str = "", note_en: str = "") -> ScriptOutcome:
        """The outcome for the terminal; ``checkpoint["card"]`` gets the channel and the plan."""
        card = {**self.card, "plan": self._plan, "channel": self.channel.checkpoint().to_dict()}
        return ScriptOutcome(
            commands=list(self._commands),
            checkpoint={**checkpoint, "card": card},
            note_zh=note_zh,
            note_en=note_en,
            load_blocks=self.load_blocks,
        )


# --- the shape of a one-card flow ------------------------------------------------------------------


class CardFlow(Flow):
    """A flow on the card of the operation: checks, script 1, script 2 and what follows.

    Subclasses implement ``prepare`` (checks before the card; returns the flow's own
    checkpoint), ``authenticated`` (script 2, given the opened session) and ``answered`` (every
    later step, given the answers of the last script).
    """

    write: ClassVar[bool] = True
    allow_lost: ClassVar[bool] = False

    def start(self, ctx: FlowContext) -> Outcome:
        registration = check_registration(ctx, ctx.card.seid, write=self.write, allow_lost=self.allow_lost)
        state = self.prepare(ctx, registration)
        commands_, card = begin(ctx, ctx.card.seid)
        return ScriptOutcome(
            commands_,
            {"phase": "open", "flow": state, "card": card},
            note_zh="建立安全通道",
            note_en="opening the secure channel",
        )

    def advance(self, ctx: FlowContext, checkpoint: dict[str, Any], result: StepResult) -> Outcome:
        if checkpoint.get("phase") == "open":
            return self.authenticated(ctx, checkpoint["flow"], open_session(ctx, checkpoint["card"], result))
        answers = replies(checkpoint["card"], result)
        rollover.settle(ctx, checkpoint["card"], answers)
        return self.answered(ctx, checkpoint, answers)

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        return {}

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        raise NotImplementedError

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        raise NotImplementedError
