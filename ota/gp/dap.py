"""Data Authentication Pattern (DAP) of a Security Domain in DAP mode (GPC 2.2.1 §C.2, §11.6.2.3).

The SD's owner signs the Load File Data Block Hash (SHA-1 of the LFDB, the hash INSTALL [for
load] carries) with its RSA private key: RSASSA-PKCS1-v1_5 with SHA-1 over that hash as the
message (GPC 2.2.1 §C.2.2, "DAP verification with public key scheme"; GPPro signs the same
way).  The signature travels in the LOAD's DAP block, ahead of the LFDB (Table 11-58)::

    E2 L { 4F L <SD AID>  C3 L <signature> }  C4 L <LFDB>

The SD's public key reaches it with PUT KEY (§11.8.2.3 Table 11-69: key type A1 the modulus, A0
the public exponent, clear: it is public).  The platform only relays the owner's signature; only
the card (here the virtual SE) verifies it, with :func:`verify`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ota.gp.errors import GpError
from ota.gp.tlv import decode_tlvs, encode_length, encode_tlv

TAG_DAP_BLOCK = 0xE2
TAG_SD_AID = 0x4F
TAG_SIGNATURE = 0xC3
KEY_TYPE_RSA_MODULUS = 0xA1
KEY_TYPE_RSA_EXPONENT = 0xA0


@dataclass(frozen=True)
class DapKey:
    """An SD's RSA public DAP key."""

    modulus: bytes
    exponent: bytes


def dap_block(sd_aid: bytes, signature: bytes) -> bytes:
    """One DAP block of the LOAD data (GPC 2.2.1 Table 11-58)."""
    return encode_tlv(TAG_DAP_BLOCK, encode_tlv(TAG_SD_AID, sd_aid) + encode_tlv(TAG_SIGNATURE, signature))


def signatures(blocks: bytes) -> dict[bytes, bytes]:
    """The DAP blocks ahead of C4, as {SD AID: signature}; malformed blocks raise GpError."""
    out: dict[bytes, bytes] = {}
    for tlv in decode_tlvs(blocks):
        if tlv.tag != TAG_DAP_BLOCK:
            continue
        inner = {t.tag: t.value for t in tlv.children()}
        if TAG_SD_AID not in inner or TAG_SIGNATURE not in inner:
            raise GpError("DAP block without SD AID (4F) or signature (C3)")
        out[inner[TAG_SD_AID]] = inner[TAG_SIGNATURE]
    return out


def put_key_data(kvn: int, key: DapKey) -> bytes:
    """PUT KEY data carrying the DAP public key: KVN, then A1 (modulus) and A0 (exponent),
    each with a BER length and an empty KCV (public keys have none)."""
    def component(key_type: int, value: bytes) -> bytes:
        return bytes((key_type,)) + encode_length(len(value)) + value + b"\x00"

    return bytes((kvn,)) + component(KEY_TYPE_RSA_MODULUS, key.modulus) + component(KEY_TYPE_RSA_EXPONENT, key.exponent)


def parse_put_key_data(data: bytes) -> tuple[int, DapKey]:
    """The card's side of :func:`put_key_data`; GpError when it is not a DAP public key."""
    if len(data) < 2:
        raise GpError("PUT KEY data too short")
    pos, found = 1, {}
    while pos < len(data):
        key_type = data[pos]
        length, pos = _ber_length(data, pos + 1)
        value = data[pos : pos + length]
        pos += length
        if len(value) != length or pos >= len(data):
            raise GpError("truncated key component")
        pos += 1 + data[pos]  # the KCV, empty for a public key
        found[key_type] = value
    if set(found) != {KEY_TYPE_RSA_MODULUS, KEY_TYPE_RSA_EXPONENT} or pos != len(data):
        raise GpError("a DAP key is an RSA modulus (A1) and public exponent (A0)")
    return data[0], DapKey(found[KEY_TYPE_RSA_MODULUS], found[KEY_TYPE_RSA_EXPONENT])


def _ber_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise GpError("length missing")
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    n = first & 0x7F
    if not 1 <= n <= 2 or pos + 1 + n > len(data):
        raise GpError("bad BER length")
    return int.from_bytes(data[pos + 1 : pos + 1 + n], "big"), pos + 1 + n


def verify(key: DapKey, lfdb_hash: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is the owner's over the Load File Data Block Hash (§C.2.2)."""
    try:
        numbers = rsa.RSAPublicNumbers(int.from_bytes(key.exponent, "big"), int.from_bytes(key.modulus, "big"))
        numbers.public_key().verify(signature, lfdb_hash, padding.PKCS1v15(), hashes.SHA1())
    except (InvalidSignature, ValueError):  # ValueError: not an RSA public key at all
        return False
    return True
