"""One SE, one download by PUSH: the shortest path through task, worker, CMPP, wallet, relay."""

from __future__ import annotations

from ota.push import WALLET_PORT, decode_push
from tests.tasks.rig import FAST, Rig, seid_of


def test_one_download_reaches_the_phone_by_push(rig: Rig) -> None:
    rig.add_phones([0])
    rig.wallet(0)
    rig.start_worker(FAST)
    task = rig.call("POST", "/admin/tasks", json={
        "name": "one", "operations": [{"kind": "download", "params": {"app_id": "JCMemory"}}],
        "target": {"type": "seids", "seids": [seid_of(0)]},
    })
    detail = rig.wait_task(task["task"]["id"], lambda d: d["task"]["status"] == "finished", timeout=30)
    assert detail["task"]["counts"].get("done") == 1, detail
    [sent] = rig.sim.submitted()
    sms = decode_push(sent.submit.msg_content)
    assert sms.dest_port == WALLET_PORT and sms.seid.hex().upper() == seid_of(0)
    assert any(app.aid.hex().upper().startswith("A0") or app.aid for app in rig.cards[0].state.apps)
