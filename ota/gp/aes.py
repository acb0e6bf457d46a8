"""AES primitives used by SCP03 (GPC 2.2 Amendment D v1.1.1 §4, GPC 2.3.1 §B.6).

Pure functions over ``bytes``: AES-CBC and AES-ECB without padding, AES-CMAC (NIST SP 800-38B),
the key derivation function of Amendment D §4.1.5 (NIST SP 800-108 in counter mode with CMAC as
PRF) and the AES key check value.  Keys are 16, 24 or 32 bytes.  Nothing here logs, and no
exception message contains key bytes.
"""

from __future__ import annotations

from collections.abc import Callable

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

from ota.gp.crypto import CryptoInputError

BLOCK = 16
ZERO_IV = bytes(BLOCK)
AES_KEY_SIZES = (16, 24, 32)


def check_aes_key(key: bytes) -> None:
    if len(key) not in AES_KEY_SIZES:
        # Only the length goes into the message: never the key itself.
        raise CryptoInputError(f"AES key of {len(key)} bytes, expected 16, 24 or 32")


def _check_aligned(data: bytes) -> None:
    if len(data) % BLOCK:
        raise CryptoInputError(f"data of {len(data)} bytes is not a multiple of {BLOCK}")


def pad80(data: bytes) -> bytes:
    """ISO 9797-1 method 2 to a 16-byte boundary (Amendment D §6.2.6): always adds a byte."""
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % BLOCK)


def unpad80(data: bytes) -> bytes:
    """Remove ``pad80``; ``CryptoInputError`` when the padding is malformed."""
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80 or len(data) - len(stripped) >= BLOCK:
        raise CryptoInputError("bad ISO 9797-1 method 2 padding")
    return stripped[:-1]


def _run(key: bytes, iv: bytes | None, data: bytes, encrypt: bool) -> bytes:
    """AES-ECB when ``iv`` is None, else AES-CBC."""
    check_aes_key(key)
    _check_aligned(data)
    if iv is not None and len(iv) != BLOCK:
        raise CryptoInputError(f"ICV of {len(iv)} bytes, expected {BLOCK}")
    cipher = Cipher(algorithms.AES(key), modes.ECB() if iv is None else modes.CBC(iv))
    op = cipher.encryptor() if encrypt else cipher.decryptor()
    return op.update(data) + op.finalize()


def aes_ecb_encrypt(key: bytes, data: bytes) -> bytes:
    return _run(key, None, data, encrypt=True)


def aes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    return _run(key, iv, data, encrypt=True)


def aes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    return _run(key, iv, data, encrypt=False)


def cmac(key: bytes, data: bytes) -> bytes:
    """AES-CMAC, 16 bytes (NIST SP 800-38B; Amendment D §4.1.3)."""
    check_aes_key(key)
    mac = CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()


def kdf(key: bytes, constant: int, bits: int, context: bytes) -> bytes:
    """The SCP03 data derivation function (Amendment D §4.1.5), NIST SP 800-108 counter mode.

    Each PRF input is: label (11 zero bytes) || derivation constant || separation indicator 00 ||
    L (output length in bits, 2 bytes) || counter i (1 byte, from 1) || context; the PRF is
    AES-CMAC with ``key``; the output is the leftmost ``bits`` of the concatenated blocks.
    """
    return kdf_with(lambda data: cmac(key, data), constant, bits, context)


def kdf_with(prf: Callable[[bytes], bytes], constant: int, bits: int, context: bytes) -> bytes:
    """:func:`kdf` with the PRF (AES-CMAC under the key) given as a function, so a key service
    can run the CMAC where its key lives (an HSM's ``CKM_AES_CMAC``) on the same input bytes."""
    if bits <= 0 or bits % 8 or bits > 0xFFFF:
        raise CryptoInputError(f"KDF output of {bits} bits is not a positive whole number of bytes")
    fixed = bytes(11) + bytes((constant, 0)) + bits.to_bytes(2, "big")
    out = b""
    counter = 1
    while len(out) * 8 < bits:
        out += prf(fixed + bytes((counter,)) + context)
        counter += 1
    return out[: bits // 8]


def kcv_aes(key: bytes) -> bytes:
    """AES key check value: the first 3 bytes of AES-ECB(key, 01*16) (GPC 2.3.1 §B.6)."""
    return aes_ecb_encrypt(key, b"\x01" * BLOCK)[:3]
