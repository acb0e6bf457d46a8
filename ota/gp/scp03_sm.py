"""SCP03 secure messaging primitives shared by the host and the card side.

GPC 2.2 Amendment D v1.1.1 §6.2.4 (C-MAC), §6.2.5 (R-MAC), §6.2.6 (C-DECRYPTION), §6.2.7
(R-ENCRYPTION).  Functions of session keys and bytes; no state.

* The MAC chaining value is the full 16-byte CMAC of the previous command (16 zero bytes before
  EXTERNAL AUTHENTICATE); a command's C-MAC is CMAC(S-MAC, chaining value || header with
  Lc including the MAC || data as sent); the APDU carries its leftmost 8 (S8) or 16 (S16) bytes.
* The R-MAC is CMAC(S-RMAC, chaining value of the command || response data as sent || SW).
* Command data is encrypted with AES-CBC under S-ENC, ICV = AES(S-ENC, counter as 16 bytes);
  response data under the same counter with its first byte set to ``80``.  The counter counts
  the commands of the session from 1, each command advancing it whether it carries data or not.
"""

from __future__ import annotations

from ota.gp.aes import BLOCK, aes_cbc_decrypt, aes_cbc_encrypt, aes_ecb_encrypt, cmac, pad80, unpad80
from ota.gp.apdu import EXTENDED_MAX_DATA, length_field
from ota.gp.crypto import CryptoInputError
from ota.gp.errors import SecureMessagingError
from ota.gp.kept_cipher import AesKey

ZERO_CHAIN = bytes(BLOCK)
SHORT_MAX_LC = 255

#: EXTERNAL AUTHENTICATE P1 values of Amendment D §5.1.2 Table 5-2 (plus 00, no security).
VALID_LEVELS = frozenset({0x00, 0x01, 0x03, 0x11, 0x13, 0x33})


def success_or_warning(sw: int) -> bool:
    """9000, 62xx and 63xx: the only status words whose responses get R-MAC and R-ENC (§6.2.5)."""
    return sw == 0x9000 or (sw >> 8) in (0x62, 0x63)


def command_icv(s_enc: bytes, counter: int) -> bytes:
    return aes_ecb_encrypt(s_enc, counter.to_bytes(BLOCK, "big"))


def response_icv(s_enc: bytes, counter: int) -> bytes:
    return aes_ecb_encrypt(s_enc, b"\x80" + counter.to_bytes(BLOCK - 1, "big"))


def encrypt_command_data(s_enc: bytes, counter: int, data: bytes) -> bytes:
    """C-DECRYPTION (§6.2.6): a command without data stays without data."""
    return aes_cbc_encrypt(s_enc, pad80(data), command_icv(s_enc, counter)) if data else b""


def decrypt_command_data(s_enc: bytes, counter: int, data: bytes) -> bytes:
    if not data:
        return b""
    try:
        return unpad80(aes_cbc_decrypt(s_enc, data, command_icv(s_enc, counter)))
    except CryptoInputError:
        raise SecureMessagingError("encrypted command data is malformed") from None


def encrypt_response_data(s_enc: bytes, counter: int, data: bytes) -> bytes:
    """R-ENCRYPTION (§6.2.7): response data only, none when there is none."""
    return aes_cbc_encrypt(s_enc, pad80(data), response_icv(s_enc, counter)) if data else b""


def decrypt_response_data(s_enc: bytes, counter: int, data: bytes) -> bytes:
    if not data:
        return b""
    try:
        return unpad80(aes_cbc_decrypt(s_enc, data, response_icv(s_enc, counter)))
    except CryptoInputError:
        raise SecureMessagingError("encrypted response data is malformed") from None


def command_mac(s_mac: bytes, chain: bytes, header: bytes, data: bytes, mac_len: int) -> bytes:
    """Full 16-byte CMAC over chain || CLA INS P1 P2 || Lc (data + MAC) || data (§6.2.4).

    Lc is encoded as the APDU carries it (ISO 7816-4 §5.1): one byte, or ``00 HH LL`` for an
    extended APDU.

    ``header`` is the four bytes as sent (CLA with the secure messaging bit).  The caller keeps
    the full value as the next chaining value and sends its leftmost ``mac_len`` bytes.
    """
    return cmac(s_mac, command_mac_input(chain, header, data, mac_len))


def command_mac_input(chain: bytes, header: bytes, data: bytes, mac_len: int) -> bytes:
    """What the C-MAC covers (§6.2.4): chain || header || Lc (data + MAC) || data."""
    lc = len(data) + mac_len
    if lc > EXTENDED_MAX_DATA:
        raise SecureMessagingError(f"wrapped data of {lc} bytes does not fit an extended APDU")
    return chain + header + length_field(lc) + data


def response_mac(s_rmac: bytes, chain: bytes, data: bytes, sw: int, mac_len: int) -> bytes:
    """R-MAC (§6.2.5): leftmost ``mac_len`` bytes of CMAC(chain || data || SW)."""
    return cmac(s_rmac, chain + data + sw.to_bytes(2, "big"))[:mac_len]


class KeptSession:
    """The host's secure messaging of one SCP03 session on kept AES contexts
    (``ota.gp.kept_cipher.AesKey``): the functions above, byte for byte, without building cipher
    contexts per command.  One channel (one request) uses it, never two threads at once."""

    __slots__ = ("_enc", "_mac", "_rmac")

    def __init__(self, s_enc: bytes, s_mac: bytes, s_rmac: bytes) -> None:
        self._enc, self._mac, self._rmac = AesKey(s_enc), AesKey(s_mac), AesKey(s_rmac)

    def __repr__(self) -> str:
        return "KeptSession(<redacted>)"

    def command_mac(self, chain: bytes, header: bytes, data: bytes, mac_len: int) -> bytes:
        return self._mac.cmac(command_mac_input(chain, header, data, mac_len))

    def response_mac(self, chain: bytes, data: bytes, sw: int, mac_len: int) -> bytes:
        return self._rmac.cmac(chain + data + sw.to_bytes(2, "big"))[:mac_len]

    def encrypt_command_data(self, counter: int, data: bytes) -> bytes:
        if not data:
            return b""
        return self._enc.cbc_encrypt(pad80(data), self._enc.ecb_encrypt(counter.to_bytes(BLOCK, "big")))

    def decrypt_response_data(self, counter: int, data: bytes) -> bytes:
        if not data:
            return b""
        icv = self._enc.ecb_encrypt(b"\x80" + counter.to_bytes(BLOCK - 1, "big"))
        try:
            return unpad80(self._enc.cbc_decrypt(data, icv))
        except CryptoInputError:
            raise SecureMessagingError("encrypted response data is malformed") from None


def max_plain_data(
    level: int, mac_len: int = 8, max_command_data: int = SHORT_MAX_LC, extended: bool = False
) -> int:
    """Largest plaintext command data that fits, once wrapped, in ``max_command_data`` bytes.

    C-MAC adds ``mac_len``; C-DECRYPTION pads with ``80 00..`` to a multiple of 16, always adding
    a byte: ``n`` bytes go out as ``16 * (n // 16 + 1) + mac_len``.  0 when nothing fits.  Only
    with ``extended`` (ISO 7816-4 §5.1, agreed by card and terminal) may the limit exceed 255.
    """
    limit = min(max_command_data, EXTENDED_MAX_DATA if extended else SHORT_MAX_LC)
    if level & 0x02:
        fits = (limit - mac_len) // BLOCK * BLOCK - 1
    elif level & 0x01:
        fits = limit - mac_len
    else:
        fits = limit
    return max(fits, 0)
