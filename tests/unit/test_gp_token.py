"""Delegated Management tokens and receipts (ota.gp.token, GPC 2.2.1 Annex C.4): layout by
hand-built bytes, signatures and receipts by round trip and by every byte mattering."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ota.gp import commands
from ota.gp.apdu import CommandApdu
from ota.gp.crypto import mac_retail
from ota.gp.errors import GpError
from ota.gp.token import (
    Confirmation,
    ReceiptKind,
    check_receipt,
    parse_confirmation,
    receipt,
    receipt_input,
    split_install_data,
    token_input,
    verify_token,
    with_token,
)

ELF = bytes.fromhex("A0000000030000")
SD = bytes.fromhex("A00000015153504104")
APP = bytes.fromhex("A000000003000001")
HASH = bytes(range(20))
KEY = bytes.fromhex("404142434445464748494A4B4C4D4E4F")


@pytest.fixture(scope="module")
def issuer() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def _sign(issuer: rsa.RSAPrivateKey, message: bytes) -> bytes:
    return issuer.sign(message, padding.PKCS1v15(), hashes.SHA1())


def test_load_token_input_is_p1_p2_lc_and_the_fields_without_the_token() -> None:
    command = commands.install_for_load(ELF, SD, HASH)
    fields = bytes([7]) + ELF + bytes([9]) + SD + bytes([20]) + HASH + b"\x00"
    assert token_input(command) == bytes([0x02, 0x00, len(fields)]) + fields
    tokened = with_token(command, b"\x11" * 128)
    assert tokened.data == fields + b"\x81\x80" + b"\x11" * 128  # BER length, as GPPro's DMTokenizer
    assert split_install_data(0x02, tokened.data) == (fields, b"\x11" * 128)
    assert split_install_data(0x02, with_token(command, b"\x22" * 16).data) == (fields, b"\x22" * 16)
    for bad in (fields + b"\x80" + b"\x11" * 128, fields + b"\x81\x80" + b"\x11" * 127, fields[:-3]):
        with pytest.raises(GpError):
            split_install_data(0x02, bad)
    assert token_input(tokened) == token_input(command)  # the token never signs itself


def test_install_and_extradition_token_inputs() -> None:
    install = commands.install_for_install(ELF, ELF + b"\x01", APP, 0, bytes.fromhex("C900"))
    fields = install.data[:-1]  # everything but the empty token field (00)
    assert token_input(install) == bytes([0x0C, 0x00, len(fields)]) + fields
    extradite = commands.install_for_extradition(SD, APP)
    fields = bytes([9]) + SD + b"\x00" + bytes([8]) + APP + b"\x00\x00"
    assert token_input(extradite) == bytes([0x10, 0x00, len(fields)]) + fields


def test_delete_token_is_a_9e_tlv_after_the_aid() -> None:
    command = commands.delete(APP, related=True)
    assert token_input(command) == bytes([0x00, 0x80, 10, 0x4F, 8]) + APP
    tokened = with_token(command, b"\x22" * 128)
    assert tokened.data == bytes([0x4F, 8]) + APP + bytes([0x9E, 0x81, 0x80]) + b"\x22" * 128
    assert token_input(tokened) == token_input(command)


def test_a_token_verifies_for_exactly_its_command(issuer: rsa.RSAPrivateKey) -> None:
    public = issuer.public_key()
    for command in (commands.install_for_load(ELF, SD, HASH), commands.delete(APP)):
        good = with_token(command, _sign(issuer, token_input(command)))
        assert verify_token(public, good)
        assert not verify_token(public, command)  # no token at all
        flipped = bytearray(good.data)
        flipped[3] ^= 0x01  # one AID byte changed: the token is for another object
        assert not verify_token(public, CommandApdu(good.cla, good.ins, good.p1, good.p2, bytes(flipped)))
    other = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    command = commands.install_for_load(ELF, SD, HASH)
    assert not verify_token(public, with_token(command, _sign(other, token_input(command))))
    # A token for the load does not pass for a DELETE of the same file.
    load_token = _sign(issuer, token_input(command))
    assert not verify_token(public, with_token(commands.delete(ELF), load_token))


def test_receipt_input_layout_and_mac() -> None:
    cud = bytes.fromhex("898602") + bytes.fromhex("0102030405060708090A")
    data = receipt_input(ReceiptKind.LOAD, 0x0102, cud, ELF, SD)
    assert data == b"\x02\x01\x02" + bytes([len(cud)]) + cud + bytes([7]) + ELF + bytes([9]) + SD
    assert receipt_input(ReceiptKind.DELETE, 5, cud, APP) == b"\x02\x00\x05" + bytes([len(cud)]) + cud + b"\x08" + APP
    extradition = receipt_input(ReceiptKind.EXTRADITION, 5, cud, SD, APP, ELF)  # original SD, app, new SD
    assert extradition.endswith(bytes([9]) + SD + bytes([8]) + APP + bytes([7]) + ELF)
    assert receipt(KEY, data) == mac_retail(KEY, data)  # §B.1.2.2, vector-tested in test_crypto
    assert check_receipt(KEY, data, receipt(KEY, data))
    for n in range(len(data)):  # every byte of the input is covered
        changed = bytearray(data)
        changed[n] ^= 0x80
        assert not check_receipt(KEY, bytes(changed), receipt(KEY, data))
    with pytest.raises(GpError):
        receipt_input(ReceiptKind.DELETE, 1, cud, APP, SD)
    with pytest.raises(GpError):
        receipt_input(ReceiptKind.INSTALL, 0x10000, cud, ELF, APP)


def test_confirmation_round_trip() -> None:
    c = Confirmation(bytes(8), 7, b"\x01\x02")
    assert c.data == bytes.fromhex("020007" + "020102")  # what the receipt covers ahead of the AIDs
    assert c.encode() == bytes.fromhex("0F" + "08" + "00" * 8 + "020007" + "020102")
    assert parse_confirmation(c.encode()) == c
    data = receipt_input(ReceiptKind.DELETE, 7, b"\x01\x02", APP)
    assert data == c.data + bytes([8]) + APP
    for bad in (b"\x00", b"", bytes.fromhex("0100"), c.encode()[1:], c.encode() + b"\x00"):
        with pytest.raises(GpError):
            parse_confirmation(bad)
