"""Parsers of GlobalPlatform response data, one per response (GP Card Specification 2.2.1).

Each parser takes the response data (without SW) and returns a frozen dataclass.  Malformed
TLV raises ``TlvError``; well-formed TLV of the wrong shape raises ``ResponseFormatError``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ota.gp.constants import StatusSubset
from ota.gp.errors import ResponseFormatError
from ota.gp.tlv import Tlv, decode_tlv, decode_tlvs, find

GP_OID_PREFIX = (1, 2, 840, 114283)


def _single(data: bytes, tag: int, what: str) -> Tlv:
    tlv = decode_tlv(data)
    if tlv.tag != tag:
        raise ResponseFormatError(f"{what}: expected tag {tag:X}, found {tlv.tag:X}")
    return tlv


def _unwrap(data: bytes, tag: int) -> bytes:
    """Value of ``tag`` when ``data`` is wrapped in it, else ``data`` itself."""
    tlvs = decode_tlvs(data) if data else []
    if len(tlvs) == 1 and tlvs[0].tag == tag:
        return tlvs[0].value
    return data


def _int(value: bytes, what: str, sizes: tuple[int, ...] = (1, 2, 3, 4)) -> int:
    if len(value) not in sizes:
        raise ResponseFormatError(f"{what}: unexpected length {len(value)}")
    return int.from_bytes(value, "big")


# --- FCI (GPC 2.2.1 §11.9.3.1, Table 11-63) -----------------------------------------------


@dataclass(frozen=True)
class Fci:
    aid: bytes
    max_block_size: int | None
    card_recognition_data: CardRecognition | None
    production_life_cycle: bytes | None = None  # 9F6E


def parse_fci(data: bytes) -> Fci:
    """SELECT response of a Security Domain: ``6F { 84 AID, A5 { 73, 9F6E, 9F65 } }``."""
    fci = _single(data, 0x6F, "FCI").children()
    aid = find(fci, 0x84)
    if aid is None:
        raise ResponseFormatError("FCI: no AID (tag 84)")
    a5 = find(fci, 0xA5)
    prop = a5.children() if a5 is not None else []
    block = find(prop, 0x9F65)
    crd = find(prop, 0x73)
    plc = find(prop, 0x9F6E)
    return Fci(
        aid=aid.value,
        max_block_size=_int(block.value, "9F65 max block size") if block else None,
        card_recognition_data=_card_recognition(crd) if crd else None,
        production_life_cycle=plc.value if plc else None,
    )


# --- Card recognition data (GPC 2.2.1 Appendix H.2, Table H-1) ----------------------------


@dataclass(frozen=True)
class CardRecognition:
    """``gp_version`` e.g. "2.2.1"; ``scp``/``i`` of the first tag 64 (0 when absent)."""

    gp_version: str
    scp: int
    i: int
    scps: tuple[tuple[int, int], ...] = ()
    card_identification_scheme: str | None = None
    card_configuration: str | None = None
    chip_details: str | None = None


def decode_oid(raw: bytes) -> tuple[int, ...]:
    """X.690 §8.19 object identifier value (without tag and length)."""
    if not raw or raw[-1] & 0x80:
        raise ResponseFormatError(f"malformed OID {raw.hex().upper()}")
    first, arcs, acc = raw[0], [], 0
    for b in raw[1:] if first < 0x80 else raw:
        acc = (acc << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(acc)
            acc = 0
    if first < 0x80:
        head = (min(first // 40, 2), first - 40 * min(first // 40, 2))
        return head + tuple(arcs)
    big = arcs[0]
    return (2, big - 80) + tuple(arcs[1:])


def _oid_in(tlv: Tlv) -> tuple[int, ...]:
    oid = find(tlv.children(), 0x06)
    if oid is None:
        raise ResponseFormatError(f"card recognition data: tag {tlv.tag:X} has no OID")
    return decode_oid(oid.value)


def _gp_arcs(oid: tuple[int, ...], kind: int, what: str) -> tuple[int, ...]:
    if oid[:5] != GP_OID_PREFIX + (kind,):
        raise ResponseFormatError(f"{what}: OID {'.'.join(map(str, oid))} is not a GP OID")
    return oid[5:]


def _oid_text(tlv: Tlv | None) -> str | None:
    return ".".join(map(str, _oid_in(tlv))) if tlv is not None else None


def _card_recognition(t73: Tlv) -> CardRecognition:
    items = t73.children()
    version_tlv = find(items, 0x60)
    version = ""
    if version_tlv is not None:
        version = ".".join(map(str, _gp_arcs(_oid_in(version_tlv), 2, "GP version")))
    scps = []
    for tlv in (t for t in items if t.tag == 0x64):
        arcs = _gp_arcs(_oid_in(tlv), 4, "secure channel protocol")
        if len(arcs) != 2:
            raise ResponseFormatError("secure channel OID must end in <scp>.<i>")
        scps.append((arcs[0], arcs[1]))
    scp, i = scps[0] if scps else (0, 0)
    return CardRecognition(
        gp_version=version,
        scp=scp,
        i=i,
        scps=tuple(scps),
        card_identification_scheme=_oid_text(find(items, 0x63)),
        card_configuration=_oid_text(find(items, 0x65)),
        chip_details=_oid_text(find(items, 0x66)),
    )


def parse_card_recognition_data(data: bytes) -> CardRecognition:
    """GET DATA 0066 response ``66 { 73 { 06 OID, 60, 63, 64, 65, 66 } }`` (or a bare 73)."""
    inner = _unwrap(data, 0x66)
    return _card_recognition(_single(inner, 0x73, "card recognition data"))


# --- CPLC (GPC 2.2.1 Appendix H.5, Table H-6) ---------------------------------------------

_CPLC_FIELDS: tuple[tuple[str, int], ...] = (
    ("ic_fabricator", 2), ("ic_type", 2), ("os_id", 2), ("os_release_date", 2),
    ("os_release_level", 2), ("ic_fabrication_date", 2), ("ic_serial_number", 4),
    ("ic_batch_identifier", 2), ("ic_module_fabricator", 2), ("ic_module_packaging_date", 2),
    ("icc_manufacturer", 2), ("ic_embedding_date", 2), ("ic_pre_personalizer", 2),
    ("ic_pre_perso_date", 2), ("ic_pre_perso_equipment", 4), ("ic_personalizer", 2),
    ("ic_perso_date", 2), ("ic_perso_equipment", 4),
)
CPLC_LENGTH = sum(size for _, size in _CPLC_FIELDS)


@dataclass(frozen=True)
class Cplc:
    """Card Production Life Cycle data.  Identifiers are bytes; dates are the 4 digits "YDDD"
    (last digit of the year, day of the year) as the card stores them, e.g. "3244"."""

    ic_fabricator: bytes
    ic_type: bytes
    os_id: bytes
    os_release_date: str
    os_release_level: bytes
    ic_fabrication_date: str
    ic_serial_number: bytes
    ic_batch_identifier: bytes
    ic_module_fabricator: bytes
    ic_module_packaging_date: str
    icc_manufacturer: bytes
    ic_embedding_date: str
    ic_pre_personalizer: bytes
    ic_pre_perso_date: str
    ic_pre_perso_equipment: bytes
    ic_personalizer: bytes
    ic_perso_date: str
    ic_perso_equipment: bytes

    @property
    def serial(self) -> bytes:
        """The chip's identity (10 bytes): IC fabricator, IC type, IC batch id, IC serial number.

        What identifies a card that has no Card Image Number (GET DATA 0045, GPC 2.2.1 §H.2).
        """
        return self.ic_fabricator + self.ic_type + self.ic_batch_identifier + self.ic_serial_number


def parse_cplc(data: bytes) -> Cplc:
    """GET DATA 9F7F response, with or without the ``9F7F 2A`` wrapper."""
    raw = data if len(data) == CPLC_LENGTH else _single(data, 0x9F7F, "CPLC").value
    if len(raw) != CPLC_LENGTH:
        raise ResponseFormatError(f"CPLC: {len(raw)} bytes, expected {CPLC_LENGTH}")
    values: dict[str, bytes | str] = {}
    pos = 0
    for name, size in _CPLC_FIELDS:
        chunk = raw[pos : pos + size]
        values[name] = chunk.hex().upper() if name.endswith("_date") else chunk
        pos += size
    return Cplc(**values)  # type: ignore[arg-type]


# --- Key information template (GPC 2.2.1 §11.3.3.1, Table 11-29) -------------------------


@dataclass(frozen=True)
class KeyInfo:
    """One ``C0`` entry.  ``type``/``length`` are those of the first key component;
    ``components`` lists all (type, length) pairs (RSA keys have two)."""

    kvn: int
    key_id: int
    type: int
    length: int
    components: tuple[tuple[int, int], ...] = ()
    usage: bytes | None = None
    access: bytes | None = None


def _key_info(value: bytes) -> KeyInfo:
    if len(value) < 4:
        raise ResponseFormatError(f"key information entry of {len(value)} bytes, at least 4 needed")
    key_id, kvn = value[0], value[1]
    components: list[tuple[int, int]] = []
    if value[2] != 0xFF:
        body = value[2:]
        if len(body) % 2:
            raise ResponseFormatError("key information: odd number of type/length bytes")
        # a basic length of 00 means 256 or more (GPC 2.3.1 §11.3.3.1)
        components = [(body[n], body[n + 1] or 256) for n in range(0, len(body), 2)]
        return KeyInfo(kvn, key_id, components[0][0], components[0][1], tuple(components))
    # Extended form: [FF] type len(2) ... then LV key usage, LV key access (the last 2..4 bytes).
    pos = 2
    while pos + 4 < len(value):
        if value[pos] == 0xFF:
            pos += 1  # some cards omit FF on later components
        if pos + 3 > len(value):
            raise ResponseFormatError("key information: truncated extended component")
        components.append((value[pos], int.from_bytes(value[pos + 1 : pos + 3], "big")))
        pos += 3
    usage, pos = _lv(value, pos)
    access, pos = _lv(value, pos)
    if pos != len(value) or not components:
        raise ResponseFormatError("key information: malformed extended entry")
    return KeyInfo(kvn, key_id, components[0][0], components[0][1], tuple(components), usage, access)


def _lv(value: bytes, pos: int) -> tuple[bytes | None, int]:
    if pos >= len(value):
        return None, pos
    end = pos + 1 + value[pos]
    if end > len(value):
        raise ResponseFormatError(f"key information: truncated field at offset {pos}")
    return value[pos + 1 : end], end


def parse_key_information(data: bytes) -> list[KeyInfo]:
    """GET DATA 00E0 response ``E0 { C0 ... }`` (or bare ``C0`` entries); empty C0 skipped."""
    entries = decode_tlvs(_unwrap(data, 0xE0))
    out = []
    for tlv in entries:
        if tlv.tag != 0xC0:
            raise ResponseFormatError(f"key information: unexpected tag {tlv.tag:X}")
        if tlv.value:  # a fresh SSD reports an empty template
            out.append(_key_info(tlv.value))
    return out


# --- Sequence counter and card resources ---------------------------------------------------


def parse_sequence_counter(data: bytes) -> int:
    """GET DATA 00C1 response: ``C1 02 xxxx`` (or the two bytes alone), GPC 2.2.1 §E.5.1.6."""
    raw = _unwrap(data, 0xC1) if len(data) != 2 else data
    return _int(raw, "sequence counter", (2, 3))


@dataclass(frozen=True)
class CardResources:
    installed_apps: int
    free_nvm: int
    free_vm: int


def parse_extended_card_resources(data: bytes) -> CardResources:
    """GET DATA FF21 response ``FF21 { 81 apps, 82 free NVM, 83 free VM }`` (ETSI/GP Amd. C)."""
    items = decode_tlvs(_unwrap(data, 0xFF21))
    fields = {}
    for tag, name in ((0x81, "installed_apps"), (0x82, "free_nvm"), (0x83, "free_vm")):
        tlv = find(items, tag)
        if tlv is None:
            raise ResponseFormatError(f"extended card resources: tag {tag:X} missing")
        fields[name] = _int(tlv.value, f"extended card resources tag {tag:X}")
    return CardResources(**fields)


# --- GET STATUS (GPC 2.2.1 §11.4.3, Tables 11-36/11-37) -----------------------------------


@dataclass(frozen=True)
class RegistryEntry:
    aid: bytes
    life_cycle: int
    privileges: int  # 3-byte form, see constants.Privilege
    load_file_aid: bytes | None = None
    module_aids: tuple[bytes, ...] = ()
    version: bytes | None = None
    sd_aid: bytes | None = None
    kind: int = StatusSubset.APPS


def _registry_entry(e3: Tlv, subset: int) -> RegistryEntry:
    items = e3.children()
    aid = find(items, 0x4F)
    lc = find(items, 0x9F70)
    if aid is None or lc is None:
        raise ResponseFormatError("GET STATUS entry without AID (4F) or life cycle (9F70)")
    priv = find(items, 0xC5)
    privileges = 0
    if priv is not None and priv.value:
        privileges = _int(priv.value, "privileges", (1, 3)) << (16 if len(priv.value) == 1 else 0)
    lf, ver, sd = find(items, 0xC4), find(items, 0xCE), find(items, 0xCC)
    return RegistryEntry(
        aid=aid.value,
        life_cycle=lc.value[0] if lc.value else 0,
        privileges=privileges,
        load_file_aid=lf.value if lf else None,
        module_aids=tuple(t.value for t in items if t.tag == 0x84),
        version=ver.value if ver else None,
        sd_aid=sd.value if sd else None,
        kind=subset,
    )


def parse_get_status(data: bytes, subset: int) -> list[RegistryEntry]:
    """GET STATUS response in format P2=02: a sequence of ``E3`` registry entries."""
    out = []
    for tlv in decode_tlvs(data):
        if tlv.tag != 0xE3:
            raise ResponseFormatError(f"GET STATUS: expected tag E3, found {tlv.tag:X}")
        out.append(_registry_entry(tlv, subset))
    return out


def parse_get_status_legacy(data: bytes, subset: int) -> list[RegistryEntry]:
    """GET STATUS response in the old format P2=00 (GPC 2.2.1 Table 11-35): for each entry
    ``len AID, life cycle, privileges(1)`` and, for subset 10, ``n, (len AID)*n``."""
    out, pos = [], 0
    while pos < len(data):
        aid, pos = _lv_at(data, pos)
        lc, priv = _take(data, pos, 2)
        pos += 2
        modules: list[bytes] = []
        if subset == StatusSubset.LOAD_FILES_AND_MODULES:
            count = _take(data, pos, 1)[0]
            pos += 1
            for _ in range(count):
                module, pos = _lv_at(data, pos)
                modules.append(module)
        out.append(RegistryEntry(aid, lc, priv << 16, module_aids=tuple(modules), kind=subset))
    return out


def _take(data: bytes, pos: int, n: int) -> bytes:
    if pos + n > len(data):
        raise ResponseFormatError(f"GET STATUS: truncated entry at offset {pos}")
    return data[pos : pos + n]


def _lv_at(data: bytes, pos: int) -> tuple[bytes, int]:
    n = _take(data, pos, 1)[0]
    return _take(data, pos + 1, n), pos + 1 + n
