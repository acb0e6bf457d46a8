"""SCP03 card keys inside the PKCS#11 token (issue 13): KDF3 diversification and PUT KEY.

**KDF3** (``ota.gp.diversify_aes``): each card key block is AES-CMAC under the batch master key
of one complete block, i.e. ``AES(master, input XOR K1)`` (NIST SP 800-38B §6.2).  The token
gives ``L = AES(master, 0)`` (``C_Encrypt``, ``CKM_AES_ECB``); the host doubles it into K1
(§6.1), XORs it into the KDF3 inputs, and the token turns them into the card key with
``C_DeriveKey(CKM_AES_ECB_ENCRYPT_DATA)``: ECB encrypts each block on its own, so one call gives
both blocks of an AES-256 key, and ``CKA_VALUE_LEN`` keeps the key's length.  The card key is a
session object (sensitive, never extractable unless it is the new key of a PUT KEY); neither
it nor the master key leaves the token.  What the host sees is L, a block encrypted under the
master key (AES being a pseudo-random permutation, it tells nothing of the key), used at once
and never kept.  SoftHSM2 2.6 has no ``CKM_SP800_108_COUNTER_KDF`` and no ``CKM_XOR_BASE_AND_DATA``
that would keep K1 inside too.

**PUT KEY** (Amendment D §7.2, GPC 2.3.1 §11.8.2.3): the new card key (derived as above,
sensitive but extractable, so only wrapped) is ``C_WrapKey(CKM_AES_CBC, zero IV)`` under the
card's current static DEK (a token object too), which is exactly the AES-CBC encryption PUT KEY
carries; its KCV is ``C_Encrypt(CKM_AES_ECB, 01*16)`` of the new key (GPC 2.3.1 §B.6).  The
wrappable new key lives only for those two calls, under the token lock, and is destroyed; an
HSM with trusted wrapping keys would add ``CKA_WRAP_WITH_TRUSTED`` (SoftHSM2 marks a key trusted
only from the SO's session).
SoftHSM2 wraps with ``CKM_AES_CBC`` whole blocks only and has no ``CKM_AES_CBC_PAD`` wrapping,
so a 24-byte (AES-192) key cannot be wrapped with the zero padding the card expects: that one
case uses the audited ``soft-wrap=allow`` fallback (the new key read from a session object,
encrypted in the token under the DEK, dropped; audit ``key.soft_wrap``).  A batch without
diversification would have to put the batch master key itself on the card, which the token
never exports, even wrapped: refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ota.gp.aes import BLOCK
from ota.gp.diversify_aes import cmac_subkey, kdf3_token_input
from ota.platform.errors import KeyStoreError

if TYPE_CHECKING:
    from ota.platform.keys.pkcs11 import _Token

KCV_INPUT = b"\x01" * BLOCK  # GPC 2.3.1 §B.6: the AES KCV is AES(key, 01*16)[:3]


def derive_kdf3(token: _Token, master: Any, key_number: int, kdd: bytes, key_len: int, **usage: bool) -> Any:
    """The card's KDF3 key number ``key_number`` as a token session object of ``key_len`` bytes."""
    P = token.P
    try:
        zero_block = token.encrypt(master, P.CKM_AES_ECB, bytes(BLOCK))
        data = kdf3_token_input(cmac_subkey(zero_block), key_number, kdd, key_len)
        template = token.template(P.CKK_AES, token=False, **usage) + [(P.CKA_VALUE_LEN, key_len)]
        return token.session.deriveKey(
            master, template, P.KEY_DERIVATION_STRING_DATA_MechanismBase(data, P.CKM_AES_ECB_ENCRYPT_DATA)
        )
    except P.PyKCS11Error as e:
        raise KeyStoreError("keystore.hsm_key_usage", detail={"reason": e.__class__.__name__}) from None


def kcv(token: _Token, key: Any) -> bytes:
    return token.encrypt(key, token.P.CKM_AES_ECB, KCV_INPUT)[:3]


def wraps(key_len: int) -> bool:
    """Whether the token can wrap a key of this length as PUT KEY needs (whole AES blocks)."""
    return key_len % BLOCK == 0


def wrap(token: _Token, dek: Any, key: Any) -> bytes:
    """``key`` encrypted under ``dek`` by AES-CBC with a zero ICV, inside the token."""
    P = token.P
    return bytes(token.session.wrapKey(dek, key, P.Mechanism(P.CKM_AES_CBC, bytes(BLOCK))))
