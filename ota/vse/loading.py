"""INSTALL [for load] and LOAD (GPC 2.2.1 §11.5.2.3.1 and §11.6) on the virtual card.

Blocks arrive numbered from 00; a gap or repeat answers 6A80 and abandons the load.  The blocks
are held in RAM while a ``PendingLoad`` marker sits in the card file: if power is lost before the
last block, the next power-on finds the marker and discards the partial load file, keeping
everything committed before.  At the last block the card checks the C4 length, the hash given in
INSTALL [for load] (SHA-1 or SHA-256 by length) and reads the package and applet AIDs from the
Header and Applet components of the Load File Data Block (JCVM 3.0.5 §6.4 and §6.5).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ota.gp import dap, token
from ota.gp.constants import Privilege
from ota.gp.errors import GpError, TlvError
from ota.gp.sw import SW
from ota.gp.tlv import Tlv, decode_tlvs, find
from ota.vse.errors import fail
from ota.vse.state import CardState, LoadFile, PendingLoad

# Bytes of NVM a card spends on the registry entry of any object, on top of its own size.
OBJECT_OVERHEAD = 64

_HEADER_COMPONENT = 1
_APPLET_COMPONENT = 3
_IMPORT_COMPONENT = 4
# The card's own API packages live in ROM: Java Card (RID A000000062) and GlobalPlatform
# (A000000151).  Any other package a load file imports must be on the card before it links.
ROM_API_RIDS = (bytes.fromhex("A000000062"), bytes.fromhex("A000000151"))
_CAP_MAGIC = bytes.fromhex("DECAFFED")


@dataclass
class Loading:
    """A LOAD sequence in progress (RAM only)."""

    aid: bytes
    sd_aid: bytes
    hash: bytes
    next_block: int = 0
    data: bytearray = field(default_factory=bytearray)


@dataclass(frozen=True)
class PackageInfo:
    aid: bytes
    version: bytes  # major, minor
    applet_aids: list[bytes]
    imports: list[bytes] = field(default_factory=list)


def read_lv_fields(data: bytes, count: int) -> list[bytes]:
    """``count`` one-byte-length fields, then an optional token field (BER length, GPC 2.2.1
    Table 11-44; ota.gp.token); anything else is 6A80."""
    try:
        fields, _ = token.split_token_field(data, count)
    except GpError as exc:
        raise fail(SW.WRONG_DATA, str(exc)) from None
    out: list[bytes] = []
    pos = 0
    while pos < len(fields):
        out.append(fields[pos + 1 : pos + 1 + fields[pos]])
        pos += 1 + fields[pos]
    return out


def _components(lfdb: bytes) -> dict[int, bytes]:
    """Split a LFDB into its components: tag(1) size(2) info(size)."""
    out: dict[int, bytes] = {}
    pos = 0
    while pos < len(lfdb):
        if pos + 3 > len(lfdb):
            raise fail(SW.WRONG_DATA, f"truncated component header at {pos}")
        tag = lfdb[pos]
        size = int.from_bytes(lfdb[pos + 1 : pos + 3], "big")
        end = pos + 3 + size
        if end > len(lfdb):
            raise fail(SW.WRONG_DATA, f"component {tag} overruns the load file")
        out.setdefault(tag, lfdb[pos + 3 : end])
        pos = end
    return out


def parse_lfdb(lfdb: bytes) -> PackageInfo:
    """Package AID, version and applet AIDs of a Java Card LFDB; malformed -> 6A80."""
    components = _components(lfdb)
    header = components.get(_HEADER_COMPONENT)
    # magic(4) minor(1) major(1) flags(1) | package: minor(1) major(1) aid_len(1) aid
    if header is None or len(header) < 10 or header[:4] != _CAP_MAGIC:
        raise fail(SW.WRONG_DATA, "no valid Header component")
    aid_len = header[9]
    aid = header[10 : 10 + aid_len]
    if len(aid) != aid_len or not 5 <= aid_len <= 16:
        raise fail(SW.WRONG_DATA, "bad package AID in Header component")
    version = bytes((header[8], header[7]))
    imports = _imported_aids(components.get(_IMPORT_COMPONENT, b""))
    return PackageInfo(aid, version, _applet_aids(components.get(_APPLET_COMPONENT, b"")), imports)


def _imported_aids(imports: bytes) -> list[bytes]:
    """Import component, JCVM 2.2.2 §6.6: count, then (minor, major, AID LV) per package."""
    if not imports:
        return []
    aids: list[bytes] = []
    pos = 1
    for _ in range(imports[0]):
        if pos + 3 > len(imports):
            raise fail(SW.WRONG_DATA, "truncated Import component")
        n = imports[pos + 2]
        aid = imports[pos + 3 : pos + 3 + n]
        if len(aid) != n:
            raise fail(SW.WRONG_DATA, "truncated imported package AID")
        aids.append(aid)
        pos += 3 + n
    return aids


def missing_imports(state: CardState, package: PackageInfo) -> list[bytes]:
    """The packages ``package`` links to that are neither in ROM nor loaded."""
    return [aid for aid in package.imports
            if not aid.startswith(ROM_API_RIDS) and state.load_file(aid) is None]


def _applet_aids(applet: bytes) -> list[bytes]:
    if not applet:
        return []
    aids: list[bytes] = []
    pos = 1
    for _ in range(applet[0]):
        if pos >= len(applet):
            raise fail(SW.WRONG_DATA, "truncated Applet component")
        n = applet[pos]
        aid = applet[pos + 1 : pos + 1 + n]
        if len(aid) != n:
            raise fail(SW.WRONG_DATA, "truncated applet AID")
        aids.append(aid)
        pos += 1 + n + 2  # AID, then install_method_offset(2)
    return aids


def install_for_load(state: CardState, data: bytes, current_sd: bytes) -> Loading:
    """INSTALL [for load], GPC 2.2.1 §11.5.2.3.1: LF AID, SD AID, hash, load parameters, token."""
    aid, sd_aid, digest, params = read_lv_fields(data, 4)
    sd_aid = sd_aid or current_sd
    if not 5 <= len(aid) <= 16:
        raise fail(SW.WRONG_DATA, "bad load file AID")
    if not state.is_sd(sd_aid):
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no such security domain")
    if state.load_file(aid) or state.app(aid) or aid == state.isd_aid:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "AID already present")
    if digest and len(digest) not in (20, 32):
        raise fail(SW.WRONG_DATA, "hash must be SHA-1 or SHA-256")
    if _code_limit(params) > state.nvm_free:
        raise fail(SW.NOT_ENOUGH_MEMORY, "code space limit exceeds free NVM")
    state.pending_load = PendingLoad(aid, sd_aid)
    return Loading(aid, sd_aid, digest)


def _code_limit(params: bytes) -> int:
    """C6 (non-volatile code space limit) inside EF of the load parameters, else 0."""
    if not params:
        return 0
    try:
        system = find(decode_tlvs(params), 0xEF)
        limit = find(system.children(), 0xC6) if system else None
    except TlvError as exc:
        raise fail(SW.WRONG_DATA, "malformed load parameters") from exc
    return int.from_bytes(limit.value, "big") if limit else 0


def load_block(state: CardState, loading: Loading, p1: int, p2: int, block: bytes) -> LoadFile | None:
    """LOAD, GPC 2.2.1 §11.6: one block; returns the committed load file after the last one."""
    if p2 != loading.next_block:
        raise fail(SW.WRONG_DATA, f"block {p2} out of sequence, expected {loading.next_block}")
    if p1 not in (0x00, 0x80):
        raise fail(SW.INCORRECT_P1P2, "LOAD P1 must be 00 or 80")
    loading.data += block
    loading.next_block += 1
    if len(loading.data) + OBJECT_OVERHEAD > state.nvm_free:
        raise fail(SW.NOT_ENOUGH_MEMORY, "load file does not fit")
    if p1 != 0x80:
        return None
    return _commit(state, loading)


def _lfdb(load_file: bytes) -> bytes:
    try:
        tlvs = decode_tlvs(load_file)
    except TlvError as exc:
        raise fail(SW.WRONG_DATA, f"load file is not C4 TLV: {exc}") from exc
    c4: Tlv | None = find(tlvs, 0xC4)
    if c4 is None or any(t.tag not in (0xC4, 0xE2) for t in tlvs):
        raise fail(SW.WRONG_DATA, "load file has no C4 Load File Data Block")
    return c4.value


def _check_dap(state: CardState, loading: Loading, lfdb: bytes) -> None:
    """A load into an SD with DAP Verification privilege carries that SD's valid DAP block
    (GPC 2.2.1 §C.2.2): otherwise 6982 and nothing is kept."""
    sd = state.app(loading.sd_aid)
    if sd is None or sd.privileges & Privilege.DAP_VERIFICATION != Privilege.DAP_VERIFICATION:
        return
    try:
        signature = dap.signatures(bytes(loading.data)).get(sd.aid)
    except GpError:
        raise fail(SW.WRONG_DATA, "malformed DAP block") from None
    if signature is None:
        raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "the load file has no DAP block of its DAP-mode SD")
    if not sd.dap_modulus:
        raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "the DAP-mode SD has no DAP key")
    key = dap.DapKey(sd.dap_modulus, sd.dap_exponent)
    if not dap.verify(key, hashlib.sha1(lfdb).digest(), signature):
        raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "DAP verification failed")


def _commit(state: CardState, loading: Loading) -> LoadFile:
    lfdb = _lfdb(bytes(loading.data))
    if loading.hash:
        algo = hashlib.sha1 if len(loading.hash) == 20 else hashlib.sha256
        if algo(lfdb).digest() != loading.hash:
            raise fail(SW.WRONG_DATA, "Load File Data Block hash mismatch")
    _check_dap(state, loading, lfdb)
    package = parse_lfdb(lfdb)
    if package.aid != loading.aid:
        raise fail(SW.WRONG_DATA, "package AID differs from INSTALL [for load]")
    if missing := missing_imports(state, package):
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, f"imported package {missing[0].hex().upper()} is not on the card")
    size = len(lfdb) + OBJECT_OVERHEAD
    if size > state.nvm_free:
        raise fail(SW.NOT_ENOUGH_MEMORY, "load file does not fit")
    load_file = LoadFile(loading.aid, package.applet_aids, loading.sd_aid, size, package.version,
                         imports=package.imports)
    state.load_files.append(load_file)
    state.pending_load = None
    return load_file
