"""Delegated Management on the virtual SE (ota.vse.delegated, GPC 2.2.1 §9.3.3, Annex C.4): a
token-mode SSD's content changes need the Card Issuer's token; a missing or bad one is 6982 and
changes nothing; good ones answer receipts with the rising confirmation counter."""

from __future__ import annotations

import hashlib
import os

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ota.gp import commands, token
from ota.gp.apdu import CommandApdu
from ota.gp.constants import Privilege
from ota.gp.sw import SW
from tests.unit.vse_util import Terminal, cap, new_card

SSD = bytes.fromhex("A00000015153504199")
SSD_PACKAGE, SSD_MODULE = bytes.fromhex("A0000001515350"), bytes.fromhex("A000000151535041")


@pytest.fixture(scope="module")
def issuer() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def _tokened(issuer: rsa.RSAPrivateKey, command: CommandApdu) -> CommandApdu:
    signature = issuer.sign(token.token_input(command), padding.PKCS1v15(), hashes.SHA1())
    return token.with_token(command, signature)


def test_token_mode_sd_needs_the_issuers_token_and_answers_receipts(issuer: rsa.RSAPrivateKey) -> None:
    card = new_card()
    numbers = issuer.public_key().public_numbers()
    receipt_key = os.urandom(16)
    card.state.token_modulus, card.state.token_exponent = numbers.n.to_bytes(128, "big"), b"\x01\x00\x01"
    card.state.receipt_key = receipt_key
    term = Terminal(card)
    term.authenticate()
    dm_sd = int(Privilege.SECURITY_DOMAIN | Privilege.DELEGATED_MANAGEMENT)
    term.ok(commands.install_for_install(SSD_PACKAGE, SSD_MODULE, SSD, dm_sd))  # the issuer's own: no token

    oath = cap("YubicoYubiKeyOath")
    digest = hashlib.sha1(oath.load_file_data_block()).digest()
    install_for_load = commands.install_for_load(oath.package_aid, SSD, digest)
    before = card.state.load_files[:]
    assert term.send(install_for_load).sw == SW.SECURITY_STATUS_NOT_SATISFIED  # no token
    other = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    assert term.send(_tokened(other, install_for_load)).sw == SW.SECURITY_STATUS_NOT_SATISFIED  # not the issuer's
    # The issuer's token for another load file does not pass either.
    elsewhere = _tokened(issuer, commands.install_for_load(oath.package_aid + b"\x01", SSD, digest))
    moved = token.with_token(install_for_load, token.split_install_data(0x02, elsewhere.data)[1])
    assert term.send(moved).sw == SW.SECURITY_STATUS_NOT_SATISFIED
    assert card.state.load_files == before and card.state.pending_load is None and card.state.confirmation_counter == 0

    assert term.ok(_tokened(issuer, install_for_load)) == b"\x00"  # the load's receipt comes at its end
    blocks = commands.load_blocks(oath.load_file(), 200)
    for block in blocks[:-1]:
        term.ok(block)
    confirmation = token.parse_confirmation(term.ok(blocks[-1]))
    cud = card.state.iin + card.state.seid
    assert (confirmation.counter, confirmation.card_unique_data) == (1, cud)
    data = token.receipt_input(token.ReceiptKind.LOAD, 1, cud, oath.package_aid, SSD)
    assert token.check_receipt(receipt_key, data, confirmation.receipt)
    assert card.state.load_file(oath.package_aid).sd_aid == SSD  # type: ignore[union-attr]

    applet = oath.applet_aids[0]
    install = commands.install_for_install(oath.package_aid, applet, applet)
    assert term.send(install).sw == SW.SECURITY_STATUS_NOT_SATISFIED and card.state.app(applet) is None
    confirmation = token.parse_confirmation(term.ok(_tokened(issuer, install)))
    data = token.receipt_input(token.ReceiptKind.INSTALL, 2, cud, oath.package_aid, applet)
    assert confirmation.counter == 2 and token.check_receipt(receipt_key, data, confirmation.receipt)

    extradite = commands.install_for_extradition(SSD, applet)
    assert term.send(extradite).sw == SW.SECURITY_STATUS_NOT_SATISFIED
    confirmation = token.parse_confirmation(term.ok(_tokened(issuer, extradite)))
    data = token.receipt_input(token.ReceiptKind.EXTRADITION, 3, cud, card.state.isd_aid, applet, SSD)
    assert confirmation.counter == 3 and token.check_receipt(receipt_key, data, confirmation.receipt)
    assert card.state.app(applet).sd_aid == SSD  # type: ignore[union-attr]

    delete = commands.delete(oath.package_aid, related=True)
    assert term.send(delete).sw == SW.SECURITY_STATUS_NOT_SATISFIED and card.state.load_file(oath.package_aid)
    confirmation = token.parse_confirmation(term.ok(_tokened(issuer, delete)))
    data = token.receipt_input(token.ReceiptKind.DELETE, 4, cud, oath.package_aid)
    assert token.check_receipt(receipt_key, data, confirmation.receipt)
    assert card.state.load_file(oath.package_aid) is None and card.state.app(applet) is None
    assert card.state.confirmation_counter == 4


def test_a_card_without_a_token_key_refuses_delegated_commands() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    dm_sd = int(Privilege.SECURITY_DOMAIN | Privilege.DELEGATED_MANAGEMENT)
    term.ok(commands.install_for_install(SSD_PACKAGE, SSD_MODULE, SSD, dm_sd))
    oath = cap("YubicoYubiKeyOath")
    command = token.with_token(commands.install_for_load(oath.package_aid, SSD), bytes(128))
    assert term.send(command).sw == SW.SECURITY_STATUS_NOT_SATISFIED
    # Content outside token-mode SDs needs no token, as before.
    assert term.ok(commands.install_for_load(oath.package_aid)) == b"\x00"
