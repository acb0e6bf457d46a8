"""SCP03 secure channel, card side, for the virtual secure element (GPC 2.2 Amendment D v1.1.1).

The same contract as ``ota.gp.scp02_card.CardChannel`` so a card can hold either:

* INITIALIZE UPDATE: ``begin(...)`` returns the response data (§7.1); with a pseudo-random
  challenge (i b5) the card passes the sequence counter it then increments (§6.2.2.1);
* EXTERNAL AUTHENTICATE: ``external_authenticate``; a wrong host cryptogram answers 6300;
* every other command: ``unwrap`` before processing, ``wrap_response`` on the answer;
* a ``CardSecurityError`` aborts the session until ``terminate()``;
* SELECT of the security domain or another application, a new INITIALIZE UPDATE, closing the
  logical channel, reset or power-off: ``terminate()``.
"""

from __future__ import annotations

import hmac

from ota.gp.aes import aes_cbc_decrypt
from ota.gp.apdu import CommandApdu
from ota.gp.constants import SecurityLevel
from ota.gp.crypto import CryptoInputError
from ota.gp.errors import ApduFormatError, SecureMessagingError
from ota.gp.scp02_card import SW_HOST_CRYPTOGRAM_FAILED, CardSecurityError, ChannelState, SecureMessagingGate
from ota.gp.scp02_sm import has_secure_messaging, without_secure_messaging
from ota.gp.scp03 import (
    Scp03Error,
    Scp03InitUpdateResponse,
    Scp03Keys,
    Scp03Options,
    Scp03SessionKeys,
    card_cryptogram,
    derive_session_keys,
    host_cryptogram,
)
from ota.gp.scp03_sm import (
    ZERO_CHAIN,
    command_mac,
    decrypt_command_data,
    encrypt_response_data,
    response_mac,
    success_or_warning,
)


class Scp03CardChannel(SecureMessagingGate):
    """Security domain side of an explicitly initiated SCP03 session."""

    def __init__(self, options: Scp03Options | None = None) -> None:
        self.options = options or Scp03Options()
        self._state = ChannelState.IDLE
        self._keys: Scp03Keys | None = None
        self._session: Scp03SessionKeys | None = None
        self._level = SecurityLevel.NONE
        self._host_challenge = b""
        self._card_challenge = b""
        self._chain = ZERO_CHAIN
        self._counter = 0
        self.first_cmac_verified = False

    @property
    def kvn(self) -> int:
        return self._keys.kvn if self._keys is not None else 0

    def begin(
        self, keys: Scp03Keys, host_challenge: bytes, card_challenge: bytes, kdd: bytes, seq: int | None = None
    ) -> bytes:
        """Answer INITIALIZE UPDATE (§7.1.2); a session in progress ends first."""
        n = self.options.block_len
        if len(host_challenge) != n or len(card_challenge) != n or len(kdd) != 10:
            raise ApduFormatError(f"challenges must be {n} bytes and the KDD 10 bytes")
        self.terminate()
        self._keys = keys
        self._session = derive_session_keys(keys, host_challenge, card_challenge)
        self._host_challenge, self._card_challenge = host_challenge, card_challenge
        self._state = ChannelState.INITIALIZED
        cryptogram = card_cryptogram(self._session.mac, host_challenge, card_challenge, n)
        seq = seq if self.options.pseudo_random_challenge else None
        return Scp03InitUpdateResponse(kdd, keys.kvn, self.options.i, card_challenge, cryptogram, seq).encode()

    def external_authenticate(self, apdu: bytes) -> SecurityLevel:
        """Check host cryptogram and C-MAC, set the level (§7.2); raises ``CardSecurityError``."""
        session = self._session
        if self._state is not ChannelState.INITIALIZED or session is None:
            self._abort()
            raise CardSecurityError("EXTERNAL AUTHENTICATE without INITIALIZE UPDATE")
        n = self.options.block_len
        command = CommandApdu.parse(apdu)
        try:
            level = self.options.check_level(command.p1)
        except Scp03Error:
            self._abort()
            raise CardSecurityError("security level not supported by this card") from None
        if not has_secure_messaging(command.cla) or command.p2 != 0 or len(command.data) != 2 * n:
            self._abort()
            raise CardSecurityError("malformed EXTERNAL AUTHENTICATE")
        received_cryptogram, received_mac = command.data[:n], command.data[n:]
        expected = host_cryptogram(session.mac, self._host_challenge, self._card_challenge, n)
        if not hmac.compare_digest(expected, received_cryptogram):
            self._abort()
            raise CardSecurityError("host cryptogram does not verify", SW_HOST_CRYPTOGRAM_FAILED)
        chain = command_mac(session.mac, ZERO_CHAIN, command.header, received_cryptogram, n)
        if not hmac.compare_digest(chain[:n], received_mac):
            self._abort()
            raise CardSecurityError("EXTERNAL AUTHENTICATE C-MAC does not verify")
        self._chain, self._counter, self._level = chain, 0, level
        self._state = ChannelState.AUTHENTICATED
        self.first_cmac_verified = True
        return level

    def _verify(self, command: CommandApdu) -> CommandApdu:
        assert self._session is not None
        n = self.options.block_len
        if len(command.data) < n:
            self._abort()
            raise CardSecurityError("secure messaging command without C-MAC")
        data, received = command.data[:-n], command.data[-n:]
        chain = command_mac(self._session.mac, self._chain, command.header, data, n)
        if not hmac.compare_digest(chain[:n], received):
            self._abort()
            raise CardSecurityError("C-MAC does not verify")
        self._chain = chain
        self._counter += 1
        if self._level & SecurityLevel.C_DECRYPTION and data:
            try:
                data = decrypt_command_data(self._session.enc, self._counter, data)
            except SecureMessagingError:
                self._abort()
                raise CardSecurityError("encrypted command data is malformed") from None
        cla = without_secure_messaging(command.cla)
        return CommandApdu(cla, command.ins, command.p1, command.p2, data, command.le)

    def wrap_response(self, command_plain: bytes, data: bytes, sw: int) -> bytes:
        """Response data + SW with R-ENCRYPTION and R-MAC when the level asks (§6.2.5, §6.2.7).

        Error status words go out bare (§6.2.5).  ``command_plain`` is kept for the SCP02 contract.
        """
        tail = sw.to_bytes(2, "big")
        if self._session is None or not self._level & SecurityLevel.R_MAC:
            return data + tail
        if not success_or_warning(sw):
            return tail
        if self._level & SecurityLevel.R_ENCRYPTION:
            data = encrypt_response_data(self._session.enc, self._counter, data)
        mac = response_mac(self._session.rmac, self._chain, data, sw, self.options.block_len)
        return data + mac + tail

    def decrypt_sensitive(self, data: bytes) -> bytes:
        """Decrypt PUT KEY / STORE DATA key blocks with the static DEK (Amendment D §7.2)."""
        if self._keys is None or self._state is not ChannelState.AUTHENTICATED:
            raise CardSecurityError("no authenticated secure channel session")
        try:
            return aes_cbc_decrypt(self._keys.dek, data)
        except CryptoInputError:
            raise CardSecurityError("sensitive data is not AES-block aligned", 0x6A80) from None

    def terminate(self) -> None:
        self._state = ChannelState.IDLE
        self._session = None
        self._keys = None
        self._level = SecurityLevel.NONE
        self._chain = ZERO_CHAIN
        self._counter = 0
        self.first_cmac_verified = False

    def __repr__(self) -> str:
        return f"Scp03CardChannel(state={self._state.value}, level=0x{int(self._level):02X}, keys=<redacted>)"
