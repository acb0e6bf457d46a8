"""DES / triple-DES under one key, with the cipher contexts built once (issue 15 item 1).

``ota.gp.crypto``'s functions build a fresh ``cryptography`` context per call: about as dear as
the encryption of a whole APDU.  A session's keys encrypt many times, so :class:`DesKey` keeps
its contexts for the key's lifetime:

- ECB contexts are stateless between ``update`` calls: one encryptor and one decryptor serve for
  ever (nothing is ever finalised).
- CBC (ISO 10116 / GPC 2.2.1 §B.1.1) with an arbitrary IV runs on one never-finalised zero-IV
  context: such a context chains from the last ciphertext block it produced (``_enc_last``), so
  XOR-ing ``last ^ iv`` into the first plaintext block gives exactly ``CBC(key, iv, data)``.
  Decryption likewise: the context XORs its previous input block into the first output block;
  XOR-ing ``previous ^ iv`` out again gives ``CBC^-1(key, iv, data)``.

Results are byte-exact with ``ota.gp.crypto`` (tests/unit/test_des_stream.py compares them and
the published vectors).  A ``DesKey`` is stateful: one session (one request's channel) uses it,
never two threads at once.  It holds the key only inside the contexts and never shows it.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.ciphers import Cipher, CipherContext, modes

from ota.gp.crypto import BLOCK, CryptoInputError, _check_aligned, _check_icv, _tdes


def _xor_first_block(data: bytes, mask: bytes) -> bytes:
    """``data`` with its first block XOR-ed with ``mask`` (all zero: ``data`` itself)."""
    if not any(mask):
        return data
    head = (int.from_bytes(data[:BLOCK], "big") ^ int.from_bytes(mask, "big")).to_bytes(BLOCK, "big")
    return head + data[BLOCK:]


class DesKey:
    """Single DES (8-byte key) or two/three-key triple DES (16/24 bytes), contexts kept."""

    __slots__ = ("_cbc", "_cbc_dec", "_cbc_enc", "_dec_last", "_ecb", "_ecb_dec", "_ecb_enc", "_enc_last")

    def __init__(self, key: bytes) -> None:
        if len(key) not in (8, 16, 24):
            raise CryptoInputError(f"key of {len(key)} bytes, expected 8, 16 or 24")
        algorithm = _tdes(key)
        self._ecb = Cipher(algorithm, modes.ECB())
        self._cbc = Cipher(algorithm, modes.CBC(bytes(BLOCK)))
        # Each context is built on first use: a session key often serves one mode in one direction.
        self._ecb_enc: CipherContext | None = None
        self._ecb_dec: CipherContext | None = None
        self._cbc_enc: CipherContext | None = None
        self._cbc_dec: CipherContext | None = None
        self._enc_last = bytes(BLOCK)  # what the CBC encryptor chains from next
        self._dec_last = bytes(BLOCK)  # what the CBC decryptor XORs into its next output block

    def __repr__(self) -> str:
        return "DesKey(<redacted>)"

    def ecb_encrypt(self, data: bytes) -> bytes:
        _check_aligned(data)
        if self._ecb_enc is None:
            self._ecb_enc = self._ecb.encryptor()
        return self._ecb_enc.update(data)

    def ecb_decrypt(self, data: bytes) -> bytes:
        _check_aligned(data)
        if self._ecb_dec is None:
            self._ecb_dec = self._ecb.decryptor()
        return self._ecb_dec.update(data)

    def cbc_encrypt(self, data: bytes, iv: bytes) -> bytes:
        _check_aligned(data)
        _check_icv(iv)
        if not data:
            return b""
        if self._cbc_enc is None:
            self._cbc_enc = self._cbc.encryptor()
        out = self._cbc_enc.update(_xor_first_block(data, _xor(self._enc_last, iv)))
        self._enc_last = out[-BLOCK:]
        return out

    def cbc_decrypt(self, data: bytes, iv: bytes) -> bytes:
        _check_aligned(data)
        _check_icv(iv)
        if not data:
            return b""
        if self._cbc_dec is None:
            self._cbc_dec = self._cbc.decryptor()
        out = _xor_first_block(self._cbc_dec.update(data), _xor(self._dec_last, iv))
        self._dec_last = data[-BLOCK:]
        return out

    def cbc_mac(self, data: bytes, iv: bytes) -> bytes:
        """The last block of ``cbc_encrypt`` (no padding added)."""
        return self.cbc_encrypt(data, iv)[-BLOCK:]


def _xor(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(BLOCK, "big")
