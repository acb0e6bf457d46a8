"""A DAP-mode SD (seed §5.4.2, GPC 2.2.1 §C.2.2) over HTTPS: the SD gets its owner's RSA public
DAP key at creation; a download into it is refused until the owner's signature of the load file
is on the platform; the platform sends the signature it stored, never one of its own, in the
LOAD's DAP block; the virtual SE refuses a bad signature (nothing kept) and takes a good one; under
the "with the last application" deletion rule the app's delete takes the SD with it.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ota.gp.dap import dap_block
from ota.gp.scp02 import StaticKeys
from ota.platform.db import transaction
from ota.platform.models import Application, AuditEntry, LoadFile, SeBatch
from tests.platform.flow_support import FlowPlatform
from tests.platform.test_keys_hsm_flows import REF, _card_on, hsm_platform  # noqa: F401

SSD = "A00000015153504104"
APP = "YubicoYubiKeyOath"


def _sign(owner: rsa.RSAPrivateKey, lfdb_hash: bytes) -> bytes:
    return owner.sign(lfdb_hash, padding.PKCS1v15(), hashes.SHA1())


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_dap_mode_load_with_bad_and_good_signature(hsm_platform: FlowPlatform) -> None:
    platform = hsm_platform
    owner = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    numbers = owner.public_key().public_numbers()
    batch_keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    platform.keystore.add_key_set(REF, 0x01, batch_keys.enc, batch_keys.mac, batch_keys.dek)
    platform.keystore.add_key_set("ssd-dap", 0x01, os.urandom(16), os.urandom(16), os.urandom(16))
    with transaction(platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.key_set_ref, batch.diversification = REF, "visa2"
    admin = platform.login("admin")
    sd: dict[str, Any] = {"name": "DAP SSD", "owner": "mobile", "key_set_ref": "ssd-dap", "mode": "dap"}
    assert admin.put(platform.api(f"/admin/security-domains/{SSD}"), json=sd).status_code == 422  # no key
    sd["dap_key"] = {"modulus": numbers.n.to_bytes(128, "big").hex(), "exponent": "010001"}
    assert admin.put(platform.api(f"/admin/security-domains/{SSD}"), json=sd).status_code == 200
    with transaction(platform.sessions) as session:
        app = session.scalars(sa.select(Application).where(Application.name == APP)).one()
        app.sd_aid = SSD
        files = list(session.scalars(sa.select(LoadFile).where(LoadFile.application_id == app.id)))
        hashes_by_file = {f.aid: bytes.fromhex(f.sha1) for f in files}
    card = _card_on(platform, batch_keys)

    early = platform.run("download", card, app_id=APP)
    assert early.state == "failed" and early.error["code"] == "sd.dap_create_first"

    run = platform.run("sd_create", card, sd_aid=SSD)
    assert run.state == "done", run.error
    ssd = card.state.app(bytes.fromhex(SSD))
    assert ssd is not None and ssd.privileges & 0xC00000 == 0xC00000
    assert ssd.dap_modulus == numbers.n.to_bytes(128, "big")

    unsigned = platform.run("download", card, app_id=APP)
    assert unsigned.state == "failed" and unsigned.error["code"] == "sd.dap_signature_missing"
    assert not [a for a in unsigned.apdus() if a[1] == 0xE8]

    def submit(signatures: dict[str, bytes]) -> None:
        for aid, signature in signatures.items():
            reply = admin.put(platform.api(f"/admin/load-files/{aid}/dap-signature"), json={"signature": signature.hex()})
            assert reply.status_code == 200, reply.text

    # Signed over the wrong data: the card refuses the LOAD and keeps nothing.
    submit({aid: _sign(owner, bytes(20)) for aid in hashes_by_file})
    bad = platform.run("download", card, app_id=APP)
    assert bad.state == "failed" and bad.error["code"] == "sd.dap_refused"
    assert not [f for f in card.state.load_files if f.aid.hex().upper() in hashes_by_file]

    good = {aid: _sign(owner, digest) for aid, digest in hashes_by_file.items()}
    submit(good)
    run = platform.run("download", card, app_id=APP)
    assert run.state == "done", run.error
    loads = b"".join(a[5:] for a in run.apdus() if a[1] == 0xE8)
    for aid, signature in good.items():
        assert dap_block(bytes.fromhex(SSD), signature) in loads
        loaded = next(f for f in card.state.load_files if f.aid.hex().upper() == aid)
        assert loaded.sd_aid == bytes.fromhex(SSD)
        assert platform.scalar(sa.select(LoadFile.dap_signature).where(LoadFile.aid == aid)) == signature.hex().upper()

    # Deletion rule "with the last application" (§5.3.1), changeable after creation (§5.3.4):
    # the app's full delete takes the SD with it, in the same script.
    reply = admin.put(platform.api(f"/admin/security-domains/{SSD}"), json={**sd, "deletion_rule": "with_last_app"})
    assert reply.status_code == 200, reply.text
    run = platform.run("delete", card, app_id=APP)
    assert run.state == "done", run.error
    assert run.result["sd_deleted"] == [SSD] and card.state.app(bytes.fromhex(SSD)) is None
    events = platform.query_db(sa.select(AuditEntry.event))
    assert "sd.dap_signature" in events and "sd.deleted" in events
