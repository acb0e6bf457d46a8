"""Delegated Management tokens and receipts (GPC 2.2.1 §9.3.3 / §9.3.4, Annex C.4; GP 2.1.1 §C.4).

An Application Provider's SD with the Delegated Management privilege may load, install,
extradite and delete only with a **token** the Card Issuer signed: RSASSA-PKCS1-v1_5 with SHA-1,
under the Card Issuer's token private key, over the command's header and data without the token
(§C.4.1)::

    INSTALL:  P1 || P2 || Lc || data         data: the LV fields up to and with the parameters,
                                             Lc its length (the token's own LV is left out)
    DELETE:   P1 || P2 || Lc || data         data: the TLVs ahead of the token (9E), Lc their length

The ISD (Token Verification privilege) checks it with the Card Issuer's public key.  After the
command the ISD (Receipt Generation privilege) answers a **receipt**: the retail MAC (§B.1.2.2,
single DES + final triple DES, ISO 9797-1 padding method 2, zero ICV) under the receipt key it
shares with the Card Issuer, over (§C.4.2)::

    Load:        LV(counter) LV(card unique data) LV(load file AID) LV(SD AID)
    Install:     LV(counter) LV(card unique data) LV(load file AID) LV(application AID)
    Extradition: LV(counter) LV(card unique data) LV(SD AID) LV(application AID)
    Delete:      LV(counter) LV(card unique data) LV(AID)

``counter`` is the card's two-byte confirmation counter, raised by each receipt; the card unique
data is the IIN and the CIN (tags 42 and 45) end to end.  The response data carries the receipt
with both (the GP 2.1.1 layout the globalplatform library reads)::

    LV(receipt) LV(confirmation counter) LV(card unique data)

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
from ota.gp.tlv import decode_tlvs, encode_tlv

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


def split_install_data(data: bytes) -> tuple[bytes, bytes]:
    """INSTALL data as (the fields the token signs, the token): the token is the last LV."""
    fields = _lv_fields(data)
    if len(fields) < 2:
        raise GpError("INSTALL data without a token field")
    token = fields[-1]
    return data[: len(data) - 1 - len(token)], token


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
    if command.ins == 0xE6:
        signed, _ = split_install_data(command.data)
    elif command.ins == 0xE4:
        signed, _ = split_delete_data(command.data)
    else:
        raise GpError(f"INS {command.ins:02X} takes no Delegated Management token")
    return bytes((command.p1, command.p2)) + _lv(signed)


def with_token(command: CommandApdu, token: bytes) -> CommandApdu:
    """``command`` carrying ``token``: INSTALL's last LV, or DELETE's 9E TLV at the end."""
    if command.ins == 0xE6:
        signed, _ = split_install_data(command.data)
        data = signed + _lv(token)
    elif command.ins == 0xE4:
        signed, _ = split_delete_data(command.data)
        data = signed + encode_tlv(TAG_DELETE_TOKEN, token)
    else:
        raise GpError(f"INS {command.ins:02X} takes no Delegated Management token")
    return CommandApdu(command.cla, command.ins, command.p1, command.p2, data, command.le)


def verify_token(public_key: rsa.RSAPublicKey, command: CommandApdu) -> bool:
    """The ISD's check (Token Verification privilege): is the command's token the Card Issuer's
    signature over exactly this command?  A command without a token fails."""
    try:
        signed = token_input(command)
        _, token = split_install_data(command.data) if command.ins == 0xE6 else split_delete_data(command.data)
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

    def encode(self) -> bytes:
        return _lv(self.receipt) + _lv(self.counter.to_bytes(2, "big")) + _lv(self.card_unique_data)


def parse_confirmation(data: bytes) -> Confirmation:
    """The response data of a delegated command; GpError when it carries no receipt."""
    fields = _lv_fields(data)
    if len(fields) != 3 or not fields[0] or len(fields[1]) != 2:
        raise GpError("response carries no receipt with its confirmation counter and card unique data")
    return Confirmation(fields[0], int.from_bytes(fields[1], "big"), fields[2])


def receipt_input(kind: ReceiptKind, counter: int, card_unique_data: bytes, *aids: bytes) -> bytes:
    """The data a receipt is computed over (§C.4.2): counter, card unique data, then the AIDs of
    ``kind`` in the order the module docstring lists."""
    wanted = 1 if kind is ReceiptKind.DELETE else 2
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
