"""DES / triple-DES primitives used by SCP02 (GPC 2.2.1 Appendix B).

Pure functions over ``bytes``.  Keys are double-length (16-byte, 2-key EDE) triple-DES keys unless
the name says ``key8``.  Nothing here logs, and no exception message contains key bytes.
"""

from __future__ import annotations

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

from ota.gp.errors import GpError

BLOCK = 8
ZERO_ICV = bytes(BLOCK)


class CryptoInputError(GpError, ValueError):
    """Bad key length, unaligned data or broken padding handed to a crypto primitive."""

    code = "gp.crypto_input"


def _check_key(key: bytes, sizes: tuple[int, ...]) -> None:
    if len(key) not in sizes:
        # Only the length goes into the message: never the key itself.
        raise CryptoInputError(f"key of {len(key)} bytes, expected {' or '.join(map(str, sizes))}")


def _check_aligned(data: bytes) -> None:
    if len(data) % BLOCK:
        raise CryptoInputError(f"data of {len(data)} bytes is not a multiple of {BLOCK}")


def _check_icv(icv: bytes) -> None:
    if len(icv) != BLOCK:
        raise CryptoInputError(f"ICV of {len(icv)} bytes, expected {BLOCK}")


def pad80(data: bytes, block: int = BLOCK) -> bytes:
    """ISO 9797-1 padding method 2 (GPC 2.2.1 §B.4): ``80`` then ``00`` up to a block boundary.

    Always adds at least one byte, so block-aligned input grows by a whole block.
    """
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % block)


def unpad80(data: bytes) -> bytes:
    """Remove ISO 9797-1 method 2 padding; raise ``CryptoInputError`` when it is malformed."""
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80 or len(data) - len(stripped) >= BLOCK:
        raise CryptoInputError("bad ISO 9797-1 method 2 padding")
    return stripped[:-1]


def _tdes(key: bytes) -> TripleDES:
    # cryptography deprecates 8- and 16-byte TripleDES keys; the 24-byte forms are equivalent:
    # K1K2 -> K1K2K1 (two-key EDE), K -> KKK (single DES).
    if len(key) == 8:
        key = key * 3
    elif len(key) == 16:
        key = key + key[:8]
    return TripleDES(key)


def _ecb(key: bytes, data: bytes, encrypt: bool) -> bytes:
    _check_aligned(data)
    cipher = Cipher(_tdes(key), modes.ECB())
    op = cipher.encryptor() if encrypt else cipher.decryptor()
    return op.update(data) + op.finalize()


def _cbc(key: bytes, data: bytes, iv: bytes, encrypt: bool) -> bytes:
    _check_aligned(data)
    _check_icv(iv)
    cipher = Cipher(_tdes(key), modes.CBC(iv))
    op = cipher.encryptor() if encrypt else cipher.decryptor()
    return op.update(data) + op.finalize()


def des_ecb_encrypt(key8: bytes, data: bytes) -> bytes:
    """Single DES, ECB."""
    _check_key(key8, (8,))
    return _ecb(key8, data, encrypt=True)


def des_ecb_decrypt(key8: bytes, data: bytes) -> bytes:
    """Single DES decryption, ECB."""
    _check_key(key8, (8,))
    return _ecb(key8, data, encrypt=False)


def des_cbc_encrypt(key8: bytes, data: bytes, iv: bytes = ZERO_ICV) -> bytes:
    """Single DES, CBC."""
    _check_key(key8, (8,))
    return _cbc(key8, data, iv, encrypt=True)


def tdes_ecb_encrypt(key16: bytes, data: bytes) -> bytes:
    """Two-key triple DES, ECB (GPC 2.2.1 §B.1.1)."""
    _check_key(key16, (16, 24))
    return _ecb(key16, data, encrypt=True)


def tdes_ecb_decrypt(key16: bytes, data: bytes) -> bytes:
    """Two-key triple DES decryption, ECB."""
    _check_key(key16, (16, 24))
    return _ecb(key16, data, encrypt=False)


def tdes_cbc_encrypt(key16: bytes, data: bytes, iv: bytes = ZERO_ICV) -> bytes:
    """Two-key triple DES, CBC (GPC 2.2.1 §B.1.1); data must be block aligned."""
    _check_key(key16, (16, 24))
    return _cbc(key16, data, iv, encrypt=True)


def tdes_cbc_decrypt(key16: bytes, data: bytes, iv: bytes = ZERO_ICV) -> bytes:
    """Two-key triple DES decryption, CBC."""
    _check_key(key16, (16, 24))
    return _cbc(key16, data, iv, encrypt=False)


def mac_full_3des(key16: bytes, data: bytes, iv: bytes = ZERO_ICV) -> bytes:
    """Full triple-DES MAC (GPC 2.2.1 §B.1.2.1; ISO 9797-1 MAC algorithm 1 with 3DES).

    Pads with ``pad80`` and returns the last CBC block.
    """
    return tdes_cbc_encrypt(key16, pad80(data), iv)[-BLOCK:]


def mac_retail(key16: bytes, data: bytes, icv: bytes = ZERO_ICV) -> bytes:
    """Single DES plus final triple DES MAC (GPC 2.2.1 §B.1.2.2; ISO 9797-1 MAC algorithm 3).

    Pads with ``pad80``; every block but the last is chained with single DES under K1, the last
    block with triple DES under K1K2.
    """
    _check_key(key16, (16,))
    _check_icv(icv)
    padded = pad80(data)
    head, last = padded[:-BLOCK], padded[-BLOCK:]
    chain = des_cbc_encrypt(key16[:8], head, icv)[-BLOCK:] if head else icv
    return tdes_cbc_encrypt(key16, last, chain)


def kcv_des(key16: bytes) -> bytes:
    """DES key check value: the first 3 bytes of 3DES-ECB(key, 00*8) (GPC 2.2.1 §B.5)."""
    return tdes_ecb_encrypt(key16, ZERO_ICV)[:3]


def odd_parity(key: bytes) -> bytes:
    """The DES key with each byte's low bit set for odd parity (FIPS 46-3 §2; DES ignores the
    bit).  HSMs adjust derived DES keys this way; a card's KCV does not change."""
    return bytes(b & 0xFE | (bin(b & 0xFE).count("1") + 1) % 2 for b in key)
