"""GlobalPlatform command builders, one per command (GP Card Specification 2.2.1 §11).

Each builder returns a plain ``CommandApdu``; secure messaging (CLA 84, C-MAC, C-DEC) is added by
``ota.gp.scp02``.  Commands whose response data is defined by GP carry ``Le = 256`` (coded ``00``).
"""

from __future__ import annotations

from ota.gp.apdu import EXTENDED_MAX_DATA, CommandApdu
from ota.gp.constants import (
    CardLifeCycle,
    Cla,
    Ins,
    InstallFor,
    SecurityLevel,
    StatusSubset,
    StoreDataFormat,
)
from ota.gp.errors import ApduFormatError
from ota.gp.tlv import encode_length, encode_tlv

LE_ALL = 256
MAX_BLOCKS = 256  # P2 block number is one byte (GPC 2.2.1 §11.6.2.2, §11.11.2.2)
TAG_AID = 0x4F


def lv(value: bytes) -> bytes:
    """Length-prefixed value, as GP uses inside INSTALL data (one-byte length)."""
    if len(value) > 255:
        raise ApduFormatError(f"LV field of {len(value)} bytes exceeds 255")
    return bytes((len(value),)) + value


def _check_aid(aid: bytes, name: str = "AID", allow_empty: bool = False) -> None:
    if not aid and allow_empty:
        return
    if not 5 <= len(aid) <= 16:
        raise ApduFormatError(f"{name} must be 5..16 bytes, got {len(aid)}")


def select(aid: bytes = b"", first: bool = True) -> CommandApdu:
    """SELECT by name, GPC 2.2.1 §11.9: P1 04, P2 00 first/only occurrence or 02 next."""
    _check_aid(aid, allow_empty=True)
    return CommandApdu(Cla.ISO, Ins.SELECT, 0x04, 0x00 if first else 0x02, aid, LE_ALL)


def initialize_update(host_challenge: bytes, kvn: int = 0) -> CommandApdu:
    """INITIALIZE UPDATE, GPC 2.2.1 §E.5.1: P1 key version (00 = any), 8-byte host challenge."""
    if len(host_challenge) != 8:
        raise ApduFormatError(f"host challenge must be 8 bytes, got {len(host_challenge)}")
    return CommandApdu(Cla.GP, Ins.INITIALIZE_UPDATE, kvn, 0x00, host_challenge, LE_ALL)


def external_authenticate(host_cryptogram: bytes, level: int) -> CommandApdu:
    """EXTERNAL AUTHENTICATE before its C-MAC, GPC 2.2.1 §E.5.2: P1 security level.

    CLA is already 84 because this command is always sent with a C-MAC (§E.5.2.1).
    """
    if len(host_cryptogram) != 8:
        raise ApduFormatError(f"host cryptogram must be 8 bytes, got {len(host_cryptogram)}")
    if level & ~(SecurityLevel.C_MAC | SecurityLevel.C_DECRYPTION | SecurityLevel.R_MAC):
        raise ApduFormatError(f"security level {level:02X} not defined for SCP02")
    return CommandApdu(Cla.GP_SM, Ins.EXTERNAL_AUTHENTICATE, level, 0x00, host_cryptogram)


def get_data(tag: int, cla: int = Cla.GP) -> CommandApdu:
    """GET DATA, GPC 2.2.1 §11.3: P1-P2 is the tag (e.g. 9F7F CPLC, 0066, 00E0, 00C1, FF21)."""
    if not 0 <= tag <= 0xFFFF:
        raise ApduFormatError(f"GET DATA tag {tag:X} is not two bytes")
    return CommandApdu(cla, Ins.GET_DATA, tag >> 8, tag & 0xFF, b"", LE_ALL)


def get_status(
    subset: int, aid_filter: bytes = b"", next_page: bool = False, tags: bool = True
) -> CommandApdu:
    """GET STATUS, GPC 2.2.1 §11.4: P1 subset, P2 02 (TLV format) | 01 (next occurrence on 6310).

    The search criterion is ``4F <len> <AID prefix>``; ``4F 00`` matches everything.
    """
    StatusSubset(subset)
    p2 = (0x02 if tags else 0x00) | (0x01 if next_page else 0x00)
    return CommandApdu(Cla.GP, Ins.GET_STATUS, subset, p2, encode_tlv(TAG_AID, aid_filter), LE_ALL)


def _install(p1: int, data: bytes) -> CommandApdu:
    return CommandApdu(Cla.GP, Ins.INSTALL, p1, 0x00, data, LE_ALL)


def install_for_load(
    load_file_aid: bytes, sd_aid: bytes = b"", hash: bytes = b"", load_params: bytes = b""
) -> CommandApdu:
    """INSTALL [for load], GPC 2.2.1 §11.5.2.3.1 Table 11-44.

    Data: LV load file AID, LV SD AID, LV load file data block hash, LV load parameters,
    LV load token (empty: no delegated management).
    """
    _check_aid(load_file_aid, "load file AID")
    _check_aid(sd_aid, "security domain AID", allow_empty=True)
    data = lv(load_file_aid) + lv(sd_aid) + lv(hash) + lv(load_params) + lv(b"")
    return _install(InstallFor.LOAD, data)


def _privileges_field(privileges: int) -> bytes:
    """One byte when only byte 1 is used (GP 2.1.1 cards accept nothing else), else three."""
    if not 0 <= privileges <= 0xFFFFFF:
        raise ApduFormatError(f"privileges {privileges:X} exceed three bytes")
    if privileges & 0xFFFF == 0:
        return bytes((privileges >> 16,))
    return privileges.to_bytes(3, "big")


def install_for_install(
    load_file_aid: bytes,
    module_aid: bytes,
    app_aid: bytes,
    privileges: int = 0,
    params: bytes = bytes.fromhex("C900"),
    make_selectable: bool = True,
) -> CommandApdu:
    """INSTALL [for install (and make selectable)], GPC 2.2.1 §11.5.2.3.2 Table 11-45.

    ``params`` is the whole install parameters field (``C9 ...`` and optionally ``EF ...``,
    see ``install_parameters``); GP requires C9 to be present, even empty.
    """
    _check_aid(load_file_aid, "load file AID")
    _check_aid(module_aid, "module AID")
    _check_aid(app_aid, "application AID")
    p1 = InstallFor.INSTALL_AND_MAKE_SELECTABLE if make_selectable else InstallFor.INSTALL
    data = (
        lv(load_file_aid) + lv(module_aid) + lv(app_aid)
        + lv(_privileges_field(privileges)) + lv(params) + lv(b"")
    )
    return _install(p1, data)


def install_for_make_selectable(app_aid: bytes, privileges: int = 0) -> CommandApdu:
    """INSTALL [for make selectable], GPC 2.2.1 §11.5.2.3.3 Table 11-46."""
    _check_aid(app_aid, "application AID")
    data = lv(b"") + lv(b"") + lv(app_aid) + lv(_privileges_field(privileges)) + lv(b"") + lv(b"")
    return _install(InstallFor.MAKE_SELECTABLE, data)


def install_for_personalization(app_aid: bytes) -> CommandApdu:
    """INSTALL [for personalization], GPC 2.2.1 §11.5.2.3.5 Table 11-48."""
    _check_aid(app_aid, "application AID")
    data = lv(b"") + lv(b"") + lv(app_aid) + lv(b"") + lv(b"") + lv(b"")
    return _install(InstallFor.PERSONALIZATION, data)


def install_for_extradition(sd_aid: bytes, app_aid: bytes) -> CommandApdu:
    """INSTALL [for extradition], GPC 2.2.1 §11.5.2.3.4 Table 11-47."""
    _check_aid(sd_aid, "security domain AID")
    _check_aid(app_aid, "application AID")
    data = lv(sd_aid) + lv(b"") + lv(app_aid) + lv(b"") + lv(b"") + lv(b"")
    return _install(InstallFor.EXTRADITION, data)


def _quota(tag: int, value: int | None) -> bytes:
    if value is None:
        return b""
    if not 0 <= value <= 0xFFFFFFFF:
        raise ApduFormatError(f"memory quota {value} does not fit four bytes")
    size = 2 if value <= 0xFFFF else 4  # 2 bytes per GPC 2.2.1; 4 for large cards (Amd. C)
    return encode_tlv(tag, value.to_bytes(size, "big"))


def install_parameters(
    app_params: bytes = b"", nv_quota: int | None = None, v_quota: int | None = None
) -> bytes:
    """Install parameters field, GPC 2.2.1 §11.5.2.3.7 Tables 11-49/11-50.

    ``C9`` application specific parameters (always present), then ``EF`` system specific
    parameters when a quota is given: ``C7`` volatile memory quota, ``C8`` non-volatile memory
    quota (both for INSTALL [for install]).
    """
    system = _quota(0xC7, v_quota) + _quota(0xC8, nv_quota)
    return encode_tlv(0xC9, app_params) + (encode_tlv(0xEF, system) if system else b"")


def load_parameters(
    code_limit: int | None = None, v_data: int | None = None, nv_data: int | None = None
) -> bytes:
    """Load parameters field of INSTALL [for load], GPC 2.2.1 §11.5.2.3.7 Table 11-49.

    ``EF`` with ``C6`` non-volatile code space limit, ``C7`` volatile data space limit,
    ``C8`` non-volatile data space limit; empty when nothing is given.
    """
    system = _quota(0xC6, code_limit) + _quota(0xC7, v_data) + _quota(0xC8, nv_data)
    return encode_tlv(0xEF, system) if system else b""


def _split(data: bytes, block_size: int) -> list[bytes]:
    if not 1 <= block_size <= EXTENDED_MAX_DATA:  # above 255 only where extended length is agreed
        raise ApduFormatError(f"block size must be 1..{EXTENDED_MAX_DATA}, got {block_size}")
    blocks = [data[i : i + block_size] for i in range(0, len(data), block_size)] or [b""]
    if len(blocks) > MAX_BLOCKS:
        raise ApduFormatError(
            f"{len(data)} bytes need {len(blocks)} blocks of {block_size}; "
            f"at most {MAX_BLOCKS} allowed"
        )
    return blocks


def load_blocks(load_file: bytes, block_size: int) -> list[CommandApdu]:
    """LOAD commands for a whole load file, GPC 2.2.1 §11.6.

    ``load_file`` is ``[E2 DAP blocks] C4 <len> <LFDB>``.  P1 is 80 on the last block, 00 before;
    P2 is the block number from 00, so at most 256 blocks.
    """
    if not load_file:
        raise ApduFormatError("empty load file")
    blocks = _split(load_file, block_size)
    last = len(blocks) - 1
    return [
        CommandApdu(Cla.GP, Ins.LOAD, 0x80 if n == last else 0x00, n, block, LE_ALL)
        for n, block in enumerate(blocks)
    ]


def load_file_from_lfdb(lfdb: bytes, dap_blocks: bytes = b"") -> bytes:
    """``[E2 ...] C4 <BER length> <LFDB>``, GPC 2.2.1 §11.6.2.3 Table 11-58."""
    return dap_blocks + bytes((0xC4,)) + encode_length(len(lfdb)) + lfdb


def delete(aid: bytes, related: bool = False) -> CommandApdu:
    """DELETE card content, GPC 2.2.1 §11.2: data ``4F len AID``.

    P2 80 also deletes the related objects (a load file with its applications).
    """
    _check_aid(aid)
    p2 = 0x80 if related else 0x00
    return CommandApdu(Cla.GP, Ins.DELETE, 0x00, p2, encode_tlv(TAG_AID, aid), LE_ALL)


def set_status(subset: int, state: int, aid: bytes = b"") -> CommandApdu:
    """SET STATUS, GPC 2.2.1 §11.10: P1 status type, P2 the new life cycle state, data the AID.

    The AID is sent raw (not TLV), per Table 11-67; for the ISD (P1 80) it may be omitted.
    """
    if subset not in (StatusSubset.ISD, StatusSubset.APPS):
        raise ApduFormatError(f"SET STATUS P1 must be 80 or 40, got {subset:02X}")
    if not 0 <= state <= 0xFF:
        raise ApduFormatError(f"life cycle state {state} is not one byte")
    _check_aid(aid, allow_empty=True)
    return CommandApdu(Cla.GP, Ins.SET_STATUS, subset, state, aid)


def lock_application(aid: bytes) -> CommandApdu:
    """SET STATUS 40 80: b8 of P2 set requests LOCKED (GPC 2.2.1 §11.10.2.2, Table 11-4).

    Chosen over sending the full state (83/87) because the card itself keeps the prior state
    bits; GPPro uses 80/00 and cards accept it.
    """
    _check_aid(aid)
    return set_status(StatusSubset.APPS, 0x80, aid)


def unlock_application(aid: bytes) -> CommandApdu:
    """SET STATUS 40 00: b8 of P2 clear returns the application to its state before LOCKED."""
    _check_aid(aid)
    return set_status(StatusSubset.APPS, 0x00, aid)


def lock_card() -> CommandApdu:
    """SET STATUS 80 7F: card to CARD_LOCKED, GPC 2.2.1 §11.10 and §5.1.1.4."""
    return set_status(StatusSubset.ISD, CardLifeCycle.CARD_LOCKED)


def unlock_card() -> CommandApdu:
    """SET STATUS 80 0F: CARD_LOCKED back to SECURED, GPC 2.2.1 §5.1.1.4."""
    return set_status(StatusSubset.ISD, CardLifeCycle.SECURED)


def store_data(
    data: bytes,
    block_number: int,
    last: bool,
    fmt: int = StoreDataFormat.BER,
    encrypted: bool = False,
) -> CommandApdu:
    """STORE DATA, GPC 2.2.1 §11.11: P1 b8 last block, b7-b6 11 encrypted, b5-b4 structure.

    P2 is the block number (00..FF).
    """
    if not 0 <= block_number < MAX_BLOCKS:
        raise ApduFormatError(f"STORE DATA block number {block_number} outside 0..255")
    StoreDataFormat(fmt)
    p1 = (0x80 if last else 0x00) | (0x60 if encrypted else 0x00) | fmt
    return CommandApdu(Cla.GP, Ins.STORE_DATA, p1, block_number, data)


def store_data_blocks(
    data: bytes, block_size: int, fmt: int = StoreDataFormat.BER, encrypted: bool = False
) -> list[CommandApdu]:
    """A long STORE DATA payload split into numbered blocks, the last one flagged."""
    blocks = _split(data, block_size)
    last = len(blocks) - 1
    return [store_data(b, n, n == last, fmt, encrypted) for n, b in enumerate(blocks)]


def put_key_data(new_kvn: int, encrypted_keys: list[tuple[bytes, bytes]]) -> bytes:
    """PUT KEY data for DES keys, GPC 2.2.1 §11.8.2.3 Table 11-64/11-65.

    ``new KVN || { 80 <len> <key encrypted under S-DEK> 03 <KCV> }``; the encryption is done by
    ``HostChannel.encrypt_sensitive``, so this takes ciphertexts only.
    """
    if not 1 <= new_kvn <= 0x7F:
        raise ApduFormatError(f"key version {new_kvn} outside 01..7F")
    if not encrypted_keys:
        raise ApduFormatError("PUT KEY needs at least one key")
    out = bytearray((new_kvn,))
    for key, kcv in encrypted_keys:
        if len(key) not in (16, 24):
            raise ApduFormatError(f"encrypted DES key must be 16 or 24 bytes, got {len(key)}")
        if len(kcv) != 3:
            raise ApduFormatError(f"key check value must be 3 bytes, got {len(kcv)}")
        out += bytes((0x80, len(key))) + key + bytes((3,)) + kcv
    return bytes(out)


def put_key(
    new_kvn: int, key_blocks: bytes, old_kvn: int = 0, first_key_id: int = 1, multiple: bool = True
) -> CommandApdu:
    """PUT KEY, GPC 2.2.1 §11.8: P1 KVN to replace (00 adds a new key set), P2 b8 multiple keys,
    b7-b1 first key identifier.  ``key_blocks`` is ``put_key_data(...)``.
    """
    if not key_blocks or key_blocks[0] != new_kvn:
        raise ApduFormatError("PUT KEY data must start with the new key version number")
    if not 0 <= old_kvn <= 0x7F or not 1 <= first_key_id <= 0x7F:
        raise ApduFormatError("key version or key identifier outside 00..7F")
    p2 = (0x80 if multiple else 0x00) | first_key_id
    return CommandApdu(Cla.GP, Ins.PUT_KEY, old_kvn, p2, key_blocks, LE_ALL)


def manage_channel_open() -> CommandApdu:
    """MANAGE CHANNEL open, GPC 2.2.1 §11.7 / ISO 7816-4 §7.1.2; the card answers the channel."""
    return CommandApdu(Cla.ISO, Ins.MANAGE_CHANNEL, 0x00, 0x00, b"", 1)


def manage_channel_close(ch: int) -> CommandApdu:
    """MANAGE CHANNEL close of logical channel ``ch`` (1..19), GPC 2.2.1 §11.7."""
    if not 1 <= ch <= 19:
        raise ApduFormatError(f"logical channel {ch} outside 1..19")
    return CommandApdu(Cla.ISO, Ins.MANAGE_CHANNEL, 0x80, ch, b"")
