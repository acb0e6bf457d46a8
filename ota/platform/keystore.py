"""Card keys (seed §5.8.9): the keystore interface and its software back end.

The engine and flows only see :class:`KeyStore`; a PKCS#11 back end (SoftHSM2 in tests, the
"加密机" in production) implements the same methods later.  Several key versions (KVN) of one
key set live side by side, because rolling new keys out to a whole batch takes time (§5.8.9.3).

The software store seals each key set with AES-256-GCM under a master key that comes from the
environment (``HALLTERM_MASTER_KEY``, 64 hex digits) or from a file created with mode 0600.
The associated data binds a sealed blob to its key reference and version, so rows cannot be
swapped.  Keys never appear in reprs, logs, audit entries or error messages.
"""

from __future__ import annotations

import os
import stat
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import audit
from ota.platform.db import transaction
from ota.platform.errors import KeyStoreError
from ota.platform.models import KeySetRow

if TYPE_CHECKING:
    from ota.gp.scp02 import StaticKeys
    from ota.gp.scp03 import Scp03Keys

MASTER_KEY_ENV = "HALLTERM_MASTER_KEY"
MASTER_KEY_BYTES = 32
_NONCE_BYTES = 12
_KEY_BYTES = (16, 24, 32)  # SCP02: double-length 3DES; SCP03: AES-128/192/256 (issue 12)


class KeyStore(Protocol):
    """What the platform needs from a keystore."""

    def get_static_keys(
        self,
        key_ref: str,
        kdd: bytes | None,
        diversification: str,
        kvn: int | None = None,
        session: Session | None = None,
    ) -> StaticKeys:
        """The card's static keys: version ``kvn`` (highest when None), diversified from the
        card's key derivation data ``kdd`` (from INITIALIZE UPDATE) when the method asks.

        ``session``: read through the caller's transaction (a flow's ``ctx.session``); a second
        SQLite transaction would wait for the write lock the caller already holds."""
        ...

    def key_versions(self, key_ref: str, session: Session | None = None) -> list[int]: ...

    def get_scp03_keys(
        self, key_ref: str, kvn: int | None = None, session: Session | None = None
    ) -> Scp03Keys:
        """An SCP03 batch's AES key set (issue 12), version ``kvn`` (highest when None)."""
        ...

    def seal_secret(self, purpose: str, data: bytes) -> bytes:
        """Encrypt a non-key secret for storage (the §5.5.2 token)."""
        ...

    def open_secret(self, purpose: str, sealed: bytes) -> bytes: ...


def load_master_key(path: Path | None) -> bytes:
    """The master key from ``HALLTERM_MASTER_KEY`` or ``path`` (created 0600 if missing)."""
    from_env = os.environ.get(MASTER_KEY_ENV)
    if from_env:
        try:
            key = bytes.fromhex(from_env)
        except ValueError:
            key = b""
        if len(key) != MASTER_KEY_BYTES:
            raise KeyStoreError(
                "keystore.master_key",
                "主密钥环境变量格式错误",
                f"{MASTER_KEY_ENV} must be {MASTER_KEY_BYTES * 2} hex digits",
            )
        return key
    if path is None:
        raise KeyStoreError(
            "keystore.master_key", "未配置主密钥", f"no master key file and no {MASTER_KEY_ENV}"
        )
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(os.urandom(MASTER_KEY_BYTES).hex() + "\n")
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise KeyStoreError(
            "keystore.master_key_mode",
            "主密钥文件权限过宽,应为 0600",
            f"master key file {path} is readable by others; chmod 600 it",
        )
    try:
        key = bytes.fromhex(path.read_text().strip())
    except ValueError:
        key = b""
    if len(key) != MASTER_KEY_BYTES:
        raise KeyStoreError("keystore.master_key", "主密钥文件内容错误", f"bad master key in {path}")
    return key


def _aad(ref: str, kvn: int) -> bytes:
    return f"hallterm-keyset:{ref}:{kvn}".encode()


def _missing(key_ref: str, kvn: int | None) -> KeyStoreError:
    version = "latest" if kvn is None else str(kvn)
    return KeyStoreError(
        "keystore.not_found",
        f"密钥集 {key_ref} 版本 {version} 不存在",
        f"key set {key_ref} version {version} not found",
    )


class SoftwareKeyStore:
    """Key sets sealed with AES-GCM in the platform database."""

    def __init__(self, sessions: sessionmaker[Session], master_key: bytes) -> None:
        if len(master_key) != MASTER_KEY_BYTES:
            raise KeyStoreError("keystore.master_key", "主密钥长度错误", "master key must be 32 bytes")
        self._sessions = sessions
        self._aead = AESGCM(master_key)

    def __repr__(self) -> str:
        return "SoftwareKeyStore(<sealed>)"

    def add_key_set(
        self, ref: str, kvn: int, enc: bytes, mac: bytes, dek: bytes, actor: str = "system"
    ) -> None:
        """Store (or replace) version ``kvn`` of key set ``ref``; audited without key bytes."""
        if not 0 <= kvn <= 0xFF:
            raise KeyStoreError("keystore.kvn", "密钥版本号无效", f"KVN must be 0..255, got {kvn}")
        if len({len(enc), len(mac), len(dek)}) != 1 or len(enc) not in _KEY_BYTES:
            raise KeyStoreError(
                "keystore.key_length",
                "密钥长度应为16字节(SCP02/AES-128)或24、32字节(AES-192/256),且三个密钥等长",
                "keys must be three of one length: 16 bytes (SCP02, AES-128), 24 or 32 (AES)",
            )
        nonce = os.urandom(_NONCE_BYTES)
        sealed = nonce + self._aead.encrypt(nonce, enc + mac + dek, _aad(ref, kvn))
        with transaction(self._sessions) as session:
            session.merge(KeySetRow(ref=ref, kvn=kvn, sealed=sealed))
            audit.record(session, "key.add", actor, key_ref=ref, kvn=kvn)

    def _reading(self, session: Session | None) -> AbstractContextManager[Session]:
        return nullcontext(session) if session is not None else self._sessions()

    def key_versions(self, key_ref: str, session: Session | None = None) -> list[int]:
        with self._reading(session) as reader:
            query = sa.select(KeySetRow.kvn).where(KeySetRow.ref == key_ref).order_by(KeySetRow.kvn)
            return list(reader.scalars(query))

    def get_static_keys(
        self,
        key_ref: str,
        kdd: bytes | None,
        diversification: str,
        kvn: int | None = None,
        session: Session | None = None,
    ) -> StaticKeys:
        from ota.gp.scp02 import StaticKeys

        enc, mac, dek, found_kvn = self._unseal(key_ref, kvn, session)
        keys = StaticKeys(enc=enc, mac=mac, dek=dek, kvn=found_kvn)
        method = str(diversification).lower()
        if method in ("", "none"):
            return keys
        if not kdd:
            raise KeyStoreError(
                "keystore.kdd_missing",
                "分散密钥需要卡片的密钥分散数据",
                f"diversification {method} needs the card's key derivation data",
            )
        from ota.gp.diversify import Diversification, diversify

        try:
            chosen = Diversification(method)
        except ValueError:
            raise KeyStoreError(
                "keystore.diversification",
                f"密钥分散方法 {method} 不受支持",
                f"key diversification method {method!r} is not supported",
            ) from None
        return diversify(keys, kdd, chosen)

    def get_scp03_keys(
        self, key_ref: str, kvn: int | None = None, session: Session | None = None
    ) -> Scp03Keys:
        """The AES key set of an SCP03 batch (issue 12); stored like the SCP02 ones."""
        from ota.gp.scp03 import Scp03Error, Scp03Keys

        enc, mac, dek, found_kvn = self._unseal(key_ref, kvn, session)
        try:
            return Scp03Keys(enc, mac, dek, found_kvn)
        except Scp03Error:
            raise KeyStoreError(
                "keystore.key_length", f"密钥集 {key_ref} 不是AES密钥", f"key set {key_ref} holds no AES keys"
            ) from None

    def seal_secret(self, purpose: str, data: bytes) -> bytes:
        """Encrypt a non-key secret (the §5.5.2 token) for storage."""
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, data, f"hallterm-secret:{purpose}".encode())

    def open_secret(self, purpose: str, sealed: bytes) -> bytes:
        try:
            nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
            return self._aead.decrypt(nonce, body, f"hallterm-secret:{purpose}".encode())
        except (InvalidTag, ValueError) as e:
            raise KeyStoreError("keystore.unseal", "数据解密失败", "cannot unseal secret") from e

    def _unseal(
        self, key_ref: str, kvn: int | None, session: Session | None = None
    ) -> tuple[bytes, bytes, bytes, int]:
        with self._reading(session) as reader:
            query = sa.select(KeySetRow).where(KeySetRow.ref == key_ref)
            if kvn is None:
                query = query.order_by(KeySetRow.kvn.desc()).limit(1)
            else:
                query = query.where(KeySetRow.kvn == kvn)
            row = reader.scalars(query).first()
        if row is None:
            raise _missing(key_ref, kvn)
        nonce, body = row.sealed[:_NONCE_BYTES], row.sealed[_NONCE_BYTES:]
        try:
            plain = self._aead.decrypt(nonce, body, _aad(row.ref, row.kvn))
        except InvalidTag as e:
            raise KeyStoreError(
                "keystore.unseal",
                f"密钥集 {key_ref} 无法解密(主密钥错误或数据被篡改)",
                f"key set {key_ref} cannot be unsealed (wrong master key or tampered row)",
            ) from e
        n = len(plain) // 3
        return plain[:n], plain[n : 2 * n], plain[2 * n :], row.kvn
