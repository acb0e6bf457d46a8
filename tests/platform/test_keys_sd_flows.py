"""Security-domain services on the HSM key service (seed §5.8.3), over HTTPS, SQLite and PostgreSQL:
SSD create -> its own keys (PUT KEY, KCVs checked) -> PERSONALIZED -> an app downloaded into it
-> SD delete refused while it holds the app -> app delete -> SD delete; the ISD is never deleted.
The virtual SE's SSD has its own key set and counters.
"""

from __future__ import annotations

import os

import sqlalchemy as sa

from ota.gp.crypto import odd_parity
from ota.gp.diversify import Diversification, diversify
from ota.gp.scp02 import StaticKeys
from ota.platform.db import transaction
from ota.platform.models import Application, AuditEntry, SeBatch, SecurityDomain
from tests.platform.flow_support import FlowPlatform
from tests.platform.test_keys_hsm_flows import REF, _card_on, hsm_platform  # noqa: F401

SSD = "A00000015153504101"
APP = "YubicoYubiKeyOath"


def test_ssd_create_keys_personalise_download_and_delete(hsm_platform: FlowPlatform) -> None:
    platform = hsm_platform
    batch_keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    sd_keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    platform.keystore.add_key_set(REF, 0x01, batch_keys.enc, batch_keys.mac, batch_keys.dek)
    platform.keystore.add_key_set("ssd-mobile", 0x01, sd_keys.enc, sd_keys.mac, sd_keys.dek)
    with transaction(platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.key_set_ref, batch.diversification = REF, "visa2"
        session.add(
            SecurityDomain(aid=SSD, name="Mobile SSD", owner="mobile", privileges=0x800000, key_set_ref="ssd-mobile")
        )
        session.scalars(sa.select(Application).where(Application.name == APP)).one().sd_aid = SSD
    card = _card_on(platform, batch_keys)

    run = platform.run("sd_create", card, sd_aid=SSD)
    assert run.state == "done", run.error
    assert run.round_trips == 3 and run.result["state"] == "Personalized"
    ssd = card.state.app(bytes.fromhex(SSD))
    assert ssd is not None and ssd.life_cycle == 0x0F
    [own] = ssd.key_sets
    expected = diversify(sd_keys, card.state.kdd, Diversification.VISA2)
    assert (own.kvn, own.seq) == (0x01, 0) and odd_parity(own.mac) == odd_parity(expected.mac)
    assert card.state.key_sets[0].seq == 1  # the ISD counts its own sessions

    # Again: the SSD now opens with its own keys (version 01 of ssd-mobile); no PUT KEY.
    run = platform.run("sd_create", card, sd_aid=SSD)
    assert run.state == "done", run.error
    assert not [a for a in run.apdus() if a[1] == 0xD8] and ssd.key_sets[0].seq == 1

    run = platform.run("download", card, app_id=APP)
    assert run.state == "done", run.error
    assert any(a.sd_aid == bytes.fromhex(SSD) for a in card.state.apps if not a.is_sd)

    refused = platform.run("sd_delete", card, sd_aid=SSD)
    assert refused.state == "failed" and refused.error["code"] == "sd.holds_apps"
    assert refused.round_trips == 0 and card.state.app(bytes.fromhex(SSD)) is not None

    isd = platform.run("sd_delete", card, sd_aid=card.state.isd_aid.hex().upper())
    assert isd.state == "failed" and isd.error["code"] in ("sd.is_isd", "sd.unknown")

    assert platform.run("delete", card, app_id=APP).state == "done"
    run = platform.run("sd_delete", card, sd_aid=SSD)
    assert run.state == "done", run.error
    assert card.state.app(bytes.fromhex(SSD)) is None
    with platform.sessions() as session:
        events = [e.event for e in session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id))]
    assert {"sd.keys_updated", "sd.personalized", "sd.deleted"} <= set(events)
