"""Two worker processes on one PostgreSQL never push the same task item twice (FOR UPDATE SKIP
LOCKED), through the real CMPP binding into the gateway simulator."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from ota.platform.auth import Principal
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.platform.models import MsisdnBinding, SecureElement, Subscriber, TaskItem
from ota.platform.sms.simulator import GatewaySimulator
from ota.platform.tasks.schemas import CreateTask
from ota.platform.tasks.service import TaskService
from ota.protocol import Role, TerminalKind
from ota.push import decode_push
from tests.platform.conftest import _fresh_pg_database

ROOT = Path(__file__).resolve().parents[2]
N = 60


@pytest.mark.postgres
def test_two_worker_processes_push_each_item_exactly_once(pg_server_url: str, tmp_path: Path) -> None:
    url = _fresh_pg_database(pg_server_url)
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    seids = [f"8686020000{i:010d}" for i in range(N)]
    with transaction(sessions) as session:
        for i, seid in enumerate(seids):
            session.add(SecureElement(seid=seid))
            session.add(Subscriber(msisdn=f"137{i:08d}", region="GD-GZ"))
            session.flush()
            session.add(MsisdnBinding(seid=seid, msisdn=f"137{i:08d}"))
    who = Principal(0, "test-admin", Role.ADMIN, "GD-GZ", "cli", TerminalKind.LAPTOP)
    task = TaskService(sessions).create(who, CreateTask(
        name="lock all", operations=[{"kind": "lock", "params": {"app_id": "X"}}],
        target={"type": "seids", "seids": seids}))

    with GatewaySimulator({"901234": "s3cret"}, submit_delay=0.01) as sim:
        env = {**os.environ, "HALLTERM_CMPP_SECRET": "s3cret", "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "app.cli", "platform", "worker", "--db", url, "--gateway",
                   f"cmpp://901234@127.0.0.1:{sim.sp_port}", "--batch", "4", "--until-idle",
                   "--master-key", str(tmp_path / "master.key")]
        workers = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for _ in range(2)]
        outputs = [w.communicate(timeout=120) for w in workers]
        assert [w.returncode for w in workers] == [0, 0], outputs
        submitted = sim.submitted()

    serials = Counter(decode_push(s.submit.msg_content).serial_hex for s in submitted)
    assert len(submitted) == N and len(serials) == N and set(serials.values()) == {1}
    with sessions() as session:
        items = session.scalars(sa.select(TaskItem).where(TaskItem.task_id == task.task.id)).all()
        assert all(i.pushes == 1 and i.state == "pushed" for i in items)
        by_worker = Counter(i.claimed_by for i in items)
    pushed = [int(out.split()[-1]) for out, _err in outputs]
    assert sum(pushed) == N
    assert len(by_worker) == 2, f"both workers should have claimed work: {by_worker}"
    engine.dispose()
