"""``hallterm wallet --msisdn … --reader …`` answers a PUSH and runs the task on its card file."""

from __future__ import annotations

import threading
from pathlib import Path

from app.cli import main
from app.config import TerminalConfig, save_config
from ota.vse.card import VirtualCard
from ota.vse.factory import new_card
from tests.tasks.rig import FAST, Rig, msisdn_of, seid_of


def test_wallet_command_pulls_and_runs_the_pushed_task(rig: Rig, tmp_path: Path) -> None:
    rig.add_phones([7])
    card_file = tmp_path / "phone7.json"
    new_card(card_file, bytes.fromhex(seid_of(7)))
    config = TerminalConfig(platform_url=rig.server.url, ca_file=str(rig.tls.ca_cert), terminal_id="wallet",
                            virtual_readers={"Phone SE": str(card_file)})
    save_config(config, tmp_path / "wallet.json")
    result: list[int] = []
    runner = threading.Thread(target=lambda: result.append(main([
        "wallet", "--msisdn", msisdn_of(7), "--reader", "Phone SE", "--config", str(tmp_path / "wallet.json"),
        "--handset", f"127.0.0.1:{rig.sim.handset_port}", "--once"])))
    runner.start()
    rig.start_worker(FAST)
    task = rig.call("POST", "/admin/tasks", json={
        "name": "cli", "operations": [{"kind": "download", "params": {"app_id": "JCMemory"}}],
        "target": {"type": "seids", "seids": [seid_of(7)]}, "schedule": "delayed", "delay_s": 0.5})
    runner.join(60)
    assert result == [0]
    detail = rig.call("GET", f"/admin/tasks/{task['task']['id']}")
    assert detail["items"][0]["state"] == "done"
    assert VirtualCard.load(card_file).state.apps  # the card file itself holds the application
