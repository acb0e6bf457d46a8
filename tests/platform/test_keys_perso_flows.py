"""Personalisation mode 3 with the provider's data under a transport key (TK) and its sensitive
values under a KEK (§5.8.4.6), on the HSM key service over HTTPS: the key service decrypts the
TK data and translates KEK -> session DEK; the sensitive value is never clear in a script."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from ota.gp.crypto import pad80, tdes_cbc_encrypt, tdes_ecb_decrypt, tdes_ecb_encrypt
from ota.gp.scp02 import StaticKeys, derive_session_keys
from ota.platform.db import transaction
from ota.platform.models import Application, AuditEntry, Operation
from ota.vse.secure import static_keys
from tests.platform.flow_support import FlowPlatform
from tests.platform.test_keys_hsm_flows import hsm_platform  # noqa: F401

APP = "YubicoYubiKeyOath"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_mode3_with_tk_and_kek(hsm_platform: FlowPlatform) -> None:
    platform = hsm_platform
    transport = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    platform.keystore.add_key_set("transport-acme", 1, transport.enc, transport.mac, transport.dek)
    secret, clear = os.urandom(16), b"ACME loyalty 0001"
    template = {
        "mode": 3,
        "format": "DGI",
        "transport": "transport-acme",
        "records": [
            {"tag": "0101", "tk": tdes_cbc_encrypt(transport.enc, pad80(clear)).hex()},
            {"tag": "8010", "kek": tdes_ecb_encrypt(transport.dek, secret).hex()},
        ],
    }
    with transaction(platform.sessions) as session:
        app_row = session.scalars(sa.select(Application).where(Application.name == APP)).one()
        app_row.perso_template, app_row.needs_personalisation = template, True
    card = platform.card()
    run = platform.run("download", card, app_id=APP)
    assert run.state == "done", run.error
    stores = [a for a in run.apdus() if a[1] == 0xE2]
    assert stores and all(a[2] & 0x60 == 0x60 for a in stores)  # "encrypted" STORE DATA
    app = next(a for a in card.state.apps if a.data)
    assert app.data[0x0101] == clear
    keys = static_keys(card.state.key_sets[0])
    decrypted = {tdes_ecb_decrypt(derive_session_keys(keys, seq).dek, app.data[0x8010]) for seq in range(8)}
    assert secret in decrypted
    with platform.sessions() as session:
        stored = " ".join(str(r) for r in session.execute(sa.select(Operation.script, Operation.checkpoint)))
        events = [e.event for e in session.scalars(sa.select(AuditEntry))]
    assert secret.hex().upper() not in (stored + "".join(a.hex() for a in run.apdus())).upper()
    assert "key.soft_translate" in events
