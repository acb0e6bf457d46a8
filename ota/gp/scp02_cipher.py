"""Who holds an SCP02 session's keys: the host channel asks a :class:`SessionCipher`.

The channel (``ota.gp.scp02.HostChannel``) only decides *what* to MAC or encrypt (GPC 2.2.1
§E.3-§E.4); a cipher does it.  :class:`SoftwareSessionCipher` holds the four session keys in
memory; the platform's PKCS#11 key service (``ota.platform.keys.pkcs11``) keeps them as objects
inside the HSM and implements the same methods there, so static and master keys never leave it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ota.gp.crypto import (
    BLOCK,
    des_ecb_encrypt,
    mac_full_3des,
    mac_retail,
    tdes_cbc_decrypt,
    tdes_cbc_encrypt,
    tdes_ecb_encrypt,
)

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


class SoftwareSessionCipher:
    """Session keys in memory (tests, the virtual card's host, the software key service)."""

    def __init__(self, keys: SessionKeys) -> None:
        self._keys = keys

    def __repr__(self) -> str:
        return "SoftwareSessionCipher(keys=<redacted>)"

    def cryptogram(self, data: bytes) -> bytes:
        return mac_full_3des(self._keys.enc, data)

    def c_mac(self, data: bytes, icv: bytes) -> bytes:
        return mac_retail(self._keys.mac, data, icv)

    def encrypt_icv(self, icv: bytes) -> bytes:
        return des_ecb_encrypt(self._keys.mac[:BLOCK], icv)

    def r_mac(self, data: bytes, icv: bytes) -> bytes:
        return mac_retail(self._keys.rmac, data, icv)

    def encrypt_data(self, padded: bytes) -> bytes:
        return tdes_cbc_encrypt(self._keys.enc, padded)

    def decrypt_data(self, data: bytes) -> bytes:
        return tdes_cbc_decrypt(self._keys.enc, data)

    def encrypt_sensitive(self, data: bytes) -> bytes:
        return tdes_ecb_encrypt(self._keys.dek, data)
