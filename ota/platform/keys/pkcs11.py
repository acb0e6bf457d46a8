"""The PKCS#11 key service (the seed's 加密机; SoftHSM2 in tests), through PyKCS11.

Master keys are token objects (``CKK_DES2``, sensitive, not extractable, derive only), labelled
``hallterm:<ref>:<KVN hex>:<enc|mac|dek>``.  Everything else is derived *inside* the token and
lives as a session object (ecosystem notes §6):

* per-card static key = ``C_DeriveKey(CKM_DES3_ECB_ENCRYPT_DATA, diversification block)``
  (VISA2 / EMV CPG, ``ota.gp.diversify``);
* session key = ``C_DeriveKey(CKM_DES3_CBC_ENCRYPT_DATA, IV 0, const || seq || 00*12)``
  (GPC 2.2.1 §E.4.1); its left half, for the retail MAC's single-DES part, =
  ``C_DeriveKey(CKM_DES3_ECB_ENCRYPT_DATA, first 8 bytes)`` (CBC with IV 0 starts as ECB);
* cryptograms = last block of ``CKM_DES3_CBC``; retail MAC = ``CKM_DES_CBC`` (left half) over all
  but the last block, then ``CKM_DES3_CBC`` over the last; ICV encryption = ``CKM_DES_ECB``.

SCP03 (AES) key sets are token objects too (``CKK_AES``, sensitive, not extractable; sign,
encrypt, derive, and wrap for the DEK).  A KDF3 batch's card keys are derived in the token and
its PUT KEY wraps the new keys there (``pkcs11_aes``).  Session keys are the SP 800-108 KDF
of Amendment D §4.1.5 with its PRF, AES-CMAC, run in the token (``C_Sign`` with
``CKM_AES_CMAC`` on the same input bytes as ``ota.gp.aes.kdf``); encryption under the static
DEK is ``CKM_AES_CBC`` in the token.  SoftHSM2 has no ``CKM_SP800_108_COUNTER_KDF`` to keep the
session keys as token objects, and the SCP03 host channel MACs in software, so the KDF's
output (the session keys, never a static key) leaves the token: an opt-in fallback,
``soft-session=allow`` in the spec, one audit row ``key.soft_session`` per derivation.
Without it an AES batch's flow is refused (``keystore.hsm_session_export``).

Where the token cannot do an operation there is one explicit, audited fallback, enabled only
by ``soft-wrap=allow`` in the spec: SoftHSM2 has no DES key wrapping (``C_WrapKey`` with
``CKM_DES3_ECB`` is ``CKR_MECHANISM_INVALID``), so for PUT KEY the card's *new* diversified key
is derived as a readable session object, encrypted under the session DEK by the token
(``C_Encrypt``), and dropped; each use is an audit row ``key.soft_wrap``.  Master keys never
leave the token.  Single DES in SoftHSM2 on OpenSSL 3 needs OpenSSL's legacy provider, which
this module loads into the process (:func:`_enable_openssl_legacy`).

The PIN comes from an environment variable or a file, never from the command line.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import stat
import struct
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from ota.gp.aes import BLOCK as AES_BLOCK
from ota.gp.aes import kdf_with
from ota.gp.crypto import BLOCK, ZERO_ICV, pad80
from ota.gp.diversify import KEY_DEK, KEY_ENC, KEY_MAC, Diversification
from ota.gp.scp02 import DerivationConstant
from ota.gp.scp02_cipher import SessionCipher
from ota.gp.scp03 import Constant, EncryptedAesKey, Scp03KeySource, Scp03SessionKeys
from ota.platform import audit
from ota.platform.db import transaction
from ota.platform.errors import KeyStoreError
from ota.platform.keys import pkcs11_aes
from ota.platform.keys.versions import check_key_set, known_versions, record_version
from ota.platform.keystore import aes_diversification, diversification_method, require_kdd

_ROLES = (("enc", KEY_ENC), ("mac", KEY_MAC), ("dek", KEY_DEK))
_CACHED_SESSIONS = 256  # sessions (6 token objects each) kept between the steps of operations
_SECRETS_LABEL = "hallterm:secrets:aes"
# Key sets used as HMAC keys (the §5.5.2 token): also stored as one sign-only generic secret.
HMAC_KEY_REFS = frozenset({"platform-token"})
# Providers' transport key sets (TK = ENC, KEK = DEK, §5.8.4.6): decrypt-only, never derive.
TRANSPORT_PREFIX = "transport-"


def _div_block(method: Diversification, kdd: bytes, k: int) -> bytes:
    from ota.gp.diversify import _BLOCKS, KDD_LEN

    if len(kdd) != KDD_LEN:
        raise KeyStoreError("keystore.kdd_missing")
    return _BLOCKS[method](kdd, k)


def _derivation_data(constant: DerivationConstant, seq: int) -> bytes:
    return constant.to_bytes(2, "big") + seq.to_bytes(2, "big") + bytes(12)


# --- the spec ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pkcs11Spec:
    """``pkcs11:module=<path>;token=<label>;pin-env=<VAR>|pin-file=<path>[;soft-wrap=allow]
    [;soft-session=allow]``."""

    module: str
    token: str
    pin_env: str | None = None
    pin_file: str | None = None
    soft_wrap: bool = False
    soft_session: bool = False

    @classmethod
    def parse(cls, spec: str) -> Pkcs11Spec:
        body = spec.removeprefix("pkcs11:")
        fields: dict[str, str] = {}
        for part in filter(None, body.split(";")):
            name, sep, value = part.partition("=")
            if not sep:
                raise _bad_spec(f"{name!r} has no value")
            fields[name.strip().lower()] = value.strip()
        if "pin" in fields or "pin-value" in fields:
            raise KeyStoreError("keystore.pin_in_spec", status=400)
        unknown = set(fields) - {"module", "token", "pin-env", "pin-file", "soft-wrap", "soft-session"}
        if unknown or "module" not in fields or "token" not in fields:
            raise _bad_spec(f"needs module= and token=; unknown: {', '.join(sorted(unknown)) or '-'}")
        if ("pin-env" in fields) == ("pin-file" in fields):
            raise _bad_spec("give exactly one of pin-env= and pin-file=")
        return cls(
            module=fields["module"],
            token=fields["token"],
            pin_env=fields.get("pin-env"),
            pin_file=fields.get("pin-file"),
            soft_wrap=fields.get("soft-wrap", "").lower() == "allow",
            soft_session=fields.get("soft-session", "").lower() == "allow",
        )

    def pin(self) -> str:
        if self.pin_env is not None:
            pin = os.environ.get(self.pin_env, "")
            if not pin:
                raise KeyStoreError("keystore.pin_missing", detail={"pin_env": self.pin_env})
            return pin
        path = Path(str(self.pin_file))
        if not path.is_file():
            raise KeyStoreError("keystore.pin_missing", detail={"path": path})
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            raise KeyStoreError("keystore.pin_file_mode", detail={"path": path})
        return path.read_text().strip()


def _bad_spec(why: str) -> KeyStoreError:
    return KeyStoreError("keystore.spec", status=400, detail={"why": why})


def _enable_openssl_legacy() -> None:
    """Load OpenSSL 3's legacy provider (single DES) next to the default one, process-wide.

    SoftHSM2 uses the system libcrypto; without the legacy provider its ``CKM_DES_*``
    mechanisms fail with CKR_MECHANISM_INVALID.  A hardware HSM does not care.
    """
    name = ctypes.util.find_library("crypto")
    if not name:
        return
    libcrypto = ctypes.CDLL(name)
    load = getattr(libcrypto, "OSSL_PROVIDER_load", None)
    if load is None:  # OpenSSL 1.1: DES is built in
        return
    load.restype = ctypes.c_void_p
    load.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    for provider in (b"default", b"legacy"):
        load(None, provider)


# --- the token -------------------------------------------------------------------------------------


class _Token:
    """One logged-in PKCS#11 session, used under a lock (PKCS#11 sessions are not thread-safe)."""

    def __init__(self, spec: Pkcs11Spec) -> None:
        import PyKCS11

        self.P = PyKCS11
        _enable_openssl_legacy()
        self.lock = threading.RLock()
        self.lib = PyKCS11.PyKCS11Lib()
        try:
            self.lib.load(spec.module)
        except PyKCS11.PyKCS11Error as e:
            raise KeyStoreError("keystore.hsm_module", detail={"reason": str(e), "module": spec.module}) from None
        slots = [
            s for s in self.lib.getSlotList(tokenPresent=True) if self.lib.getTokenInfo(s).label.strip() == spec.token
        ]
        if not slots:
            raise KeyStoreError("keystore.hsm_token", detail={"token": spec.token})
        self.slot = slots[0]
        self.session = self.lib.openSession(self.slot, PyKCS11.CKF_SERIAL_SESSION | PyKCS11.CKF_RW_SESSION)
        try:
            self.session.login(spec.pin())
        except PyKCS11.PyKCS11Error:
            raise KeyStoreError("keystore.hsm_login") from None
        self.mechanisms = set(self.lib.getMechanismList(self.slot))

    def has(self, *mechanisms: str) -> bool:
        return all(m in self.mechanisms for m in mechanisms)

    def template(
        self, key_type: int, *, token: bool, readable: bool = False, wrappable: bool = False, **flags: bool
    ) -> list[Any]:
        """``readable``: the value can be read (a fallback); ``wrappable``: it leaves only wrapped."""
        P = self.P
        t: list[Any] = [
            (P.CKA_CLASS, P.CKO_SECRET_KEY),
            (P.CKA_KEY_TYPE, key_type),
            (P.CKA_TOKEN, token),
            (P.CKA_PRIVATE, True),
            (P.CKA_SENSITIVE, not readable),
            (P.CKA_EXTRACTABLE, readable or wrappable),
        ]
        names = {"derive": P.CKA_DERIVE, "encrypt": P.CKA_ENCRYPT, "decrypt": P.CKA_DECRYPT, "wrap": P.CKA_WRAP,
                 "sign": P.CKA_SIGN}
        return t + [(names[k], v) for k, v in flags.items()]

    def find(self, label: str) -> Any | None:
        P = self.P
        found = self.session.findObjects([(P.CKA_CLASS, P.CKO_SECRET_KEY), (P.CKA_LABEL, label)])
        return found[0] if found else None

    def derive_ecb(self, base: Any, data: bytes, key_type: int, **flags: bool) -> Any:
        mech = self.P.KEY_DERIVATION_STRING_DATA_MechanismBase(data, self.P.CKM_DES3_ECB_ENCRYPT_DATA)
        readable = flags.pop("readable", False)
        return self.session.deriveKey(base, self.template(key_type, token=False, readable=readable, **flags), mech)

    def derive_cbc(self, base: Any, data: bytes, **flags: bool) -> Any:
        # CK_DES_CBC_ENCRYPT_DATA_PARAMS {iv[8]; pData; length}: neither wrapper has a class for it.
        buffer = ctypes.create_string_buffer(data, len(data))
        param = ZERO_ICV + struct.pack("PL", ctypes.addressof(buffer), len(data))
        mech = self.P.Mechanism(self.P.CKM_DES3_CBC_ENCRYPT_DATA, param)
        return self.session.deriveKey(base, self.template(self.P.CKK_DES2, token=False, **flags), mech)

    def encrypt(self, key: Any, mechanism: int, data: bytes, iv: bytes | None = None) -> bytes:
        mech = self.P.Mechanism(mechanism, iv) if iv is not None else self.P.Mechanism(mechanism)
        return bytes(self.session.encrypt(key, data, mech))

    def decrypt(self, key: Any, mechanism: int, data: bytes, iv: bytes) -> bytes:
        mech = self.P.Mechanism(mechanism, iv) if iv else self.P.Mechanism(mechanism)
        return bytes(self.session.decrypt(key, data, mech))

    def aes_cmac(self, key: Any, data: bytes) -> bytes:
        return bytes(self.session.sign(key, data, self.P.Mechanism(self.P.CKM_AES_CMAC)))

    def value(self, key: Any) -> bytes:
        return bytes(self.session.getAttributeValue(key, [self.P.CKA_VALUE], True)[0])

    def destroy(self, *keys: Any) -> None:
        for key in keys:
            try:
                self.session.destroyObject(key)
            except self.P.PyKCS11Error:
                pass


_TOKENS: dict[tuple[str, str], _Token] = {}
_TOKENS_LOCK = threading.Lock()


def _open_token(spec: Pkcs11Spec) -> _Token:
    """One logged-in token per module and label in a process (``C_Initialize`` runs once)."""
    with _TOKENS_LOCK:
        key = (spec.module, spec.token)
        if key not in _TOKENS:
            _TOKENS[key] = _Token(spec)
        return _TOKENS[key]


def _label(ref: str, kvn: int, role: str) -> str:
    return f"hallterm:{ref}:{kvn:02X}:{role}"


# --- a session inside the token ---------------------------------------------------------------------


class Pkcs11SessionCipher(SessionCipher):
    """The four SCP02 session keys (and the MAC keys' left halves) as token session objects."""

    def __init__(self, token: _Token, handles: dict[str, Any]) -> None:
        self._token = token
        self._h = handles

    def __repr__(self) -> str:
        return "Pkcs11SessionCipher(keys=<in token>)"

    def close(self) -> None:
        with self._token.lock:
            self._token.destroy(*self._h.values())
        self._h = {}

    def cryptogram(self, data: bytes) -> bytes:
        with self._token.lock:
            return self._token.encrypt(self._h["enc"], self._token.P.CKM_DES3_CBC, pad80(data), ZERO_ICV)[-BLOCK:]

    def _retail(self, key: str, data: bytes, icv: bytes) -> bytes:
        P = self._token.P
        padded = pad80(data)
        head, last = padded[:-BLOCK], padded[-BLOCK:]
        with self._token.lock:
            chain = self._token.encrypt(self._h[key + "_left"], P.CKM_DES_CBC, head, icv)[-BLOCK:] if head else icv
            return self._token.encrypt(self._h[key], P.CKM_DES3_CBC, last, chain)

    def c_mac(self, data: bytes, icv: bytes) -> bytes:
        return self._retail("mac", data, icv)

    def r_mac(self, data: bytes, icv: bytes) -> bytes:
        return self._retail("rmac", data, icv)

    def encrypt_icv(self, icv: bytes) -> bytes:
        with self._token.lock:
            return self._token.encrypt(self._h["mac_left"], self._token.P.CKM_DES_ECB, icv)

    def encrypt_data(self, padded: bytes) -> bytes:
        with self._token.lock:
            return self._token.encrypt(self._h["enc"], self._token.P.CKM_DES3_CBC, padded, ZERO_ICV)

    def decrypt_data(self, data: bytes) -> bytes:
        with self._token.lock:
            return self._token.decrypt(self._h["enc"], self._token.P.CKM_DES3_CBC, data, ZERO_ICV)

    def encrypt_sensitive(self, data: bytes) -> bytes:
        with self._token.lock:
            return self._token.encrypt(self._h["dek"], self._token.P.CKM_DES3_ECB, data)

    @property
    def dek_handle(self) -> Any:
        return self._h["dek"]


class Pkcs11Scp03Keys:
    """An SCP03 key set in the token (:class:`ota.gp.scp03.Scp03KeySource`): session keys from
    the KDF run with the token's CMAC, DEK encryption by the token; ``on_export`` records each
    time session keys leave the token (the audited ``soft-session`` fallback)."""

    def __init__(self, token: _Token, handles: dict[str, Any], kvn: int, key_len: int,
                 on_export: Callable[[], None]) -> None:
        self._token = token
        self._h = handles
        self._kvn = kvn
        self._bits = key_len * 8
        self._on_export = on_export

    @property
    def kvn(self) -> int:
        return self._kvn

    def __repr__(self) -> str:
        return f"Pkcs11Scp03Keys(kvn=0x{self._kvn:02X}, bits={self._bits}, keys=<in token>)"

    def dek_in(self, token: _Token) -> Any:
        """The static DEK's handle, for wrapping in ``token`` (it must be this key set's token)."""
        if token is not self._token:
            raise KeyStoreError("keystore.foreign_session", detail={"reason": "key set of another token"})
        return self._h["dek"]

    def session_keys(self, host_challenge: bytes, card_challenge: bytes) -> Scp03SessionKeys:
        context = host_challenge + card_challenge
        t = self._token

        def derive(role: str, constant: int) -> bytes:
            return kdf_with(lambda data: t.aes_cmac(self._h[role], data), constant, self._bits, context)

        with t.lock:
            keys = Scp03SessionKeys(
                enc=derive("enc", Constant.S_ENC), mac=derive("mac", Constant.S_MAC), rmac=derive("mac", Constant.S_RMAC)
            )
        self._on_export()
        return keys

    def encrypt_with_dek(self, data: bytes) -> bytes:
        with self._token.lock:
            return self._token.encrypt(self._h["dek"], self._token.P.CKM_AES_CBC, data, bytes(AES_BLOCK))


# --- the key service --------------------------------------------------------------------------------


class Pkcs11KeyStore:
    """:class:`~ota.platform.keystore.KeyStore` on a PKCS#11 token."""

    backend = "pkcs11"

    def __init__(self, sessions: sessionmaker[Session], spec: Pkcs11Spec) -> None:
        self._sessions = sessions
        self._spec = spec
        self._token = _open_token(spec)
        if not self._token.has("CKM_DES3_ECB_ENCRYPT_DATA", "CKM_DES3_CBC_ENCRYPT_DATA", "CKM_DES3_CBC"):
            raise KeyStoreError("keystore.hsm_mechanisms")
        if not self._token.has("CKM_DES_CBC", "CKM_DES_ECB"):
            raise KeyStoreError("keystore.hsm_mechanisms")
        self._cache: OrderedDict[tuple[Any, ...], Pkcs11SessionCipher] = OrderedDict()
        self._wrap_ok: bool | None = None
        self._aes_cards: OrderedDict[tuple[str, int, bytes], dict[str, Any]] = OrderedDict()

    def __repr__(self) -> str:
        return f"Pkcs11KeyStore(token={self._spec.token!r})"

    # -- key sets --------------------------------------------------------------------------------

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
        """Create the three master keys as token objects (replacing a previous same version)."""
        kcvs = check_key_set(kvn, enc, mac, dek, aes)
        if aes:
            self._add_aes_key_set(ref, kvn, enc, mac, dek)
            with transaction(self._sessions) as session:
                record_version(session, ref, kvn, self.backend, kcvs, actor, components)
            return
        P = self._token.P
        with self._token.lock:
            for (role, _), value in zip(_ROLES, (enc, mac, dek), strict=False):
                label = _label(ref, kvn, role)
                old = self._token.find(label)
                if old is not None:
                    self._token.destroy(old)
                if ref.startswith(TRANSPORT_PREFIX):
                    template = self._token.template(P.CKK_DES2, token=True, decrypt=True)
                else:
                    template = self._token.template(P.CKK_DES2, token=True, derive=True)
                self._token.session.createObject([*template, (P.CKA_LABEL, label), (P.CKA_VALUE, value)])
            if ref in HMAC_KEY_REFS:
                label = _label(ref, kvn, "hmac")
                old = self._token.find(label)
                if old is not None:
                    self._token.destroy(old)
                template = self._token.template(P.CKK_GENERIC_SECRET, token=True) + [(P.CKA_SIGN, True)]
                self._token.session.createObject([*template, (P.CKA_LABEL, label), (P.CKA_VALUE, enc + mac)])
            self._forget(ref, kvn)
        with transaction(self._sessions) as session:
            record_version(session, ref, kvn, self.backend, kcvs, actor, components)

    def _add_aes_key_set(self, ref: str, kvn: int, enc: bytes, mac: bytes, dek: bytes) -> None:
        """ENC and MAC sign (CMAC for the KDF), DEK encrypts (CBC) and wraps (PUT KEY); all three
        encrypt and derive for KDF3 (``pkcs11_aes``).  Never readable."""
        if not self._token.has("CKM_AES_CMAC", "CKM_AES_CBC"):
            raise KeyStoreError("keystore.hsm_mechanisms")
        P = self._token.P
        with self._token.lock:
            for (role, _), value in zip(_ROLES, (enc, mac, dek), strict=True):
                label = _label(ref, kvn, role)
                old = self._token.find(label)
                if old is not None:
                    self._token.destroy(old)
                usage = {"encrypt": True, "derive": True, ("wrap" if role == "dek" else "sign"): True}
                template = self._token.template(P.CKK_AES, token=True, **usage)
                self._token.session.createObject([*template, (P.CKA_LABEL, label), (P.CKA_VALUE, value)])

    def key_versions(self, key_ref: str, session: Session | None = None) -> list[int]:
        if session is not None:
            return known_versions(session, key_ref)
        with self._sessions() as reader:
            return known_versions(reader, key_ref)

    def token_mac(self, key_ref: str, message: bytes, session: Session | None = None) -> bytes:
        """HMAC-SHA256 inside the token (``CKM_SHA256_HMAC``) with the key set's sign-only HMAC key."""
        versions = self.key_versions(key_ref, session)
        handle = self._token.find(_label(key_ref, max(versions), "hmac")) if versions else None
        if handle is None:
            raise KeyStoreError("keystore.not_found", detail={"key_ref": key_ref})
        with self._token.lock:
            P = self._token.P
            return bytes(self._token.session.sign(handle, message, P.Mechanism(P.CKM_SHA256_HMAC)))

    def _transport(self, key_ref: str, role: str, session: Session | None) -> Any:
        versions = self.key_versions(key_ref, session)
        if not key_ref.startswith(TRANSPORT_PREFIX) or not versions:
            raise KeyStoreError("keystore.not_found", detail={"key_ref": key_ref})
        return self._master(key_ref, max(versions), role)

    def transport_decrypt(self, key_ref: str, data: bytes, session: Session | None = None) -> bytes:
        from ota.platform.keystore import _aligned

        with self._token.lock:
            tk = self._transport(key_ref, "enc", session)
            return self._token.decrypt(tk, self._token.P.CKM_DES3_CBC, _aligned(data), ZERO_ICV)

    def translate_kek(
        self, key_ref: str, data: bytes, cipher: SessionCipher, session: Session | None = None, actor: str = "system"
    ) -> bytes:
        """KEK -> session DEK.  A token without DES key unwrapping/wrapping (SoftHSM2) decrypts in
        the token and re-encrypts in the token, the clear value passing through this process:
        the audited ``soft-wrap`` fallback again (``key.soft_translate``)."""
        from ota.platform.keystore import _aligned

        if not self._spec.soft_wrap:
            raise KeyStoreError("keystore.hsm_cannot_wrap")
        with self._token.lock:
            kek = self._transport(key_ref, "dek", session)
            clear = self._token.decrypt(kek, self._token.P.CKM_DES3_ECB, _aligned(data), b"")
            translated = cipher.encrypt_sensitive(clear)
        detail = {"key_ref": key_ref, "reason": "token has no DES key unwrap/wrap"}
        if session is not None:
            audit.record(session, "key.soft_translate", actor, **detail)
        else:
            with transaction(self._sessions) as own:
                audit.record(own, "key.soft_translate", actor, **detail)
        return translated

    def get_scp03_keys(
        self,
        key_ref: str,
        kvn: int | None = None,
        session: Session | None = None,
        actor: str = "system",
        kdd: bytes | None = None,
        diversification: str = "none",
    ) -> Pkcs11Scp03Keys:
        """The AES key set as token handles (with KDF3, the card's keys derived in the token,
        ``pkcs11_aes``); its session keys leave the token only with the ``soft-session=allow``
        opt-in, each time audited (``key.soft_session``)."""
        per_card = aes_diversification(diversification)
        if not self._spec.soft_session:
            raise KeyStoreError("keystore.hsm_session_export")
        versions = self.key_versions(key_ref, session)
        version = kvn if kvn is not None else (max(versions) if versions else 0)
        with self._token.lock:
            handles = {role: self._master(key_ref, version, role) for role, _ in _ROLES}
            key_len = int(self._token.session.getAttributeValue(handles["enc"], [self._token.P.CKA_VALUE_LEN])[0])
            if self._token.session.getAttributeValue(handles["enc"], [self._token.P.CKA_KEY_TYPE])[0] != (
                self._token.P.CKK_AES
            ):
                raise KeyStoreError("keystore.key_length", detail={"key_ref": key_ref})
            if per_card:
                handles = self._aes_card_keys(key_ref, version, require_kdd(kdd, diversification), handles, key_len)

        def on_export() -> None:
            detail = {"key_ref": key_ref, "kvn": version, "reason": "token has no SP 800-108 KDF for session keys"}
            if session is not None:
                audit.record(session, "key.soft_session", actor, **detail)
            else:
                with transaction(self._sessions) as own:
                    audit.record(own, "key.soft_session", actor, **detail)

        return Pkcs11Scp03Keys(self._token, handles, version, key_len, on_export)

    def get_static_keys(self, *args: Any, **kwargs: Any) -> Any:
        raise KeyStoreError("keystore.not_extractable")

    def _aes_card_keys(self, ref: str, kvn: int, kdd: bytes, masters: dict[str, Any], key_len: int) -> dict[str, Any]:
        """The card's KDF3 keys as session objects, kept (like SCP02 sessions) between steps."""
        key = (ref, kvn, bytes(kdd))
        cached = self._aes_cards.get(key)
        if cached is not None:
            self._aes_cards.move_to_end(key)
            return cached
        usage = {"enc": {"sign": True}, "mac": {"sign": True}, "dek": {"encrypt": True, "wrap": True}}
        derived: dict[str, Any] = {}
        try:
            for role, k in _ROLES:
                derived[role] = pkcs11_aes.derive_kdf3(self._token, masters[role], k, kdd, key_len, **usage[role])
        except KeyStoreError:
            self._token.destroy(*derived.values())
            raise
        self._aes_cards[key] = derived
        while len(self._aes_cards) > _CACHED_SESSIONS:
            self._token.destroy(*self._aes_cards.popitem(last=False)[1].values())
        return derived

    def _master(self, ref: str, kvn: int, role: str) -> Any:
        handle = self._token.find(_label(ref, kvn, role))
        if handle is None:
            raise KeyStoreError("keystore.not_found", detail={"kvn": kvn, "ref": ref})
        return handle

    def _static(self, ref: str, kvn: int, role: str, k: int, method: Diversification, kdd: bytes, **flags: bool) -> Any:
        """The card's static key: the master itself, or derived from it inside the token."""
        master = self._master(ref, kvn, role)
        if method is Diversification.NONE:
            return master
        return self._token.derive_ecb(master, _div_block(method, kdd, k), self._token.P.CKK_DES2, **flags)

    # -- sessions --------------------------------------------------------------------------------

    def session_cipher(
        self, key_ref: str, kdd: bytes, diversification: str, kvn: int, seq: int, session: Session | None = None
    ) -> SessionCipher:
        method = diversification_method(diversification)
        if method is not Diversification.NONE:
            require_kdd(kdd, method)
        key = (key_ref, kvn, bytes(kdd or b""), method, seq)
        with self._token.lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
            cipher = self._derive_session(key_ref, kvn, method, kdd, seq)
            self._cache[key] = cipher
            while len(self._cache) > _CACHED_SESSIONS:
                self._cache.popitem(last=False)[1].close()
            return cipher

    def _derive_session(self, ref: str, kvn: int, method: Diversification, kdd: bytes, seq: int) -> Pkcs11SessionCipher:
        P, t = self._token.P, self._token
        statics = {role: self._static(ref, kvn, role, k, method, kdd, derive=True) for role, k in _ROLES}
        try:
            mac_data = _derivation_data(DerivationConstant.C_MAC, seq)
            rmac_data = _derivation_data(DerivationConstant.R_MAC, seq)
            handles = {
                "enc": t.derive_cbc(
                    statics["enc"], _derivation_data(DerivationConstant.ENC, seq), encrypt=True, decrypt=True
                ),
                "mac": t.derive_cbc(statics["mac"], mac_data, encrypt=True),
                "rmac": t.derive_cbc(statics["mac"], rmac_data, encrypt=True),
                "dek": t.derive_cbc(
                    statics["dek"], _derivation_data(DerivationConstant.DEK, seq), encrypt=True, wrap=True
                ),
                "mac_left": t.derive_ecb(statics["mac"], mac_data[:BLOCK], P.CKK_DES, encrypt=True),
                "rmac_left": t.derive_ecb(statics["mac"], rmac_data[:BLOCK], P.CKK_DES, encrypt=True),
            }
        finally:
            if method is not Diversification.NONE:
                t.destroy(*statics.values())
        return Pkcs11SessionCipher(t, handles)

    def _forget(self, ref: str, kvn: int) -> None:
        for key in [k for k in self._cache if k[0] == ref and k[1] == kvn]:
            self._cache.pop(key).close()
        for card in [k for k in self._aes_cards if k[0] == ref and k[1] == kvn]:
            self._token.destroy(*self._aes_cards.pop(card).values())

    # -- PUT KEY ---------------------------------------------------------------------------------

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
        if not isinstance(cipher, Pkcs11SessionCipher):
            raise KeyStoreError("keystore.foreign_session")
        method = diversification_method(diversification)
        P, t = self._token.P, self._token
        wraps = self._can_wrap(cipher)
        if not wraps and (method is Diversification.NONE or not self._spec.soft_wrap):
            raise KeyStoreError("keystore.hsm_cannot_wrap")
        blocks: list[tuple[bytes, bytes]] = []
        with t.lock:
            for role, k in _ROLES:
                new = self._static(key_ref, kvn, role, k, method, kdd, encrypt=True, readable=not wraps)
                try:
                    kcv = t.encrypt(new, P.CKM_DES3_ECB, bytes(BLOCK))[:3]
                    if wraps:
                        wrapped = bytes(t.session.wrapKey(cipher.dek_handle, new, P.Mechanism(P.CKM_DES3_ECB)))
                    else:
                        wrapped = cipher.encrypt_sensitive(t.value(new))
                finally:
                    if method is not Diversification.NONE:
                        t.destroy(new)
                blocks.append((wrapped, kcv))
        if not wraps:
            self._audit_soft_wrap(session, actor, key_ref, kvn)
        return blocks

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
        """The card's new KDF3 keys wrapped in the token under its current static DEK, KCVs
        computed there (``pkcs11_aes``); AES-192 only through the audited soft-wrap fallback."""
        if not isinstance(keys, Pkcs11Scp03Keys):
            raise KeyStoreError("keystore.foreign_session", detail={"reason": "AES key set of another back end"})
        if not aes_diversification(diversification):
            raise KeyStoreError("keystore.hsm_cannot_wrap", detail={"key_ref": key_ref, "reason": "not diversified; use kdf3"})
        t = self._token
        dek = keys.dek_in(t)
        key_len = self._aes_key_len(key_ref, kvn)
        in_token = pkcs11_aes.wraps(key_len)
        if not in_token and not self._spec.soft_wrap:
            raise KeyStoreError(
                "keystore.hsm_cannot_wrap",
                detail={"key_ref": key_ref, "reason": "AES-192 needs padding; allow soft-wrap=allow"},
            )
        blocks: list[EncryptedAesKey] = []
        with t.lock:
            for role, k in _ROLES:
                master = self._master(key_ref, kvn, role)
                new = pkcs11_aes.derive_kdf3(
                    t, master, k, require_kdd(kdd, diversification), key_len,
                    encrypt=True, wrappable=in_token, readable=not in_token,
                )
                try:
                    if in_token:
                        encrypted = pkcs11_aes.wrap(t, dek, new)
                    else:
                        encrypted = keys.encrypt_with_dek(t.value(new) + bytes(-key_len % AES_BLOCK))
                    blocks.append(EncryptedAesKey(key_len, encrypted, pkcs11_aes.kcv(t, new)))
                finally:
                    t.destroy(new)
        if not in_token:
            self._audit_soft_wrap(session, actor, key_ref, kvn, "token wraps whole AES blocks only (AES-192)")
        return blocks

    def _aes_key_len(self, ref: str, kvn: int) -> int:
        with self._token.lock:
            enc = self._master(ref, kvn, "enc")
            return int(self._token.session.getAttributeValue(enc, [self._token.P.CKA_VALUE_LEN])[0])

    def _can_wrap(self, cipher: Pkcs11SessionCipher) -> bool:
        """Whether the token wraps a DES key under a DES3 key with CKM_DES3_ECB (probed once)."""
        if self._wrap_ok is None:
            P, t = self._token.P, self._token
            with t.lock:
                try:
                    probe = t.session.generateKey(
                        t.template(P.CKK_DES2, token=False, readable=True), P.Mechanism(P.CKM_DES2_KEY_GEN)
                    )
                except P.PyKCS11Error:
                    self._wrap_ok = False
                    return False
                try:
                    t.session.wrapKey(cipher.dek_handle, probe, P.Mechanism(P.CKM_DES3_ECB))
                    self._wrap_ok = True
                except P.PyKCS11Error:
                    self._wrap_ok = False
                finally:
                    t.destroy(probe)
        return self._wrap_ok

    def _audit_soft_wrap(
        self, session: Session | None, actor: str, ref: str, kvn: int, reason: str = "token has no DES3 key wrapping"
    ) -> None:
        detail = {"key_ref": ref, "kvn": kvn, "reason": reason}
        if session is not None:
            audit.record(session, "key.soft_wrap", actor, **detail)
            return
        with transaction(self._sessions) as own:
            audit.record(own, "key.soft_wrap", actor, **detail)

    # -- non-key secrets (the §5.5.2 token) -----------------------------------------------------

    def seal_secret(self, purpose: str, data: bytes) -> bytes:
        """AES-256-GCM inside the token, under a token key made on first use."""
        nonce = os.urandom(12)
        with self._token.lock:
            mech = self._token.P.AES_GCM_Mechanism(nonce, f"hallterm-secret:{purpose}".encode(), 128)
            return nonce + bytes(self._token.session.encrypt(self._secret_key(), data, mech))

    def open_secret(self, purpose: str, sealed: bytes) -> bytes:
        P = self._token.P
        with self._token.lock:
            try:
                mech = P.AES_GCM_Mechanism(sealed[:12], f"hallterm-secret:{purpose}".encode(), 128)
                return bytes(self._token.session.decrypt(self._secret_key(), sealed[12:], mech))
            except P.PyKCS11Error:
                raise KeyStoreError("keystore.unseal") from None

    # -- RSA signing keys (the Card Issuer's Delegated Management token key, keys/dm.py) --------

    def generate_rsa(self, label: str, bits: int) -> tuple[bytes, bytes]:
        """A token RSA key pair whose private half signs only and never leaves the token (replacing
        one of the same label); returns the public modulus and exponent."""
        P, t = self._token.P, self._token
        with t.lock:
            for old in t.session.findObjects([(P.CKA_LABEL, label)]):
                t.destroy(old)
            public = [(P.CKA_CLASS, P.CKO_PUBLIC_KEY), (P.CKA_KEY_TYPE, P.CKK_RSA), (P.CKA_TOKEN, True),
                      (P.CKA_VERIFY, True), (P.CKA_MODULUS_BITS, bits), (P.CKA_PUBLIC_EXPONENT, (1, 0, 1)),
                      (P.CKA_LABEL, label)]
            private = [(P.CKA_CLASS, P.CKO_PRIVATE_KEY), (P.CKA_KEY_TYPE, P.CKK_RSA), (P.CKA_TOKEN, True),
                       (P.CKA_PRIVATE, True), (P.CKA_SENSITIVE, True), (P.CKA_EXTRACTABLE, False),
                       (P.CKA_SIGN, True), (P.CKA_LABEL, label)]
            pub, _ = t.session.generateKeyPair(public, private, P.MechanismRSAGENERATEKEYPAIR)
            modulus, exponent = t.session.getAttributeValue(pub, [P.CKA_MODULUS, P.CKA_PUBLIC_EXPONENT])
        return bytes(modulus), bytes(exponent)

    def sign_rsa_sha1(self, label: str, message: bytes) -> bytes:
        """RSASSA-PKCS1-v1_5 with SHA-1 inside the token (``CKM_SHA1_RSA_PKCS``)."""
        P, t = self._token.P, self._token
        with t.lock:
            found = t.session.findObjects([(P.CKA_CLASS, P.CKO_PRIVATE_KEY), (P.CKA_LABEL, label)])
            if not found:
                raise KeyStoreError("keystore.not_found", detail={"label": label})
            return bytes(t.session.sign(found[0], message, P.Mechanism(P.CKM_SHA1_RSA_PKCS, None)))

    def _secret_key(self) -> Any:
        P, t = self._token.P, self._token
        found = t.find(_SECRETS_LABEL)
        if found is not None:
            return found
        template = t.template(P.CKK_AES, token=True, encrypt=True, decrypt=True)
        mech = P.Mechanism(P.CKM_AES_KEY_GEN)
        return t.session.generateKey([*template, (P.CKA_VALUE_LEN, 32), (P.CKA_LABEL, _SECRETS_LABEL)], mech)
