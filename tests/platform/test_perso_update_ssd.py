"""perso_update of a mode-3 application under a supplementary SD (seed §5.8.4.6.3), over HTTPS:
INSTALL [for personalization] and STORE DATA go in a channel on the app's own SD (the ISD is not
its SD and refuses them, 6985), with the SD's keys from the key service."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from ota.gp.constants import Privilege
from ota.platform.db import transaction
from ota.platform.models import Application, SecurityDomain
from tests.platform.flow_support import FlowPlatform, flow_platform  # noqa: F401

SSD = "A0000001515350410A"
APP = "PChovanecJCOpenPGP"  # the demo's mode-3 template: cardholder name, language, MSISDN


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_mode3_perso_update_goes_through_the_apps_own_sd(flow_platform: FlowPlatform) -> None:
    platform = flow_platform
    platform.keystore.add_key_set("ssd-3", 0x01, os.urandom(16), os.urandom(16), os.urandom(16))
    with transaction(platform.sessions) as session:
        session.add(SecurityDomain(aid=SSD, name="Mobile SSD", owner="mobile", privileges=int(Privilege.SECURITY_DOMAIN),
                                   key_set_ref="ssd-3"))
        session.scalars(sa.select(Application).where(Application.name == APP)).one().sd_aid = SSD
    card = platform.card()
    assert platform.run("sd_create", card, sd_aid=SSD).state == "done"
    assert platform.run("download", card, app_id=APP, cardholder_name="Li Lei").state == "done"
    [app] = [a for a in card.state.apps if not a.is_sd]
    assert app.sd_aid == bytes.fromhex(SSD)
    ssd = card.state.app(bytes.fromhex(SSD))
    assert ssd is not None
    sessions_before = ssd.key_sets[0].seq

    run = platform.run("perso_update", card, app_id=APP, cardholder_name="Han Meimei")
    assert run.state == "done", run.error
    assert any(b"Han Meimei" in v for v in app.data.values())
    assert ssd.key_sets[0].seq == sessions_before + 1  # one channel on the SSD's own keys
    installs = [a for a in run.apdus() if a[1] == 0xE6]
    assert installs and all(a[0] & 0x04 for a in installs)  # INSTALL [for personalization], C-MACed
