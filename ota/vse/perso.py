"""STORE DATA (GPC 2.2.1 §11.11) to the ISD and, after INSTALL [for personalization], to an app.

Blocks are numbered from 00 in P2; the data is processed when the block with P1 b8 arrives.

To the ISD the data are the seed's data objects (seed §5.5.2) with *two-byte* tags and a BER
length (2F14 and 1047 are not well-formed BER tags, so they are parsed as raw two-byte tags):

* ``2F14 len MSISDN``: the bound MSISDN, readable again with GET DATA 2F14;
* ``1047 len {01 len token, 02 len IMSI digest}``: both sub-fields, in that order, non-empty;
  anything else is 6A80 and nothing is stored.

To an application the data are kept as the application receives them: per DGI (P1 structure
01, two-byte tag, length 1 byte or FF + 2 bytes), per BER-TLV (structure 10), or appended under
tag 0 when the structure is not given.  An app given data this way reports PERSONALIZED (0F).
Encrypted data (P1 b7-b6 = 11) to the ISD is decrypted with the session DEK; an application
receives its encrypted data unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ota.gp.aes import unpad80 as aes_unpad80
from ota.gp.constants import TAG_MSISDN, TAG_TOKEN, AppLifeCycle, StoreDataFormat
from ota.gp.crypto import unpad80
from ota.gp.errors import GpError
from ota.gp.sw import SW
from ota.gp.tlv import decode_tlvs
from ota.vse.errors import fail
from ota.vse.state import Application, CardState

_ENCRYPTED = 0x60
_STRUCTURE = 0x18
_LAST = 0x80


@dataclass
class StoreDataSession:
    """Blocks of one STORE DATA sequence received so far, and to whom they go (None = ISD)."""

    target: Application | None = None
    next_block: int = 0
    data: bytearray = field(default_factory=bytearray)


def _length(data: bytes, pos: int) -> tuple[int, int]:
    """BER length at ``pos`` (short, 81, 82): (length, position after it)."""
    if pos >= len(data):
        raise fail(SW.WRONG_DATA, "truncated length")
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    size = first & 0x7F
    if size not in (1, 2) or pos + 1 + size > len(data):
        raise fail(SW.WRONG_DATA, "bad length field")
    return int.from_bytes(data[pos + 1 : pos + 1 + size], "big"), pos + 1 + size


def _dgi_length(data: bytes, pos: int) -> tuple[int, int]:
    """DGI length: one byte, or FF followed by two bytes (GPC 2.2.1 §11.11.2.3 note)."""
    if pos >= len(data):
        raise fail(SW.WRONG_DATA, "truncated DGI length")
    if data[pos] != 0xFF:
        return data[pos], pos + 1
    if pos + 3 > len(data):
        raise fail(SW.WRONG_DATA, "truncated DGI length")
    return int.from_bytes(data[pos + 1 : pos + 3], "big"), pos + 3


def two_byte_objects(
    data: bytes, length: Callable[[bytes, int], tuple[int, int]] = _length
) -> list[tuple[int, bytes]]:
    """Split ``data`` into (two-byte tag, value) pairs; malformed -> 6A80."""
    out: list[tuple[int, bytes]] = []
    pos = 0
    while pos < len(data):
        if pos + 2 > len(data):
            raise fail(SW.WRONG_DATA, "truncated tag")
        tag = int.from_bytes(data[pos : pos + 2], "big")
        n, pos = length(data, pos + 2)
        if pos + n > len(data):
            raise fail(SW.WRONG_DATA, f"value of {tag:04X} truncated")
        out.append((tag, data[pos : pos + n]))
        pos += n
    return out


def parse_token(value: bytes) -> tuple[bytes, bytes]:
    """Value of tag 1047 (seed table 5-1): ``01 len token 02 len digest`` exactly."""
    if len(value) < 2 or value[0] != 0x01:
        raise fail(SW.WRONG_DATA, "1047 must start with sub-tag 01 (token)")
    token_end = 2 + value[1]
    token = value[2:token_end]
    rest = value[token_end:]
    if not token or len(token) != value[1] or len(rest) < 2 or rest[0] != 0x02:
        raise fail(SW.WRONG_DATA, "1047 token truncated or sub-tag 02 missing")
    digest = rest[2:]
    if not digest or len(digest) != rest[1]:
        raise fail(SW.WRONG_DATA, "1047 IMSI digest length does not match")
    return token, digest


def store_data(
    state: CardState,
    session: StoreDataSession,
    p1: int,
    p2: int,
    data: bytes,
    decrypt: Callable[[bytes], bytes] | None,
    app_decrypts: bool = False,
) -> bool:
    """One STORE DATA block; returns True when the last block was processed (state changed).

    ``app_decrypts``: the application took the command itself (mode 2) and decrypts encrypted
    data with its SD's session DEK; through its SD (mode 3) it receives them unchanged."""
    if p2 != session.next_block:
        raise fail(SW.WRONG_DATA, f"block {p2} out of sequence, expected {session.next_block}")
    session.data += data
    session.next_block += 1
    if not p1 & _LAST:
        return False
    payload = bytes(session.data)
    session.data.clear()
    session.next_block = 0
    if session.target is None:
        _store_to_isd(state, payload, p1, decrypt)
    else:
        _store_to_app(session.target, payload, p1, decrypt if app_decrypts else None)
    return True


def _store_to_isd(
    state: CardState, payload: bytes, p1: int, decrypt: Callable[[bytes], bytes] | None
) -> None:
    if p1 & _ENCRYPTED == _ENCRYPTED:
        payload = _decrypted(state, payload, decrypt)
    updates: dict[str, bytes] = {}
    for tag, value in two_byte_objects(payload):
        if tag == TAG_MSISDN:
            if not 1 <= len(value) <= 16:
                raise fail(SW.WRONG_DATA, "MSISDN must be 1..16 bytes")
            updates["msisdn"] = value
        elif tag == TAG_TOKEN:
            updates["token"], updates["imsi_digest"] = parse_token(value)
        else:
            raise fail(SW.REFERENCED_DATA_NOT_FOUND, f"ISD does not store tag {tag:04X}")
    for name, value in updates.items():
        setattr(state, name, value)


def _decrypted(state: CardState, payload: bytes, decrypt: Callable[[bytes], bytes] | None) -> bytes:
    # SCP02: 3DES with the session DEK, 8-byte blocks; SCP03: AES with the static DEK, 16.
    block, unpad = (16, aes_unpad80) if state.scp == 0x03 else (8, unpad80)
    if decrypt is None or len(payload) % block:
        raise fail(SW.WRONG_DATA, f"encrypted data needs a C-DEC session and {block}-byte blocks")
    try:
        return unpad(decrypt(payload))
    except GpError as exc:
        raise fail(SW.WRONG_DATA, "bad padding of encrypted data") from exc


def _store_to_app(
    app: Application, payload: bytes, p1: int, decrypt: Callable[[bytes], bytes] | None = None
) -> None:
    """``decrypt``: the application took the STORE DATA itself (mode 2) and, when the command
    says "encrypted", decrypts the values of its sensitive DGIs (8xxx, as in EMV CPS §4.3) with
    its SD's session DEK; other data it keeps as received."""
    structure = p1 & _STRUCTURE
    encrypted = decrypt is not None and p1 & _ENCRYPTED == _ENCRYPTED
    if encrypted and structure != StoreDataFormat.DGI:
        raise fail(SW.WRONG_DATA, "the application takes encrypted data as DGIs only")
    if structure == StoreDataFormat.DGI:
        objects = two_byte_objects(payload, _dgi_length)
        if encrypted:
            assert decrypt is not None
            if any(len(v) % 8 for t, v in objects if t & 0x8000):
                raise fail(SW.WRONG_DATA, "an encrypted DGI is not a multiple of 8 bytes")
            objects = [(t, decrypt(v) if t & 0x8000 else v) for t, v in objects]
    elif structure == StoreDataFormat.BER:
        try:
            objects = [(t.tag, t.value) for t in decode_tlvs(payload)]
        except GpError as exc:
            raise fail(SW.WRONG_DATA, f"malformed BER-TLV: {exc}") from exc
    else:
        objects = [(0, app.data.get(0, b"") + payload)]
    app.data.update(objects)
    if not app.locked and app.life_cycle == AppLifeCycle.SELECTABLE:
        app.life_cycle = int(AppLifeCycle.PERSONALIZED)
