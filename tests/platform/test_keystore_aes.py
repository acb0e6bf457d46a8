"""AES batch keys (issue 12) in the software keystore: stored and sealed like the SCP02 ones."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from ota.gp.scp03 import Scp03Keys
from ota.platform.db import session_factory, upgrade
from ota.platform.errors import KeyStoreError
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.models import KeySetRow

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def store(db):  # noqa: ANN001, ANN201
    upgrade(db)
    return SoftwareKeyStore(session_factory(db), os.urandom(32))


@pytest.mark.parametrize("size", [16, 24, 32])
def test_aes_key_sets_of_every_length(store: SoftwareKeyStore, db, size: int) -> None:  # noqa: ANN001
    enc, mac, dek = (bytes([b]) * size for b in (0x41, 0x42, 0x43))
    store.add_key_set("aes", 0x30, enc, mac, dek)
    assert store.get_scp03_keys("aes") == Scp03Keys(enc, mac, dek, 0x30)
    with session_factory(db)() as session:
        sealed = session.scalars(sa.select(KeySetRow.sealed)).one()
    assert all(key not in sealed for key in (enc, mac, dek))
    assert "41414141" not in repr(store.get_scp03_keys("aes")).lower()


def test_mixed_lengths_and_des_sets_are_refused(store: SoftwareKeyStore) -> None:
    with pytest.raises(KeyStoreError) as mixed:
        store.add_key_set("aes", 1, bytes(16), bytes(32), bytes(16))
    assert mixed.value.code == "keystore.key_length"
    with pytest.raises(KeyStoreError):
        store.add_key_set("aes", 1, bytes(20), bytes(20), bytes(20))
    with pytest.raises(KeyStoreError) as missing:
        store.get_scp03_keys("aes")
    assert missing.value.code == "keystore.not_found"
