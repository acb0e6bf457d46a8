"""The batch's SCP02 options reach the card: C-DECRYPTION (level 03) and i=55."""

from __future__ import annotations

import math

import sqlalchemy as sa

from ota.gp.cap import CapFile
from ota.gp.constants import Ins
from ota.platform.db import transaction
from ota.platform.models import SeBatch
from tests.platform.flow_support import CAPS, FlowPlatform, app_state, flow_platform, new_seid  # noqa: F401


def test_download_and_query_under_c_decryption_with_i55(flow_platform: FlowPlatform) -> None:
    with transaction(flow_platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.scp_level, batch.scp_i = 0x03, 0x75  # i=55 with R-MAC support: level 13
    seid = new_seid()
    card = flow_platform.card(seid=seid, i=0x75)
    run = flow_platform.run("download", card, app_id="YubicoYubiKeyOath")
    assert run.state == "done", run.error
    loads = [a for a in run.apdus() if a[1] == Ins.LOAD]
    load_file = CapFile.open(CAPS / "YubicoYubiKeyOath_v1.0.2_sdk2.2.2.cap").load_file()
    assert len(loads) == math.ceil(len(load_file) / 239)
    assert all(a[0] == 0x84 and a[4] <= 248 for a in loads)  # 239 plain -> 240 encrypted + 8 MAC
    assert app_state(flow_platform, seid, "YubicoYubiKeyOath") == "Personalized"
    query = flow_platform.run("query", card)
    assert query.state == "done", query.error
    assert query.result["identity"]["card_recognition"]["i"] == "75"
    [app] = query.result["apps"]
    assert (app["name"], app["state"], app["needs_activation"]) == ("YubicoYubiKeyOath", "Personalized", True)
    assert app["instances"][0]["aid"] == "A000000527471117"
