"""A token-mode SD on the virtual SE through pcscd + vpcd + pyscard (issue 13 item 7): without the
Card Issuer's token the load is 6982 and nothing is kept; with it the last LOAD block answers a
receipt that checks with the receipt key, and the card state on disk keeps the counter."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ota.gp import commands, token
from ota.gp.apdu import CommandApdu
from ota.gp.constants import Privilege
from ota.gp.sw import SW
from ota.vse.state import load_state
from tests.integration.test_vse_over_pcsc import Serve, serve_new, terminal
from tests.unit.vse_util import cap

pytestmark = pytest.mark.pcsc

SSD = bytes.fromhex("A00000015153504199")


def test_a_token_gated_load_through_pcscd(serve_card: Serve, tmp_path: Path) -> None:
    issuer = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    path = tmp_path / "card.json"
    card, _ = serve_new(serve_card, path)
    card.state.token_modulus = issuer.public_key().public_numbers().n.to_bytes(128, "big")
    card.state.token_exponent, card.state.receipt_key = b"\x01\x00\x01", os.urandom(16)

    def tokened(command: CommandApdu) -> CommandApdu:
        signature = issuer.sign(token.token_input(command), padding.PKCS1v15(), hashes.SHA1())
        return token.with_token(command, signature)

    oath = cap("YubicoYubiKeyOath")
    install = commands.install_for_load(oath.package_aid, SSD, hashlib.sha1(oath.load_file_data_block()).digest())
    with terminal() as term:
        term.authenticate()
        dm_sd = int(Privilege.SECURITY_DOMAIN | Privilege.DELEGATED_MANAGEMENT)
        term.ok(commands.install_for_install(bytes.fromhex("A0000001515350"), bytes.fromhex("A000000151535041"), SSD, dm_sd))
        assert term.send(install).sw == SW.SECURITY_STATUS_NOT_SATISFIED
        assert term.send(tokened(install)).sw == SW.OK  # 154-byte command data: one short APDU
        blocks = commands.load_blocks(oath.load_file(), 239)
        for block in blocks[:-1]:
            term.ok(block)
        confirmation = token.parse_confirmation(term.ok(blocks[-1]))
    data = token.receipt_input(token.ReceiptKind.LOAD, confirmation.counter, confirmation.card_unique_data,
                               oath.package_aid, SSD)
    assert confirmation.counter == 1 and token.check_receipt(card.state.receipt_key, data, confirmation.receipt)
    saved = load_state(path)
    assert saved.confirmation_counter == 1 and saved.load_file(oath.package_aid) is not None
