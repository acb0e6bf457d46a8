"""A whole PUSH world in one process: platform (HTTPS, real flows, demo catalog), CMPP gateway
simulator, task worker, virtual SEs and their wallet agents."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.reader import InProcessReader
from app.wallet import WalletAgent, WalletLink
from ota.platform import auth
from ota.platform.api import create_app
from ota.platform.cards import ensure_se
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.platform.demo import init_demo
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.models import MsisdnBinding, Subscriber
from ota.platform.server import ServerThread
from ota.platform.sms.gateway import CmppGateway, SmsGateway
from ota.platform.sms.simulator import GatewaySimulator
from ota.platform.tasks.worker import PushSettings, Worker, WorkerThread
from ota.platform.tls import TlsFiles
from ota.protocol import API_PREFIX, Role
from ota.vse.card import VirtualCard
from ota.vse.factory import new_card
from tests.platform.conftest import enrol_test_terminals, terminal_cert

SP_ID, SP_SECRET = "901234", "sp-secret"
ADMIN = ("admin-t", "pw-admin-t")


def seid_of(i: int) -> str:
    return f"868601{0x100 + i:014X}"


def msisdn_of(i: int) -> str:
    return f"139{i:08d}"


@dataclass
class Rig:
    engine: Engine
    sessions: sessionmaker[Session]
    server: ServerThread
    sim: GatewaySimulator
    tls: TlsFiles
    worker: WorkerThread | None = None
    cards: dict[int, VirtualCard] = field(default_factory=dict)
    agents: dict[int, WalletAgent] = field(default_factory=dict)
    admin: requests.Session | None = None

    def api(self, path: str) -> str:
        return f"{self.server.url}{API_PREFIX}{path}"

    def add_phones(self, indexes: range | list[int], bind: bool = True) -> None:
        with transaction(self.sessions) as session:
            for i in indexes:
                ensure_se(session, seid_of(i))
                if bind:
                    session.add(Subscriber(msisdn=msisdn_of(i), region="GD-GZ", imsi=f"46000{i:010d}"))
                    session.flush()
                    session.add(MsisdnBinding(seid=seid_of(i), msisdn=msisdn_of(i)))
        for i in indexes:
            self.cards[i] = new_card(None, bytes.fromhex(seid_of(i)))  # per-card keys, as the demo batch

    def bind(self, i: int) -> None:
        with transaction(self.sessions) as session:
            session.add(Subscriber(msisdn=msisdn_of(i), region="GD-GZ", imsi=f"46000{i:010d}"))
            session.flush()
            session.add(MsisdnBinding(seid=seid_of(i), msisdn=msisdn_of(i)))

    def wallet(self, i: int) -> WalletAgent:
        """Switch phone ``i`` on: its wallet agent registers with the gateway's handset side."""
        reader = InProcessReader(self.cards[i], f"phone {i}")
        link = WalletLink(self.server.url, _session(), ca_file=str(self.tls.ca_cert))
        agent = WalletAgent(msisdn_of(i), [None], lambda _name: reader, link,
                            ("127.0.0.1", self.sim.handset_port), wait_s=0.1).start()
        self.agents[i] = agent
        return agent

    def start_worker(self, settings: PushSettings, gateway: SmsGateway | None = None) -> Worker:
        gateway = gateway or CmppGateway.from_url(f"cmpp://{SP_ID}:{SP_SECRET}@127.0.0.1:{self.sim.sp_port}")
        worker = Worker(self.sessions, gateway, settings, worker_id="test-worker")
        self.worker = WorkerThread(worker, interval=0.05).start()
        return worker

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        assert self.admin is not None
        reply = self.admin.request(method, self.api(path), **kwargs)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def wait_task(self, task_id: str, done: Callable[[dict[str, Any]], bool], timeout: float = 240) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            detail = self.call("GET", f"/admin/tasks/{task_id}")
            if done(detail):
                return detail
            if time.monotonic() > deadline:
                raise AssertionError(f"task not settled in {timeout}s: {detail['task']['counts']} "
                                     f"{[(f['reason'], f['count']) for f in detail['failures']]}")
            time.sleep(0.1)

    def close(self) -> None:
        for agent in self.agents.values():
            agent.stop()
        if self.worker:
            self.worker.stop()
        if self.admin is not None:
            self.admin.close()
        self.server.stop()
        self.sim.stop()
        self.engine.dispose()


def _session() -> requests.Session:
    s = requests.Session()
    s.trust_env = False
    return s


def make_rig(tmp: Path, tls: TlsFiles, db_url: str | None = None) -> Rig:
    engine = make_engine(db_url or f"sqlite:///{tmp / 'platform.sqlite3'}")
    upgrade(engine)
    sessions = session_factory(engine)
    keystore = SoftwareKeyStore(sessions, b"\x11" * 32)
    init_demo(sessions, keystore)
    with transaction(sessions) as session:
        auth.add_operator(session, ADMIN[0], ADMIN[1], Role.ADMIN, "GD-GZ")
    enrol_test_terminals(sessions)
    app = create_app(engine, keystore=keystore, migrate=False)
    server = ServerThread(app, tls=tls).start()
    sim = GatewaySimulator({SP_ID: SP_SECRET}).start()
    rig = Rig(engine, sessions, server, sim, tls)
    admin = _session()
    admin.verify = str(tls.ca_cert)
    admin.cert = terminal_cert("laptop-01")
    reply = admin.post(rig.api("/login"), json={"operator": ADMIN[0], "password": ADMIN[1], "terminal_id": "laptop-01"})
    assert reply.status_code == 200, reply.text
    admin.headers["Authorization"] = f"Bearer {reply.json()['token']}"
    rig.admin = admin
    return rig


FAST = PushSettings(repush_after=timedelta(seconds=1.5), max_pushes=2, busy_wait=timedelta(seconds=0.2))
