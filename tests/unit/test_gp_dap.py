"""ota.gp.dap: the DAP block and PUT KEY encodings (GPC 2.2.1 Tables 11-58, 11-69) and verification."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ota.gp import dap
from ota.gp.errors import GpError


def test_dap_block_bytes() -> None:
    block = dap.dap_block(bytes.fromhex("A000000151535041"), bytes.fromhex("0102"))
    assert block == bytes.fromhex("E2 0E 4F 08 A000000151535041 C3 02 0102")
    assert dap.signatures(block + bytes.fromhex("C40100")) == {bytes.fromhex("A000000151535041"): b"\x01\x02"}
    with pytest.raises(GpError):
        dap.signatures(bytes.fromhex("E2 03 4F 01 AA"))


def test_put_key_round_trip_and_refusals() -> None:
    key = dap.DapKey(bytes(range(128)), bytes.fromhex("010001"))
    data = dap.put_key_data(0x73, key)
    assert data[:4] == bytes.fromhex("73 A1 81 80") and data[-6:] == bytes.fromhex("A0 03 010001 00")
    assert dap.parse_put_key_data(data) == (0x73, key)
    with pytest.raises(GpError):
        dap.parse_put_key_data(data[:-6])  # the exponent is missing


def test_verify_good_bad_and_not_a_key() -> None:
    owner = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    n = owner.public_key().public_numbers().n.to_bytes(128, "big")
    key = dap.DapKey(n, bytes.fromhex("010001"))
    digest = bytes.fromhex("a9993e364706816aba3e25717850c26c9cd0d89d")  # SHA-1("abc"), FIPS 180-2
    signature = owner.sign(digest, padding.PKCS1v15(), hashes.SHA1())
    assert dap.verify(key, digest, signature)
    assert not dap.verify(key, bytes(20), signature)
    assert not dap.verify(dap.DapKey(b"\x00", b"\x03"), digest, signature)
