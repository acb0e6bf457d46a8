"""The worker when the SMS gateway is down: nothing is lost or counted as pushed; it goes out
when the gateway is back.  And ``platform serve`` runs one worker on SQLite only."""

from __future__ import annotations

import argparse
import socket
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from ota.platform.auth import Principal
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.platform.models import MsisdnBinding, SecureElement, Subscriber, TaskItem
from ota.platform.sms.gateway import CmppGateway
from ota.platform.sms.simulator import GatewaySimulator
from ota.platform.tasks import cli as tasks_cli
from ota.platform.tasks.schemas import CreateTask
from ota.platform.tasks.service import TaskService
from ota.platform.tasks.worker import PushSettings, Worker
from ota.protocol import Role, TerminalKind

SEID = "86860600000000000001"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_gateway_down_then_back(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    upgrade(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        session.add(SecureElement(seid=SEID))
        session.add(Subscriber(msisdn="13600000001", region="X"))
        session.flush()
        session.add(MsisdnBinding(seid=SEID, msisdn="13600000001"))
    who = Principal(0, "t", Role.ADMIN, "X", "t", TerminalKind.LAPTOP)
    TaskService(sessions).create(who, CreateTask.model_validate(
        {"name": "t", "operations": [{"kind": "lock"}], "target": {"type": "seids", "seids": [SEID]}}))
    port = _free_port()
    settings = PushSettings(busy_wait=timedelta(0))
    down = Worker(sessions, CmppGateway("127.0.0.1", port, "901234", "s", timeout=1), settings)
    assert down.tick() == 1 and down.pushed == 0
    with sessions() as session:
        item = session.scalars(sa.select(TaskItem)).one()
        assert (item.state, item.pushes, item.reason_detail) == ("queued", 0, {"last_gateway_error": "sms.unreachable"})
    with GatewaySimulator({"901234": "s"}, sp_port=port) as sim:
        up = Worker(sessions, CmppGateway("127.0.0.1", port, "901234", "s"), settings)
        assert up.tick() == 1 and up.pushed == 1
        assert len(sim.submitted()) == 1
    with sessions() as session:
        item = session.scalars(sa.select(TaskItem)).one()
        assert (item.state, item.pushes) == ("pushed", 1) and item.gateway_msg_id
    engine.dispose()


def test_serve_runs_one_worker_on_sqlite_only(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    upgrade(engine)
    args = argparse.Namespace(gateway=f"cmpp://901234:s@127.0.0.1:{_free_port()}")
    thread = tasks_cli.serve_worker(args, engine)
    assert thread is not None
    thread.stop()
    assert tasks_cli.serve_worker(argparse.Namespace(gateway=None), engine) is None
    engine.dispose()
