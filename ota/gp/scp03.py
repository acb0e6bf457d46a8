"""SCP03 secure channel, host side (GPC 2.2 Amendment D v1.1.1, "Secure Channel Protocol '03'").

AES-128/192/256 static keys (ENC, MAC, DEK of one key version); session keys and cryptograms
from the KDF of §4.1.5 (``ota.gp.aes.kdf``); explicit initiation (INITIALIZE UPDATE + EXTERNAL
AUTHENTICATE, §7.1, §7.2).  The i parameter (§5.1, Table 5-1):

* b1 (01): S16 mode - 16-byte challenges, cryptograms and MACs (Amendment D v1.2) - else S8;
* b5 (10): pseudo-random card challenge, with a 3-byte sequence counter in the IU response;
* b6 (20): R-MAC support; b7 (40): R-ENCRYPTION support.

So i = 00 / 10 / 30 / 70 and their S16 twins 01 / 11 / 31 / 71.  Security levels 00, 01, 03,
11, 13, 33 (Table 5-2); R-MAC levels need b6 and level 33 needs b7 of the card's i.

The card side (``Scp03CardChannel``) is in ``ota.gp.scp03_card``.  Nothing in this module logs;
reprs and exception messages never contain key material.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Protocol, runtime_checkable

from ota.gp.aes import AES_KEY_SIZES, BLOCK, aes_cbc_encrypt, check_aes_key, kcv_aes, kdf
from ota.gp.apdu import EXTENDED_MAX_DATA, CommandApdu, is_extended_encoding, length_field
from ota.gp.constants import SecurityLevel
from ota.gp.crypto import CryptoInputError
from ota.gp.errors import ApduFormatError, CryptogramError, GpError, SecureMessagingError
from ota.gp.scp02_sm import has_secure_messaging, with_secure_messaging
from ota.gp.scp03_sm import (
    VALID_LEVELS,
    ZERO_CHAIN,
    KeptSession,
    command_mac,
    max_plain_data,
    success_or_warning,
)

SCP03 = 0x03
AES_KEY_TYPE = 0x88  # GPC 2.3.1 §11.1.8 Table 11-16
MAX_SEQUENCE_COUNTER = 0xFFFFFF


class Scp03Error(GpError):
    """An SCP03 parameter (i, level, key set, checkpoint) the other side cannot work with."""

    code = "scp03.parameter"


class Scp03CryptogramError(CryptogramError):
    code = "scp03.card_cryptogram"


class Scp03MessagingError(SecureMessagingError):
    code = "scp03.secure_messaging"


class Constant(IntEnum):
    """Derivation constants, Amendment D §4.1.5 Table 4-1."""

    CARD_CRYPTOGRAM = 0x00
    HOST_CRYPTOGRAM = 0x01
    CARD_CHALLENGE = 0x02
    S_ENC = 0x04
    S_MAC = 0x06
    S_RMAC = 0x07


def _redacted(name: str, **visible: Any) -> str:
    shown = ", ".join(f"{k}={v}" for k, v in visible.items())
    return f"{name}({shown}{', ' if shown else ''}keys=<redacted>)"


@dataclass(frozen=True)
class Scp03Options:
    """The card's i parameter (Amendment D §5.1 Table 5-1)."""

    i: int = 0x70

    def __post_init__(self) -> None:
        if not 0 <= self.i <= 0xFF or self.i & ~0x71:
            raise Scp03Error(f"SCP03 i={self.i:02X} is not supported (00/10/30/70, +01 for S16)")
        if self.i & 0x40 and not self.i & 0x20:
            raise Scp03Error(f"SCP03 i={self.i:02X}: R-ENCRYPTION support needs R-MAC support")

    @property
    def s16(self) -> bool:
        return bool(self.i & 0x01)

    @property
    def pseudo_random_challenge(self) -> bool:
        return bool(self.i & 0x10)

    @property
    def rmac_support(self) -> bool:
        return bool(self.i & 0x20)

    @property
    def renc_support(self) -> bool:
        return bool(self.i & 0x40)

    @property
    def block_len(self) -> int:
        """Length of challenges, cryptograms and MACs: 8 in S8 mode, 16 in S16 mode."""
        return 16 if self.s16 else 8

    def check_level(self, level: int) -> SecurityLevel:
        """The level as a ``SecurityLevel``, if Table 5-2 has it and this i allows it."""
        if level not in VALID_LEVELS:
            raise Scp03Error(f"security level {level:02X} is not one of Amendment D Table 5-2")
        if level & SecurityLevel.R_MAC and not self.rmac_support:
            raise Scp03Error(f"security level {level:02X} needs R-MAC support, i={self.i:02X} has none")
        if level & SecurityLevel.R_ENCRYPTION and not self.renc_support:
            raise Scp03Error(f"security level {level:02X} needs R-ENC support, i={self.i:02X} has none")
        return SecurityLevel(level)


@dataclass(frozen=True, repr=False)
class Scp03Keys:
    """The static AES key set of a security domain: ENC, MAC, DEK of one length (§4.1.1)."""

    enc: bytes
    mac: bytes
    dek: bytes
    kvn: int = 0x30

    def __post_init__(self) -> None:
        lengths = {len(self.enc), len(self.mac), len(self.dek)}
        if len(lengths) != 1 or lengths.pop() not in AES_KEY_SIZES:
            raise Scp03Error("SCP03 static keys must be three AES keys of one length (16, 24 or 32 bytes)")
        if not 0 <= self.kvn <= 0xFF:
            raise Scp03Error(f"KVN must be one byte, got {self.kvn}")

    @property
    def key_len(self) -> int:
        return len(self.enc)

    def __repr__(self) -> str:
        return _redacted("Scp03Keys", kvn=f"0x{self.kvn:02X}", bits=self.key_len * 8)

    def session_keys(self, host_challenge: bytes, card_challenge: bytes) -> Scp03SessionKeys:
        return derive_session_keys(self, host_challenge, card_challenge)

    def encrypt_with_dek(self, data: bytes) -> bytes:
        """AES-CBC, zero ICV, under the static DEK; ``data`` a whole number of blocks."""
        return aes_cbc_encrypt(self.dek, data)


@runtime_checkable
class Scp03KeySource(Protocol):
    """What an SCP03 host channel needs of a key set: its version, the session keys of one
    session (§6.2.1) and encryption under the static DEK.  :class:`Scp03Keys` computes them in
    software; a key service may compute them where its keys live (an HSM)."""

    @property
    def kvn(self) -> int: ...

    def session_keys(self, host_challenge: bytes, card_challenge: bytes) -> Scp03SessionKeys: ...

    def encrypt_with_dek(self, data: bytes) -> bytes: ...


@dataclass(frozen=True, repr=False)
class Scp03SessionKeys:
    """S-ENC, S-MAC, S-RMAC, as long as the static keys (§6.2.1)."""

    enc: bytes
    mac: bytes
    rmac: bytes

    def __repr__(self) -> str:
        return _redacted("Scp03SessionKeys")


def derive_session_keys(keys: Scp03Keys, host_challenge: bytes, card_challenge: bytes) -> Scp03SessionKeys:
    """KDF(static key, constant, key length, host challenge || card challenge) (§6.2.1)."""
    context = host_challenge + card_challenge
    bits = keys.key_len * 8
    return Scp03SessionKeys(
        enc=kdf(keys.enc, Constant.S_ENC, bits, context),
        mac=kdf(keys.mac, Constant.S_MAC, bits, context),
        rmac=kdf(keys.mac, Constant.S_RMAC, bits, context),
    )


def card_cryptogram(s_mac: bytes, host_challenge: bytes, card_challenge: bytes, length: int = 8) -> bytes:
    """KDF(S-MAC, 00, 64 or 128 bits, host challenge || card challenge) (§6.2.2.2)."""
    return kdf(s_mac, Constant.CARD_CRYPTOGRAM, length * 8, host_challenge + card_challenge)


def host_cryptogram(s_mac: bytes, host_challenge: bytes, card_challenge: bytes, length: int = 8) -> bytes:
    """KDF(S-MAC, 01, 64 or 128 bits, host challenge || card challenge) (§6.2.2.3)."""
    return kdf(s_mac, Constant.HOST_CRYPTOGRAM, length * 8, host_challenge + card_challenge)


def pseudo_random_card_challenge(keys: Scp03Keys, seq: int, aid: bytes, length: int = 8) -> bytes:
    """KDF(static ENC, 02, 64 or 128 bits, sequence counter (3 bytes) || invoking AID) (§6.2.2.1)."""
    return kdf(keys.enc, Constant.CARD_CHALLENGE, length * 8, seq.to_bytes(3, "big") + aid)


def key_check_value(key: bytes) -> bytes:
    """AES key check value (GPC 2.3.1 §B.6): 3 bytes."""
    return kcv_aes(key)


@dataclass(frozen=True)
class Scp03InitUpdateResponse:
    """INITIALIZE UPDATE response, Amendment D §7.1.2 Table 7-3."""

    kdd: bytes
    kvn: int
    i: int
    card_challenge: bytes
    card_cryptogram: bytes
    seq: int | None = None

    def encode(self) -> bytes:
        seq = b"" if self.seq is None else self.seq.to_bytes(3, "big")
        return self.kdd + bytes((self.kvn, SCP03, self.i)) + self.card_challenge + self.card_cryptogram + seq


def parse_initialize_update(data: bytes) -> Scp03InitUpdateResponse:
    """Split an SCP03 INITIALIZE UPDATE response (with or without SW 9000)."""
    if len(data) >= 2 and data[-2:] == b"\x90\x00" and len(data) in (31, 34, 47, 50):
        data = data[:-2]
    if len(data) < 13 or data[11] != SCP03:
        raise ApduFormatError("not an SCP03 INITIALIZE UPDATE response (SCP identifier at offset 11)")
    try:
        options = Scp03Options(data[12])
    except Scp03Error as exc:
        raise ApduFormatError(str(exc)) from None
    n = options.block_len
    expected = 13 + 2 * n + (3 if options.pseudo_random_challenge else 0)
    if len(data) != expected:
        raise ApduFormatError(f"SCP03 INITIALIZE UPDATE response with i={options.i:02X} must be {expected} bytes")
    seq = int.from_bytes(data[13 + 2 * n :], "big") if options.pseudo_random_challenge else None
    return Scp03InitUpdateResponse(
        kdd=data[:10],
        kvn=data[10],
        i=options.i,
        card_challenge=data[13 : 13 + n],
        card_cryptogram=data[13 + n : 13 + 2 * n],
        seq=seq,
    )


# --- PUT KEY, AES key format (GPC 2.3.1 §11.8.2.3, Amendment D §7.2) --------------------------------


def encrypt_key(dek: bytes, key: bytes) -> bytes:
    """A key encrypted for PUT KEY: AES-CBC, zero ICV, with the static DEK; zero-padded to 16."""
    check_aes_key(key)
    return aes_cbc_encrypt(dek, key + bytes(-len(key) % BLOCK))


@dataclass(frozen=True)
class EncryptedAesKey:
    """A new key as PUT KEY carries it: its length, its encryption under the DEK, its KCV.

    What a key service hands out instead of a key (an HSM encrypts, or wraps, inside)."""

    key_len: int
    encrypted: bytes
    kcv: bytes

    def __post_init__(self) -> None:
        if self.key_len not in AES_KEY_SIZES or len(self.encrypted) % BLOCK or len(self.encrypted) < self.key_len:
            raise Scp03Error("an encrypted AES key must be whole AES blocks holding a 16, 24 or 32-byte key")
        if len(self.kcv) != 3:
            raise Scp03Error("an AES key check value is 3 bytes")

    @classmethod
    def of(cls, dek: bytes, key: bytes) -> EncryptedAesKey:
        return cls(len(key), encrypt_key(dek, key), key_check_value(key))

    def block(self) -> bytes:
        """One key data block: type 88, length, key length, encrypted key, KCV length 03, KCV."""
        return bytes((AES_KEY_TYPE, len(self.encrypted) + 1, self.key_len)) + self.encrypted + b"\x03" + self.kcv


def aes_key_block(dek: bytes, key: bytes) -> bytes:
    return EncryptedAesKey.of(dek, key).block()


def put_key_data(new_kvn: int, dek: bytes, keys: tuple[bytes, bytes, bytes]) -> bytes:
    """PUT KEY data field for a new ENC/MAC/DEK set (key ids 1..3): new KVN || three blocks."""
    return put_key_data_encrypted(new_kvn, [EncryptedAesKey.of(dek, key) for key in keys])


def put_key_data_encrypted(new_kvn: int, keys: list[EncryptedAesKey]) -> bytes:
    """:func:`put_key_data` of keys already encrypted (by a key service)."""
    if not 1 <= new_kvn <= 0x7F or not keys:
        raise Scp03Error(f"PUT KEY needs a key version 01..7F and at least one key (KVN {new_kvn:02X})")
    return bytes((new_kvn,)) + b"".join(key.block() for key in keys)


def _gp_cla(logical_channel: int) -> int:
    """GP class byte with secure messaging on a logical channel (ISO 7816-4 §5.4.1)."""
    if not 0 <= logical_channel <= 19:
        raise Scp03Error(f"logical channel {logical_channel} is not 0..19")
    return with_secure_messaging(0x80 | logical_channel if logical_channel < 4 else 0xC0 | (logical_channel - 4))


# --- the host's channel ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scp03Checkpoint:
    """What a stateless host needs to continue a session, keys excepted.

    The challenges travelled in clear; ``chain`` is the last C-MAC's full CMAC (a MAC value, no
    key); ``counter`` the number of commands wrapped so far.
    """

    level: int
    i: int
    host_challenge: bytes
    card_challenge: bytes
    chain: bytes
    counter: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "scp": SCP03,
            "level": self.level,
            "i": self.i,
            "host_challenge": self.host_challenge.hex().upper(),
            "card_challenge": self.card_challenge.hex().upper(),
            "chain": self.chain.hex().upper(),
            "counter": self.counter,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Scp03Checkpoint:
        try:
            checkpoint = cls(
                level=int(raw["level"]),
                i=int(raw["i"]),
                host_challenge=bytes.fromhex(raw["host_challenge"]),
                card_challenge=bytes.fromhex(raw["card_challenge"]),
                chain=bytes.fromhex(raw["chain"]),
                counter=int(raw["counter"]),
            )
            Scp03Options(checkpoint.i).check_level(checkpoint.level)
        except (KeyError, TypeError, ValueError, GpError) as exc:
            raise Scp03Error(f"malformed SCP03 checkpoint: {type(exc).__name__}") from None
        if len(checkpoint.chain) != BLOCK or not 0 <= checkpoint.counter < 2**32:
            raise Scp03Error("malformed SCP03 checkpoint: chaining value or counter")
        return checkpoint


class Scp03HostChannel:
    """Off-card entity side of an SCP03 session."""

    def __init__(
        self,
        keys: Scp03KeySource,
        options: Scp03Options,
        level: int,
        host_challenge: bytes,
        card_challenge: bytes,
        chain: bytes,
        counter: int,
        session: Scp03SessionKeys | None = None,
    ) -> None:
        self._keys = keys
        self._session = session or keys.session_keys(host_challenge, card_challenge)
        self._options = options
        self._level = options.check_level(level)
        self._host_challenge = host_challenge
        self._card_challenge = card_challenge
        self._chain = chain
        self._counter = counter
        self._kept: KeptSession | None = None

    def _sm(self) -> KeptSession:
        # Built on the first wrap or unwrap: a step that only checkpoints builds no contexts.
        if self._kept is None:
            self._kept = KeptSession(self._session.enc, self._session.mac, self._session.rmac)
        return self._kept

    @staticmethod
    def initialize_update(kvn: int, host_challenge: bytes) -> bytes:
        """INITIALIZE UPDATE (§7.1.1): 8-byte challenge in S8 mode, 16 in S16 mode; Le 00."""
        if len(host_challenge) not in (8, 16):
            raise Scp03Error("host challenge must be 8 (S8) or 16 (S16) bytes")
        return CommandApdu(0x80, 0x50, kvn, 0x00, host_challenge, 256).encode()

    @classmethod
    def open(
        cls,
        keys: Scp03KeySource,
        host_challenge: bytes,
        iu_response: bytes,
        level: int = SecurityLevel.C_MAC,
        logical_channel: int = 0,
    ) -> tuple[Scp03HostChannel, bytes]:
        """Check the card cryptogram and build EXTERNAL AUTHENTICATE (§7.2).

        The C-MAC covers the CLA as sent, logical channel included, so the channel is needed
        here.  Raises ``Scp03CryptogramError`` before anything is sent: never retry with the
        same keys.
        """
        iu = parse_initialize_update(iu_response)
        options = Scp03Options(iu.i)
        security_level = options.check_level(level)
        n = options.block_len
        if len(host_challenge) != n:
            raise Scp03Error(f"host challenge of {len(host_challenge)} bytes, i={iu.i:02X} wants {n}")
        session = keys.session_keys(host_challenge, iu.card_challenge)
        expected = card_cryptogram(session.mac, host_challenge, iu.card_challenge, n)
        if not hmac.compare_digest(expected, iu.card_cryptogram):
            raise Scp03CryptogramError(
                f"SCP03 card cryptogram mismatch (KVN {iu.kvn:02X}): wrong keys or diversification"
            )
        cryptogram = host_cryptogram(session.mac, host_challenge, iu.card_challenge, n)
        header = bytes((_gp_cla(logical_channel), 0x82, int(security_level), 0x00))
        chain = command_mac(session.mac, ZERO_CHAIN, header, cryptogram, n)
        channel = cls(keys, options, security_level, host_challenge, iu.card_challenge, chain, 0, session)
        return channel, header + bytes((2 * n,)) + cryptogram + chain[:n]

    @classmethod
    def resume(cls, keys: Scp03KeySource, checkpoint: Scp03Checkpoint) -> Scp03HostChannel:
        return cls(
            keys,
            Scp03Options(checkpoint.i),
            checkpoint.level,
            checkpoint.host_challenge,
            checkpoint.card_challenge,
            checkpoint.chain,
            checkpoint.counter,
        )

    def checkpoint(self) -> Scp03Checkpoint:
        return Scp03Checkpoint(
            int(self._level), self._options.i, self._host_challenge, self._card_challenge, self._chain, self._counter
        )

    @property
    def level(self) -> SecurityLevel:
        return self._level

    @property
    def options(self) -> Scp03Options:
        return self._options

    @property
    def max_plain_data(self) -> int:
        return max_plain_data(self._level, self._options.block_len)

    def wrap(self, apdu: bytes) -> bytes:
        """C-MAC (and C-DECRYPTION) on a plaintext short command APDU (§6.2.4, §6.2.6).

        Every call advances the counter and the MAC chain.  Case 2/4 commands go out with Le 00.
        """
        command = CommandApdu.parse(apdu)
        if not self._level & SecurityLevel.C_MAC:
            return apdu
        if has_secure_messaging(command.cla):
            raise ApduFormatError(f"CLA {command.cla:02X} already announces secure messaging")
        n = self._options.block_len
        # Extended only when the caller encoded the command extended (the card takes it, ISO
        # 7816-4 §5.1) and the data needs it; the Lc is MACed as sent (command_mac).
        extended = is_extended_encoding(apdu)
        if len(command.data) > max_plain_data(self._level, n, EXTENDED_MAX_DATA, extended=extended):
            raise ApduFormatError(f"data of {len(command.data)} bytes does not fit once wrapped")
        self._counter += 1
        data = command.data
        if self._level & SecurityLevel.C_DECRYPTION:
            data = self._sm().encrypt_command_data(self._counter, data)
        header = bytes((with_secure_messaging(command.cla), command.ins, command.p1, command.p2))
        self._chain = self._sm().command_mac(self._chain, header, data, n)
        lc = length_field(len(data) + n)
        le = (b"\x00\x00" if len(lc) > 1 else b"\x00") if command.le is not None else b""
        return header + lc + data + self._chain[:n] + le

    def unwrap(self, response: bytes, command: bytes = b"") -> bytes:
        """Check the R-MAC and undo R-ENCRYPTION of the response to the last wrapped command.

        Pass-through below R-MAC, and for error status words (which carry no R-MAC, §6.2.5).
        Returns response data + SW.  ``command`` is accepted for the SCP02 host's contract and
        not needed: the chaining value of the last command already binds the response to it.
        """
        if len(response) < 2:
            raise Scp03MessagingError("response shorter than a status word")
        sw = int.from_bytes(response[-2:], "big")
        if not self._level & SecurityLevel.R_MAC or not success_or_warning(sw):
            return response
        n = self._options.block_len
        if len(response) < n + 2:
            raise Scp03MessagingError(f"response of {len(response)} bytes carries no R-MAC")
        data, received = response[: -2 - n], response[-2 - n : -2]
        expected = self._sm().response_mac(self._chain, data, sw, n)
        if not hmac.compare_digest(expected, received):
            raise Scp03MessagingError("R-MAC does not verify")
        if self._level & SecurityLevel.R_ENCRYPTION:
            data = self._sm().decrypt_response_data(self._counter, data)
        return data + response[-2:]

    def response_mark(self) -> tuple[bytes, int]:
        """What the answer to the last wrapped command is checked against: that command's full
        MAC chaining value and encryption counter (MAC state, no key).  A host that wraps a whole
        script before any answer comes back keeps one mark per command (§6.2.5)."""
        return self._chain, self._counter

    def unwrap_at(self, response: bytes, mark: tuple[bytes, int]) -> bytes:
        """``unwrap`` for the command whose :meth:`response_mark` was ``mark``; the channel's own
        chain is left as it was."""
        saved = self._chain, self._counter
        self._chain, self._counter = mark
        try:
            return self.unwrap(response)
        finally:
            self._chain, self._counter = saved

    def encrypt_sensitive(self, data: bytes) -> bytes:
        """Sensitive data (STORE DATA P1 b7-b6 = 11) for the card: AES-CBC, zero ICV, static DEK.

        ``data`` is padded by the caller (ISO 9797-1 method 2, as for SCP02 to 8 bytes); it is
        completed with zeros to the AES block, which is the same padding to 16 bytes.
        """
        return self._keys.encrypt_with_dek(data + bytes(-len(data) % BLOCK))

    def encrypt_key(self, key: bytes) -> bytes:
        """A key for PUT KEY, encrypted with the static DEK (Amendment D §7.2)."""
        try:
            return encrypt_key(self._static_dek(), key)
        except CryptoInputError as exc:
            raise Scp03Error(str(exc)) from None

    def put_key_data(self, new_kvn: int, keys: tuple[bytes, bytes, bytes]) -> bytes:
        return put_key_data(new_kvn, self._static_dek(), keys)

    def _static_dek(self) -> bytes:
        # PUT KEY of AES keys needs the DEK's value (random padding, KCVs); keys held elsewhere
        # (an HSM) would have to wrap them there instead.
        if not isinstance(self._keys, Scp03Keys):
            raise Scp03Error("PUT KEY of AES keys needs a software key set")
        return self._keys.dek

    def __repr__(self) -> str:
        return _redacted("Scp03HostChannel", level=f"0x{int(self._level):02X}", i=f"0x{self._options.i:02X}")
