"""SMS PUSH figures: worker claim + CMPP submit throughput, and PUSH downloads end to end.

1. ``--items`` task items over as many SEs on SQLite; one worker claims and submits them through
   the CMPP binding into the gateway simulator: pushes per second.
2. ``--phones`` virtual SEs with wallet agents (tests/tasks/rig.py): one download task by PUSH;
   wall time until all are done, and downloads per second.

    .venv/bin/python tests/bench/bench_push.py --items 2000 --phones 50

Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ota.platform import tls
from ota.platform.auth import Principal
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.platform.models import MsisdnBinding, SecureElement, Subscriber
from ota.platform.sms.gateway import CmppGateway
from ota.platform.sms.simulator import GatewaySimulator
from ota.platform.tasks.schemas import CreateTask
from ota.platform.tasks.service import TaskService
from ota.platform.tasks.worker import PushSettings, Worker
from ota.protocol import Role, TerminalKind
from tests.tasks.rig import FAST, make_rig, seid_of


def worker_throughput(items: int, tmp: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp / 'bench.sqlite3'}")
    upgrade(engine)
    sessions = session_factory(engine)
    seids = [f"8686990000{i:010d}" for i in range(items)]
    with transaction(sessions) as session:
        for i, seid in enumerate(seids):
            session.add(SecureElement(seid=seid))
            session.add(Subscriber(msisdn=f"136{i:08d}", region="X"))
            session.flush()
            session.add(MsisdnBinding(seid=seid, msisdn=f"136{i:08d}"))
    who = Principal(0, "bench", Role.ADMIN, "X", "bench", TerminalKind.LAPTOP)
    TaskService(sessions).create(who, CreateTask.model_validate(
        {"name": "bench", "operations": [{"kind": "lock"}], "target": {"type": "seids", "seids": seids}}))
    with GatewaySimulator({"901234": "s"}) as sim:
        worker = Worker(sessions, CmppGateway("127.0.0.1", sim.sp_port, "901234", "s"), PushSettings(batch=200))
        t0 = time.perf_counter()
        sent = worker.run_until_idle()
        elapsed = time.perf_counter() - t0
    print(f"worker (SQLite): {sent} PUSH SMS claimed and submitted over CMPP in {elapsed:.2f} s "
          f"= {sent / elapsed:.0f} pushes/s")
    engine.dispose()


def end_to_end(phones: int, tmp: Path) -> None:
    rig = make_rig(tmp, tls.generate(tmp / "tls"))
    try:
        rig.add_phones(range(phones))
        for i in range(phones):
            rig.wallet(i)
        rig.start_worker(FAST)
        t0 = time.perf_counter()
        task = rig.call("POST", "/admin/tasks", json={
            "name": "bench", "operations": [{"kind": "download", "params": {"app_id": "JCMemory"}}],
            "target": {"type": "range", "start": seid_of(0), "end": seid_of(phones - 1)}})
        detail = rig.wait_task(task["task"]["id"], lambda d: d["task"]["status"] == "finished", timeout=600)
        elapsed = time.perf_counter() - t0
        done = detail["task"]["counts"].get("done", 0)
        print(f"end to end (SQLite, HTTPS, one worker): {done}/{phones} PUSH downloads in {elapsed:.1f} s "
              f"= {done / elapsed:.2f} downloads/s")
    finally:
        rig.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--phones", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        worker_throughput(args.items, Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        end_to_end(args.phones, Path(tmp))


if __name__ == "__main__":
    main()
