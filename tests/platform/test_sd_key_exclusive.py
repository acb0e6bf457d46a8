"""No other operation on an SE while its SD keys are being updated (seed §5.8.3.2), over HTTPS with
two terminals: a start that cannot wait is refused with ``sd.keys_updating`` (audited, nothing
sent to the card); one that may wait is queued and runs once the key update has ended."""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from ota.gp.constants import Privilege
from ota.platform.db import transaction
from ota.platform.models import Application, AuditEntry, SecurityDomain
from ota.vse.card import VirtualCard
from tests.platform.flow_support import FlowPlatform, app_state, flow_platform, identity  # noqa: F401

SSD = "A00000015153504108"
APP = "YubicoYubiKeyOath"


def _start(platform: FlowPlatform, client: requests.Session, kind: str, card: VirtualCard, params: dict[str, Any],
           wait: bool = False) -> requests.Response:
    body = {"kind": kind, "card": identity(card), "params": params, "idempotency_key": uuid.uuid4().hex,
            "wait_in_queue": wait}
    return client.post(platform.api("/operations"), json=body)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_sd_key_update_holds_off_every_other_operation(flow_platform: FlowPlatform) -> None:
    platform = flow_platform
    platform.keystore.add_key_set("ssd-x", 0x01, os.urandom(16), os.urandom(16), os.urandom(16))
    with transaction(platform.sessions) as session:
        session.add(SecurityDomain(aid=SSD, name="Mobile SSD", owner="mobile", privileges=int(Privilege.SECURITY_DOMAIN),
                                   key_set_ref="ssd-x"))
        session.scalars(sa.select(Application).where(Application.name == APP)).one().sd_aid = SSD
    card = platform.card()
    seid = card.state.seid.hex().upper()
    first, second = platform.login("clerk1", "counter-01"), platform.login("clerk2", "counter-02")

    updating = _start(platform, first, "sd_create", card, {"sd_aid": SSD})
    assert updating.status_code == 200 and updating.json()["state"] == "running"
    apps_before = len(card.state.apps)

    for kind, params in (("download", {"app_id": APP}), ("perso_update", {"app_id": APP}), ("sd_delete", {"sd_aid": SSD})):
        refused = _start(platform, second, kind, card, params)
        assert refused.status_code == 409, refused.text
        body = refused.json()
        assert (body["code"], body["detail"]["sd"], body["detail"]["kind"]) == ("sd.keys_updating", SSD, "sd_create")
        assert seid not in refused.text  # kiosk-safe: no SEID in what a screen may show
    assert len(card.state.apps) == apps_before

    queued = _start(platform, second, "download", card, {"app_id": APP}, wait=True).json()
    assert queued["state"] == "queued"

    done = platform.relay(first, updating.json(), card, {})
    assert done.state == "done", done.error
    reply = second.post(platform.api(f"/operations/{queued['id']}/wait"), params={"timeout": 5})
    assert reply.status_code == 200 and reply.json()["state"] == "running", reply.text
    download = platform.relay(second, reply.json(), card, {})
    assert download.state == "done", download.error
    assert app_state(platform, seid, APP) != "Ready"
    assert any(a.sd_aid == bytes.fromhex(SSD) for a in card.state.apps if not a.is_sd)

    with platform.sessions() as session:
        refusals = [e.detail for e in session.scalars(sa.select(AuditEntry).where(AuditEntry.event == "operation.refused"))]
    assert [(r["code"], r["kind"], r["terminal"]) for r in refusals] == [
        ("sd.keys_updating", kind, "counter-02") for kind in ("download", "perso_update", "sd_delete")
    ]
