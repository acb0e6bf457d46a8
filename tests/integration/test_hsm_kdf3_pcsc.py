"""A KDF3 SCP03 card through the real stack (pyscard -> pcscd -> vpcd -> virtual SE) on keys
held in SoftHSM2 (issue 13, round 4): the channel opens on the card keys the token diversified,
and a PUT KEY whose AES keys the token wrapped under the card's static DEK moves the card to a
new key version, its KCVs checked by the card.  Run under ``flock /tmp/hallterm-pcsc.lock``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from app.reader import PcscReader
from ota.gp import commands
from ota.gp.apdu import ResponseApdu
from ota.gp.constants import ISD_AID, SecurityLevel
from ota.gp.diversify_aes import KDF3, diversify_kdf3
from ota.gp.scp03 import Scp03HostChannel, Scp03Keys, key_check_value, parse_initialize_update, put_key_data_encrypted
from ota.gp.sw import SW
from ota.platform.db import make_engine, session_factory, upgrade
from ota.platform.keys.pkcs11 import Pkcs11KeyStore, Pkcs11Spec
from ota.vse.card import VirtualCard
from ota.vse.vpcd import VpcdServer
from tests.integration.pcsc_stack import READERS
from tests.platform.hsm_support import HsmToken, softhsm_token  # noqa: F401 - the SoftHSM2 token fixture

pytestmark = pytest.mark.pcsc
REF = "kdf3-pcsc"
LEVEL = SecurityLevel.C_MAC | SecurityLevel.C_DECRYPTION


def _open(reader: PcscReader, hsm: Pkcs11KeyStore, kvn: int) -> Scp03HostChannel:
    assert ResponseApdu.parse(reader.transmit(commands.select(ISD_AID).encode())).sw == SW.OK
    host_challenge = os.urandom(8)
    iu_data = ResponseApdu.parse(reader.transmit(Scp03HostChannel.initialize_update(0, host_challenge))).check()
    iu = parse_initialize_update(iu_data)
    assert iu.kvn == kvn
    keys = hsm.get_scp03_keys(REF, iu.kvn, kdd=iu.kdd, diversification=KDF3)
    channel, ext_auth = Scp03HostChannel.open(keys, host_challenge, iu_data, LEVEL)
    assert ResponseApdu.parse(reader.transmit(ext_auth)).sw == SW.OK
    return channel


def test_kdf3_channel_and_put_key_from_the_hsm_through_pcscd(
    serve_card: Callable[..., VpcdServer], softhsm_token: HsmToken, tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'keys.sqlite3'}")
    upgrade(engine)
    hsm = Pkcs11KeyStore(session_factory(engine), Pkcs11Spec.parse(softhsm_token.spec(soft_session=True)))
    old, new = (Scp03Keys(os.urandom(16), os.urandom(16), os.urandom(16), kvn) for kvn in (0x30, 0x31))
    for masters in (old, new):
        hsm.add_key_set(REF, masters.kvn, masters.enc, masters.mac, masters.dek, aes=True)
    seid = bytes.fromhex("868607") + os.urandom(7)
    mine = diversify_kdf3(old, seid)
    card = VirtualCard.create(tmp_path / "card.json", seid, keys=(mine.enc, mine.mac, mine.dek), kvn=0x30,
                              i=0x70, scp=0x03)
    serve_card(card)
    with PcscReader(READERS[0]) as reader:
        channel = _open(reader, hsm, old.kvn)
        keys = hsm.get_scp03_keys(REF, old.kvn, kdd=seid, diversification=KDF3)
        blocks = hsm.aes_put_key_blocks(keys, REF, seid, KDF3, new.kvn)
        put_key = commands.put_key(new.kvn, put_key_data_encrypted(new.kvn, blocks), old.kvn)
        wrapped = channel.wrap(put_key.encode())
        answer = ResponseApdu.parse(reader.transmit(wrapped))
        expected = diversify_kdf3(new, seid)
        kcvs = b"".join(key_check_value(k) for k in (expected.enc, expected.mac, expected.dek))
        assert (answer.sw, answer.data) == (SW.OK, bytes((new.kvn,)) + kcvs)
        _open(reader, hsm, new.kvn)  # the next session runs on the new version
    engine.dispose()
