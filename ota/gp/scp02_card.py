"""SCP02 secure channel, card side, for the virtual secure element (GPC 2.2.1 Appendix E).

One ``CardChannel`` per logical channel of a security domain.  The card itself owns the sequence
counters (one per KVN) and the decision which commands bypass secure messaging.  The rules it
must apply around this class (GPC 2.2.1 §E.1.2, §E.1.6):

* INITIALIZE UPDATE: ``begin(keys, seq, ...)`` with the counter of that key set;
* EXTERNAL AUTHENTICATE: ``external_authenticate``; when it returns, the first C-MAC of the
  session has verified (``first_cmac_verified``), so the card increments that key set's counter
  now, before anything else (``next_sequence_counter``);
* every other command: ``unwrap`` before processing, ``wrap_response`` on the answer;
* a ``CardSecurityError`` (a ``SecureMessagingError``) aborts the session: answer its ``sw``
  (6982, or 6300 for a wrong host cryptogram); an aborted session rejects every command until
  it is terminated;
* SELECT of another application, a new INITIALIZE UPDATE, closing the logical channel, reset or
  power-off: ``terminate()``;
* while R-MAC is on, case 1 and case 3 commands are answered as case 2 and case 4 (§E.4.5).
"""

from __future__ import annotations

import hmac
from enum import Enum

from ota.gp.apdu import CommandApdu
from ota.gp.constants import SecurityLevel
from ota.gp.crypto import ZERO_ICV
from ota.gp.errors import ApduFormatError, GpError, SecureMessagingError
from ota.gp.scp02 import (
    InitUpdateResponse,
    Scp02Options,
    SessionKeys,
    StaticKeys,
    card_cryptogram,
    derive_session_keys,
    host_cryptogram,
)
from ota.gp.scp02_sm import (
    MAC_LEN,
    VALID_LEVELS,
    chained_icv,
    command_mac,
    decrypt_command_data,
    decrypt_sensitive,
    has_secure_messaging,
    response_mac,
    without_secure_messaging,
)

SW_SECURITY_STATUS_NOT_SATISFIED = 0x6982
SW_HOST_CRYPTOGRAM_FAILED = 0x6300  # GPC 2.2.1 Table E-12
INS_EXTERNAL_AUTHENTICATE = 0x82


class ChannelState(Enum):
    IDLE = "idle"  # no session, or terminated
    INITIALIZED = "initialized"  # INITIALIZE UPDATE answered, waiting for EXTERNAL AUTHENTICATE
    AUTHENTICATED = "authenticated"
    ABORTED = "aborted"  # security error: every command is refused until terminate()


class CardSecurityError(SecureMessagingError):
    """A security error on the card side; ``sw`` is the status word the card answers."""

    def __init__(self, message: str, sw: int = SW_SECURITY_STATUS_NOT_SATISFIED) -> None:
        super().__init__(message)
        self.sw = sw


class SecureMessagingGate:
    """What the SCP02 and SCP03 card channels share: which commands pass, and aborting.

    A subclass keeps ``_state`` and ``_level`` and checks a secured command in ``_verify``.
    """

    _state: ChannelState
    _level: SecurityLevel

    @property
    def state(self) -> ChannelState:
        return self._state

    @property
    def level(self) -> SecurityLevel:
        """Current Security Level (§E.1.5); NONE unless a session is authenticated."""
        return self._level if self._state is ChannelState.AUTHENTICATED else SecurityLevel.NONE

    def unwrap(self, apdu: bytes) -> bytes:
        """Check a command against the Current Security Level and strip its C-MAC.

        GPC 2.2.1 §E.1.6 (SCP02), Amendment D §6.2.4 (SCP03).  Returns the plaintext command APDU
        (CLA without secure messaging, Le as received).
        """
        command = CommandApdu.parse(apdu)
        secured = has_secure_messaging(command.cla)
        if self._state is ChannelState.ABORTED:
            raise CardSecurityError("secure channel session aborted")
        if self._state is not ChannelState.AUTHENTICATED:
            if secured:
                raise CardSecurityError("secure messaging without an authenticated session")
            return apdu
        if not secured:
            if self._level & SecurityLevel.C_MAC:
                self._abort()
                raise CardSecurityError("command without C-MAC below the current security level")
            return apdu
        plain = self._verify(command)
        return plain.encode(extended=plain.is_extended)

    def _verify(self, command: CommandApdu) -> CommandApdu:
        """The plaintext of a secured command, or ``CardSecurityError`` after ``_abort``."""
        raise NotImplementedError

    def _abort(self) -> None:
        # §E.1.6: an aborted session is not terminated; it refuses commands until it is.
        self._state = ChannelState.ABORTED
        self._level = SecurityLevel.NONE


class CardChannel(SecureMessagingGate):
    """Security domain side of an explicitly initiated SCP02 session."""

    def __init__(self, options: Scp02Options | None = None) -> None:
        self.options = options or Scp02Options()
        self._state = ChannelState.IDLE
        self._session: SessionKeys | None = None
        self._seq = 0
        self._kvn = 0
        self._host_challenge = b""
        self._card_challenge = b""
        self._level = SecurityLevel.NONE
        self._icv = ZERO_ICV
        self._rmac_icv = ZERO_ICV
        self.first_cmac_verified = False

    @property
    def kvn(self) -> int:
        """KVN of the key set of the current session (whose counter to bump)."""
        return self._kvn

    @property
    def seq(self) -> int:
        return self._seq

    def begin(
        self,
        keys: StaticKeys,
        seq: int,
        host_challenge: bytes,
        card_challenge: bytes,
        kdd: bytes = bytes(10),
    ) -> bytes:
        """Answer INITIALIZE UPDATE: new session keys and the 28-byte response (GPC 2.2.1 §E.5.1).

        ``card_challenge`` is random, or ``pseudo_random_card_challenge`` for i=55 cards.
        """
        if len(kdd) != 10:
            raise ApduFormatError(f"key diversification data must be 10 bytes, got {len(kdd)}")
        self.terminate()
        self._session = derive_session_keys(keys, seq)
        cryptogram = card_cryptogram(self._session.enc, host_challenge, seq, card_challenge)
        self._seq, self._kvn = seq, keys.kvn
        self._host_challenge, self._card_challenge = host_challenge, card_challenge
        self._state = ChannelState.INITIALIZED
        return InitUpdateResponse(kdd, keys.kvn, 0x02, seq, card_challenge, cryptogram).encode()

    def external_authenticate(self, apdu: bytes) -> SecurityLevel:
        """Verify host cryptogram and C-MAC, set the security level (GPC 2.2.1 §E.5.2).

        On return ``first_cmac_verified`` is True: the card must increment the sequence counter
        of key set ``kvn`` (§E.1.2).  Any failure ends the session attempt: a new INITIALIZE
        UPDATE is needed, and the counter stays as it is.
        """
        if self._state is not ChannelState.INITIALIZED or self._session is None:
            raise CardSecurityError("EXTERNAL AUTHENTICATE without INITIALIZE UPDATE")
        session = self._session
        self.terminate()  # whatever happens next, this INITIALIZE UPDATE is used up
        command = CommandApdu.parse(apdu)
        if (
            command.ins != INS_EXTERNAL_AUTHENTICATE
            or not has_secure_messaging(command.cla)
            or command.p1 not in VALID_LEVELS
            or command.p2 != 0
            or len(command.data) != 16
        ):
            raise CardSecurityError("malformed EXTERNAL AUTHENTICATE")
        received_cryptogram, received_mac = command.data[:8], command.data[8:]
        expected = host_cryptogram(session.enc, self._seq, self._card_challenge, self._host_challenge)
        if not hmac.compare_digest(expected, received_cryptogram):
            raise CardSecurityError("host cryptogram does not verify", SW_HOST_CRYPTOGRAM_FAILED)
        cla = without_secure_messaging(command.cla)
        plain = CommandApdu(cla, command.ins, command.p1, command.p2, received_cryptogram)
        mac = command_mac(session.mac, plain, ZERO_ICV)
        if not hmac.compare_digest(mac, received_mac):
            raise CardSecurityError("EXTERNAL AUTHENTICATE C-MAC does not verify")
        self._session = session
        self._level = SecurityLevel(command.p1)
        self._icv = self._rmac_icv = mac  # §E.3.2
        self._state = ChannelState.AUTHENTICATED
        self.first_cmac_verified = True
        return self._level

    def _verify(self, command: CommandApdu) -> CommandApdu:
        # Decryption accepts both empty-data styles: no data, or one encrypted padding block.
        assert self._session is not None
        if len(command.data) < MAC_LEN:
            self._abort()
            raise CardSecurityError("secure messaging command without C-MAC")
        data, received = command.data[:-MAC_LEN], command.data[-MAC_LEN:]
        if self._level & SecurityLevel.C_DECRYPTION and data:
            try:
                data = decrypt_command_data(self._session.enc, data)
            except SecureMessagingError:
                self._abort()
                raise CardSecurityError("encrypted command data is malformed") from None
        cla = without_secure_messaging(command.cla)
        plain = CommandApdu(cla, command.ins, command.p1, command.p2, data, command.le)
        expected = command_mac(self._session.mac, plain, self._next_icv())
        if not hmac.compare_digest(expected, received):
            self._abort()
            raise CardSecurityError("C-MAC does not verify")
        self._icv = expected
        return plain

    def _next_icv(self) -> bytes:
        assert self._session is not None
        return chained_icv(self._session.mac, self._icv, self.options.icv_encryption)

    def wrap_response(self, command_plain: bytes, data: bytes, sw: int) -> bytes:
        """Response data + SW, with the R-MAC inserted when the session asks (GPC 2.2.1 §E.4.5).

        ``command_plain`` is what ``unwrap`` returned.  EXTERNAL AUTHENTICATE is never R-MACed.
        """
        tail = sw.to_bytes(2, "big")
        if self.level & SecurityLevel.R_MAC == 0 or self._session is None:
            return data + tail
        command = CommandApdu.parse(command_plain)
        if command.ins == INS_EXTERNAL_AUTHENTICATE:
            return data + tail
        self._rmac_icv = response_mac(self._session.rmac, command, data, sw, self._rmac_icv)
        return data + self._rmac_icv + tail

    def decrypt_sensitive(self, data: bytes) -> bytes:
        """Decrypt PUT KEY key blocks and similar with the session DEK (GPC 2.2.1 §E.4.7)."""
        if self._session is None or self._state is not ChannelState.AUTHENTICATED:
            raise GpError("no authenticated secure channel session")
        return decrypt_sensitive(self._session.dek, data)

    def terminate(self) -> None:
        """End the session: new INITIALIZE UPDATE, SELECT, channel close, reset (§E.1.6)."""
        self._state = ChannelState.IDLE
        self._session = None
        self._level = SecurityLevel.NONE
        self._icv = self._rmac_icv = ZERO_ICV
        self.first_cmac_verified = False

    def __repr__(self) -> str:
        return f"CardChannel(state={self._state.value}, level=0x{int(self.level):02X}, keys=<redacted>)"
