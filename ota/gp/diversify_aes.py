"""Per-card diversification of SCP03 (AES) static keys: the "KDF3" scheme.

There is no GlobalPlatform text for AES key diversification; this module follows the scheme that
GlobalPlatformPro names ``kdf3`` (``PlaintextKeys.diversify``, vector in its ``TestSCP03.testKDF3``)
and that NXP JCOP personalisation profiles use: each card key is the NIST SP 800-108 KDF in
counter mode with AES-CMAC as PRF (the PRF of Amendment D §4.1.5), keyed with the master key, on

    i (1 byte, from 01) || 00 00 00 k 00 || KDD (the 10 bytes of INITIALIZE UPDATE)

with k = 01 ENC, 02 MAC, 03 DEK, and as many output bytes as the master key has (16, 24 or 32).
Unlike the Amendment D session-key KDF, the fixed input has no label, separator or length field.

Each PRF input is exactly one AES block, so each output block is ``AES(master, input XOR K1)``
with K1 the CMAC subkey (NIST SP 800-38B §6.2, a complete last block).  :func:`kdf3_token_input`
gives those XORed inputs, so a key service holding the master key in an HSM can produce the card
key by AES-ECB encryption of data *inside* the token (``CKM_AES_ECB_ENCRYPT_DATA``), the card key
never leaving it; :func:`cmac_subkey` turns the token's ``AES(master, 0)`` into K1.
"""

from __future__ import annotations

from ota.gp.aes import BLOCK, cmac
from ota.gp.diversify import KDD_LEN, KEY_DEK, KEY_ENC, KEY_MAC
from ota.gp.errors import ApduFormatError
from ota.gp.scp03 import Scp03Keys

KDF3 = "kdf3"
"""The batch setting (``SeBatch.diversification``) that selects this scheme."""


def _fixed_input(counter: int, key_number: int, kdd: bytes) -> bytes:
    if len(kdd) != KDD_LEN:
        raise ApduFormatError(f"key diversification data must be {KDD_LEN} bytes, got {len(kdd)}")
    return bytes((counter, 0, 0, 0, key_number, 0)) + kdd


def kdf3_key(master: bytes, key_number: int, kdd: bytes) -> bytes:
    """One diversified card key (ENC, MAC or DEK by ``key_number``) of ``master``'s length."""
    blocks = -(-len(master) // BLOCK)
    return b"".join(cmac(master, _fixed_input(i, key_number, kdd)) for i in range(1, blocks + 1))[: len(master)]


def cmac_subkey(zero_block_encrypted: bytes) -> bytes:
    """K1 of AES-CMAC from L = AES(K, 0^128): L doubled in GF(2^128) (NIST SP 800-38B §6.1)."""
    if len(zero_block_encrypted) != BLOCK:
        raise ApduFormatError(f"L must be one AES block, got {len(zero_block_encrypted)} bytes")
    shifted = (int.from_bytes(zero_block_encrypted, "big") << 1) & ((1 << 128) - 1)
    if zero_block_encrypted[0] & 0x80:
        shifted ^= 0x87  # R_128
    return shifted.to_bytes(BLOCK, "big")


def kdf3_token_input(subkey: bytes, key_number: int, kdd: bytes, key_len: int) -> bytes:
    """What AES-ECB under the master key turns into the KDF3 card key: each PRF input XOR K1.

    ``AES-ECB(master, kdf3_token_input(K1, k, kdd, n))[:n] == kdf3_key(master, k, kdd)`` because
    each CMAC input is one complete block (SP 800-38B §6.2 step 4: M_n = M_n* XOR K1)."""
    blocks = -(-key_len // BLOCK)
    return b"".join(
        bytes(a ^ b for a, b in zip(_fixed_input(i, key_number, kdd), subkey, strict=True))
        for i in range(1, blocks + 1)
    )


def diversify_kdf3(master: Scp03Keys, kdd: bytes) -> Scp03Keys:
    """The card's static AES keys, each master key diversified with its key number; KVN kept."""
    return Scp03Keys(
        enc=kdf3_key(master.enc, KEY_ENC, kdd),
        mac=kdf3_key(master.mac, KEY_MAC, kdd),
        dek=kdf3_key(master.dek, KEY_DEK, kdd),
        kvn=master.kvn,
    )
