"""Key import ceremony (seed §5.8.9.4): a key arrives as 2-3 components held by different people.

Each custodian enters their component without echo and then the component's KCV from their
sealed letter; a component whose KCV differs is refused at once, nothing is stored, and the
refusal is audited.  The components are XORed into the key, whose KCV the key owner's letter
also gives and which is checked too.  Only then does the key service store the key set (in
the HSM for the PKCS#11 back end).  No component, key or partial key is ever printed, logged
or put in an exception; the audit row holds the KCVs, the number of components and who ran
the ceremony.

DES keys (SCP02) are 16 bytes with the 3DES KCV; AES keys (SCP03, ``aes_len`` 16/24/32) use the
AES KCV of GPC 2.3.1 §B.6 (``ota.gp.scp03.key_check_value``) for components and key alike.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ota.gp.scp02 import key_check_value
from ota.gp.scp03 import key_check_value as aes_key_check_value
from ota.platform import audit
from ota.platform.db import transaction
from ota.platform.errors import PlatformError
from ota.platform.keystore import KeyStore
from ota.platform.models import SeBatch

KEY_ROLES = ("ENC", "MAC", "DEK")
_KEY_LEN = 16


class CeremonyError(PlatformError):
    status = 400


@dataclass(frozen=True)
class CeremonyResult:
    ref: str
    kvn: int
    kcvs: tuple[str, ...]
    undiversified_batches: tuple[str, ...]
    """Batches using this key set as the card keys themselves: a warning (§5.8.9.3)."""


Ask = Callable[[str, bool], str]
"""``ask(prompt, secret)``: one line from the custodian; ``secret`` means no echo."""


def _hex(text: str, length: int, what: str) -> bytes:
    cleaned = "".join(text.split())
    try:
        value = bytes.fromhex(cleaned)
    except ValueError:
        value = b""
    if len(value) != length:
        # Only the expected shape goes into the message, never what was typed.
        raise CeremonyError("keys.component_format", params={"digits": length * 2}, detail={"what": what})
    return value


def _xor(parts: list[bytes]) -> bytes:
    out = bytearray(len(parts[0]))
    for part in parts:
        for i, b in enumerate(part):
            out[i] ^= b
    return bytes(out)


def read_key(role: str, components: int, ask: Ask, aes_len: int | None = None) -> tuple[bytes, str]:
    """One key from its components, each KCV-checked; returns the key and its KCV (hex)."""
    length = aes_len or _KEY_LEN
    check_value = aes_key_check_value if aes_len else key_check_value
    parts: list[bytes] = []
    for n in range(1, components + 1):
        part = _hex(
            ask(f"{role} component {n}/{components} ({length * 2} hex, hidden): ", True),
            length, "component",
        )
        kcv = _hex(ask(f"{role} component {n}/{components} KCV (6 hex): ", False), 3, "component_kcv")
        if not hmac.compare_digest(check_value(part), kcv):
            raise CeremonyError(
                "keys.component_kcv",
                detail={"role": role, "component": n},
                params={"role": role, "n": n},
            )
        parts.append(part)
    key = _xor(parts)
    kcv = _hex(ask(f"{role} key KCV (6 hex): ", False), 3, "key_kcv")
    if not hmac.compare_digest(check_value(key), kcv):
        raise CeremonyError("keys.key_kcv", detail={"role": role}, params={"role": role})
    return key, kcv.hex().upper()


def import_key_set(
    sessions: sessionmaker[Session],
    store: KeyStore,
    ref: str,
    kvn: int,
    components: int,
    ask: Ask,
    actor: str,
    single: bool = False,
    aes_len: int | None = None,
) -> CeremonyResult:
    """Run the ceremony for version ``kvn`` of ``ref``: ENC, MAC, DEK (or one key for all three);
    ``aes_len`` (16, 24, 32) makes it an SCP03 key set."""
    if aes_len not in (None, 16, 24, 32):
        raise CeremonyError("keys.aes_length")
    if components not in (2, 3):
        raise CeremonyError("keys.components")
    if not 1 <= kvn <= 0x7F:
        raise CeremonyError("keys.version_range", params={"kvn": kvn})
    try:
        keys: list[bytes] = []
        kcvs: list[str] = []
        for role in ("KEY",) if single else KEY_ROLES:
            key, kcv = read_key(role, components, ask, aes_len)
            keys.append(key)
            kcvs.append(kcv)
    except CeremonyError as refusal:
        with transaction(sessions) as session:
            audit.record(
                session,
                "key.ceremony_refused",
                actor,
                key_ref=ref,
                kvn=kvn,
                code=refusal.code,
                **(refusal.detail or {}),
            )
        raise
    enc, mac, dek = (keys[0],) * 3 if single else keys
    store.add_key_set(ref, kvn, enc, mac, dek, actor=actor, components=components, aes=aes_len is not None)
    with sessions() as session:
        plain = session.scalars(
            sa.select(SeBatch.name).where(SeBatch.key_set_ref == ref, SeBatch.diversification == "none")
        )
        undiversified = tuple(plain)
    return CeremonyResult(ref, kvn, tuple(kcvs), undiversified)
