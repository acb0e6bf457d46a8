"""SMS PUSH figures (seed §6.1: 25 MT/s and 10 MO/s at peak): the push table of ``hallterm bench``.

1. MT: ``--items`` task items over as many SEs on SQLite; one worker claims and submits them
   through the CMPP binding into the gateway simulator (real CMPP 2.0 over TCP, every SUBMIT
   decoded and checked byte for byte): PUSH SMS submitted per second.
2. The pulls they cause: ``--phones`` virtual SEs with wallet agents (tests/tasks/rig.py): one
   download task by PUSH; MT submitted, wallet pulls (``push.pull`` in the audit), downloads
   done, and their rates over the wall time until all are done.

MO: the platform receives no MO SMS (``ota/platform/sms/cmpp.py``): a phone answers a PUSH with
a wallet pull over HTTPS, so pulls per second stand beside the seed's 10 MO/s.

    .venv/bin/python tests/bench/bench_push.py --items 2000 --phones 50

Not a test: pytest does not collect it.  Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import sqlalchemy as sa

from ota.platform.auth import Principal
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.platform.models import AuditEntry, MsisdnBinding, SecureElement, Subscriber
from ota.platform.sms.gateway import CmppGateway
from ota.platform.sms.simulator import GatewaySimulator
from ota.platform.tasks.schemas import CreateTask
from ota.platform.tasks.service import TaskService
from ota.platform.tasks.worker import PushSettings, Worker
from ota.protocol import Role, TerminalKind
from tests.platform.conftest import shared_pki
from tests.tasks.rig import FAST, make_rig, seid_of

SEED_MT_S, SEED_MO_S = 25, 10  # seed §6.1, at twice the peak


def worker_throughput(items: int, tmp: Path) -> float:
    """PUSH SMS claimed and submitted per second by one worker; returns the rate."""
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
    engine.dispose()
    return sent / elapsed


@dataclass
class EndToEnd:
    phones: int
    seconds: float
    mt: int
    pulls: int
    done: int


def end_to_end(phones: int, tmp: Path) -> EndToEnd:
    """One download task by PUSH to ``phones`` phones, until every item is done."""
    rig = make_rig(tmp, shared_pki().files)  # the CA that issued the test terminals' certificates
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
        with rig.sessions() as session:
            pulls = session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                                   .where(AuditEntry.event == "push.pull")) or 0
        return EndToEnd(phones, elapsed, len(rig.sim.submitted()), int(pulls), detail["task"]["counts"].get("done", 0))
    finally:
        rig.close()


def table(items: int, phones: int, say: Callable[[str], None] = print) -> None:
    say("== 6. SMS push (seed §6.1 at peak: 25 MT/s, 10 MO/s): gateway simulator speaking CMPP 2.0 over TCP ==")
    with tempfile.TemporaryDirectory() as tmp:
        mt_s = worker_throughput(items, Path(tmp))
    say(f"   MT: one worker claims {items} task items (SQLite) and submits their PUSH SMS over CMPP: "
        f"{mt_s:.0f} MT/s = {mt_s / SEED_MT_S:.1f} x the seed's {SEED_MT_S} MT/s")
    with tempfile.TemporaryDirectory() as tmp:
        e = end_to_end(phones, Path(tmp))
    say(f"   end to end: {phones} phones (virtual SE + wallet agent), one download task by PUSH, platform over HTTPS:")
    say(f"   {'':<20}{'count':>8}{'per s':>9}{'seed peak':>11}")
    say(f"   {'MT submitted':<20}{e.mt:>8}{e.mt / e.seconds:>9.2f}{SEED_MT_S:>11}")
    say(f"   {'wallet pulls':<20}{e.pulls:>8}{e.pulls / e.seconds:>9.2f}{SEED_MO_S:>11}  (MO: a pull over HTTPS, no MO SMS)")
    say(f"   {'downloads done':<20}{e.done:>8}{e.done / e.seconds:>9.2f}{'':>11}  of {phones}, in {e.seconds:.1f} s")
    say("   (end to end is bound by the downloads, one platform in this process; MT/s above is the push path alone)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--phones", type=int, default=50)
    args = parser.parse_args()
    table(args.items, args.phones)


if __name__ == "__main__":
    main()
