"""GET STATUS (GPC 2.2.1 §11.4) on the virtual card.

P1 selects the registry subset (80 ISD, 40 applications and SSDs, 20 load files, 10 load files with
their modules); P2 b2 selects the format (00: deprecated LV format of Table 11-36, 02: TLV ``E3``
entries of Table 11-36/37); P2 b1 asks for the next page.  The search criteria are ``4F 00`` (all)
or ``4F len prefix``.  A response that would exceed ``PAGE_LIMIT`` bytes answers 6310 with the
entries that fit; the next page comes from GET STATUS with P2|01 on the same channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from ota.gp.constants import StatusSubset
from ota.gp.sw import SW
from ota.gp.tlv import encode_tlv
from ota.vse.errors import fail
from ota.vse.state import CardState

PAGE_LIMIT = 240


@dataclass(frozen=True)
class Entry:
    aid: bytes
    life_cycle: int
    privileges: int = 0
    load_file_aid: bytes | None = None
    modules: tuple[bytes, ...] = ()
    version: bytes | None = None
    sd_aid: bytes | None = None


@dataclass
class Paging:
    """Entries still to send for a GET STATUS answered with 6310."""

    remaining: list[bytes]


def _entries(state: CardState, subset: int) -> list[Entry]:
    if subset == StatusSubset.ISD:
        return [Entry(state.isd_aid, state.life_cycle, state.isd_privileges)]
    if subset == StatusSubset.APPS:
        return [
            Entry(a.aid, a.life_cycle, a.privileges, a.load_file_aid, sd_aid=a.sd_aid)
            for a in state.apps
        ]
    with_modules = subset == StatusSubset.LOAD_FILES_AND_MODULES
    return [
        Entry(
            f.aid,
            f.life_cycle,
            modules=tuple(f.modules) if with_modules else (),
            version=f.version or None,
            sd_aid=f.sd_aid,
        )
        for f in state.load_files
    ]


def _encode_tlv_format(entry: Entry, subset: int) -> bytes:
    """One ``E3`` registry entry, GPC 2.2.1 §11.4.3.2 Table 11-37."""
    body = encode_tlv(0x4F, entry.aid) + encode_tlv(0x9F70, bytes((entry.life_cycle,)))
    if subset in (StatusSubset.ISD, StatusSubset.APPS):
        body += encode_tlv(0xC5, entry.privileges.to_bytes(3, "big"))
    if entry.load_file_aid:
        body += encode_tlv(0xC4, entry.load_file_aid)
    if entry.version:
        body += encode_tlv(0xCE, entry.version)
    for module in entry.modules:
        body += encode_tlv(0x84, module)
    if entry.sd_aid:
        body += encode_tlv(0xCC, entry.sd_aid)
    return encode_tlv(0xE3, body)


def _encode_lv_format(entry: Entry, subset: int) -> bytes:
    """Deprecated format, GPC 2.2.1 §11.4.3.1 Tables 11-35/11-36: LV AID, LC, 1-byte privileges."""
    out = bytes((len(entry.aid),)) + entry.aid + bytes((entry.life_cycle, entry.privileges >> 16))
    if subset == StatusSubset.LOAD_FILES_AND_MODULES:
        out += bytes((len(entry.modules),))
        out += b"".join(bytes((len(m),)) + m for m in entry.modules)
    return out


def _prefix(data: bytes) -> bytes:
    """The AID prefix of the ``4F`` search criterion; what follows it (a 5C tag list) is ignored."""
    if len(data) < 2 or data[0] != 0x4F or len(data) < 2 + data[1]:
        raise fail(SW.WRONG_DATA, "search criteria must start with tag 4F")
    return data[2 : 2 + data[1]]


def get_status(
    state: CardState, p1: int, p2: int, data: bytes, paging: Paging | None
) -> tuple[bytes, int, Paging | None]:
    """GET STATUS: returns (response data, SW, paging state to keep for the next call)."""
    if p1 not in set(StatusSubset) or p2 & ~0x03:
        raise fail(SW.INCORRECT_P1P2, "unsupported GET STATUS P1/P2")
    if p2 & 0x01:
        if paging is None:
            raise fail(SW.CONDITIONS_NOT_SATISFIED, "no GET STATUS to continue")
        chunks = paging.remaining
    else:
        prefix = _prefix(data)
        encode = _encode_tlv_format if p2 & 0x02 else _encode_lv_format
        chunks = [
            encode(e, p1) for e in _entries(state, p1) if e.aid.startswith(prefix)
        ]
        if not chunks:
            raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no matching entry")
    out = bytearray()
    taken = 0
    for chunk in chunks:
        if taken and len(out) + len(chunk) > PAGE_LIMIT:
            break
        out += chunk
        taken += 1
    rest = chunks[taken:]
    if rest:
        return bytes(out), int(SW.MORE_DATA_AVAILABLE), Paging(rest)
    return bytes(out), int(SW.OK), None
