"""The SD key-update period acts (seed §5.3.1, §5.8.3.2), over HTTPS on SQLite and PostgreSQL:
each SE's SD records when its keys were set; once older than the SD's period the SE is listed
as due (API and ``hallterm platform sd due-key-updates``); with no newer key version nothing can
be scheduled and that is said and audited; with one, a task of one ``sd_create`` (the SD key
update) per SE is scheduled, the SE's next contact at a counter runs it, the card gets the new
version and the SE is no longer due."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from ota.gp.constants import Privilege
from ota.platform.db import transaction, utcnow
from ota.platform.models import AuditEntry, SecurityDomain, SeSdKeys
from ota.platform.sd_key_period import KeyPeriodScan
from tests.platform.flow_support import FlowPlatform, flow_platform, identity  # noqa: F401
from tests.platform.test_keys_hsm_flows import _run_cli

SSD = "A00000015153504107"


def _due(platform: FlowPlatform, admin: Any) -> list[dict[str, Any]]:
    reply = admin.get(platform.api("/admin/sd-key-updates/due"))
    assert reply.status_code == 200, reply.text
    return list(reply.json()["due"])


def _age(platform: FlowPlatform, seid: str, days: int) -> None:
    with transaction(platform.sessions) as session:
        row = session.get(SeSdKeys, (seid, SSD))
        assert row is not None
        row.keys_set_at = utcnow() - timedelta(days=days)


def test_due_sd_keys_are_listed_scheduled_and_updated_at_next_contact(
    flow_platform: FlowPlatform,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    platform = flow_platform
    platform.keystore.add_key_set("ssd-period", 0x01, os.urandom(16), os.urandom(16), os.urandom(16))
    with transaction(platform.sessions) as session:
        session.add(SecurityDomain(aid=SSD, name="Mobile SSD", owner="mobile", privileges=int(Privilege.SECURITY_DOMAIN),
                                   key_set_ref="ssd-period", key_update_days=30))
    card = platform.card()
    seid = card.state.seid.hex().upper()
    assert platform.run("sd_create", card, sd_aid=SSD).state == "done"
    row = platform.query_db(sa.select(SeSdKeys).where(SeSdKeys.seid == seid))
    assert [(r.sd_aid, r.kvn) for r in row] == [(SSD, 0x01)]

    admin, clerk = platform.login("admin"), platform.login("clerk1")
    assert _due(platform, admin) == []  # keys fresh
    assert clerk.get(platform.api("/admin/sd-key-updates/due")).json()["code"] == "auth.forbidden"

    _age(platform, seid, 31)
    [due] = _due(platform, admin)
    assert (due["seid"], due["sd_aid"], due["kvn"], due["newest_kvn"], due["action"]) == (seid, SSD, 1, 1, "import_keys")
    blocked = admin.post(platform.api("/admin/sd-key-updates/schedule")).json()
    assert (blocked["scheduled"], blocked["blocked"], blocked["tasks"]) == (0, {"import_keys": 1}, [])

    # A new key version: the CLI lists the SE as ready and schedules its update.
    platform.keystore.add_key_set("ssd-period", 0x02, os.urandom(16), os.urandom(16), os.urandom(16))
    monkeypatch.setenv("HALLTERM_MASTER_KEY", os.urandom(32).hex())  # the CLI's key service reads versions only
    code, out = _run_cli(["sd", "due-key-updates", "--db", db_url], "", monkeypatch, capsys)
    assert code == 0, out
    listed = json.loads(out)["due"]
    assert [(d["seid"], d["newest_kvn"], d["action"]) for d in listed] == [(seid, 2, "schedule")]
    code, out = _run_cli(["sd", "due-key-updates", "--schedule", "--db", db_url], "", monkeypatch, capsys)
    assert code == 0, out
    report = json.loads(out)
    assert report["scheduled"] == 1 and len(report["tasks"]) == 1
    [task_id] = report["tasks"]
    [due] = _due(platform, admin)
    assert (due["action"], due["task_id"]) == ("scheduled", task_id)
    again = admin.post(platform.api("/admin/sd-key-updates/schedule")).json()
    assert again["scheduled"] == 0 and again["tasks"] == []  # never twice

    # The SE's next contact at a counter runs it, as for any task.
    pending = clerk.get(platform.api(f"/queue/{seid}")).json()
    assert [w["kinds"] for w in pending] == [["sd_create"]]
    work = clerk.post(platform.api("/queue/run"), json=identity(card)).json()
    assert work["state"] == "running", work
    run = platform.relay(clerk, work["operation"], card, {})
    assert run.state == "done", run.error
    assert any(a[1] == 0xD8 for a in run.apdus())  # PUT KEY
    ssd = card.state.app(bytes.fromhex(SSD))
    assert ssd is not None and [k.kvn for k in ssd.key_sets] == [0x02]
    [row] = platform.query_db(sa.select(SeSdKeys).where(SeSdKeys.seid == seid))
    assert row.kvn == 0x02 and row.update_task_id is None
    assert utcnow() - row.keys_set_at < timedelta(minutes=5)
    assert _due(platform, admin) == []
    assert clerk.post(platform.api("/queue/run"), json=identity(card)).json()["state"] == "done"

    events = [(e.event, e.detail) for e in platform.query_db(sa.select(AuditEntry).order_by(AuditEntry.id))]
    assert ("sd.key_update_blocked", {"sd": SSD, "reason": "import_keys", "ses": 1}) in [
        (e, {k: d[k] for k in ("sd", "reason", "ses")}) for e, d in events if e == "sd.key_update_blocked"
    ]
    assert [d["task"] for e, d in events if e == "sd.key_update_scheduled"] == [task_id]
    assert "sd.keys_updated" in [e for e, _ in events]

    # SD deleted: nothing left to update on that SE.
    assert platform.run("sd_delete", card, sd_aid=SSD).state == "done"
    assert platform.query_db(sa.select(SeSdKeys).where(SeSdKeys.seid == seid)) == []

    # The task worker's scan: once per period, nothing left to schedule here.
    scan = KeyPeriodScan(platform.sessions, platform.keystore, every=timedelta(hours=1))
    first = scan()
    assert first is not None and first.scheduled == 0 and first.tasks == []
    assert scan() is None  # the next tick, within the hour: no second scan
