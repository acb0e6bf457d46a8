"""Static key diversification from a master key (KMC) and the card's key diversification data.

The KDD is the first 10 bytes of the INITIALIZE UPDATE response (GPC 2.2.1 §E.5.1.6).  Each
diversified key is 3DES-ECB(master key, 16-byte block) where the block is built from KDD bytes
and the key number k (01 ENC, 02 MAC, 03 DEK):

* VISA2:       KDD[0:2] KDD[4:8] F0 k  KDD[0:2] KDD[4:8] 0F k   (GlobalPlatformPro ``visa2``)
* EMV CPG 2.04: KDD[4:10] F0 k  KDD[4:10] 0F k                   (GlobalPlatformPro ``emv``,
  GPShell ``emvcps11``: EMV CPS 1.1)
* EMV CPG 2.02: KDD[0:2] KDD[4:8] F0 k  KDD[0:2] KDD[4:8] 0F k - the same bytes as VISA2.  Public
  personalisation tools that name the schemes this way (a Python and a C++ "perso_lib", function
  ``gen_kmc_sub_key``: ``DIV_CPG202`` takes ``div_data[0:4] + div_data[8:16]`` hex digits, i.e.
  KDD bytes 0-1 and 4-7, while their ``DIV_CPG212`` takes KDD bytes 4-9) give this definition.
  GPShell has no CPG 2.02 option; no GlobalPlatform text defines the name.
"""

from __future__ import annotations

from enum import StrEnum

from ota.gp.crypto import tdes_ecb_encrypt
from ota.gp.errors import ApduFormatError
from ota.gp.scp02 import StaticKeys

KDD_LEN = 10
KEY_ENC, KEY_MAC, KEY_DEK = 0x01, 0x02, 0x03


class Diversification(StrEnum):
    NONE = "none"
    VISA2 = "visa2"
    EMV_CPG202 = "emv_cpg202"
    EMV_CPG204 = "emv_cpg204"


def _visa2_block(kdd: bytes, k: int) -> bytes:
    half = kdd[0:2] + kdd[4:8]
    return half + bytes((0xF0, k)) + half + bytes((0x0F, k))


def _emv_cps_block(kdd: bytes, k: int) -> bytes:
    half = kdd[4:10]
    return half + bytes((0xF0, k)) + half + bytes((0x0F, k))


_BLOCKS = {
    Diversification.VISA2: _visa2_block,
    Diversification.EMV_CPG202: _visa2_block,
    Diversification.EMV_CPG204: _emv_cps_block,
}


def diversify(master: StaticKeys, kdd: bytes, method: Diversification | str) -> StaticKeys:
    """The card's static keys: each master key (ENC, MAC, DEK) diversified with its key number.

    The KVN of ``master`` is kept.
    """
    method = Diversification(method)
    if method is Diversification.NONE:
        return master
    if len(kdd) != KDD_LEN:
        raise ApduFormatError(f"key diversification data must be {KDD_LEN} bytes, got {len(kdd)}")
    block = _BLOCKS[method]
    return StaticKeys(
        enc=tdes_ecb_encrypt(master.enc, block(kdd, KEY_ENC)),
        mac=tdes_ecb_encrypt(master.mac, block(kdd, KEY_MAC)),
        dek=tdes_ecb_encrypt(master.dek, block(kdd, KEY_DEK)),
        kvn=master.kvn,
    )
