"""The software keystore: sealed at rest, several versions, diversification, nothing leaks."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from ota.gp.diversify import Diversification, diversify
from ota.gp.scp02 import StaticKeys
from ota.platform.db import session_factory, upgrade
from ota.platform.errors import KeyStoreError
from ota.platform.keystore import MASTER_KEY_ENV, SoftwareKeyStore, load_master_key
from ota.platform.models import AuditEntry, KeySetRow

ENC, MAC, DEK = (bytes([b]) * 16 for b in (0x11, 0x22, 0x33))
KDD = bytes.fromhex("00010203040506070809")


@pytest.fixture
def store(db):  # noqa: ANN001, ANN201
    upgrade(db)
    return SoftwareKeyStore(session_factory(db), os.urandom(32))


def test_round_trip_and_versions(store: SoftwareKeyStore) -> None:
    store.add_key_set("isd", 0x20, ENC, MAC, DEK)
    store.add_key_set("isd", 0x21, DEK, ENC, MAC)
    assert store.key_versions("isd") == [0x20, 0x21]
    assert store.get_static_keys("isd", None, "none", kvn=0x20) == StaticKeys(ENC, MAC, DEK, 0x20)
    latest = store.get_static_keys("isd", None, "none")
    assert latest == StaticKeys(DEK, ENC, MAC, 0x21)


def test_keys_are_sealed_at_rest(store: SoftwareKeyStore, db) -> None:  # noqa: ANN001
    store.add_key_set("isd", 1, ENC, MAC, DEK)
    with session_factory(db)() as session:
        sealed = session.scalars(sa.select(KeySetRow.sealed)).one()
    for key in (ENC, MAC, DEK):
        assert key not in sealed


def test_missing_key_set_and_bad_input(store: SoftwareKeyStore) -> None:
    with pytest.raises(KeyStoreError) as missing:
        store.get_static_keys("nope", None, "none")
    assert missing.value.code == "keystore.not_found"
    store.add_key_set("isd", 1, ENC, MAC, DEK)
    with pytest.raises(KeyStoreError):
        store.get_static_keys("isd", None, "none", kvn=2)
    with pytest.raises(KeyStoreError) as short:
        store.add_key_set("isd", 2, ENC[:8], MAC, DEK)
    assert short.value.code == "keystore.key_length"
    with pytest.raises(KeyStoreError):
        store.add_key_set("isd", 300, ENC, MAC, DEK)
    with pytest.raises(KeyStoreError) as method:
        store.get_static_keys("isd", KDD, "visa")
    assert method.value.code == "keystore.diversification"
    assert store.get_static_keys("isd", KDD, "EMV_CPG202") == diversify(
        StaticKeys(ENC, MAC, DEK, 1), KDD, Diversification.EMV_CPG202
    )


def test_wrong_master_key_cannot_unseal(store: SoftwareKeyStore, db) -> None:  # noqa: ANN001
    store.add_key_set("isd", 1, ENC, MAC, DEK)
    other = SoftwareKeyStore(session_factory(db), os.urandom(32))
    with pytest.raises(KeyStoreError) as failure:
        other.get_static_keys("isd", None, "none")
    assert failure.value.code == "keystore.unseal"


def test_swapped_rows_do_not_unseal(store: SoftwareKeyStore, db) -> None:  # noqa: ANN001
    store.add_key_set("isd", 1, ENC, MAC, DEK)
    store.add_key_set("ssd", 1, DEK, DEK, DEK)
    sessions = session_factory(db)
    with sessions() as session, session.begin():
        isd = session.get(KeySetRow, ("isd", 1))
        ssd = session.get(KeySetRow, ("ssd", 1))
        isd.sealed, ssd.sealed = ssd.sealed, isd.sealed
    with pytest.raises(KeyStoreError):
        store.get_static_keys("isd", None, "none")


def test_diversification(store: SoftwareKeyStore) -> None:
    store.add_key_set("batch", 1, ENC, MAC, DEK)
    card = store.get_static_keys("batch", KDD, "emv_cpg202")
    assert card == diversify(StaticKeys(ENC, MAC, DEK, 1), KDD, Diversification.EMV_CPG202)
    assert card.enc != ENC
    with pytest.raises(KeyStoreError) as no_kdd:
        store.get_static_keys("batch", None, "visa2")
    assert no_kdd.value.code == "keystore.kdd_missing"


def test_no_key_in_repr_logs_or_audit(store: SoftwareKeyStore, db, caplog) -> None:  # noqa: ANN001
    with caplog.at_level(logging.DEBUG):
        store.add_key_set("isd", 1, ENC, MAC, DEK)
        keys = store.get_static_keys("isd", None, "none")
    texts = [repr(store), repr(keys), str(keys), caplog.text]
    with session_factory(db)() as session:
        texts += [repr(e.detail) for e in session.scalars(sa.select(AuditEntry))]
    for key in (ENC, MAC, DEK):
        for text in texts:
            assert key.hex() not in text.lower() and key.hex().upper() not in text


def test_secrets_seal_and_open(store: SoftwareKeyStore) -> None:
    sealed = store.seal_secret("token", b"hello token")
    assert b"hello token" not in sealed
    assert store.open_secret("token", sealed) == b"hello token"
    with pytest.raises(KeyStoreError):
        store.open_secret("other-purpose", sealed)
    with pytest.raises(KeyStoreError):
        store.open_secret("token", b"short")


def test_master_key_file_is_created_private(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(MASTER_KEY_ENV, raising=False)
    path = tmp_path / "sub" / "master.key"
    key = load_master_key(path)
    assert len(key) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_master_key(path) == key
    path.chmod(0o644)
    with pytest.raises(KeyStoreError) as loose:
        load_master_key(path)
    assert loose.value.code == "keystore.master_key_mode"
    assert key.hex() not in str(loose.value)


def test_master_key_from_environment(monkeypatch) -> None:
    monkeypatch.setenv(MASTER_KEY_ENV, "AB" * 32)
    assert load_master_key(None) == bytes.fromhex("AB" * 32)
    monkeypatch.setenv(MASTER_KEY_ENV, "not-hex")
    with pytest.raises(KeyStoreError):
        load_master_key(None)
    monkeypatch.delenv(MASTER_KEY_ENV)
    with pytest.raises(KeyStoreError):
        load_master_key(None)
