"""SCP02 secure channel, host side (GlobalPlatform Card Specification 2.2.1, Appendix E).

Explicit initiation only (INITIALIZE UPDATE + EXTERNAL AUTHENTICATE), C-MAC on the modified APDU,
ICV zero for EXTERNAL AUTHENTICATE: the i parameters with b2=0, b3=1, b4=0 (04/05/14/15/44/45/54/55
and their R-MAC-support twins).  For the host,
i=15 and i=55 are wire-identical (only the card's way of picking its challenge differs); i=05/45
drop the ICV encryption of E.3.4.

The card side (``CardChannel``) lives in ``ota.gp.scp02_card`` and is re-exported here.

Sequence counter rules (E.1.2), for the card that stores the counters:
  * one counter per key set (KVN); session keys use the counter value reported in the INITIALIZE
    UPDATE response;
  * it is incremented by 1 when, and only when, the first C-MAC of a session verifies - for
    explicit initiation that is the EXTERNAL AUTHENTICATE C-MAC - before the command is processed;
    an invalid first C-MAC leaves it unchanged;
  * it is reset to 0 when any key of the set is created or updated (PUT KEY);
  * it never wraps to 0 (cards need not go beyond 32767).
See ``next_sequence_counter`` and ``CardChannel.first_cmac_verified``.

Nothing in this module logs; reprs and exception messages never contain key material.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ota.gp.apdu import (
    EXTENDED_MAX_DATA,
    EXTENDED_MAX_LE,
    SHORT_MAX_DATA,
    SHORT_MAX_LE,
    CommandApdu,
    is_extended_encoding,
)
from ota.gp.constants import SecurityLevel
from ota.gp.crypto import (
    ZERO_ICV,
    CryptoInputError,
    kcv_des,
    mac_full_3des,
    mac_retail,
    pad80,
    tdes_cbc_encrypt,
    unpad80,
)
from ota.gp.errors import ApduFormatError, CryptogramError, GpError, SecureMessagingError
from ota.gp.scp02_cipher import SessionCipher, SoftwareSessionCipher
from ota.gp.scp02_sm import (
    MAC_LEN,
    VALID_LEVELS,
    command_mac_input,
    has_secure_messaging,
    max_plain_data,
    response_mac_input,
    with_secure_messaging,
    without_secure_messaging,
)

MAX_SEQUENCE_COUNTER = 0xFFFF
IU_RESPONSE_LEN = 28
SCP02 = 0x02


class DerivationConstant(IntEnum):
    """Session key derivation constants, GPC 2.2.1 §E.4.1."""

    C_MAC = 0x0101
    R_MAC = 0x0102
    DEK = 0x0181
    ENC = 0x0182


class CheckpointError(GpError, ValueError):
    """A stored channel checkpoint is malformed."""

    code = "scp02.checkpoint"


def _redacted_repr(name: str, **visible: Any) -> str:
    shown = ", ".join(f"{k}={v}" for k, v in visible.items())
    return f"{name}({shown}{', ' if shown else ''}keys=<redacted>)"


def _require_len(name: str, value: bytes, length: int) -> None:
    if len(value) != length:
        raise ApduFormatError(f"{name} must be {length} bytes, got {len(value)}")


@dataclass(frozen=True, repr=False)
class StaticKeys:
    """The static key set of a security domain (GPC 2.2.1 §E.2, Table E-3)."""

    enc: bytes
    mac: bytes
    dek: bytes
    kvn: int = 0

    def __post_init__(self) -> None:
        for name in ("enc", "mac", "dek"):
            if len(getattr(self, name)) != 16:
                raise GpError(f"static {name} key must be 16 bytes, got {len(getattr(self, name))}")
        if not 0 <= self.kvn <= 0xFF:
            raise GpError(f"KVN must be one byte, got {self.kvn}")

    @classmethod
    def single(cls, key: bytes, kvn: int = 0) -> StaticKeys:
        """One base key for all three (i=04/05/44/45 cards, and the default test key)."""
        return cls(key, key, key, kvn)

    def __repr__(self) -> str:
        return _redacted_repr("StaticKeys", kvn=f"0x{self.kvn:02X}")


@dataclass(frozen=True, repr=False)
class SessionKeys:
    """SCP02 session keys: S-ENC, C-MAC, R-MAC and the session DEK (GPC 2.2.1 §E.4.1)."""

    enc: bytes
    mac: bytes
    rmac: bytes
    dek: bytes

    def __repr__(self) -> str:
        return _redacted_repr("SessionKeys")


def _session_key(base: bytes, constant: DerivationConstant, seq: int) -> bytes:
    derivation_data = constant.to_bytes(2, "big") + seq.to_bytes(2, "big") + bytes(12)
    return tdes_cbc_encrypt(base, derivation_data)


def derive_session_keys(keys: StaticKeys, seq: int) -> SessionKeys:
    """3DES-CBC(static key, constant || seq || 00*12), GPC 2.2.1 §E.4.1 Figure E-2."""
    if not 0 <= seq <= MAX_SEQUENCE_COUNTER:
        raise GpError(f"sequence counter {seq} out of range 0..{MAX_SEQUENCE_COUNTER}")
    return SessionKeys(
        enc=_session_key(keys.enc, DerivationConstant.ENC, seq),
        mac=_session_key(keys.mac, DerivationConstant.C_MAC, seq),
        rmac=_session_key(keys.mac, DerivationConstant.R_MAC, seq),
        dek=_session_key(keys.dek, DerivationConstant.DEK, seq),
    )


def key_check_value(key: bytes) -> bytes:
    """DES key check value, 3 bytes (GPC 2.2.1 §B.5)."""
    return kcv_des(key)


def next_sequence_counter(seq: int, first_cmac_valid: bool) -> int:
    """The counter after a session start (GPC 2.2.1 §E.1.2): +1 only on a valid first C-MAC.

    At the maximum it stays put instead of wrapping to zero.
    """
    if not first_cmac_valid:
        return seq
    return min(seq + 1, MAX_SEQUENCE_COUNTER)


@dataclass(frozen=True)
class InitUpdateResponse:
    """INITIALIZE UPDATE response data, GPC 2.2.1 §E.5.1.6 Table E-8 (28 bytes)."""

    kdd: bytes
    kvn: int
    scp: int
    seq: int
    card_challenge: bytes
    card_cryptogram: bytes

    def encode(self) -> bytes:
        return (
            self.kdd
            + bytes((self.kvn, self.scp))
            + self.seq.to_bytes(2, "big")
            + self.card_challenge
            + self.card_cryptogram
        )


def parse_initialize_update(data: bytes) -> InitUpdateResponse:
    """Split the INITIALIZE UPDATE response (GPC 2.2.1 §E.5.1.6); SCP02 only.

    Accepts the 28 data bytes, or the same followed by SW 9000.
    """
    if len(data) == IU_RESPONSE_LEN + 2 and data[-2:] == b"\x90\x00":
        data = data[:-2]
    if len(data) != IU_RESPONSE_LEN:
        raise ApduFormatError(f"INITIALIZE UPDATE response must be {IU_RESPONSE_LEN} bytes, got {len(data)}")
    if data[11] != SCP02:
        raise ApduFormatError(f"card answered SCP {data[11]:02X} at offset 11, only SCP02 is supported")
    return InitUpdateResponse(
        kdd=data[:10],
        kvn=data[10],
        scp=data[11],
        seq=int.from_bytes(data[12:14], "big"),
        card_challenge=data[14:20],
        card_cryptogram=data[20:28],
    )


def card_cryptogram(s_enc: bytes, host_challenge: bytes, seq: int, card_challenge: bytes) -> bytes:
    """Full 3DES MAC over host challenge || seq || card challenge (GPC 2.2.1 §E.4.2.1)."""
    _require_len("host challenge", host_challenge, 8)
    _require_len("card challenge", card_challenge, 6)
    return mac_full_3des(s_enc, host_challenge + seq.to_bytes(2, "big") + card_challenge)


def host_cryptogram(s_enc: bytes, seq: int, card_challenge: bytes, host_challenge: bytes) -> bytes:
    """Full 3DES MAC over seq || card challenge || host challenge (GPC 2.2.1 §E.4.2.2)."""
    _require_len("host challenge", host_challenge, 8)
    _require_len("card challenge", card_challenge, 6)
    return mac_full_3des(s_enc, seq.to_bytes(2, "big") + card_challenge + host_challenge)


def pseudo_random_card_challenge(keys: StaticKeys, seq: int, aid: bytes) -> bytes:
    """Well-known pseudo-random card challenge of i=55 (GPC 2.2.1 §E.4.2.3).

    The six leftmost bytes of the retail MAC, with the C-MAC session key of ``seq`` and a zero
    ICV, over the padded AID of the application opening the channel.
    """
    return mac_retail(derive_session_keys(keys, seq).mac, aid, ZERO_ICV)[:6]


@dataclass(frozen=True)
class Scp02Options:
    """Channel options: the i parameter (GPC 2.2.1 §E.1.1 Table E-1) and one interop choice.

    ``encrypt_empty_data``: under C-DECRYPTION a command without data is sent either with no
    data (GlobalPlatformPro) or with one encrypted ``80 00..`` padding block (pySim, GPShell).
    Cards built on either accept the other in practice; the card side here accepts both.
    """

    i: int = 0x15
    encrypt_empty_data: bool = False

    def __post_init__(self) -> None:
        # b2=0 C-MAC on modified APDU, b3=1 explicit initiation, b4=0 ICV zero: what we implement.
        if not 0 <= self.i <= 0x7F or self.i & 0x0E != 0x04:
            raise GpError(f"SCP02 i={self.i:02X} is not supported (explicit, modified APDU, ICV zero only)")

    @property
    def icv_encryption(self) -> bool:
        """b5: encrypt the ICV before each C-MAC (E.3.4)."""
        return bool(self.i & 0x10)

    @property
    def pseudo_random_challenge(self) -> bool:
        """b7: the card derives its challenge with ``pseudo_random_card_challenge``."""
        return bool(self.i & 0x40)


def _level(value: int) -> SecurityLevel:
    if value not in VALID_LEVELS:
        raise GpError(f"security level {value:02X} is not one of GPC 2.2.1 Table E-11")
    return SecurityLevel(value)


@dataclass(frozen=True)
class ChannelCheckpoint:
    """Everything a stateless host needs to continue a session, minus keys.

    ``icv`` is the last C-MAC sent and ``rmac_icv`` the last R-MAC received: both travelled over
    the wire in clear, so a checkpoint holds no secret.
    """

    seq: int
    level: int
    icv: bytes
    rmac_icv: bytes
    options: Scp02Options = field(default_factory=Scp02Options)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "level": int(self.level),
            "icv": self.icv.hex().upper(),
            "rmac_icv": self.rmac_icv.hex().upper(),
            "options": {"i": self.options.i, "encrypt_empty_data": self.options.encrypt_empty_data},
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ChannelCheckpoint:
        try:
            options = raw["options"]
            checkpoint = cls(
                seq=int(raw["seq"]),
                level=int(raw["level"]),
                icv=bytes.fromhex(raw["icv"]),
                rmac_icv=bytes.fromhex(raw["rmac_icv"]),
                options=Scp02Options(int(options["i"]), bool(options["encrypt_empty_data"])),
            )
        except (KeyError, TypeError, ValueError, GpError) as exc:
            raise CheckpointError(f"malformed SCP02 checkpoint: {type(exc).__name__}") from None
        if len(checkpoint.icv) != MAC_LEN or len(checkpoint.rmac_icv) != MAC_LEN:
            raise CheckpointError("checkpoint ICVs must be 8 bytes")
        if checkpoint.level not in VALID_LEVELS or not 0 <= checkpoint.seq <= MAX_SEQUENCE_COUNTER:
            raise CheckpointError("checkpoint level or sequence counter out of range")
        return checkpoint


class HostChannel:
    """Off-card entity side of an SCP02 session (GPC 2.2.1 §E.4, §E.5).

    The session's keys stay with a :class:`SessionCipher` (in memory, or inside an HSM):
    ``open``/``resume`` take static keys, ``open_with``/``resume_with`` a cipher for the
    sequence counter the card reported.
    """

    def __init__(
        self,
        session: SessionCipher,
        seq: int,
        level: int,
        options: Scp02Options,
        icv: bytes,
        rmac_icv: bytes,
    ) -> None:
        self._session = session
        self._seq = seq
        self._level = _level(level)
        self._options = options
        self._icv = icv
        self._rmac_icv = rmac_icv

    @classmethod
    def open(
        cls,
        keys: StaticKeys,
        host_challenge: bytes,
        iu_response: bytes,
        level: int = SecurityLevel.C_MAC,
        options: Scp02Options | None = None,
    ) -> tuple[HostChannel, bytes]:
        """Check the card cryptogram and build EXTERNAL AUTHENTICATE (GPC 2.2.1 §E.5.2).

        Raises ``CryptogramError`` before anything is sent: a card counts failed EXTERNAL
        AUTHENTICATEs and may block the key set, so never retry with the same keys.
        """
        iu = parse_initialize_update(iu_response)
        cipher = SoftwareSessionCipher(derive_session_keys(keys, iu.seq))
        return cls.open_with(cipher, host_challenge, iu_response, level, options)

    @classmethod
    def open_with(
        cls,
        session: SessionCipher,
        host_challenge: bytes,
        iu_response: bytes,
        level: int = SecurityLevel.C_MAC,
        options: Scp02Options | None = None,
    ) -> tuple[HostChannel, bytes]:
        """``open`` with the session's cipher (for the counter in ``iu_response``) given."""
        options = options or Scp02Options()
        security_level = _level(level)
        iu = parse_initialize_update(iu_response)
        _require_len("host challenge", host_challenge, 8)
        seq = iu.seq.to_bytes(2, "big")
        expected = session.cryptogram(host_challenge + seq + iu.card_challenge)
        if not hmac.compare_digest(expected, iu.card_cryptogram):
            raise CryptogramError(
                f"card cryptogram mismatch (KVN {iu.kvn:02X}, sequence counter {iu.seq}): "
                "wrong keys or diversification"
            )
        cryptogram = session.cryptogram(seq + iu.card_challenge + host_challenge)
        ext_auth = CommandApdu(0x84, 0x82, int(security_level), 0x00, cryptogram)
        mac = session.c_mac(command_mac_input(ext_auth), ZERO_ICV)
        # E.3.2: the EXTERNAL AUTHENTICATE MAC seeds both the C-MAC and the R-MAC chains.
        channel = cls(session, iu.seq, security_level, options, icv=mac, rmac_icv=mac)
        return channel, CommandApdu(0x84, 0x82, int(security_level), 0x00, cryptogram + mac).encode()

    @classmethod
    def resume(cls, keys: StaticKeys, checkpoint: ChannelCheckpoint) -> HostChannel:
        """Continue a session from a checkpoint; session keys are re-derived from ``keys``."""
        return cls.resume_with(SoftwareSessionCipher(derive_session_keys(keys, checkpoint.seq)), checkpoint)

    @classmethod
    def resume_with(cls, session: SessionCipher, checkpoint: ChannelCheckpoint) -> HostChannel:
        """``resume`` with the cipher for ``checkpoint.seq`` given."""
        return cls(
            session, checkpoint.seq, checkpoint.level, checkpoint.options, checkpoint.icv, checkpoint.rmac_icv
        )

    def checkpoint(self) -> ChannelCheckpoint:
        return ChannelCheckpoint(self._seq, int(self._level), self._icv, self._rmac_icv, self._options)

    @property
    def level(self) -> SecurityLevel:
        return self._level

    @property
    def seq(self) -> int:
        return self._seq

    @property
    def options(self) -> Scp02Options:
        return self._options

    @property
    def max_plain_data(self) -> int:
        """Largest plaintext data field ``wrap`` accepts: 247 under C-MAC, 239 under C-DEC."""
        return max_plain_data(self._level)

    def wrap(self, apdu: bytes) -> bytes:
        """Add C-MAC (and C-DECRYPTION) to a plaintext short command APDU (GPC 2.2.1 §E.4.4, §E.4.6).

        The chain advances on every call, whatever the card later answers.  Case 2/4 commands
        go out with Le = 00: an R-MAC makes the response 8 bytes longer than the caller's Le.
        """
        command = CommandApdu.parse(apdu)
        if not self._level & SecurityLevel.C_MAC:
            return apdu
        if has_secure_messaging(command.cla):
            raise ApduFormatError(f"CLA {command.cla:02X} already announces secure messaging")
        # A caller that encodes the command extended (ISO 7816-4 §5.1) knows the card takes
        # extended length: then the data may exceed a short APDU once wrapped, and the Lc in the
        # MAC input is encoded as sent (command_mac_input).  The output is short when it fits.
        limit = max_plain_data(self._level, EXTENDED_MAX_DATA, extended=is_extended_encoding(apdu))
        if len(command.data) > limit:
            raise ApduFormatError(f"data of {len(command.data)} bytes exceeds {limit} at this security level")
        icv = self._session.encrypt_icv(self._icv) if self._options.icv_encryption else self._icv
        mac = self._session.c_mac(command_mac_input(command), icv)
        self._icv = mac
        data = command.data
        if self._level & SecurityLevel.C_DECRYPTION and (data or self._options.encrypt_empty_data):
            data = self._session.encrypt_data(pad80(data))
        cla = with_secure_messaging(command.cla)
        extended = len(data) + MAC_LEN > SHORT_MAX_DATA
        le = (EXTENDED_MAX_LE if extended else SHORT_MAX_LE) if command.le is not None else None
        return CommandApdu(cla, command.ins, command.p1, command.p2, data + mac, le).encode(extended=extended)

    def unwrap(self, response: bytes, command: bytes) -> bytes:
        """Verify and strip the R-MAC of ``response`` (GPC 2.2.1 §E.4.5); pass-through without R-MAC.

        ``command`` is the command the response answers, plaintext or as wrapped: responses must
        be unwrapped in the order their commands were sent.  The EXTERNAL AUTHENTICATE response
        carries no R-MAC and must not be passed here.  Returns response data + SW.
        """
        if not self._level & SecurityLevel.R_MAC:
            return response
        if len(response) < MAC_LEN + 2:
            raise SecureMessagingError(f"response of {len(response)} bytes carries no R-MAC")
        data, received, sw = response[:-10], response[-10:-2], int.from_bytes(response[-2:], "big")
        expected = self._session.r_mac(response_mac_input(self._plain_command(command), data, sw), self._rmac_icv)
        self._rmac_icv = expected  # E.4.5: retained whatever the outcome
        if not hmac.compare_digest(expected, received):
            raise SecureMessagingError("R-MAC does not verify")
        return data + response[-2:]

    def _plain_command(self, apdu: bytes) -> CommandApdu:
        command = CommandApdu.parse(apdu)
        if not has_secure_messaging(command.cla):
            return command
        if len(command.data) < MAC_LEN:
            raise ApduFormatError("secure messaging command without C-MAC")
        data = command.data[:-MAC_LEN]
        if self._level & SecurityLevel.C_DECRYPTION and data:
            try:
                data = unpad80(self._session.decrypt_data(data))
            except CryptoInputError:
                raise SecureMessagingError("encrypted command data is malformed") from None
        return CommandApdu(without_secure_messaging(command.cla), command.ins, command.p1, command.p2, data)

    def encrypt_sensitive(self, data: bytes) -> bytes:
        """3DES-ECB with the session DEK (const 0181), e.g. PUT KEY key blocks (GPC 2.2.1 §E.4.7)."""
        return self._session.encrypt_sensitive(data)

    @property
    def cipher(self) -> SessionCipher:
        """The session's cipher, for a key service that translates data into the session DEK."""
        return self._session

    def __repr__(self) -> str:
        return _redacted_repr("HostChannel", seq=self._seq, level=f"0x{int(self._level):02X}")


def __getattr__(name: str) -> Any:
    # The card side imports this module; importing it back lazily avoids an import cycle.
    if name == "CardChannel":
        from ota.gp.scp02_card import CardChannel

        return CardChannel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
