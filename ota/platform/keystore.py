"""Card keys (seed §5.8.9): the key service interface and its software back end.

The engine and flows only see :class:`KeyStore`; the PKCS#11 back end (SoftHSM2 in tests, the
"加密机" in production) is ``ota.platform.keys.pkcs11.Pkcs11KeyStore``.  Flows ask for a
:class:`SessionCipher` for the card's key version and sequence counter and for PUT KEY blocks,
never for keys, so an HSM keeps static and master keys inside.  Several key versions (KVN) of one
key set live side by side, because rolling new keys out to a whole batch takes time (§5.8.9.3).

The software store seals each key set with AES-256-GCM under a master key that comes from the
environment (``HALLTERM_MASTER_KEY``, 64 hex digits) or from a file created with mode 0600.
The associated data binds a sealed blob to its key reference and version, so rows cannot be
swapped.  Keys never appear in reprs, logs, audit entries or error messages.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import metadata_cache
from ota.platform.db import transaction
from ota.platform.errors import KeyStoreError
from ota.platform.metadata_cache import VersionedCache
from ota.platform.models import KeySetRow

if TYPE_CHECKING:
    from ota.gp.diversify import Diversification
    from ota.gp.scp02 import StaticKeys
    from ota.gp.scp02_cipher import SessionCipher
    from ota.gp.scp03 import EncryptedAesKey, Scp03Keys, Scp03KeySource

MASTER_KEY_ENV = "HALLTERM_MASTER_KEY"
MASTER_KEY_BYTES = 32
_NONCE_BYTES = 12
_SEALED_ROWS = "hallterm_sealed_key_sets"
"""``Session.info`` key: the key-set rows a request has read (:meth:`SoftwareKeyStore._sealed_rows`)."""
_KEY_SET_ROWS = sa.select(KeySetRow.kvn, KeySetRow.sealed).where(KeySetRow.ref == sa.bindparam("ref"))
_SEALED_CACHE: VersionedCache[str, Mapping[int, bytes]] = VersionedCache(metadata_cache.KEYS)


class KeyStore(Protocol):
    """What the platform needs from a key service."""

    backend: str
    """``software`` or ``pkcs11``: recorded with each key version."""

    def add_key_set(
        self,
        ref: str,
        kvn: int,
        enc: bytes,
        mac: bytes,
        dek: bytes,
        actor: str = "system",
        components: int = 1,
        aes: bool = False,
    ) -> None:
        """Store version ``kvn`` of key set ``ref`` (a ceremony's result); audited, KCVs recorded."""
        ...

    def session_cipher(
        self, key_ref: str, kdd: bytes, diversification: str, kvn: int, seq: int, session: Session | None = None
    ) -> SessionCipher:
        """The SCP02 session (GPC 2.2.1 §E.4.1) of the card with key derivation data ``kdd``,
        on key version ``kvn`` at sequence counter ``seq``."""
        ...

    def put_key_blocks(
        self,
        cipher: SessionCipher,
        key_ref: str,
        kdd: bytes,
        diversification: str,
        kvn: int,
        session: Session | None = None,
        actor: str = "system",
    ) -> list[tuple[bytes, bytes]]:
        """The card's keys of version ``kvn`` (ENC, MAC, DEK) encrypted under ``cipher``'s
        session DEK, each with its KCV: what PUT KEY carries (GPC 2.2.1 §11.8.2.3)."""
        ...

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
        self,
        key_ref: str,
        kvn: int | None = None,
        session: Session | None = None,
        actor: str = "system",
        kdd: bytes | None = None,
        diversification: str = "none",
    ) -> Scp03KeySource:
        """An SCP03 batch's AES key set (issue 12), version ``kvn`` (highest when None): the keys
        themselves (software) or a handle that derives session keys where they live (PKCS#11).
        With ``diversification="kdf3"`` the card's own keys, diversified from its ``kdd``."""
        ...

    def aes_put_key_blocks(
        self,
        keys: Scp03KeySource,
        key_ref: str,
        kdd: bytes,
        diversification: str,
        kvn: int,
        session: Session | None = None,
        actor: str = "system",
    ) -> list[EncryptedAesKey]:
        """The card's AES keys of version ``kvn`` (ENC, MAC, DEK) encrypted under the static DEK
        of ``keys`` (the card's current set), each with its KCV (Amendment D §7.2, GPC 2.3.1
        §11.8.2.3): what an SCP03 PUT KEY carries."""
        ...

    def transport_decrypt(self, key_ref: str, data: bytes, session: Session | None = None) -> bytes:
        """3DES-CBC (zero IV) decryption under the ENC key of a provider's transport key set
        (``transport-*``, §5.8.4.6 TK): personalisation data as the provider sent it."""
        ...

    def translate_kek(
        self, key_ref: str, data: bytes, cipher: SessionCipher, session: Session | None = None, actor: str = "system"
    ) -> bytes:
        """Sensitive data under the DEK (KEK) of a transport key set, re-encrypted (3DES-ECB)
        under ``cipher``'s session DEK for STORE DATA (§5.8.4.6 KEK -> session DEK)."""
        ...

    def token_mac(self, key_ref: str, message: bytes, session: Session | None = None) -> bytes:
        """HMAC-SHA256 of ``message`` under the latest version of ``key_ref`` (ENC || MAC as the
        HMAC key): the §5.5.2 token, "dispersed from the SEID and the date"."""
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
            raise KeyStoreError("keystore.master_key")
        return key
    if path is None:
        raise KeyStoreError("keystore.master_key")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(os.urandom(MASTER_KEY_BYTES).hex() + "\n")
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise KeyStoreError("keystore.master_key_mode", detail={"path": path})
    try:
        key = bytes.fromhex(path.read_text().strip())
    except ValueError:
        key = b""
    if len(key) != MASTER_KEY_BYTES:
        raise KeyStoreError("keystore.master_key", detail={"path": path})
    return key


def _aad(ref: str, kvn: int) -> bytes:
    return f"hallterm-keyset:{ref}:{kvn}".encode()


def _missing(key_ref: str, kvn: int | None) -> KeyStoreError:
    version = "latest" if kvn is None else str(kvn)
    return KeyStoreError("keystore.not_found", detail={"key_ref": key_ref, "version": version})


def _aligned(data: bytes) -> bytes:
    if not data or len(data) % 8:
        raise KeyStoreError("keystore.ciphertext", status=400)
    return data


def diversification_method(diversification: str) -> Diversification:
    """The ``ota.gp`` diversification named by a batch, or a typed refusal."""
    from ota.gp.diversify import Diversification

    method = str(diversification).lower() or "none"
    try:
        return Diversification(method)
    except ValueError:
        raise KeyStoreError("keystore.diversification", detail={"method": method}) from None


def aes_diversification(diversification: str) -> bool:
    """Whether an SCP03 batch's keys are per card (KDF3) rather than the batch's own; a typed
    refusal for a method AES keys do not have."""
    from ota.gp.diversify_aes import KDF3

    method = str(diversification).lower() or "none"
    if method not in ("none", KDF3):
        raise KeyStoreError("keystore.diversification", detail={"method": method, "supported": ["none", KDF3]})
    return method == KDF3


def require_kdd(kdd: bytes | None, diversification: str) -> bytes:
    if not kdd:
        raise KeyStoreError("keystore.kdd_missing", detail={"diversification": diversification})
    return kdd


class SoftwareKeyStore:
    """Key sets sealed with AES-GCM in the platform database."""

    backend = "software"

    def __init__(self, sessions: sessionmaker[Session], master_key: bytes) -> None:
        if len(master_key) != MASTER_KEY_BYTES:
            raise KeyStoreError("keystore.master_key")
        self._sessions = sessions
        self._aead = AESGCM(master_key)

    def __repr__(self) -> str:
        return "SoftwareKeyStore(<sealed>)"

    def add_key_set(
        self,
        ref: str,
        kvn: int,
        enc: bytes,
        mac: bytes,
        dek: bytes,
        actor: str = "system",
        components: int = 1,
        aes: bool = False,
    ) -> None:
        """Store (or replace) version ``kvn`` of key set ``ref``; audited without key bytes."""
        from ota.platform.keys.versions import check_key_set, record_version

        kcvs = check_key_set(kvn, enc, mac, dek, aes)
        nonce = os.urandom(_NONCE_BYTES)
        sealed = nonce + self._aead.encrypt(nonce, enc + mac + dek, _aad(ref, kvn))
        with transaction(self._sessions) as session:
            session.merge(KeySetRow(ref=ref, kvn=kvn, sealed=sealed))
            record_version(session, ref, kvn, self.backend, kcvs, actor, components)

    def transport_decrypt(self, key_ref: str, data: bytes, session: Session | None = None) -> bytes:
        from ota.gp.crypto import tdes_cbc_decrypt

        return tdes_cbc_decrypt(self.get_static_keys(key_ref, None, "none", session=session).enc, _aligned(data))

    def translate_kek(
        self, key_ref: str, data: bytes, cipher: SessionCipher, session: Session | None = None, actor: str = "system"
    ) -> bytes:
        from ota.gp.crypto import tdes_ecb_decrypt

        kek = self.get_static_keys(key_ref, None, "none", session=session).dek
        return cipher.encrypt_sensitive(tdes_ecb_decrypt(kek, _aligned(data)))

    def token_mac(self, key_ref: str, message: bytes, session: Session | None = None) -> bytes:
        import hashlib
        import hmac

        keys = self.get_static_keys(key_ref, None, "none", session=session)
        return hmac.new(keys.enc + keys.mac, message, hashlib.sha256).digest()

    def session_cipher(
        self, key_ref: str, kdd: bytes, diversification: str, kvn: int, seq: int, session: Session | None = None
    ) -> SessionCipher:
        from ota.gp.scp02 import derive_session_keys
        from ota.gp.scp02_cipher import SoftwareSessionCipher

        keys = self.get_static_keys(key_ref, kdd, diversification, kvn, session=session)
        return SoftwareSessionCipher(derive_session_keys(keys, seq))

    def put_key_blocks(
        self,
        cipher: SessionCipher,
        key_ref: str,
        kdd: bytes,
        diversification: str,
        kvn: int,
        session: Session | None = None,
        actor: str = "system",
    ) -> list[tuple[bytes, bytes]]:
        from ota.gp.crypto import odd_parity
        from ota.gp.scp02 import key_check_value

        new = self.get_static_keys(key_ref, kdd, diversification, kvn, session=session)
        # Odd parity, as an HSM sends derived DES keys: both back ends put the same bytes on the wire.
        keys = [odd_parity(k) for k in (new.enc, new.mac, new.dek)]
        return [(cipher.encrypt_sensitive(k), key_check_value(k)) for k in keys]

    def _reading(self, session: Session | None) -> AbstractContextManager[Session]:
        return nullcontext(session) if session is not None else self._sessions()

    def key_versions(self, key_ref: str, session: Session | None = None) -> list[int]:
        return sorted(self._sealed_rows(key_ref, session))

    def _sealed_rows(self, key_ref: str, session: Session | None) -> Mapping[int, bytes]:
        """Every version of ``key_ref``, still sealed: from this process's cache while the key
        sets' version in the database is the one they were read under (``metadata_cache``: any
        change anywhere, a re-import under the same key version included, is seen by the next
        transaction), else in one statement.  A flow's session keeps them for the rest of its
        request (a step asks for the versions, then a version's keys, sometimes twice).  Nothing
        unsealed is kept."""
        held: dict[str, Mapping[int, bytes]] | None = session.info.setdefault(_SEALED_ROWS, {}) if session else None
        if held is not None and key_ref in held:
            return held[key_ref]
        with self._reading(session) as reader:

            def load() -> Mapping[int, bytes]:
                return MappingProxyType({kvn: sealed for kvn, sealed in reader.execute(_KEY_SET_ROWS, {"ref": key_ref})})

            rows = _SEALED_CACHE.get(reader, key_ref, load)
        if held is not None:
            held[key_ref] = rows
        return rows

    def get_static_keys(
        self,
        key_ref: str,
        kdd: bytes | None,
        diversification: str,
        kvn: int | None = None,
        session: Session | None = None,
    ) -> StaticKeys:
        from ota.gp.diversify import Diversification, diversify
        from ota.gp.scp02 import StaticKeys

        method = diversification_method(diversification)
        enc, mac, dek, found_kvn = self._unseal(key_ref, kvn, session)
        keys = StaticKeys(enc=enc, mac=mac, dek=dek, kvn=found_kvn)
        if method is Diversification.NONE:
            return keys
        return diversify(keys, require_kdd(kdd, method), method)

    def get_scp03_keys(
        self,
        key_ref: str,
        kvn: int | None = None,
        session: Session | None = None,
        actor: str = "system",
        kdd: bytes | None = None,
        diversification: str = "none",
    ) -> Scp03Keys:
        """The AES key set of an SCP03 batch (issue 12), stored like the SCP02 ones; the card's
        own keys when the batch diversifies them (KDF3, ``ota.gp.diversify_aes``)."""
        from ota.gp.diversify_aes import diversify_kdf3
        from ota.gp.scp03 import Scp03Error, Scp03Keys

        enc, mac, dek, found_kvn = self._unseal(key_ref, kvn, session)
        try:
            keys = Scp03Keys(enc, mac, dek, found_kvn)
        except Scp03Error:
            raise KeyStoreError("keystore.key_length", detail={"key_ref": key_ref}) from None
        if aes_diversification(diversification):
            return diversify_kdf3(keys, require_kdd(kdd, diversification))
        return keys

    def aes_put_key_blocks(
        self,
        keys: Scp03KeySource,
        key_ref: str,
        kdd: bytes,
        diversification: str,
        kvn: int,
        session: Session | None = None,
        actor: str = "system",
    ) -> list[EncryptedAesKey]:
        from ota.gp.aes import BLOCK
        from ota.gp.scp03 import EncryptedAesKey, key_check_value

        new = self.get_scp03_keys(key_ref, kvn, session, actor, kdd, diversification)
        return [
            EncryptedAesKey(len(k), keys.encrypt_with_dek(k + bytes(-len(k) % BLOCK)), key_check_value(k))
            for k in (new.enc, new.mac, new.dek)
        ]

    def seal_secret(self, purpose: str, data: bytes) -> bytes:
        """Encrypt a non-key secret (the §5.5.2 token) for storage."""
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, data, f"hallterm-secret:{purpose}".encode())

    def open_secret(self, purpose: str, sealed: bytes) -> bytes:
        try:
            nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
            return self._aead.decrypt(nonce, body, f"hallterm-secret:{purpose}".encode())
        except (InvalidTag, ValueError) as e:
            raise KeyStoreError("keystore.unseal") from e

    def _unseal(
        self, key_ref: str, kvn: int | None, session: Session | None = None
    ) -> tuple[bytes, bytes, bytes, int]:
        rows = self._sealed_rows(key_ref, session)
        found_kvn = max(rows, default=None) if kvn is None else kvn
        sealed = rows.get(found_kvn) if found_kvn is not None else None
        if found_kvn is None or sealed is None:
            raise _missing(key_ref, kvn)
        nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        try:
            plain = self._aead.decrypt(nonce, body, _aad(key_ref, found_kvn))
        except InvalidTag as e:
            raise KeyStoreError("keystore.unseal", detail={"key_ref": key_ref}) from e
        n = len(plain) // 3
        return plain[:n], plain[n : 2 * n], plain[2 * n :], found_kvn
