"""What a virtual secure element keeps in its non-volatile memory, and how it is persisted.

The state is a tree of dataclasses serialised to JSON (bytes as uppercase hex).  Every change a
real card would commit to NVM is followed by ``save_state``, which is atomic: the new content is
written to a temporary file in the same directory, fsync'ed, then ``os.replace``d over the old file.
A crash at any point leaves either the old or the new card, never a corrupt one.

The card file holds the card's static keys: it *is* the card's storage (a terminal never sees it).
Key bytes never appear in reprs.
"""

from __future__ import annotations

import json
import os
import tempfile
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from ota.gp.constants import (
    ISD_AID,
    CardLifeCycle,
    LoadFileLifeCycle,
    Privilege,
)

FORMAT_VERSION = 1
DEFAULT_NVM = 512 * 1024
DEFAULT_VM = 16 * 1024
# GP reserves KVN FF for the initial (factory) key set; real test cards ship with it.
INITIAL_KVN = 0xFF
MAX_AUTH_FAILURES = 10

# The Security Domain package most cards have in ROM (the AIDs GPPro uses for --domain).
SSD_PACKAGE_AID = bytes.fromhex("A0000001515350")
SSD_MODULE_AID = bytes.fromhex("A000000151535041")

ISD_PRIVILEGES = (
    Privilege.SECURITY_DOMAIN
    | Privilege.CARD_LOCK
    | Privilege.CARD_TERMINATE
    | Privilege.CARD_RESET
    | Privilege.CVM_MANAGEMENT
    | Privilege.TRUSTED_PATH
    | Privilege.AUTHORIZED_MANAGEMENT
    | Privilege.GLOBAL_DELETE
    | Privilege.GLOBAL_LOCK
    | Privilege.GLOBAL_REGISTRY
)


@dataclass
class KeySet:
    """One key set (GPC 2.2.1 §10.2) with its sequence and failed-authentication counters.

    SCP02: three 16-byte DES keys, ``seq`` counts sessions (§E.1.2).  SCP03: three AES keys of one
    length, ``seq`` counts pseudo-random card challenges (Amendment D §6.2.2.1).
    """

    kvn: int
    enc: bytes = field(repr=False)
    mac: bytes = field(repr=False)
    dek: bytes = field(repr=False)
    seq: int = 0
    failures: int = 0

    @property
    def blocked(self) -> bool:
        return self.failures >= MAX_AUTH_FAILURES


@dataclass
class LoadFile:
    """An Executable Load File and its Executable Modules (GPC 2.2.1 §5.1)."""

    aid: bytes
    modules: list[bytes]
    sd_aid: bytes
    nv_size: int
    version: bytes = b""
    life_cycle: int = LoadFileLifeCycle.LOADED
    rom: bool = False
    imports: list[bytes] = field(default_factory=list)
    """Package AIDs it links to (its Import component): what must stay on the card while it does."""


@dataclass
class Application:
    """An application or Supplementary Security Domain instance (GPC 2.2.1 §5.2)."""

    aid: bytes
    load_file_aid: bytes
    module_aid: bytes
    sd_aid: bytes
    privileges: int
    life_cycle: int
    nv_size: int = 0
    v_size: int = 0
    params: bytes = b""
    # Personalisation data received through its SD, keyed by tag / DGI.
    data: dict[int, bytes] = field(default_factory=dict)
    # A Supplementary Security Domain's own key sets, each with its own counters (GPC 2.2.1 §7.2).
    key_sets: list[KeySet] = field(default_factory=list)
    # A DAP-mode SSD's RSA public DAP key (GPC 2.2.1 §C.2.2): modulus and exponent, from PUT KEY.
    dap_modulus: bytes = b""
    dap_exponent: bytes = b""

    def key_set(self, kvn: int) -> KeySet | None:
        """As ``CardState.key_set``, for this SSD."""
        if kvn == 0:
            return min(self.key_sets, key=lambda k: k.kvn, default=None)
        return next((k for k in self.key_sets if k.kvn == kvn), None)

    @property
    def is_sd(self) -> bool:
        return bool(self.privileges & Privilege.SECURITY_DOMAIN)

    @property
    def locked(self) -> bool:
        return bool(self.life_cycle & 0x80)


@dataclass
class PendingLoad:
    """Marker of a LOAD in progress; if still present at power-on, the load was torn."""

    aid: bytes
    sd_aid: bytes


@dataclass
class CardState:
    seid: bytes
    kdd: bytes
    iin: bytes
    key_sets: list[KeySet]
    i: int = 0x35  # SCP02 i=15 with R-MAC support (b6): the platform asks for R-MAC
    life_cycle: int = CardLifeCycle.SECURED
    isd_aid: bytes = ISD_AID
    isd_privileges: int = int(ISD_PRIVILEGES)
    nvm_total: int = DEFAULT_NVM
    vm_total: int = DEFAULT_VM
    load_files: list[LoadFile] = field(default_factory=list)
    apps: list[Application] = field(default_factory=list)
    msisdn: bytes | None = None
    token: bytes | None = None
    imsi_digest: bytes | None = None
    pending_load: PendingLoad | None = None
    format: int = FORMAT_VERSION
    max_block: int = 0xFF
    """FCI tag 9F65: the largest command data field taken; longer ones get 6700 (GPC 2.2.1 §11.9.3.1)."""
    has_cin: bool = True
    """False: GET DATA 0045 answers 6A88, as on many real eSEs; the card is known by its CPLC."""
    scp: int = 0x02
    """Secure channel protocol of the ISD: 02 (3DES keys, ``i`` 15/55) or 03 (AES keys, ``i`` 00..71)."""
    refused_get_data: list[int] = field(default_factory=list)
    """GET DATA tags this card answers 6A88 to, like real cards without CIN, CPLC or FF21 (issue 12)."""
    select_by_aid_only: bool = False
    """A phone in card emulation on a contactless reader: SELECT without an AID gets 6A82 (issue 12)."""
    extended_max: int = 0
    """Extended length (ISO 7816-4 §5.1, issue 12 item 4): 0 = short APDUs only (an extended one
    gets 6700); 256..65535 = the ATR's card capabilities announce extended Lc/Le and the FCI's
    9F65 says this many bytes of command data."""
    # Delegated Management (GPC 2.2.1 §9.3.3, Annex C.4; ota.vse.delegated), put at card issuance:
    # the Card Issuer's public token key (Token Verification), the receipt key it shares with the
    # ISD (Receipt Generation) and the confirmation counter every receipt raises.
    token_modulus: bytes = b""
    token_exponent: bytes = b""
    receipt_key: bytes = field(default=b"", repr=False)
    confirmation_counter: int = 0

    # -- lookups -------------------------------------------------------------------------------
    def key_set(self, kvn: int) -> KeySet | None:
        """The key set ``kvn``; KVN 00 means the default one (the lowest KVN on the card)."""
        if kvn == 0:
            return min(self.key_sets, key=lambda k: k.kvn, default=None)
        return next((k for k in self.key_sets if k.kvn == kvn), None)

    def key_holder(self, sd_aid: bytes | None) -> CardState | Application | None:
        """Whose key sets a channel on ``sd_aid`` uses: the card's (ISD) or an SSD's own."""
        if sd_aid is None or sd_aid == self.isd_aid:
            return self
        app = self.app(sd_aid)
        return app if app is not None and app.is_sd else None

    def app(self, aid: bytes) -> Application | None:
        return next((a for a in self.apps if a.aid == aid), None)

    def load_file(self, aid: bytes) -> LoadFile | None:
        return next((f for f in self.load_files if f.aid == aid), None)

    def is_sd(self, aid: bytes) -> bool:
        if aid == self.isd_aid:
            return True
        app = self.app(aid)
        return app is not None and app.is_sd

    # -- memory --------------------------------------------------------------------------------
    @property
    def nvm_used(self) -> int:
        return sum(f.nv_size for f in self.load_files) + sum(a.nv_size for a in self.apps)

    @property
    def nvm_free(self) -> int:
        return max(0, self.nvm_total - self.nvm_used)

    @property
    def vm_free(self) -> int:
        return max(0, self.vm_total - sum(a.v_size for a in self.apps))


def new_state(
    seid: bytes,
    keys: tuple[bytes, bytes, bytes],
    kvn: int = INITIAL_KVN,
    i: int = 0x35,
    nvm: int = DEFAULT_NVM,
    vm: int = DEFAULT_VM,
) -> CardState:
    """A fresh card in SECURED state with one key set and the SSD package in ROM."""
    enc, mac, dek = keys
    ssd_package = LoadFile(SSD_PACKAGE_AID, [SSD_MODULE_AID], ISD_AID, 0, bytes((1, 0)), rom=True)
    return CardState(
        seid=seid,
        kdd=seid[-10:].rjust(10, b"\x00"),
        iin=bytes.fromhex("898602"),  # issuer id: the China Mobile ICCID prefix
        key_sets=[KeySet(kvn, enc, mac, dek)],
        i=i,
        nvm_total=nvm,
        vm_total=vm,
        load_files=[ssd_package],
    )



# -- JSON (de)serialisation, driven by the dataclass type hints --------------------------------
def _to_json(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, bytes):
        return value.hex().upper()
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {f"{k:X}": _to_json(v) for k, v in value.items()}
    return value


def _from_json(hint: Any, raw: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if raw is None:
            return None
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
        return _from_json(hint, raw)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_from_json(item, v) for v in raw]
    if origin is dict:
        _, item = typing.get_args(hint)
        return {int(k, 16): _from_json(item, v) for k, v in raw.items()}
    if hint is bytes:
        return bytes.fromhex(raw)
    if is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        names = {f.name for f in fields(hint)}
        return hint(**{k: _from_json(hints[k], v) for k, v in raw.items() if k in names})
    return hint(raw)


class CardFileError(Exception):
    """The card file is missing, unreadable or not a card file."""

    code = "vse.card_file"


def state_to_json(state: CardState) -> str:
    return json.dumps(_to_json(state), indent=1, sort_keys=False)


def state_from_json(text: str) -> CardState:
    try:
        raw = json.loads(text)
        return _from_json(CardState, raw)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise CardFileError(f"not a valid card file: {type(exc).__name__}") from exc


def load_state(path: Path) -> CardState:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CardFileError(f"cannot read card file {path}: {exc.strerror}") from exc
    return state_from_json(text)


def save_state(state: CardState, path: Path) -> None:
    """Atomically replace ``path`` with ``state`` (temp file in the same dir, fsync, replace)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(state_to_json(state))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    # The rename itself must reach the disk; not every platform lets us open a directory.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
