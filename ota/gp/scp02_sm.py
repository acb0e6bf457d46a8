"""SCP02 secure messaging primitives shared by the host and the card side.

GPC 2.2.1 §E.3 (ICV), §E.4.4 (C-MAC), §E.4.5 (R-MAC), §E.4.6 (C-DECRYPTION), §E.4.7 (sensitive
data), §11.1.4 (class byte).  Functions of session keys and bytes; no state.
"""

from __future__ import annotations

from ota.gp.apdu import EXTENDED_MAX_DATA, CommandApdu, length_field
from ota.gp.constants import SecurityLevel
from ota.gp.crypto import (
    CryptoInputError,
    des_ecb_encrypt,
    mac_retail,
    pad80,
    tdes_cbc_decrypt,
    tdes_cbc_encrypt,
    tdes_ecb_decrypt,
    unpad80,
)
from ota.gp.errors import SecureMessagingError

MAC_LEN = 8
SHORT_MAX_LC = 255

#: EXTERNAL AUTHENTICATE P1 values of GPC 2.2.1 Table E-11 (0x30-0x33 are RFU).
VALID_LEVELS = frozenset({0x00, 0x01, 0x03, 0x10, 0x11, 0x13})


def max_plain_data(level: int, max_command_data: int = SHORT_MAX_LC, extended: bool = False) -> int:
    """Largest plaintext command data that still fits, once wrapped, in a data field of
    ``max_command_data`` bytes: a short APDU's 255, or less when the card's FCI says so
    (tag 9F65, "maximum length of data field in command message", GPC 2.2.1 §11.9.3.1).

    C-MAC adds 8 bytes (§E.4.4).  C-DECRYPTION first pads with ``80 00..`` to a multiple of 8,
    always adding at least one byte (§E.4.6), so ``n`` bytes go out as ``8 * (n // 8 + 1) + 8``:
    the largest ``n`` is ``floor8(limit - 8) - 1`` (239 for 255, 119 for 128).  0 when not even
    one byte fits.  Only with ``extended`` (card and terminal agreed on extended length, ISO
    7816-4 §5.1) may ``max_command_data`` exceed a short APDU's 255.
    """
    limit = min(max_command_data, EXTENDED_MAX_DATA if extended else SHORT_MAX_LC)
    if level & SecurityLevel.C_DECRYPTION:
        fits = (limit - MAC_LEN) // 8 * 8 - 1
    elif level & SecurityLevel.C_MAC:
        fits = limit - MAC_LEN
    else:
        fits = limit
    return max(fits, 0)


# First interindustry CLA (b7=0): channel in b2-b1, GP secure messaging bit b3 (0x04).
# Further interindustry CLA (b7=1): channel 4-19 in b4-b1, secure messaging bit b6 (0x20).
# MACs are computed as if on logical channel 0, i.e. in the first interindustry form (§E.4.4).


def _further(cla: int) -> bool:
    return bool(cla & 0x40)


def has_secure_messaging(cla: int) -> bool:
    """True when the CLA byte announces secure messaging (GPC 2.2.1 §11.1.4)."""
    return bool(cla & 0x20) if _further(cla) else bool(cla & 0x0C)


def with_secure_messaging(cla: int) -> int:
    """The CLA as sent once a C-MAC is attached."""
    return cla | 0x20 if _further(cla) else cla | 0x04


def without_secure_messaging(cla: int) -> int:
    """The CLA with the secure messaging indication removed (logical channel kept)."""
    return cla & ~0x20 if _further(cla) else cla & ~0x0C


def mac_cla(cla: int) -> int:
    """CLA as MACed: channel 0, secure messaging bit set; b8 and the chaining bit b5 kept."""
    return (cla & 0x90) | 0x04


def stripped_cla(cla: int) -> int:
    """CLA as it enters the R-MAC: channel 0 and no secure messaging (§E.4.5)."""
    return cla & 0x90


def command_mac_input(command: CommandApdu) -> bytes:
    """What the C-MAC covers on the modified APDU (§E.4.4, Figure E-4): header with Lc + 8,
    plaintext data, no Le.  Lc is encoded as the APDU carries it: ``00 HH LL`` when extended."""
    header = bytes((mac_cla(command.cla), command.ins, command.p1, command.p2))
    return header + length_field(len(command.data) + MAC_LEN) + command.data


def command_mac(s_mac: bytes, command: CommandApdu, icv: bytes) -> bytes:
    """C-MAC on the modified APDU (§E.4.4)."""
    return mac_retail(s_mac, command_mac_input(command), icv)


def response_mac_input(command: CommandApdu, data: bytes, sw: int) -> bytes:
    """What the R-MAC covers (§E.4.5): the stripped command (Lc always present) || Li || data || SW.

    After an error status only a ``00`` stands for the (absent) response data.
    """
    stripped = bytes((stripped_cla(command.cla), command.ins, command.p1, command.p2))
    stripped += length_field(len(command.data)) if command.data else b"\x00"
    success_or_warning = (sw >> 8) in (0x90, 0x61, 0x62, 0x63)
    body = bytes((len(data) % 256,)) + data if success_or_warning else b"\x00"
    return stripped + command.data + body + sw.to_bytes(2, "big")


def response_mac(s_rmac: bytes, command: CommandApdu, data: bytes, sw: int, icv: bytes) -> bytes:
    """R-MAC (§E.4.5)."""
    return mac_retail(s_rmac, response_mac_input(command, data, sw), icv)


def chained_icv(s_mac: bytes, last_mac: bytes, icv_encryption: bool) -> bytes:
    """ICV for the next C-MAC: the previous C-MAC, DES-encrypted with S-MAC[0:8] when i asks (§E.3.4)."""
    return des_ecb_encrypt(s_mac[:8], last_mac) if icv_encryption else last_mac


def encrypt_command_data(s_enc: bytes, data: bytes) -> bytes:
    """C-DECRYPTION: 3DES-CBC with a zero ICV over the padded data (§E.4.6)."""
    return tdes_cbc_encrypt(s_enc, pad80(data))


def decrypt_command_data(s_enc: bytes, data: bytes) -> bytes:
    """Undo ``encrypt_command_data``; a bad length or padding is a secure messaging error."""
    try:
        return unpad80(tdes_cbc_decrypt(s_enc, data))
    except CryptoInputError:
        raise SecureMessagingError("encrypted command data is malformed") from None


def decrypt_sensitive(s_dek: bytes, data: bytes) -> bytes:
    """3DES-ECB decryption with the session DEK; no padding is removed (§E.4.7)."""
    return tdes_ecb_decrypt(s_dek, data)
