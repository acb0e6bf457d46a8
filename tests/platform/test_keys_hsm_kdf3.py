"""KDF3 (SCP03 AES diversification) and AES PUT KEY with the master keys in a SoftHSM2 token
(issue 13, round 4): the card keys come out of the token's ``CKM_AES_ECB_ENCRYPT_DATA``
derivation, the new keys of a PUT KEY out of its ``C_WrapKey(CKM_AES_CBC)``, and the wire is
byte for byte what the software back end sends, for AES-128, AES-192 and AES-256.  The virtual
SE takes the PUT KEY, checks each KCV against the key it decrypted, and opens the next session
on the new version.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ota.gp import commands
from ota.gp.constants import SecurityLevel
from ota.gp.diversify_aes import KDF3, diversify_kdf3
from ota.gp.scp03 import Scp03HostChannel, Scp03Keys, key_check_value, parse_initialize_update, put_key_data_encrypted
from ota.platform.db import make_engine, session_factory, upgrade
from ota.platform.errors import KeyStoreError
from ota.platform.keys.pkcs11 import Pkcs11KeyStore, Pkcs11Spec
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.models import AuditEntry
from ota.vse.card import VirtualCard
from tests.platform.hsm_support import HsmToken

ISD = bytes.fromhex("A000000151000000")
LEVEL = SecurityLevel.C_MAC | SecurityLevel.C_DECRYPTION | SecurityLevel.R_MAC


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'keys.sqlite3'}")
    upgrade(engine)
    yield session_factory(engine)
    engine.dispose()


def _masters(kvn: int, length: int) -> Scp03Keys:
    return Scp03Keys(os.urandom(length), os.urandom(length), os.urandom(length), kvn)


def _iu(card: VirtualCard, host_challenge: bytes) -> bytes:
    assert card.transmit(commands.select(ISD).encode())[-2:] == b"\x90\x00"
    answer = card.transmit(Scp03HostChannel.initialize_update(0, host_challenge))
    assert answer[-2:] == b"\x90\x00"
    return answer[:-2]


@pytest.mark.parametrize("length", [16, 24, 32])
def test_kdf3_sessions_and_put_key_are_byte_identical_from_both_back_ends(
    sessions: sessionmaker[Session], softhsm_token: HsmToken, length: int
) -> None:
    ref = f"kdf3-{length}-{os.urandom(3).hex()}"
    old, new = _masters(0x30, length), _masters(0x31, length)
    software = SoftwareKeyStore(sessions, os.urandom(32))
    hsm = Pkcs11KeyStore(sessions, Pkcs11Spec.parse(softhsm_token.spec(soft_wrap=True, soft_session=True)))
    for keys in (old, new):
        software.add_key_set(ref, keys.kvn, keys.enc, keys.mac, keys.dek, aes=True)
        hsm.add_key_set(ref, keys.kvn, keys.enc, keys.mac, keys.dek, aes=True)
    seid = bytes.fromhex("868605") + os.urandom(7)
    mine = diversify_kdf3(old, seid)  # a virtual SE's KDD is its SEID
    card = VirtualCard.create(None, seid, keys=(mine.enc, mine.mac, mine.dek), kvn=old.kvn, i=0x70, scp=0x03)

    host_challenge = os.urandom(8)
    iu_data = _iu(card, host_challenge)
    iu = parse_initialize_update(iu_data)
    assert (iu.kdd, iu.kvn) == (seid, old.kvn)
    plain = [bytes.fromhex(a) for a in ("80F28002024F0000", "80CA00E000", "80CA006600")]
    wires = []
    stores: tuple[SoftwareKeyStore | Pkcs11KeyStore, ...] = (software, hsm)
    for store in stores:
        card_keys = store.get_scp03_keys(ref, iu.kvn, kdd=iu.kdd, diversification=KDF3)
        channel, ext_auth = Scp03HostChannel.open(card_keys, host_challenge, iu_data, LEVEL)
        wrapped = [channel.wrap(apdu) for apdu in plain]
        blocks = store.aes_put_key_blocks(card_keys, ref, iu.kdd, KDF3, new.kvn)
        put_key = commands.put_key(new.kvn, put_key_data_encrypted(new.kvn, blocks), old.kvn)
        wires.append([ext_auth, *wrapped, channel.wrap(put_key.encode())])
    assert "keys=<in token>" in repr(card_keys)
    assert wires[0] == wires[1]

    # The card takes the token's wire: MACs verify, PUT KEY's KCVs match the keys it decrypted.
    answers = [card.transmit(apdu) for apdu in wires[1]]
    assert all(a[-2:] == b"\x90\x00" for a in answers), [a[-2:].hex() for a in answers]
    expected = diversify_kdf3(new, seid)
    kcvs = b"".join(key_check_value(k) for k in (expected.enc, expected.mac, expected.dek))
    assert answers[-1][:-2][:10] == bytes((new.kvn,)) + kcvs  # the R-MAC follows
    on_card = card.state.key_set(new.kvn)
    assert on_card is not None and (on_card.enc, on_card.mac, on_card.dek) == (expected.enc, expected.mac, expected.dek)

    # Next contact: the card names the new version, and both back ends open it alike.
    host_challenge = os.urandom(8)
    iu_data = _iu(card, host_challenge)
    assert parse_initialize_update(iu_data).kvn == new.kvn
    opened = [
        Scp03HostChannel.open(
            s.get_scp03_keys(ref, new.kvn, kdd=seid, diversification=KDF3), host_challenge, iu_data, LEVEL
        )[1]
        for s in stores
    ]
    assert opened[0] == opened[1]
    assert card.transmit(opened[1])[-2:] == b"\x90\x00"

    # Only AES-192 needed the (opt-in, audited) soft wrap: SoftHSM2 wraps whole AES blocks only.
    with sessions() as s:
        soft_wraps = list(s.scalars(sa.select(AuditEntry).where(AuditEntry.event == "key.soft_wrap")))
    assert [r.detail["kvn"] for r in soft_wraps] == ([new.kvn] if length == 24 else [])
    audit_text = str([r.detail for r in soft_wraps]).upper()
    for key in (k for v in (old, new, mine, expected) for k in (v.enc, v.mac, v.dek)):
        assert key.hex().upper() not in audit_text and key[:8].hex().upper() not in audit_text


def test_kdf3_card_keys_never_leave_the_token(sessions: sessionmaker[Session], softhsm_token: HsmToken) -> None:
    ref = f"kdf3-strict-{os.urandom(3).hex()}"
    hsm = Pkcs11KeyStore(sessions, Pkcs11Spec.parse(softhsm_token.spec(soft_wrap=False, soft_session=True)))
    for masters in (_masters(0x30, 16), _masters(0x31, 24)):
        hsm.add_key_set(ref, masters.kvn, masters.enc, masters.mac, masters.dek, aes=True)
    kdd = os.urandom(10)
    keys = hsm.get_scp03_keys(ref, 0x30, kdd=kdd, diversification=KDF3)
    token, P = hsm._token, hsm._token.P
    derived = hsm._aes_cards[(ref, 0x30, kdd)]
    assert set(derived) == {"enc", "mac", "dek"}
    for handle in derived.values():
        sensitive, extractable, on_token = token.session.getAttributeValue(
            handle, [P.CKA_SENSITIVE, P.CKA_EXTRACTABLE, P.CKA_TOKEN]
        )
        assert (bool(sensitive), bool(extractable), bool(on_token)) == (True, False, False)
    assert hsm.get_scp03_keys(ref, 0x30, kdd=kdd, diversification=KDF3)._h is keys._h  # kept between steps

    # Without soft-wrap an AES-192 PUT KEY is refused; a batch without diversification always is.
    for diversification, code in ((KDF3, "keystore.hsm_cannot_wrap"), ("none", "keystore.hsm_cannot_wrap")):
        with pytest.raises(KeyStoreError) as refused:
            hsm.aes_put_key_blocks(keys, ref, kdd, diversification, 0x31)
        assert refused.value.code == code
    with pytest.raises(KeyStoreError) as bad:
        hsm.get_scp03_keys(ref, 0x30, kdd=kdd, diversification="visa2")
    assert bad.value.code == "keystore.diversification"
    with sessions() as s:
        assert not list(s.scalars(sa.select(AuditEntry).where(AuditEntry.event == "key.soft_wrap")))


def test_a_master_key_the_token_may_not_derive_with_gets_a_typed_refusal(
    sessions: sessionmaker[Session], softhsm_token: HsmToken
) -> None:
    """A key set put in the token before round 4 (ENC/MAC sign-only) cannot diversify: re-import."""
    hsm = Pkcs11KeyStore(sessions, Pkcs11Spec.parse(softhsm_token.spec(soft_session=True)))
    ref = f"kdf3-old-{os.urandom(3).hex()}"
    old = _masters(0x30, 16)
    hsm.add_key_set(ref, old.kvn, old.enc, old.mac, old.dek, aes=True)
    token, P = hsm._token, hsm._token.P
    for role in ("enc", "mac", "dek"):  # as round 3 made them
        token.destroy(token.find(f"hallterm:{ref}:30:{role}"))
        usage = {"encrypt": True} if role == "dek" else {"sign": True}
        template = token.template(P.CKK_AES, token=True, **usage)
        value = {"enc": old.enc, "mac": old.mac, "dek": old.dek}[role]
        token.session.createObject([*template, (P.CKA_LABEL, f"hallterm:{ref}:30:{role}"), (P.CKA_VALUE, value)])
    with pytest.raises(KeyStoreError) as refused:
        hsm.get_scp03_keys(ref, 0x30, kdd=os.urandom(10), diversification=KDF3)
    assert refused.value.code == "keystore.hsm_key_usage"
    assert old.enc.hex() not in str(refused.value).lower()
    assert not hsm._aes_cards  # nothing half-derived is kept


def test_the_card_refuses_a_put_key_whose_kcv_differs(sessions: sessionmaker[Session], softhsm_token: HsmToken) -> None:
    from dataclasses import replace

    from ota.gp.apdu import ResponseApdu
    from ota.gp.sw import SW

    ref = f"kdf3-kcv-{os.urandom(3).hex()}"
    hsm = Pkcs11KeyStore(sessions, Pkcs11Spec.parse(softhsm_token.spec(soft_session=True)))
    old, new = _masters(0x30, 32), _masters(0x31, 32)
    for masters in (old, new):
        hsm.add_key_set(ref, masters.kvn, masters.enc, masters.mac, masters.dek, aes=True)
    seid = bytes.fromhex("868605") + os.urandom(7)
    mine = diversify_kdf3(old, seid)
    card = VirtualCard.create(None, seid, keys=(mine.enc, mine.mac, mine.dek), kvn=old.kvn, i=0x70, scp=0x03)
    host_challenge = os.urandom(8)
    iu_data = _iu(card, host_challenge)
    keys = hsm.get_scp03_keys(ref, old.kvn, kdd=seid, diversification=KDF3)
    channel, ext_auth = Scp03HostChannel.open(keys, host_challenge, iu_data, LEVEL)
    assert card.transmit(ext_auth)[-2:] == b"\x90\x00"
    blocks = hsm.aes_put_key_blocks(keys, ref, seid, KDF3, new.kvn)
    blocks[1] = replace(blocks[1], kcv=bytes(b ^ 0xFF for b in blocks[1].kcv))
    put_key = commands.put_key(new.kvn, put_key_data_encrypted(new.kvn, blocks), old.kvn)
    answer = ResponseApdu.parse(card.transmit(channel.wrap(put_key.encode())))
    assert answer.sw == SW.WRONG_DATA
    assert card.state.key_set(new.kvn) is None and card.state.key_set(old.kvn) is not None
