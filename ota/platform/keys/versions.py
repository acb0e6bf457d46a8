"""Key versions as the platform records them: KVN, KCVs, back end, state; never key bytes.

Both back ends call :func:`record_version` when a key set is stored, so ``keys list`` reads one
table whatever holds the keys.  A KCV (3 bytes of 3DES-ECB(key, 0), GPC 2.2.1 §B.5) identifies
a key without revealing it.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.gp.scp02 import key_check_value
from ota.gp.scp03 import key_check_value as aes_key_check_value
from ota.platform import audit
from ota.platform.errors import KeyStoreError
from ota.platform.models import KeyRollover, KeyState, KeyVersion, SeBatch, SecureElement, SeKeyState

DES_KEY_BYTES = 16  # SCP02 keys are double-length 3DES keys
AES_KEY_BYTES = (16, 24, 32)  # SCP03: AES-128/192/256 (issue 12)


@dataclass(frozen=True)
class KeyCheckValues:
    enc: bytes
    mac: bytes
    dek: bytes

    def hex(self) -> tuple[str, str, str]:
        return self.enc.hex().upper(), self.mac.hex().upper(), self.dek.hex().upper()


def check_key_set(kvn: int, enc: bytes, mac: bytes, dek: bytes, aes: bool = False) -> KeyCheckValues:
    """Refuse a bad KVN or key length; the KCVs of a good key set (AES KCVs for an SCP03 set:
    ``aes``, or any key longer than 16 bytes)."""
    if not 0 <= kvn <= 0xFF:
        raise KeyStoreError("keystore.kvn", status=400, detail={"kvn": kvn})
    lengths = {len(enc), len(mac), len(dek)}
    aes = aes or lengths - {DES_KEY_BYTES} != set()
    allowed = AES_KEY_BYTES if aes else (DES_KEY_BYTES,)
    if len(lengths) != 1 or not lengths <= set(allowed):
        raise KeyStoreError("keystore.key_length", status=400)
    kcv = aes_key_check_value if aes else key_check_value
    return KeyCheckValues(kcv(enc), kcv(mac), kcv(dek))


def record_version(
    session: Session, ref: str, kvn: int, backend: str, kcvs: KeyCheckValues, actor: str, components: int
) -> None:
    enc, mac, dek = kcvs.hex()
    session.merge(
        KeyVersion(
            ref=ref,
            kvn=kvn,
            backend=backend,
            kcv_enc=enc,
            kcv_mac=mac,
            kcv_dek=dek,
            components=components,
            state=KeyState.ACTIVE,
            created_by=actor,
        )
    )
    audit.record(
        session, "key.add", actor, key_ref=ref, kvn=kvn, backend=backend, kcv=[enc, mac, dek], components=components
    )


@dataclass(frozen=True)
class VersionView:
    """One line of ``keys list``."""

    ref: str
    kvn: int
    kcv: tuple[str, str, str]
    backend: str
    state: str
    batches: tuple[str, ...]
    diversified: bool
    cards: int
    """Cards last seen on this version."""
    rollover_target: bool


def list_versions(session: Session) -> list[VersionView]:
    batches = list(session.scalars(sa.select(SeBatch).order_by(SeBatch.name)))
    targets = {r.batch_id: r.target_kvn for r in session.scalars(sa.select(KeyRollover))}
    views = []
    for row in session.scalars(sa.select(KeyVersion).order_by(KeyVersion.ref, KeyVersion.kvn)):
        mine = [b for b in batches if b.key_set_ref == row.ref]
        views.append(
            VersionView(
                ref=row.ref,
                kvn=row.kvn,
                kcv=(row.kcv_enc, row.kcv_mac, row.kcv_dek),
                backend=row.backend,
                state=row.state,
                batches=tuple(b.name for b in mine),
                diversified=bool(mine) and all(b.diversification != "none" for b in mine),
                cards=_cards_on(session, [b.id for b in mine], row.kvn),
                rollover_target=any(targets.get(b.id) == row.kvn for b in mine),
            )
        )
    return views


def known_versions(session: Session, ref: str) -> list[int]:
    return list(session.scalars(sa.select(KeyVersion.kvn).where(KeyVersion.ref == ref).order_by(KeyVersion.kvn)))


def _cards_on(session: Session, batch_ids: list[int], kvn: int) -> int:
    if not batch_ids:
        return 0
    query = (
        sa.select(sa.func.count())
        .select_from(SeKeyState)
        .join(SecureElement, SecureElement.seid == SeKeyState.seid)
        .where(SecureElement.batch_id.in_(batch_ids), SeKeyState.kvn == kvn)
    )
    return int(session.scalar(query) or 0)
