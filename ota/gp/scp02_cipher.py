"""Who holds an SCP02 session's keys: the host channel asks a :class:`SessionCipher`.

The channel (``ota.gp.scp02.HostChannel``) only decides *what* to MAC or encrypt (GPC 2.2.1
§E.3-§E.4); a cipher does it.  :class:`SoftwareSessionCipher` holds the four session keys in
memory; the platform's PKCS#11 key service (``ota.platform.keys.pkcs11``) keeps them as objects
inside the HSM and implements the same methods there, so static and master keys never leave it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ota.gp.crypto import BLOCK, ZERO_ICV, _check_icv, pad80
from ota.gp.kept_cipher import DesKey

if TYPE_CHECKING:
    from ota.gp.scp02 import SessionKeys


class SessionCipher(Protocol):
    """The cryptographic operations of one SCP02 session (one sequence counter value)."""

    def cryptogram(self, data: bytes) -> bytes:
        """Full 3DES MAC with S-ENC, ISO 9797-1 padding 2 (card / host cryptogram, §E.4.2)."""
        ...

    def c_mac(self, data: bytes, icv: bytes) -> bytes:
        """Retail MAC (ISO 9797-1 alg. 3) with the C-MAC session key (§E.4.4)."""
        ...

    def encrypt_icv(self, icv: bytes) -> bytes:
        """Single DES-ECB of the ICV with the left half of the C-MAC key (§E.3.4)."""
        ...

    def r_mac(self, data: bytes, icv: bytes) -> bytes:
        """Retail MAC with the R-MAC session key (§E.4.5)."""
        ...

    def encrypt_data(self, padded: bytes) -> bytes:
        """3DES-CBC with S-ENC and a zero ICV over block-aligned data (§E.4.6)."""
        ...

    def decrypt_data(self, data: bytes) -> bytes: ...

    def encrypt_sensitive(self, data: bytes) -> bytes:
        """3DES-ECB with the session DEK (§E.4.7)."""
        ...


class _RetailMac:
    """ISO 9797-1 MAC algorithm 3 under one session key (GPC 2.2.1 §B.1.2.2), its DES contexts
    kept for the session: single DES CBC under K1 over all blocks but the last, triple DES on the
    last (``ota.gp.crypto.mac_retail``, byte for byte)."""

    __slots__ = ("_full", "left")

    def __init__(self, key16: bytes) -> None:
        self.left = DesKey(key16[:BLOCK])
        self._full = DesKey(key16)

    def mac(self, data: bytes, icv: bytes) -> bytes:
        _check_icv(icv)
        padded = pad80(data)
        head, last = padded[:-BLOCK], padded[-BLOCK:]
        chain = self.left.cbc_mac(head, icv) if head else icv
        return self._full.cbc_mac(last, chain)


class SoftwareSessionCipher:
    """Session keys in memory (tests, the virtual card's host, the software key service).

    The DES contexts of each key are built on first use and kept for the session
    (``ota.gp.kept_cipher``): a cipher serves one session's channel, one request at a time.
    """

    def __init__(self, keys: SessionKeys) -> None:
        self._keys = keys
        self._enc: DesKey | None = None
        self._c_mac: _RetailMac | None = None
        self._r_mac: _RetailMac | None = None
        self._dek: DesKey | None = None

    def __repr__(self) -> str:
        return "SoftwareSessionCipher(keys=<redacted>)"

    def _s_enc(self) -> DesKey:
        if self._enc is None:
            self._enc = DesKey(self._keys.enc)
        return self._enc

    def cryptogram(self, data: bytes) -> bytes:
        return self._s_enc().cbc_mac(pad80(data), ZERO_ICV)

    def _c_mac_key(self) -> _RetailMac:
        if self._c_mac is None:
            self._c_mac = _RetailMac(self._keys.mac)
        return self._c_mac

    def c_mac(self, data: bytes, icv: bytes) -> bytes:
        return self._c_mac_key().mac(data, icv)

    def encrypt_icv(self, icv: bytes) -> bytes:
        # S-MAC's left half: the single-DES key the C-MAC chains its head with.
        return self._c_mac_key().left.ecb_encrypt(icv)

    def r_mac(self, data: bytes, icv: bytes) -> bytes:
        if self._r_mac is None:
            self._r_mac = _RetailMac(self._keys.rmac)
        return self._r_mac.mac(data, icv)

    def encrypt_data(self, padded: bytes) -> bytes:
        return self._s_enc().cbc_encrypt(padded, ZERO_ICV)

    def decrypt_data(self, data: bytes) -> bytes:
        return self._s_enc().cbc_decrypt(data, ZERO_ICV)

    def encrypt_sensitive(self, data: bytes) -> bytes:
        if self._dek is None:
            self._dek = DesKey(self._keys.dek)
        return self._dek.ecb_encrypt(data)
