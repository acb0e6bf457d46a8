"""At the counter: the terminal sees the SE's pending task work and runs it on request, as the clerk."""

from __future__ import annotations

import requests

from app.client import PlatformClient
from app.reader import InProcessReader
from app.relay import relay_operation
from app.services.card import connect, release_card
from ota.push import PushWork
from tests.platform.conftest import terminal_cert
from tests.tasks.rig import Rig, seid_of


def test_pending_upgrade_runs_at_the_counter(rig: Rig) -> None:
    rig.add_phones([3])
    rig.call("POST", "/admin/tasks", json={
        "name": "install", "operations": [{"kind": "download", "params": {"app_id": "JCMemory"}}],
        "target": {"type": "seids", "seids": [seid_of(3)]}, "schedule": "delayed", "delay_s": 3600})
    session = requests.Session()
    session.trust_env = False
    session.cert = terminal_cert("counter-01")
    clerk = PlatformClient(rig.server.url, session, ca_file=str(rig.tls.ca_cert))
    clerk.login("clerk1", "clerk1-demo", "counter-01")
    reader = InProcessReader(rig.cards[3], "counter reader")
    card = connect(lambda _n: reader, None)
    try:
        pending = clerk._call("GET", f"/queue/{seid_of(3)}", None, None)
        assert [w["kinds"] for w in pending] == [["download"]]
        identity = card.identity.to_protocol()
        work = clerk._call("POST", "/queue/run", identity, PushWork)
        assert work.state == "running" and work.operation is not None
        final = relay_operation(clerk, card.transport, work.operation)
        assert final.state == "done"
        assert clerk._call("POST", "/queue/run", identity, PushWork).state == "done"
        assert clerk._call("GET", f"/queue/{seid_of(3)}", None, None) == []
    finally:
        release_card(card)
        session.close()
    assert rig.cards[3].state.apps
