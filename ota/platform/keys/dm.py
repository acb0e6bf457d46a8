"""The Card Issuer's Delegated Management keys (seed §5.8.9.3 "Token 密钥"; GPC 2.2.1 Annex C.4).

* ``token``: an RSA key pair.  The platform, as the Card Issuer's TSM, signs each token with the
  private half (RSASSA-PKCS1-v1_5, SHA-1); the cards' ISDs verify with the public half.  1024
  bits: an INSTALL token is one LV field, at most 255 bytes (GPC 2.2.1 Table 11-44).
* ``receipt``: a two-key 3DES key the cards' ISDs share with the Card Issuer; the platform checks
  each receipt with it, and the third party asks the platform to (it never gets the key).

On the PKCS#11 back end (the seed's 加密机) the token key is a key pair made in the token whose
private half only signs there (``CKM_SHA1_RSA_PKCS``); on the software back end it is sealed
(``KeyStore.seal_secret``: AES-GCM under the master key) and opened for one signature.  The
receipt key is sealed on both (inside the token on PKCS#11) and opened for one MAC check: the
token has no retail MAC mechanism of its own to run it (ecosystem.md §6).  No key leaves this
module except :func:`issuance`, the card-issuance export (the public token key and the receipt
key for the card manufacturer, like a batch's keys), which is audited.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from sqlalchemy.orm import Session

from ota.gp import token
from ota.gp.crypto import kcv_des
from ota.platform import audit
from ota.platform.errors import PlatformError
from ota.platform.keystore import KeyStore
from ota.platform.models import DmKey

TOKEN, RECEIPT = "token", "receipt"
TOKEN_BITS = 1024
HSM_LABEL = "hallterm:dm:token"


@runtime_checkable
class RsaSigner(Protocol):
    """A key service that holds RSA keys itself (keys/pkcs11.py)."""

    def generate_rsa(self, label: str, bits: int) -> tuple[bytes, bytes]: ...

    def sign_rsa_sha1(self, label: str, message: bytes) -> bytes: ...


class DmKeysMissing(PlatformError):
    def __init__(self) -> None:
        super().__init__("sd.token_keys_missing", status=409)


@dataclass(frozen=True)
class DmPublic:
    """What may be shown of the keys: the public token key and the receipt key's KCV."""

    modulus: str
    exponent: str
    receipt_kcv: str


@dataclass(frozen=True)
class CardIssuance:
    """What a card's ISD is issued with for Delegated Management (never logged or shown)."""

    token_modulus: bytes
    token_exponent: bytes
    receipt_key: bytes

    def __repr__(self) -> str:
        return "CardIssuance(<keys>)"


def _purpose(name: str) -> str:
    return f"dm-{name}"


def create(session: Session, keystore: KeyStore, actor: str) -> DmPublic:
    """Generate both keys once; a second call is refused (``sd.token_keys_exist``)."""
    if session.get(DmKey, TOKEN) is not None:
        raise PlatformError("sd.token_keys_exist", status=409)
    if isinstance(keystore, RsaSigner):  # made in the HSM, the private half never leaves it
        modulus, exponent = keystore.generate_rsa(HSM_LABEL, TOKEN_BITS)
        public = {"modulus": modulus.hex().upper(), "exponent": exponent.hex().upper(), "hsm_label": HSM_LABEL}
        sealed = b""
    else:
        private = rsa.generate_private_key(public_exponent=65537, key_size=TOKEN_BITS)
        der = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        numbers = private.public_key().public_numbers()
        public = {"modulus": f"{numbers.n:0{TOKEN_BITS // 4}X}", "exponent": f"{numbers.e:06X}"}
        sealed = keystore.seal_secret(_purpose(TOKEN), der)
    receipt_key = os.urandom(16)
    kcv = kcv_des(receipt_key).hex().upper()
    session.add(DmKey(name=TOKEN, sealed=sealed, public=public))
    session.add(DmKey(name=RECEIPT, sealed=keystore.seal_secret(_purpose(RECEIPT), receipt_key), kcv=kcv))
    session.flush()
    audit.record(session, "dm.keys_created", actor, bits=TOKEN_BITS, receipt_kcv=kcv)
    return DmPublic(public["modulus"], public["exponent"], kcv)


def public(session: Session) -> DmPublic | None:
    token_row, receipt_row = session.get(DmKey, TOKEN), session.get(DmKey, RECEIPT)
    if token_row is None or receipt_row is None or token_row.public is None:
        return None
    return DmPublic(token_row.public["modulus"], token_row.public["exponent"], receipt_row.kcv)


def _open(session: Session, keystore: KeyStore, name: str) -> bytes:
    row = session.get(DmKey, name)
    if row is None:
        raise DmKeysMissing()
    return keystore.open_secret(_purpose(name), row.sealed)


def sign(session: Session, keystore: KeyStore, command_input: bytes) -> bytes:
    """The token over :func:`ota.gp.token.token_input` of a command."""
    row = session.get(DmKey, TOKEN)
    label = (row.public or {}).get("hsm_label") if row is not None else None
    if label and isinstance(keystore, RsaSigner):
        return keystore.sign_rsa_sha1(label, command_input)
    private = serialization.load_der_private_key(_open(session, keystore, TOKEN), password=None)
    assert isinstance(private, rsa.RSAPrivateKey)
    return private.sign(command_input, padding.PKCS1v15(), hashes.SHA1())


def check_receipt(session: Session, keystore: KeyStore, receipt_input: bytes, receipt: bytes) -> bool:
    return token.check_receipt(_open(session, keystore, RECEIPT), receipt_input, receipt)


def issuance(session: Session, keystore: KeyStore, actor: str) -> CardIssuance:
    """The keys a card's ISD is issued with (card manufacture / pre-personalisation), audited."""
    shown = public(session)
    if shown is None:
        raise DmKeysMissing()
    audit.record(session, "dm.issuance_export", actor, receipt_kcv=shown.receipt_kcv)
    return CardIssuance(bytes.fromhex(shown.modulus), bytes.fromhex(shown.exponent), _open(session, keystore, RECEIPT))
