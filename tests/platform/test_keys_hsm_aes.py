"""SCP03 (AES) keys in the PKCS#11 key service (issue 12), on a SoftHSM2 token.

The static AES keys are token objects nobody can read; SCP03 session keys are the Amendment D
§4.1.5 KDF run with the token's ``CKM_AES_CMAC`` and must be byte-identical to the software
back end (``ota.gp.aes.kdf``) for AES-128/192/256 and S8/S16 challenges; DEK encryption is the
token's ``CKM_AES_CBC``.  The session keys leave the token only with ``soft-session=allow``,
each derivation audited.  Then every step of an SCP03 service runs on the HSM's keys, over real
HTTPS on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.scp03 import Scp03Keys
from ota.platform import tls
from ota.platform.db import session_factory, upgrade
from ota.platform.demo import DEMO_AES_KEY_REF
from ota.platform.errors import KeyStoreError
from ota.platform.keys.pkcs11 import Pkcs11KeyStore, Pkcs11Spec
from ota.platform.models import AuditEntry
from tests.platform.flow_support import FlowPlatform, demo_app, serving
from tests.platform.hsm_support import HsmToken, hsm_keystore
from tests.platform.test_flow_scp03 import scp03_card


def _soft_session_rows(sessions: sa.orm.sessionmaker[sa.orm.Session]) -> list[AuditEntry]:
    with sessions() as s:
        return list(s.scalars(sa.select(AuditEntry).where(AuditEntry.event == "key.soft_session")))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the key service, not the database
def test_token_kdf_is_byte_identical_to_software(db: Engine, softhsm_token: HsmToken) -> None:
    upgrade(db)
    sessions = session_factory(db)
    store = Pkcs11KeyStore(sessions, Pkcs11Spec.parse(softhsm_token.spec(soft_session=True)))
    for n, length in enumerate((16, 24, 32)):
        ref = f"aes-kat-{length}-{os.urandom(3).hex()}"
        enc, mac, dek = (os.urandom(length) for _ in range(3))
        store.add_key_set(ref, 0x30 + n, enc, mac, dek, aes=True)
        software = Scp03Keys(enc, mac, dek, 0x30 + n)
        in_token = store.get_scp03_keys(ref)
        assert in_token.kvn == 0x30 + n and "keys=<in token>" in repr(in_token)
        for challenge in (8, 16):  # S8 and S16 modes
            host, card = os.urandom(challenge), os.urandom(challenge)
            assert in_token.session_keys(host, card) == software.session_keys(host, card)
        block = os.urandom(48)
        assert in_token.encrypt_with_dek(block) == software.encrypt_with_dek(block)
    assert len(_soft_session_rows(sessions)) == 6  # one audit row per derivation, keys never in it
    assert all(str(DEFAULT_TEST_KEY.hex()) not in str(r.detail) for r in _soft_session_rows(sessions))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_aes_keys_stay_in_the_token_and_the_fallback_is_opt_in(db: Engine, softhsm_token: HsmToken) -> None:
    upgrade(db)
    sessions = session_factory(db)
    strict = Pkcs11KeyStore(sessions, Pkcs11Spec.parse(softhsm_token.spec()))
    ref = f"aes-strict-{os.urandom(3).hex()}"
    strict.add_key_set(ref, 0x30, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, aes=True)
    with pytest.raises(KeyStoreError) as refused:
        strict.get_scp03_keys(ref)
    assert refused.value.code == "keystore.hsm_session_export"
    with pytest.raises(KeyStoreError) as unreadable:
        strict.get_static_keys(ref, None, "none")
    assert unreadable.value.code == "keystore.not_extractable"
    token = strict._token
    P = token.P
    handle = token.find(f"hallterm:{ref}:30:enc")
    sensitive, extractable, key_type = token.session.getAttributeValue(
        handle, [P.CKA_SENSITIVE, P.CKA_EXTRACTABLE, P.CKA_KEY_TYPE]
    )
    assert (bool(sensitive), bool(extractable), key_type) == (True, False, P.CKK_AES)
    assert _soft_session_rows(sessions) == []


@pytest.fixture
def aes_hsm_platform(db: Engine, tls_files: tls.TlsFiles, softhsm_token: HsmToken) -> Iterator[FlowPlatform]:
    app, summary = demo_app(db, hsm_keystore(db, softhsm_token.spec(soft_session=True)))
    assert summary.notes == []  # the DEMO-AES key set went into the token
    with serving(FlowPlatform, app, tls_files) as platform:
        yield platform


def test_scp03_services_on_hsm_keys(aes_hsm_platform: FlowPlatform) -> None:
    platform = aes_hsm_platform
    card = scp03_card(platform)
    query = platform.run("query", card)
    assert query.state == "done", query.error
    download = platform.run("download", card, app_id="JCMemory")
    assert download.state == "done", download.error
    assert card.state.app(bytes.fromhex("4A43416C675465737531")) is not None
    rows = _soft_session_rows(platform.sessions)
    assert rows and {r.detail["key_ref"] for r in rows} == {DEMO_AES_KEY_REF}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_aes_key_ceremony_into_the_token(db: Engine, softhsm_token: HsmToken) -> None:
    """``hallterm platform keys import --aes 256``: components and KCVs are AES (GPC 2.3.1 §B.6)."""
    from ota.gp.scp03 import key_check_value
    from ota.platform.keys.ceremony import CeremonyError, import_key_set

    upgrade(db)
    sessions = session_factory(db)
    store = Pkcs11KeyStore(sessions, Pkcs11Spec.parse(softhsm_token.spec(soft_session=True)))
    a, b = os.urandom(32), os.urandom(32)
    key = bytes(x ^ y for x, y in zip(a, b, strict=True))
    answers = [a.hex(), key_check_value(a).hex(), b.hex(), key_check_value(b).hex(), key_check_value(key).hex()]
    ref = f"aes-ceremony-{os.urandom(3).hex()}"
    result = import_key_set(sessions, store, ref, 0x31, 2, lambda _p, _s: answers.pop(0), "custodian",
                            single=True, aes_len=32)
    assert result.kcvs == (key_check_value(key).hex().upper(),)
    host, card = os.urandom(8), os.urandom(8)
    assert store.get_scp03_keys(ref, 0x31).session_keys(host, card) == Scp03Keys(key, key, key).session_keys(host, card)

    des_kcv = [a.hex(), "000000"]  # a 3DES-style KCV for an AES component: refused, nothing stored
    with pytest.raises(CeremonyError) as refused:
        import_key_set(sessions, store, ref, 0x32, 2, lambda _p, _s: des_kcv.pop(0), "custodian",
                       single=True, aes_len=32)
    assert refused.value.code == "keys.component_kcv" and 0x32 not in store.key_versions(ref)
