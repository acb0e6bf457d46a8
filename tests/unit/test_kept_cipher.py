"""Kept DES contexts (ota.gp.kept_cipher, issue 15 item 1) give byte for byte what the one-shot
functions of ota.gp.crypto give, whatever the order of calls on one key."""

from __future__ import annotations

import random

import pytest

from ota.gp.crypto import (
    CryptoInputError,
    des_cbc_encrypt,
    des_ecb_encrypt,
    mac_full_3des,
    mac_retail,
    pad80,
    tdes_cbc_decrypt,
    tdes_cbc_encrypt,
    tdes_ecb_decrypt,
    tdes_ecb_encrypt,
)
from ota.gp.kept_cipher import DesKey
from ota.gp.scp02 import SessionKeys
from ota.gp.scp02_cipher import SoftwareSessionCipher

KEY = bytes.fromhex("404142434445464748494A4B4C4D4E4F")


def _blocks(rng: random.Random, most: int = 40) -> bytes:
    return rng.randbytes(8 * rng.randrange(0, most))


def test_interleaved_operations_match_the_one_shot_functions() -> None:
    rng = random.Random(15)
    key = rng.randbytes(16)
    kept, left = DesKey(key), DesKey(key[:8])
    for _ in range(400):
        data, iv = _blocks(rng), rng.randbytes(8)
        op = rng.randrange(6)
        if op == 0:
            assert kept.cbc_encrypt(data, iv) == (tdes_cbc_encrypt(key, data, iv) if data else b"")
        elif op == 1:
            assert kept.cbc_decrypt(data, iv) == (tdes_cbc_decrypt(key, data, iv) if data else b"")
        elif op == 2:
            assert kept.ecb_encrypt(data) == tdes_ecb_encrypt(key, data)
        elif op == 3:
            assert kept.ecb_decrypt(data) == tdes_ecb_decrypt(key, data)
        elif op == 4:
            assert left.cbc_encrypt(data, iv) == (des_cbc_encrypt(key[:8], data, iv) if data else b"")
        else:
            assert left.ecb_encrypt(data) == des_ecb_encrypt(key[:8], data)


def test_zero_iv_after_use_is_still_a_fresh_chain() -> None:
    kept = DesKey(KEY)
    first = kept.cbc_encrypt(bytes(16), bytes(8))
    assert kept.cbc_encrypt(bytes(16), bytes(8)) == first == tdes_cbc_encrypt(KEY, bytes(16))


def test_session_cipher_matches_the_published_functions() -> None:
    rng = random.Random(2)
    keys = SessionKeys(rng.randbytes(16), rng.randbytes(16), rng.randbytes(16), rng.randbytes(16))
    cipher = SoftwareSessionCipher(keys)
    for _ in range(200):
        data, icv = rng.randbytes(rng.randrange(0, 260)), rng.randbytes(8)
        assert cipher.c_mac(data, icv) == mac_retail(keys.mac, data, icv)
        assert cipher.r_mac(data, icv) == mac_retail(keys.rmac, data, icv)
        assert cipher.encrypt_icv(icv) == des_ecb_encrypt(keys.mac[:8], icv)
        assert cipher.cryptogram(data) == mac_full_3des(keys.enc, data)
        padded = pad80(data)
        assert cipher.encrypt_data(padded) == tdes_cbc_encrypt(keys.enc, padded)
        assert cipher.decrypt_data(cipher.encrypt_data(padded)) == padded
        assert cipher.encrypt_sensitive(padded) == tdes_ecb_encrypt(keys.dek, padded)


def test_bad_input_is_a_typed_error_without_the_key() -> None:
    kept = DesKey(KEY)
    with pytest.raises(CryptoInputError):
        kept.cbc_encrypt(b"\x01" * 7, bytes(8))
    with pytest.raises(CryptoInputError):
        kept.cbc_decrypt(bytes(8), bytes(7))
    with pytest.raises(CryptoInputError) as caught:
        DesKey(KEY[:15])
    assert KEY[:15].hex() not in str(caught.value).lower()
    assert KEY.hex() not in repr(kept).lower()


def test_aes_key_matches_the_one_shot_functions_and_cmac() -> None:
    from ota.gp.aes import aes_cbc_decrypt, aes_cbc_encrypt, aes_ecb_encrypt, cmac
    from ota.gp.kept_cipher import AesKey

    rng = random.Random(3)
    for size in (16, 24, 32):
        key = rng.randbytes(size)
        kept = AesKey(key)
        for _ in range(150):
            iv = rng.randbytes(16)
            data = rng.randbytes(16 * rng.randrange(0, 12))
            message = rng.randbytes(rng.randrange(0, 80))
            assert kept.cmac(message) == cmac(key, message)
            assert kept.cbc_encrypt(data, iv) == (aes_cbc_encrypt(key, data, iv) if data else b"")
            assert kept.cbc_decrypt(data, iv) == (aes_cbc_decrypt(key, data, iv) if data else b"")
            assert kept.ecb_encrypt(data) == aes_ecb_encrypt(key, data)


def test_aes_cmac_published_vectors() -> None:
    """NIST SP 800-38B Appendix D.1 (AES-128), examples 1-4."""
    from ota.gp.kept_cipher import AesKey

    key = bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c")
    message = bytes.fromhex(
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
        "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
    )
    kept = AesKey(key)
    assert kept.cmac(b"").hex() == "bb1d6929e95937287fa37d129b756746"
    assert kept.cmac(message[:16]).hex() == "070a16b46b4d4144f79bdd9dd04a287c"
    assert kept.cmac(message[:40]).hex() == "dfa66747de9ae63030ca32611497c827"
    assert kept.cmac(message).hex() == "51f0bebf7e3b9d92fc49741779363cfe"
