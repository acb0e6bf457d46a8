"""DES / 3DES primitives of ota.gp.crypto (GPC 2.2.1 Appendix B)."""

from __future__ import annotations

import warnings

import pytest

from ota.gp.crypto import (
    CryptoInputError,
    des_cbc_encrypt,
    des_ecb_decrypt,
    des_ecb_encrypt,
    kcv_des,
    mac_full_3des,
    mac_retail,
    pad80,
    tdes_cbc_decrypt,
    tdes_cbc_encrypt,
    tdes_ecb_decrypt,
    tdes_ecb_encrypt,
    unpad80,
)
from ota.gp.errors import GpError

h = bytes.fromhex
KEY_16 = h("404142434445464748494A4B4C4D4E4F")  # GP default test key


@pytest.mark.parametrize(
    ("data", "padded"),
    [
        ("", "8000000000000000"),
        ("01", "0180000000000000"),
        ("01020304050607", "0102030405060780"),
        ("0102030405060708", "01020304050607088000000000000000"),
    ],
)
def test_pad80_and_unpad80(data: str, padded: str) -> None:
    assert pad80(h(data)) == h(padded)
    assert unpad80(h(padded)) == h(data)


def test_pad80_other_block_size() -> None:
    assert pad80(b"\x01", 16) == b"\x01\x80" + bytes(14)


@pytest.mark.parametrize("bad", ["", "0000000000000000", "0102030405060708", "80" + "00" * 8, "0180000000000001"])
def test_unpad80_rejects_bad_padding(bad: str) -> None:
    with pytest.raises(CryptoInputError):
        unpad80(h(bad))


def test_single_des_known_answer() -> None:
    # The classic DES worked example (J. Orlin Grabbe, "The DES Algorithm Illustrated").
    key, plain, cipher = h("133457799BBCDFF1"), h("0123456789ABCDEF"), h("85E813540F0AB405")
    assert des_ecb_encrypt(key, plain) == cipher
    assert des_ecb_decrypt(key, cipher) == plain
    assert des_cbc_encrypt(key, plain) == cipher  # zero IV, one block: CBC == ECB


def test_two_key_3des_equals_des_when_halves_are_equal() -> None:
    key8 = h("133457799BBCDFF1")
    assert tdes_ecb_encrypt(key8 * 2, h("0123456789ABCDEF")) == h("85E813540F0AB405")


def test_tdes_round_trips() -> None:
    data = bytes(range(24))
    iv = h("0102030405060708")
    assert tdes_ecb_decrypt(KEY_16, tdes_ecb_encrypt(KEY_16, data)) == data
    assert tdes_cbc_decrypt(KEY_16, tdes_cbc_encrypt(KEY_16, data, iv), iv) == data
    assert tdes_cbc_encrypt(KEY_16, data, iv) != tdes_cbc_encrypt(KEY_16, data)


def test_kcv_of_the_default_test_key() -> None:
    # GlobalPlatformPro TestPlaintextKeys.testSessionKeys_SCP01: static DEK = KEY_16, KCV 8BAF47.
    assert kcv_des(KEY_16) == h("8BAF47")


def test_mac_full_3des_is_the_scp02_card_cryptogram() -> None:
    # pySim tests/unittests/test_globalplatform.py: card cryptogram F32EA3838BC148F3 over
    # host challenge || seq || card challenge with S-ENC [S-ENC computed in notes §3.1].
    s_enc = h("1BA074B31F72A6C44FE8F5D9AFE4DA2F")
    data = h("40A62C37FA6304F8") + h("0001") + h("6B4524ABEE7C")
    assert mac_full_3des(s_enc, data) == h("F32EA3838BC148F3")


def test_mac_retail_is_the_scp02_ext_auth_mac() -> None:
    # pySim EXTERNAL AUTHENTICATE 8482010010 BA6961667737C5BC | EBECE14C7D6A4376, ICV zero.
    s_mac = h("29A69328E60494982632039DDD47A2F1")
    assert mac_retail(s_mac, h("8482010010BA6961667737C5BC")) == h("EBECE14C7D6A4376")


def test_mac_retail_single_block_uses_the_icv() -> None:
    s_mac = h("29A69328E60494982632039DDD47A2F1")
    assert mac_retail(s_mac, b"\x01", bytes(8)) != mac_retail(s_mac, b"\x01", b"\x01" * 8)


def test_mac_retail_equals_full_3des_mac_when_halves_are_equal() -> None:
    key = h("0123456789ABCDEF") * 2
    data = bytes(range(20))
    assert mac_retail(key, data) == mac_full_3des(key, data)


@pytest.mark.parametrize("length", [0, 7, 9, 15, 17, 32])
def test_wrong_key_length_is_a_typed_error_without_the_key(length: int) -> None:
    key = bytes([0xA5]) * length
    with pytest.raises(CryptoInputError) as info:
        tdes_ecb_encrypt(key, bytes(8))
    assert isinstance(info.value, GpError)
    assert "A5A5" not in str(info.value).upper()


def test_mac_retail_needs_a_16_byte_key_and_8_byte_icv() -> None:
    with pytest.raises(CryptoInputError):
        mac_retail(bytes(24), b"")
    with pytest.raises(CryptoInputError):
        mac_retail(KEY_16, b"", bytes(7))


def test_unaligned_data_is_rejected() -> None:
    with pytest.raises(CryptoInputError):
        tdes_cbc_encrypt(KEY_16, bytes(9))
    with pytest.raises(CryptoInputError):
        des_ecb_encrypt(bytes(8), bytes(3))


def test_no_deprecation_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tdes_cbc_encrypt(KEY_16, bytes(8))
        des_ecb_encrypt(bytes(8), bytes(8))
        mac_retail(KEY_16, b"abc")
