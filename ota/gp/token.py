"""Delegated Management tokens and receipts (GPC 2.2.1 §9.3.3 / §9.3.4, Annex C.4; GP 2.1.1 §C.4).

An Application Provider's SD with the Delegated Management privilege may load, install,
extradite and delete only with a **token** the Card Issuer signed: RSASSA-PKCS1-v1_5 with SHA-1,
under the Card Issuer's token private key, over the command's header and data without the token
(§C.4.1)::

    INSTALL:  P1 || P2 || Lc || data         data: the LV fields up to and with the parameters,
                                             Lc its length (the token field is left out)
    DELETE:   P1 || P2 || Lc || data         data: the TLVs ahead of the token (9E), Lc their length

In INSTALL the token is the last field, its length BER-encoded (a 1024-bit RSA token is
``81 80`` + 128 bytes, as GlobalPlatformPro's DMTokenizer writes it; ``00``: no token).

The ISD (Token Verification privilege) checks it with the Card Issuer's public key.  After the
command the ISD (Receipt Generation privilege) answers a **receipt**: the retail MAC (§B.1.2.2,
single DES + final triple DES, ISO 9797-1 padding method 2, zero ICV) under the receipt key it
shares with the Card Issuer, over (§C.4.2)::

    Load:        confirmation data || LV(load file AID) LV(SD AID)
    Install:     confirmation data || LV(load file AID) LV(application AID)
    Extradition: confirmation data || LV(original SD AID) LV(application AID) LV(new SD AID)
    Delete:      confirmation data || LV(AID)

    confirmation data = LV(confirmation counter) LV(card unique data)

``counter`` is the card's two-byte confirmation counter, raised by each receipt; the card unique
data is the IIN and the CIN (tags 42 and 45) end to end.  The response data carries the receipt
and the confirmation data under one length (as GlobalPlatformPro's ReceiptVerifier reads it;
``00``: no receipt)::

    L || LV(receipt) || confirmation data

Only :func:`receipt` holds a key; everything else is layout, so the card (ota.vse) and the
platform build byte-identical inputs from the same functions.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ota.gp.apdu import CommandApdu
from ota.gp.crypto import mac_retail
from ota.gp.errors import GpError
from ota.gp.tlv import decode_tlvs, encode_length, encode_tlv

TAG_DELETE_TOKEN = 0x9E


class ReceiptKind(StrEnum):
    LOAD = "load"
    INSTALL = "install"
    EXTRADITION = "extradition"
    DELETE = "delete"


def _lv(value: bytes) -> bytes:
    if len(value) > 255:
        raise GpError(f"LV field of {len(value)} bytes exceeds 255")
    return bytes((len(value),)) + value


def _lv_fields(data: bytes) -> list[bytes]:
    fields, pos = [], 0
    while pos < len(data):
        end = pos + 1 + data[pos]
        if end > len(data):
            raise GpError("truncated LV field in INSTALL data")
        fields.append(data[pos + 1 : end])
        pos = end
    return fields


# --- tokens (§C.4.1) ------------------------------------------------------------------------------


def install_fields(p1: int) -> int:
    """How many one-byte LV fields come ahead of the token: 4 for [for load], else 5
    (GPC 2.2.1 Tables 11-44 to 11-48)."""
    return 4 if p1 == 0x02 else 5


def split_install_data(p1: int, data: bytes) -> tuple[bytes, bytes]:
    """INSTALL data as (the fields the token signs, the token; empty when none)."""
    return split_token_field(data, install_fields(p1))


def split_token_field(data: bytes, count: int) -> tuple[bytes, bytes]:
    """``count`` one-byte LV fields, then an optional token field with a BER length."""
    pos = 0
    for _ in range(count):
        if pos >= len(data) or pos + 1 + data[pos] > len(data):
            raise GpError("truncated LV field in INSTALL data")
        pos += 1 + data[pos]
    signed, rest = data[:pos], data[pos:]
    if not rest:
        return signed, b""
    first = rest[0]
    size = 1 + (first & 0x7F if first & 0x80 else 0)  # BER: 00..7F, 81 xx, 82 xx xx
    length = int.from_bytes(rest[1:size], "big") if first & 0x80 else first
    if first in (0x80, 0x83, 0x84) or size > 3 or len(rest) != size + length:
        raise GpError("malformed token field in INSTALL data")
    return signed, rest[size:]


def split_delete_data(data: bytes) -> tuple[bytes, bytes]:
    """DELETE data as (the TLVs the token signs, the token of tag 9E, empty when none)."""
    signed, token = b"", b""
    for tlv in decode_tlvs(data):
        if tlv.tag == TAG_DELETE_TOKEN:
            token = tlv.value
        elif token:
            raise GpError("DELETE data after the token")
        else:
            signed += tlv.encode()
    return signed, token


def token_input(command: CommandApdu) -> bytes:
    """What the Card Issuer signs for ``command`` (INSTALL or DELETE, with or without a token)."""
    signed, _ = _split(command)
    return bytes((command.p1, command.p2)) + _lv(signed)


def _split(command: CommandApdu) -> tuple[bytes, bytes]:
    if command.ins == 0xE6:
        return split_install_data(command.p1, command.data)
    if command.ins == 0xE4:
        return split_delete_data(command.data)
    raise GpError(f"INS {command.ins:02X} takes no Delegated Management token")


def with_token(command: CommandApdu, token: bytes) -> CommandApdu:
    """``command`` carrying ``token``: INSTALL's last LV, or DELETE's 9E TLV at the end."""
    signed, _ = _split(command)
    if command.ins == 0xE6:
        data = signed + encode_length(len(token)) + token
    else:
        data = signed + encode_tlv(TAG_DELETE_TOKEN, token)
    return CommandApdu(command.cla, command.ins, command.p1, command.p2, data, command.le)


def verify_token(public_key: rsa.RSAPublicKey, command: CommandApdu) -> bool:
    """The ISD's check (Token Verification privilege): is the command's token the Card Issuer's
    signature over exactly this command?  A command without a token fails."""
    try:
        signed = token_input(command)
        _, token = _split(command)
        if not token:
            return False
        public_key.verify(token, signed, padding.PKCS1v15(), hashes.SHA1())
    except (InvalidSignature, GpError, ValueError):
        return False
    return True


# --- receipts (§C.4.2) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Confirmation:
    """What the card answers after a delegated command: the receipt and what it was made over."""

    receipt: bytes
    counter: int
    card_unique_data: bytes

    @property
    def data(self) -> bytes:
        """The confirmation data: what the receipt covers ahead of the AIDs."""
        return _lv(self.counter.to_bytes(2, "big")) + _lv(self.card_unique_data)

    def encode(self) -> bytes:
        return _lv(_lv(self.receipt) + self.data)


def parse_confirmation(data: bytes) -> Confirmation:
    """The response data of a delegated command; GpError when it carries no receipt."""
    outer = _lv_fields(data)
    fields = _lv_fields(outer[0]) if len(outer) == 1 else []
    if len(fields) != 3 or not fields[0] or len(fields[1]) != 2:
        raise GpError("response carries no receipt with its confirmation counter and card unique data")
    return Confirmation(fields[0], int.from_bytes(fields[1], "big"), fields[2])


def receipt_input(kind: ReceiptKind, counter: int, card_unique_data: bytes, *aids: bytes) -> bytes:
    """The data a receipt is computed over (§C.4.2): counter, card unique data, then the AIDs of
    ``kind`` in the order the module docstring lists."""
    wanted = {ReceiptKind.DELETE: 1, ReceiptKind.EXTRADITION: 3}.get(kind, 2)
    if len(aids) != wanted:
        raise GpError(f"a {kind.value} receipt covers {wanted} AID(s), got {len(aids)}")
    if not 0 <= counter <= 0xFFFF:
        raise GpError("confirmation counter is two bytes")
    return _lv(counter.to_bytes(2, "big")) + _lv(card_unique_data) + b"".join(_lv(a) for a in aids)


def receipt(receipt_key: bytes, data: bytes) -> bytes:
    """The receipt over ``data`` (:func:`receipt_input`) under a two-key 3DES receipt key."""
    return mac_retail(receipt_key, data)


def check_receipt(receipt_key: bytes, data: bytes, given: bytes) -> bool:
    return hmac.compare_digest(receipt(receipt_key, data), given)
