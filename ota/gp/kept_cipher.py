"""Block ciphers under one key, with the cipher contexts built once (issue 15 item 1).

``ota.gp.crypto`` and ``ota.gp.aes`` build a fresh ``cryptography`` context per call: about as
dear as the encryption of a whole APDU.  A session's keys encrypt many times, so a kept key
(:class:`DesKey`, :class:`AesKey`) keeps its contexts for the key's lifetime:

- ECB contexts are stateless between ``update`` calls: one encryptor and one decryptor serve for
  ever (nothing is ever finalised).
- CBC (ISO 10116; GPC 2.2.1 §B.1.1; Amendment D §4.1) with an arbitrary IV runs on one
  never-finalised zero-IV context: such a context chains from the last ciphertext block it
  produced (``_enc_last``), so XOR-ing ``last ^ iv`` into the first plaintext block gives exactly
  ``CBC(key, iv, data)``.  Decryption likewise: the context XORs its previous input block into
  the first output block; XOR-ing ``previous ^ iv`` out again gives ``CBC^-1(key, iv, data)``.

Results are byte-exact with the one-shot functions (tests/unit/test_kept_cipher.py compares them
and the published vectors).  A kept key is stateful: one session (one request's channel) uses
it, never two threads at once.  It holds the key only inside the contexts and never shows it.
"""

from __future__ import annotations

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, CipherContext, algorithms, modes

from ota.gp.crypto import CryptoInputError, _tdes


class _KeptCipher:
    """ECB and CBC under one key and one algorithm, each context built on first use."""

    __slots__ = ("_algorithm", "_block", "_cbc_dec", "_cbc_enc", "_dec_last", "_ecb_dec", "_ecb_enc", "_enc_last")

    def __init__(self, algorithm: TripleDES | algorithms.AES, block: int) -> None:
        self._algorithm = algorithm
        self._block = block
        # A session key often serves one mode in one direction: build only what is used.
        self._ecb_enc: CipherContext | None = None
        self._ecb_dec: CipherContext | None = None
        self._cbc_enc: CipherContext | None = None
        self._cbc_dec: CipherContext | None = None
        self._enc_last = bytes(block)  # what the CBC encryptor chains from next
        self._dec_last = bytes(block)  # what the CBC decryptor XORs into its next output block

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<redacted>)"

    def _zero_iv_cbc(self) -> Cipher[modes.CBC]:
        return Cipher(self._algorithm, modes.CBC(bytes(self._block)))

    def _aligned(self, data: bytes) -> bytes:
        if len(data) % self._block:
            raise CryptoInputError(f"data of {len(data)} bytes is not a multiple of {self._block}")
        return data

    def _iv(self, iv: bytes) -> bytes:
        if len(iv) != self._block:
            raise CryptoInputError(f"ICV of {len(iv)} bytes, expected {self._block}")
        return iv

    def _xor(self, a: bytes, b: bytes) -> bytes:
        return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(self._block, "big")

    def _xor_first_block(self, data: bytes, mask: bytes) -> bytes:
        if not any(mask):
            return data
        n = self._block
        return self._xor(data[:n], mask) + data[n:]

    def ecb_encrypt(self, data: bytes) -> bytes:
        if self._ecb_enc is None:
            self._ecb_enc = Cipher(self._algorithm, modes.ECB()).encryptor()
        return self._ecb_enc.update(self._aligned(data))

    def ecb_decrypt(self, data: bytes) -> bytes:
        if self._ecb_dec is None:
            self._ecb_dec = Cipher(self._algorithm, modes.ECB()).decryptor()
        return self._ecb_dec.update(self._aligned(data))

    def cbc_encrypt(self, data: bytes, iv: bytes) -> bytes:
        self._aligned(data)
        self._iv(iv)
        if not data:
            return b""
        if self._cbc_enc is None:
            self._cbc_enc = self._zero_iv_cbc().encryptor()
        out = self._cbc_enc.update(self._xor_first_block(data, self._xor(self._enc_last, iv)))
        self._enc_last = out[-self._block :]
        return out

    def cbc_decrypt(self, data: bytes, iv: bytes) -> bytes:
        self._aligned(data)
        self._iv(iv)
        if not data:
            return b""
        if self._cbc_dec is None:
            self._cbc_dec = self._zero_iv_cbc().decryptor()
        out = self._xor_first_block(self._cbc_dec.update(data), self._xor(self._dec_last, iv))
        self._dec_last = data[-self._block :]
        return out

    def cbc_mac(self, data: bytes, iv: bytes) -> bytes:
        """The last block of ``cbc_encrypt`` (no padding added)."""
        return self.cbc_encrypt(data, iv)[-self._block :]


class DesKey(_KeptCipher):
    """Single DES (8-byte key) or two/three-key triple DES (16/24 bytes)."""

    __slots__ = ()

    def __init__(self, key: bytes) -> None:
        if len(key) not in (8, 16, 24):
            raise CryptoInputError(f"key of {len(key)} bytes, expected 8, 16 or 24")
        super().__init__(_tdes(key), 8)


_AES_BLOCK = 16
_CMAC_RB = 0x87  # NIST SP 800-38B §5.3, b = 128


def _double(block: int) -> int:
    """Multiplication by x in GF(2^128), as SP 800-38B §6.1 derives the subkeys."""
    shifted = (block << 1) & ((1 << 128) - 1)
    return shifted ^ _CMAC_RB if block >> 127 else shifted


class AesKey(_KeptCipher):
    """AES-128/192/256, plus AES-CMAC (NIST SP 800-38B; Amendment D §4.1.3) on the kept CBC."""

    __slots__ = ("_k1", "_k2")

    def __init__(self, key: bytes) -> None:
        if len(key) not in (16, 24, 32):
            raise CryptoInputError(f"AES key of {len(key)} bytes, expected 16, 24 or 32")
        super().__init__(algorithms.AES(key), _AES_BLOCK)
        self._k1: bytes | None = None
        self._k2 = b""

    def cmac(self, data: bytes) -> bytes:
        """AES-CMAC, 16 bytes: the CBC-MAC whose last block is masked with subkey K1 (complete)
        or padded ``80 00..`` and masked with K2 (SP 800-38B §6.2)."""
        if self._k1 is None:
            k1 = _double(int.from_bytes(self.ecb_encrypt(bytes(_AES_BLOCK)), "big"))
            self._k1, self._k2 = k1.to_bytes(_AES_BLOCK, "big"), _double(k1).to_bytes(_AES_BLOCK, "big")
        if data and not len(data) % _AES_BLOCK:
            subkey = self._k1
        else:
            data += b"\x80" + bytes(-(len(data) + 1) % _AES_BLOCK)
            subkey = self._k2
        head, last = data[:-_AES_BLOCK], data[-_AES_BLOCK:]
        return self.cbc_mac(head + self._xor(last, subkey), bytes(_AES_BLOCK))
