"""The secure channel of a batch, whatever its protocol (issue 12): SCP02 or SCP03.

``flows/secure.py`` opens, resumes and uses the channel only through this module, so a flow
never knows which protocol its card speaks.  The batch says (``SeBatch.scp``, ``scp_i``,
``scp_level``, ``scp_kvn``); the card's INITIALIZE UPDATE response must agree.

Both host channels (``ota.gp.scp02.HostChannel``, ``ota.gp.scp03.Scp03HostChannel``) share
one shape: ``level``, ``wrap(apdu)``, ``unwrap(response, command)``, ``encrypt_sensitive(data)``
and ``checkpoint().to_dict()``; :data:`HostSide` names it.  A checkpoint of an SCP03 channel
carries ``"scp": 3``; one without ``scp`` is SCP02 (checkpoints written before this change).

Levels: a batch names C-MAC (01) or C-MAC + C-DECRYPTION (03); the platform adds R-MAC (11, 13)
whenever the batch's cards advertise it in ``i`` (b6, 0x20, in both SCP02's Table E-1 and SCP03's
Amendment D §5.1), so that every outcome is read from an authenticated answer (issue 9). A batch
whose cards cannot R-MAC must say so (``SeBatch.reported_outcomes``) or it is refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ota.gp.apdu import CommandApdu
from ota.gp.constants import SecurityLevel
from ota.gp.diversify_aes import KDF3
from ota.gp.errors import GpError
from ota.gp.scp02 import ChannelCheckpoint, HostChannel, Scp02Options, parse_initialize_update
from ota.gp.scp02_cipher import SessionCipher
from ota.gp.scp02_sm import max_plain_data as scp02_max_plain_data
from ota.gp.scp03 import Scp03Checkpoint, Scp03Error, Scp03HostChannel, Scp03KeySource, Scp03Options
from ota.gp.scp03 import parse_initialize_update as parse_scp03_initialize_update
from ota.gp.scp03_sm import max_plain_data as scp03_max_plain_data
from ota.platform.flows.base import FlowError

if TYPE_CHECKING:
    from ota.platform.flows.base import FlowContext
    from ota.platform.models import SeBatch

SCP02 = 0x02
SCP03 = 0x03
FLOW_LEVELS = (SecurityLevel.C_MAC, SecurityLevel.C_MAC | SecurityLevel.C_DECRYPTION)
RMAC_SUPPORT = 0x20  # b6 of i: SCP02 GPC 2.2.1 Table E-1, SCP03 Amendment D §5.1
_RESPONSE_BITS = 0x30  # R-MAC and R-ENC: chosen here from the card's i, not by the batch

#: Where host challenges come from.  A replay test (app/reader/replay.py) swaps in the recorded
#: ones so a field trace repeats byte for byte; nothing else may change it.
challenge_source: Callable[[int], bytes] = os.urandom

HostSide = HostChannel | Scp03HostChannel
Keys = SessionCipher | Scp03KeySource
"""SCP02: the session cipher the key service holds (static keys never leave it, an HSM for the
PKCS#11 back end); SCP03: the batch's AES keys (software key service only, for now)."""


class _Checkpoint(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class BatchProtocol:
    """What a batch asks of its cards' secure channel."""

    scp: int
    i: int
    level: int
    kvn: int = 0

    @classmethod
    def of(cls, batch: SeBatch) -> BatchProtocol:
        """The batch's protocol, refused with a typed error when the platform cannot run it."""
        scp = int(getattr(batch, "scp", SCP02) or SCP02)
        base = int(batch.scp_level) & ~_RESPONSE_BITS
        proto = cls(scp, int(batch.scp_i), base, int(getattr(batch, "scp_kvn", 0) or 0))
        if scp not in (SCP02, SCP03):
            raise FlowError("scp.protocol_unsupported", detail={"batch": batch.name, "scp": scp})
        if proto.level not in FLOW_LEVELS:
            code = "scp02.level_unsupported" if scp == SCP02 else "scp03.level_unsupported"
            raise FlowError(code, detail={"batch": batch.name, "level": f"{batch.scp_level:02X}"})
        if proto.i & RMAC_SUPPORT:
            proto = cls(scp, proto.i, base | SecurityLevel.R_MAC, proto.kvn)
        elif not getattr(batch, "reported_outcomes", False):
            raise FlowError("batch.rmac_unavailable", detail={"batch": batch.name})
        try:
            if scp == SCP02:
                Scp02Options(proto.i)
            else:
                Scp03Options(proto.i).check_level(proto.level)
        except GpError as e:
            raise FlowError(
                f"scp{scp:02X}.parameter".lower(), detail={"batch": batch.name, "i": f"{proto.i:02X}", "reason": str(e)}
            ) from None
        return proto

    @property
    def challenge_len(self) -> int:
        """8-byte host challenge, 16 for an SCP03 card in S16 mode (Amendment D §7.1.1)."""
        return 16 if self.scp == SCP03 and self.i & 0x01 else 8

    def host_challenge(self) -> bytes:
        return challenge_source(self.challenge_len)

    def initialize_update(self, host_challenge: bytes) -> CommandApdu:
        """INITIALIZE UPDATE with the batch's key version (GPC 2.2.1 §11.11; Amendment D §7.1.1)."""
        return CommandApdu(0x80, 0x50, self.kvn, 0x00, host_challenge, 256)


@dataclass(frozen=True)
class CardKeyInfo:
    """What INITIALIZE UPDATE told about the card's keys: its KDD, the key version used and the
    sequence counter (SCP03 cards without a pseudo-random challenge give none: 0)."""

    kdd: bytes
    kvn: int
    seq: int = 0


def read_initialize_update(proto: BatchProtocol, data: bytes) -> CardKeyInfo:
    """The KDD and key version, once the response is in the batch's protocol; ``GpError`` if not."""
    if len(data) > 11 and data[11] != proto.scp:
        raise Scp03Error(f"the card answered in SCP{data[11]:02X}, its batch is configured for SCP{proto.scp:02X}")
    if proto.scp == SCP03:
        iu = parse_scp03_initialize_update(data)
        if iu.i != proto.i:
            raise Scp03Error(f"the card speaks SCP03 i={iu.i:02X}, its batch says i={proto.i:02X}")
        return CardKeyInfo(iu.kdd, iu.kvn, iu.seq or 0)
    scp02 = parse_initialize_update(data)
    return CardKeyInfo(scp02.kdd, scp02.kvn, scp02.seq)


def card_keys(ctx: FlowContext, batch: SeBatch, proto: BatchProtocol, kdd: bytes, kvn: int, seq: int) -> Keys:
    """What opens this card's channel, on the key version the card named (§5.8.9.3: several are
    in use at once); refused before any cryptogram when the platform does not hold it."""
    versions = ctx.keystore.key_versions(batch.key_set_ref, session=ctx.session)
    if kvn not in versions:
        raise FlowError(
            "keys.card_version_unknown",
            detail={"kvn": f"{kvn:02X}", "key_set": batch.key_set_ref},
            params={"kvn": kvn},
        )
    if proto.scp == SCP03:
        method = str(batch.diversification).lower() or "none"
        if method not in ("none", KDF3):
            raise FlowError(
                "scp03.diversification", detail={"batch": batch.name, "method": method, "supported": "none, kdf3"}
            )
        # The key service diversifies (KDF3) where the master key lives: in an HSM, inside it.
        return ctx.keystore.get_scp03_keys(
            batch.key_set_ref, kvn, session=ctx.session, kdd=kdd, diversification=method
        )
    return ctx.keystore.session_cipher(
        batch.key_set_ref, kdd, batch.diversification, kvn, seq, session=ctx.session
    )


def open_channel(
    proto: BatchProtocol, keys: Keys, host_challenge: bytes, iu_data: bytes
) -> tuple[HostSide, bytes]:
    """The host channel and the EXTERNAL AUTHENTICATE to send; ``CryptogramError`` on wrong keys."""
    if isinstance(keys, Scp03KeySource):
        return Scp03HostChannel.open(keys, host_challenge, iu_data, proto.level)
    return HostChannel.open_with(keys, host_challenge, iu_data, proto.level, Scp02Options(proto.i))


def resume_channel(
    ctx: FlowContext, batch: SeBatch, proto: BatchProtocol, kdd: bytes, kvn: int, checkpoint: dict[str, Any]
) -> HostSide:
    """The channel of a checkpoint written by ``checkpoint().to_dict()``."""
    if checkpoint.get("scp") == SCP03:
        keys = card_keys(ctx, batch, proto, kdd, kvn, 0)
        if not isinstance(keys, Scp03KeySource):
            raise Scp03Error("an SCP03 checkpoint needs the batch's AES keys")
        return Scp03HostChannel.resume(keys, Scp03Checkpoint.from_dict(checkpoint))
    scp02 = ChannelCheckpoint.from_dict(checkpoint)
    cipher = card_keys(ctx, batch, proto, kdd, kvn, scp02.seq)
    if isinstance(cipher, Scp03KeySource):
        raise Scp03Error("an SCP02 checkpoint needs the batch's DES keys")
    return HostChannel.resume_with(cipher, scp02)


def max_plain_data(channel: HostSide, max_command_data: int) -> int:
    """Largest plaintext data per command that fits the card's 9F65 once wrapped (above 255 only
    when the checkpoint's limit says terminal and card agreed on extended length)."""
    extended = max_command_data > 255
    if isinstance(channel, Scp03HostChannel):
        return scp03_max_plain_data(channel.level, channel.options.block_len, max_command_data, extended)
    return scp02_max_plain_data(channel.level, max_command_data, extended)


def response_mark(channel: HostSide) -> Any:
    """Recorded in the plan beside a command sent under R-MAC, to check its answer later.

    SCP02 chains R-MACs over the answers in order, so the resumed channel needs nothing more
    (``True``); SCP03 binds each answer to its own command's chaining value and counter.
    """
    if isinstance(channel, Scp03HostChannel):
        chain, counter = channel.response_mark()
        return {"chain": chain.hex().upper(), "counter": counter}
    return True


def unwrap(channel: HostSide, response: bytes, command: bytes, mark: Any) -> bytes:
    """Check and strip the R-MAC of ``response``, the card's answer to ``command``."""
    if isinstance(channel, Scp03HostChannel):
        if not isinstance(mark, dict):
            raise Scp03Error("no response mark recorded for an SCP03 command")
        return channel.unwrap_at(response, (bytes.fromhex(mark["chain"]), int(mark["counter"])))
    return channel.unwrap(response, command)
