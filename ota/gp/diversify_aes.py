"""Per-card diversification of SCP03 (AES) static keys: the "KDF3" scheme.

There is no GlobalPlatform text for AES key diversification; this module follows the scheme that
GlobalPlatformPro names ``kdf3`` (``PlaintextKeys.diversify``, vector in its ``TestSCP03.testKDF3``)
and that NXP JCOP personalisation profiles use: each card key is the NIST SP 800-108 KDF in
counter mode with AES-CMAC as PRF (the PRF of Amendment D §4.1.5), keyed with the master key, on

    i (1 byte, from 01) || 00 00 00 k 00 || KDD (the 10 bytes of INITIALIZE UPDATE)

with k = 01 ENC, 02 MAC, 03 DEK, and as many output bytes as the master key has (16, 24 or 32).
Unlike the Amendment D session-key KDF, the fixed input has no label, separator or length field.
"""

from __future__ import annotations

from ota.gp.aes import cmac
from ota.gp.diversify import KDD_LEN, KEY_DEK, KEY_ENC, KEY_MAC
from ota.gp.errors import ApduFormatError
from ota.gp.scp03 import Scp03Keys

KDF3 = "kdf3"
"""The batch setting (``SeBatch.diversification``) that selects this scheme."""


def kdf3_key(master: bytes, key_number: int, kdd: bytes) -> bytes:
    """One diversified card key (ENC, MAC or DEK by ``key_number``) of ``master``'s length."""
    if len(kdd) != KDD_LEN:
        raise ApduFormatError(f"key diversification data must be {KDD_LEN} bytes, got {len(kdd)}")
    fixed = bytes((0, 0, 0, key_number, 0)) + kdd
    out = b""
    counter = 1
    while len(out) < len(master):
        out += cmac(master, bytes((counter,)) + fixed)
        counter += 1
    return out[: len(master)]


def diversify_kdf3(master: Scp03Keys, kdd: bytes) -> Scp03Keys:
    """The card's static AES keys, each master key diversified with its key number; KVN kept."""
    return Scp03Keys(
        enc=kdf3_key(master.enc, KEY_ENC, kdd),
        mac=kdf3_key(master.mac, KEY_MAC, kdd),
        dek=kdf3_key(master.dek, KEY_DEK, kdd),
        kvn=master.kvn,
    )
