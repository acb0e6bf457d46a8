"""Card content management on the GP registry: INSTALL, DELETE, SET STATUS (GPC 2.2.1 §11).

Each function validates a command's data against the ``CardState`` and changes it; errors are
raised as ``StatusWordError`` with the status word of the GP error tables.  The caller saves the
state afterwards (every change here is an NVM commit).

Life cycle conventions:

* SET STATUS P1=40 locks with P2 b8 set (GPPro 80, pySim 83/87) and unlocks with P2=00 (back to
  the state before LOCKED, GPPro) or with an explicit application-specific state such as 07 or
  0F (pySim).  Locking an already locked application is accepted (idempotent).
* SET STATUS P1=80: 7F locks the card (CARD_LOCKED), 0F unlocks it (SECURED).
"""

from __future__ import annotations

from ota.gp.constants import AppLifeCycle, CardLifeCycle, Privilege, StatusSubset
from ota.gp.errors import TlvError
from ota.gp.sw import SW
from ota.gp.tlv import decode_tlvs, find
from ota.vse.errors import fail
from ota.vse.loading import OBJECT_OVERHEAD, read_lv_fields
from ota.vse.state import Application, CardState, KeySet

DEFAULT_INSTANCE_NVM = 2048
DEFAULT_INSTANCE_VM = 256


def _privileges(raw: bytes) -> int:
    """1-byte (GP 2.1.1) or 3-byte (GP 2.2) privileges field, GPC 2.2.1 §11.1.2."""
    if len(raw) == 1:
        return raw[0] << 16
    if len(raw) == 3:
        return int.from_bytes(raw, "big")
    if not raw:
        return 0
    raise fail(SW.WRONG_DATA, "privileges must be 1 or 3 bytes")


def _quotas(params: bytes) -> tuple[int, int]:
    """Non-volatile and volatile quotas from install parameters (C9, EF{C7, C8} or C6)."""
    if not params:
        return DEFAULT_INSTANCE_NVM, DEFAULT_INSTANCE_VM
    try:
        tlvs = decode_tlvs(params)
        system = find(tlvs, 0xEF)
        inner = system.children() if system else []
    except TlvError as exc:
        raise fail(SW.WRONG_DATA, f"malformed install parameters: {exc}") from exc
    if find(tlvs, 0xC9) is None:
        raise fail(SW.WRONG_DATA, "install parameters need tag C9")
    nv = find(inner, 0xC8) or find(inner, 0xC6)
    v = find(inner, 0xC7)
    return (
        int.from_bytes(nv.value, "big") if nv else DEFAULT_INSTANCE_NVM,
        int.from_bytes(v.value, "big") if v else DEFAULT_INSTANCE_VM,
    )


def _aid_in_use(state: CardState, aid: bytes) -> bool:
    return aid == state.isd_aid or state.app(aid) is not None or state.load_file(aid) is not None


def install_for_install(
    state: CardState, data: bytes, current_sd: bytes, make_selectable: bool
) -> Application:
    """INSTALL [for install] (and make selectable), GPC 2.2.1 §11.5.2.3.2."""
    lf_aid, module_aid, app_aid, privs, params = read_lv_fields(data, 5)
    load_file = state.load_file(lf_aid)
    if load_file is None:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no such load file")
    if module_aid not in load_file.modules:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no such module in the load file")
    app_aid = app_aid or module_aid
    if not 5 <= len(app_aid) <= 16:
        raise fail(SW.WRONG_DATA, "bad application AID")
    if _aid_in_use(state, app_aid):
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "AID already present")
    nv, v = _quotas(params)
    nv += OBJECT_OVERHEAD
    if nv > state.nvm_free or v > state.vm_free:
        raise fail(SW.NOT_ENOUGH_MEMORY, "instance does not fit")
    life_cycle = AppLifeCycle.SELECTABLE if make_selectable else AppLifeCycle.INSTALLED
    app = Application(
        app_aid, lf_aid, module_aid, current_sd, _privileges(privs), int(life_cycle), nv, v, params
    )
    if app.is_sd and state.key_sets:
        # This virtual SE's convention: a new SSD starts with a copy of the ISD's first key set,
        # with counters of its own, until its key update replaces it (seed §5.8.3.1).
        first = state.key_sets[0]
        app.key_sets = [KeySet(first.kvn, first.enc, first.mac, first.dek)]
    state.apps.append(app)
    return app


def install_for_make_selectable(state: CardState, data: bytes) -> Application:
    """INSTALL [for make selectable], GPC 2.2.1 §11.5.2.3.3."""
    _, _, app_aid, privs, _ = read_lv_fields(data, 5)
    app = _existing_app(state, app_aid)
    if app.life_cycle != AppLifeCycle.INSTALLED:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "application is not INSTALLED")
    app.life_cycle = int(AppLifeCycle.SELECTABLE)
    app.privileges |= _privileges(privs)
    return app


def install_for_extradition(state: CardState, data: bytes) -> None:
    """INSTALL [for extradition], GPC 2.2.1 §11.5.2.3.4: associate an app or LF with another SD."""
    sd_aid, _, aid, _, _ = read_lv_fields(data, 5)
    if not state.is_sd(sd_aid):
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no such security domain")
    if aid == sd_aid or aid == state.isd_aid:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "cannot extradite a domain to itself or the ISD")
    target = state.app(aid) or state.load_file(aid)
    if target is None:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no such application or load file")
    target.sd_aid = sd_aid


def personalization_target(state: CardState, data: bytes, current_sd: bytes) -> Application:
    """INSTALL [for personalization], GPC 2.2.1 §11.5.2.3.5: the app must belong to this SD."""
    _, _, app_aid, _, _ = read_lv_fields(data, 5)
    app = _existing_app(state, app_aid)
    if app.sd_aid != current_sd:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "application not associated with this SD")
    if app.locked:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "application is locked")
    return app


def _existing_app(state: CardState, aid: bytes) -> Application:
    app = state.app(aid)
    if app is None:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no such application")
    return app


def delete(state: CardState, data: bytes, related: bool) -> None:
    """DELETE, GPC 2.2.1 §11.2: ``4F AID`` (P2=80 also deletes related objects) or ``D2 01 KVN``."""
    try:
        tlvs = decode_tlvs(data)
    except TlvError as exc:
        raise fail(SW.WRONG_DATA, f"malformed DELETE data: {exc}") from exc
    aid_tlv = find(tlvs, 0x4F)
    kvn_tlv = find(tlvs, 0xD2)
    if aid_tlv is None and kvn_tlv is not None:
        _delete_key_set(state, kvn_tlv.value)
        return
    if aid_tlv is None:
        raise fail(SW.WRONG_DATA, "DELETE needs tag 4F")
    aid = aid_tlv.value
    if aid == state.isd_aid:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "the ISD cannot be deleted")
    app = state.app(aid)
    if app is not None:
        _delete_app(state, app, related)
        return
    load_file = state.load_file(aid)
    if load_file is None:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no such AID")
    if load_file.rom:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "load file is in ROM")
    if any(aid in other.imports for other in state.load_files):
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "another load file imports it")  # GPC 2.2.1 §11.2.2.1
    instances = [a for a in state.apps if a.load_file_aid == aid]
    if instances and not related:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "load file still has instances")
    for instance in instances:
        _delete_app(state, instance, related)
    state.load_files.remove(load_file)


def _delete_key_set(state: CardState, kvn: bytes) -> None:
    """DELETE key, GPC 2.2.1 §11.2.2.3: ``D2 01 KVN`` removes a whole key set (never the last)."""
    key_set = state.key_set(kvn[0]) if len(kvn) == 1 and kvn[0] else None
    if key_set is None:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "no such key set")
    if len(state.key_sets) == 1:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "the last key set cannot be deleted")
    state.key_sets.remove(key_set)


def _delete_app(state: CardState, app: Application, related: bool) -> None:
    children = [a for a in state.apps if a.sd_aid == app.aid]
    children_files = [f for f in state.load_files if f.sd_aid == app.aid]
    if (children or children_files) and not related:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "security domain still has associated content")
    for child in children:
        _delete_app(state, child, related)
    for load_file in children_files:
        load_file.sd_aid = state.isd_aid  # files outlive their SD; the ISD inherits them
    state.apps.remove(app)


def set_status(state: CardState, p1: int, p2: int, data: bytes) -> None:
    """SET STATUS, GPC 2.2.1 §11.10 (conventions in the module docstring)."""
    if p1 == StatusSubset.ISD:
        _set_card_status(state, p2)
    elif p1 == StatusSubset.APPS:
        _set_app_status(state, p2, _status_aid(state, data))
    else:
        raise fail(SW.INCORRECT_P1P2, "SET STATUS P1 must be 80 or 40")


def _set_card_status(state: CardState, p2: int) -> None:
    allowed = {
        CardLifeCycle.CARD_LOCKED: (CardLifeCycle.SECURED, CardLifeCycle.CARD_LOCKED),
        CardLifeCycle.SECURED: (CardLifeCycle.CARD_LOCKED, CardLifeCycle.SECURED),
    }
    if p2 not in allowed:
        raise fail(SW.WRONG_DATA, f"card state {p2:02X} not supported")
    if not state.isd_privileges & Privilege.CARD_LOCK:
        raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "ISD lacks the Card Lock privilege")
    if state.life_cycle not in allowed[CardLifeCycle(p2)]:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "transition not allowed")
    state.life_cycle = p2


def _status_aid(state: CardState, data: bytes) -> bytes:
    """The AID raw (GPC Table 11-67, GPPro) or as LV (pySim)."""
    if data and data[0] == len(data) - 1 and state.app(data[1:]) is not None:
        return data[1:]
    return data


def _set_app_status(state: CardState, p2: int, aid: bytes) -> None:
    if aid == state.isd_aid:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "use P1=80 for the card")
    app = _existing_app(state, aid)
    if p2 & AppLifeCycle.LOCKED:
        app.life_cycle |= AppLifeCycle.LOCKED
    elif p2 == 0:
        app.life_cycle &= 0x7F
    elif p2 & 0x07 == 0x07:
        app.life_cycle = p2
    else:
        raise fail(SW.WRONG_DATA, f"life cycle state {p2:02X} not reachable by SET STATUS")
