"""Key diversification (ota.gp.diversify).

Vectors: GlobalPlatformPro library/src/test/java/pro/javacard/gp/test/TestPlaintextKeys.java
(testDiversification_EMV_SCP02, testDiversification_VISA2_SCP02): master 404142..4F,
KDD 00010203040506070809; published are the KCVs, the full key values were computed from the
same templates and agree with those KCVs (notes gp-scp02.md §3.3).
"""

from __future__ import annotations

import pytest

from ota.gp.diversify import Diversification, diversify
from ota.gp.errors import ApduFormatError
from ota.gp.scp02 import StaticKeys, key_check_value

h = bytes.fromhex
MASTER = StaticKeys.single(h("404142434445464748494A4B4C4D4E4F"), kvn=0x20)
KDD = h("00010203040506070809")


def kcvs(keys: StaticKeys) -> list[str]:
    return [key_check_value(k).hex().upper() for k in (keys.enc, keys.mac, keys.dek)]


def test_emv_cpg204_matches_gppro_emv_kcvs_and_values() -> None:
    keys = diversify(MASTER, KDD, Diversification.EMV_CPG204)
    assert kcvs(keys) == ["C33013", "6F4CA6", "BB8179"]  # published
    assert keys.enc == h("0EF59FCBF8019B62E62AF6EA20B8BF25")
    assert keys.mac == h("3E383EB6F2762B88155F76BDFED05A02")
    assert keys.dek == h("64021E43C0C7D264A1C7C6D01E1C8761")
    assert keys.kvn == 0x20


def test_visa2_matches_gppro_visa2_kcvs_and_values() -> None:
    keys = diversify(MASTER, KDD, Diversification.VISA2)
    assert kcvs(keys) == ["2BE598", "58DA38", "3C328E"]  # published
    assert keys.enc == h("8510FC973208218CA86888BCEC203635")
    assert keys.mac == h("1068B5FB6F06C78C7A4DFC343B21C78F")
    assert keys.dek == h("2DAEE809C71405FF259C3BE695A1F66E")


def test_emv_cpg202_uses_kdd_bytes_0_1_and_4_to_7() -> None:
    # Same template as VISA2 (see the module docstring for the source); bytes 2, 3, 8, 9 unused.
    keys = diversify(MASTER, KDD, Diversification.EMV_CPG202)
    assert kcvs(keys) == ["2BE598", "58DA38", "3C328E"]
    other = h("0001FFFF04050607FFFF")
    assert diversify(MASTER, other, "emv_cpg202") == keys


def test_emv_cpg204_ignores_kdd_bytes_0_to_3() -> None:
    keys = diversify(MASTER, KDD, Diversification.EMV_CPG204)
    assert diversify(MASTER, h("FFFFFFFF040506070809"), Diversification.EMV_CPG204) == keys
    assert diversify(MASTER, h("0001020304050607FF09"), Diversification.EMV_CPG204) != keys


def test_none_returns_the_master_keys() -> None:
    assert diversify(MASTER, KDD, Diversification.NONE) is MASTER
    assert diversify(MASTER, b"", "none") is MASTER  # KDD is irrelevant without diversification


def test_each_master_key_diversifies_its_own_key() -> None:
    master = StaticKeys(h("404142434445464748494A4B4C4D4E4F"), bytes(16), bytes(16))
    keys = diversify(master, KDD, Diversification.EMV_CPG204)
    assert keys.enc == h("0EF59FCBF8019B62E62AF6EA20B8BF25")
    assert keys.mac != h("3E383EB6F2762B88155F76BDFED05A02")


@pytest.mark.parametrize("kdd", [b"", bytes(9), bytes(11)])
def test_wrong_kdd_length_is_rejected(kdd: bytes) -> None:
    with pytest.raises(ApduFormatError):
        diversify(MASTER, kdd, Diversification.VISA2)


def test_unknown_method_is_rejected() -> None:
    with pytest.raises(ValueError):
        diversify(MASTER, KDD, "visa")
