"""Both key service back ends give the same SCP02 session, byte for byte, on the same card.

The software store and the PKCS#11 store on a throwaway SoftHSM2 token hold the same batch
master keys; a virtual SE has the keys VISA2-diversified from them.  Both open the channel
on the same INITIALIZE UPDATE answer, wrap the same commands at level 03 with ICV encryption
(i=15), and build the same PUT KEY blocks; the card accepts what they send, checks the KCVs
of the new keys and answers with its own.
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
from ota.gp.diversify import Diversification, diversify
from ota.gp.scp02 import HostChannel, Scp02Options, StaticKeys, key_check_value, parse_initialize_update
from ota.platform.db import make_engine, session_factory, upgrade
from ota.platform.errors import KeyStoreError
from ota.platform.keys.pkcs11 import Pkcs11KeyStore, Pkcs11Spec
from ota.platform.keys.spec import open_keystore
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.models import AuditEntry, KeyVersion
from ota.vse.card import VirtualCard
from tests.platform.hsm_support import HsmToken

ISD = bytes.fromhex("A000000151000000")


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'keys.sqlite3'}")
    upgrade(engine)
    yield session_factory(engine)
    engine.dispose()


def _masters(kvn: int) -> StaticKeys:
    return StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), kvn)


def _both(sessions: sessionmaker[Session], token: HsmToken, ref: str, *versions: StaticKeys) -> list:
    software = SoftwareKeyStore(sessions, os.urandom(32))
    hsm = open_keystore(token.spec(), sessions, None)
    assert isinstance(hsm, Pkcs11KeyStore)
    for keys in versions:
        software.add_key_set(ref, keys.kvn, keys.enc, keys.mac, keys.dek)
        hsm.add_key_set(ref, keys.kvn, keys.enc, keys.mac, keys.dek)
    return [software, hsm]


def _card(master: StaticKeys, method: Diversification = Diversification.VISA2) -> VirtualCard:
    seid = bytes.fromhex("868601") + os.urandom(7)
    kdd = seid[-10:]
    keys = diversify(master, kdd, method)
    return VirtualCard.create(None, seid, keys=(keys.enc, keys.mac, keys.dek), kvn=master.kvn, i=0x15)


def _initialize(card: VirtualCard, host_challenge: bytes) -> bytes:
    assert card.transmit(commands.select(ISD).encode())[-2:] == b"\x90\x00"
    answer = card.transmit(commands.initialize_update(host_challenge).encode())
    assert answer[-2:] == b"\x90\x00"
    return answer[:-2]


def test_software_and_pkcs11_sessions_are_byte_identical(
    sessions: sessionmaker[Session], softhsm_token: HsmToken
) -> None:
    ref = f"batch-{os.urandom(3).hex()}"
    old, new = _masters(0x01), _masters(0x02)
    stores = _both(sessions, softhsm_token, ref, old, new)
    card = _card(old)
    host_challenge = os.urandom(8)
    iu_data = _initialize(card, host_challenge)
    iu = parse_initialize_update(iu_data)
    level = SecurityLevel.C_MAC | SecurityLevel.C_DECRYPTION
    plain = [bytes.fromhex(a) for a in ("80F28002024F0000", "80CA00E000", "80CA006600")]  # GET STATUS ISD, GET DATA
    wires = []
    for store in stores:
        cipher = store.session_cipher(ref, iu.kdd, "visa2", iu.kvn, iu.seq)
        channel, ext_auth = HostChannel.open_with(cipher, host_challenge, iu_data, level, Scp02Options(0x15))
        wrapped = [channel.wrap(apdu) for apdu in plain]
        blocks = store.put_key_blocks(cipher, ref, iu.kdd, "visa2", new.kvn)
        put_key = channel.wrap(commands.put_key(new.kvn, commands.put_key_data(new.kvn, blocks), old.kvn).encode())
        wires.append([ext_auth, *wrapped, put_key])
    assert wires[0] == wires[1]

    # ... and the card takes them: the MACs verify, the PUT KEY's KCVs match its decrypted keys.
    answers = [card.transmit(apdu) for apdu in wires[1]]
    assert all(a[-2:] == b"\x90\x00" for a in answers), [a[-2:].hex() for a in answers]
    expected = diversify(new, iu.kdd, Diversification.VISA2)
    kcvs = b"".join(key_check_value(k) for k in (expected.enc, expected.mac, expected.dek))
    assert answers[-1][:-2] == bytes((new.kvn,)) + kcvs

    # The card now reports the new version, and both back ends open it the same way.
    host_challenge = os.urandom(8)
    iu_data = _initialize(card, host_challenge)
    iu = parse_initialize_update(iu_data)
    assert (iu.kvn, iu.seq) == (new.kvn, 0)
    opened = [
        HostChannel.open_with(
            s.session_cipher(ref, iu.kdd, "visa2", iu.kvn, iu.seq), host_challenge, iu_data, level, Scp02Options(0x15)
        )[1]
        for s in stores
    ]
    assert opened[0] == opened[1]
    assert card.transmit(opened[1])[-2:] == b"\x90\x00"


def test_put_key_with_a_wrong_kcv_is_refused_by_the_virtual_se(
    sessions: sessionmaker[Session], softhsm_token: HsmToken
) -> None:
    ref = f"batch-{os.urandom(3).hex()}"
    old, new = _masters(0x01), _masters(0x02)
    _, hsm = _both(sessions, softhsm_token, ref, old, new)
    card = _card(old)
    host_challenge = os.urandom(8)
    iu_data = _initialize(card, host_challenge)
    iu = parse_initialize_update(iu_data)
    cipher = hsm.session_cipher(ref, iu.kdd, "visa2", iu.kvn, iu.seq)
    channel, ext_auth = HostChannel.open_with(cipher, host_challenge, iu_data, SecurityLevel.C_MAC, Scp02Options(0x15))
    assert card.transmit(ext_auth)[-2:] == b"\x90\x00"
    blocks = hsm.put_key_blocks(cipher, ref, iu.kdd, "visa2", new.kvn)
    blocks[1] = (blocks[1][0], bytes(3))
    put_key = channel.wrap(commands.put_key(new.kvn, commands.put_key_data(new.kvn, blocks), old.kvn).encode())
    assert card.transmit(put_key)[-2:] == b"\x6a\x80"
    assert card.state.key_set(old.kvn) is not None and card.state.key_set(new.kvn) is None


def test_hsm_keys_never_leave_the_token(sessions: sessionmaker[Session], softhsm_token: HsmToken) -> None:
    ref = f"batch-{os.urandom(3).hex()}"
    master = _masters(0x01)
    _, hsm = _both(sessions, softhsm_token, ref, master)
    with pytest.raises(KeyStoreError) as refused:
        hsm.get_static_keys(ref, None, "none", 1)
    assert refused.value.code == "keystore.not_extractable"
    token = hsm._token
    P = token.P
    for role in ("enc", "mac", "dek"):
        handle = token.find(f"hallterm:{ref}:01:{role}")
        sensitive, extractable = token.session.getAttributeValue(handle, [P.CKA_SENSITIVE, P.CKA_EXTRACTABLE])
        assert sensitive and not extractable
        assert token.session.getAttributeValue(handle, [P.CKA_VALUE], True) == [None]  # the token will not say
    with sessions() as session:
        row = session.get(KeyVersion, (ref, 1))
        assert row is not None and row.backend == "pkcs11" and row.kcv_enc == key_check_value(master.enc).hex().upper()


def test_without_soft_wrap_softhsm_refuses_put_key_and_soft_wrap_is_audited(
    sessions: sessionmaker[Session], softhsm_token: HsmToken
) -> None:
    ref = f"batch-{os.urandom(3).hex()}"
    old, new = _masters(0x01), _masters(0x02)
    _, hsm = _both(sessions, softhsm_token, ref, old, new)
    strict = Pkcs11KeyStore(sessions, Pkcs11Spec.parse(softhsm_token.spec(soft_wrap=False)))
    card = _card(old)
    iu = parse_initialize_update(_initialize(card, os.urandom(8)))
    cipher = strict.session_cipher(ref, iu.kdd, "visa2", iu.kvn, iu.seq)
    with pytest.raises(KeyStoreError) as refused:
        strict.put_key_blocks(cipher, ref, iu.kdd, "visa2", new.kvn)
    assert refused.value.code == "keystore.hsm_cannot_wrap"
    hsm.put_key_blocks(hsm.session_cipher(ref, iu.kdd, "visa2", iu.kvn, iu.seq), ref, iu.kdd, "visa2", new.kvn)
    with sessions() as session:
        events = list(session.scalars(sa.select(AuditEntry.event).where(AuditEntry.event == "key.soft_wrap")))
    assert events == ["key.soft_wrap"]


@pytest.mark.parametrize(
    "spec",
    [
        "pkcs11:module=/x.so;token=t;pin=1234",
        "pkcs11:module=/x.so;token=t",
        "pkcs11:token=t;pin-env=X",
        "pkcs11:module=/x.so;token=t;pin-env=X;colour=blue",
    ],
)
def test_a_bad_spec_is_refused_with_a_code(spec: str) -> None:
    with pytest.raises(KeyStoreError) as refused:
        Pkcs11Spec.parse(spec)
    assert refused.value.code in ("keystore.spec", "keystore.pin_in_spec")
    assert "1234" not in str(refused.value)


def test_the_number_change_token_is_the_same_from_both_back_ends(
    sessions: sessionmaker[Session], softhsm_token: HsmToken
) -> None:
    import hashlib
    import hmac

    token_key = _masters(0x70)
    stores = _both(sessions, softhsm_token, "platform-token", token_key)
    message = bytes.fromhex("86860112345678901234") + b"20261201"
    macs = [store.token_mac("platform-token", message) for store in stores]
    assert macs[0] == macs[1] == hmac.new(token_key.enc + token_key.mac, message, hashlib.sha256).digest()
    sealed = stores[1].seal_secret("token:X", macs[1][:16])
    assert macs[1][:16].hex() not in sealed.hex() and stores[1].open_secret("token:X", sealed) == macs[1][:16]
    with pytest.raises(KeyStoreError):
        stores[1].open_secret("token:Y", sealed)


def test_tk_and_kek_translation_is_the_same_from_both_back_ends(
    sessions: sessionmaker[Session], softhsm_token: HsmToken
) -> None:
    from ota.gp.crypto import pad80, tdes_cbc_encrypt, tdes_ecb_decrypt, tdes_ecb_encrypt
    from ota.gp.scp02 import derive_session_keys

    ref, transport = f"batch-{os.urandom(3).hex()}", _masters(0x01)
    master = _masters(0x01)
    stores = _both(sessions, softhsm_token, ref, master)
    for store in stores:
        store.add_key_set("transport-acme", 1, transport.enc, transport.mac, transport.dek)
    secret, clear = os.urandom(16), b"provider data"
    kdd = os.urandom(10)
    outputs = []
    for store in stores:
        cipher = store.session_cipher(ref, kdd, "visa2", 1, 7)
        opened = store.transport_decrypt("transport-acme", tdes_cbc_encrypt(transport.enc, pad80(clear)))
        translated = store.translate_kek("transport-acme", tdes_ecb_encrypt(transport.dek, secret), cipher)
        outputs.append((opened, translated))
    assert outputs[0] == outputs[1]
    session_dek = derive_session_keys(diversify(master, kdd, Diversification.VISA2), 7).dek
    assert tdes_ecb_decrypt(session_dek, outputs[1][1]) == secret and outputs[1][0].startswith(clear)
    with pytest.raises(KeyStoreError):  # master keys of a batch are no transport keys in the HSM
        stores[1].transport_decrypt(ref, bytes(16))
