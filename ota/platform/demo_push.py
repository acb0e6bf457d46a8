"""The demo's PUSH and billing showcase (issue 10's "done when").

Starts the CMPP gateway simulator, a task worker and a local BOSS FTP inbox beside the demo
platform, schedules an application upgrade (delete, then download) for the demo phones, and at
the end makes the day's bills and sends them by FTP.  The wallet agents that answer the PUSH
are the caller's (``app/demo.py``): they are the phone's side.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ota.platform.auth import Principal
from ota.platform.billing import service as billing
from ota.platform.billing.boss_ftp import LocalBossFtp
from ota.platform.billing.ftp import BillSender
from ota.platform.db import transaction
from ota.platform.models import Application, Bill, Operator, SeAppState
from ota.platform.sms.gateway import CmppGateway
from ota.platform.sms.simulator import GatewaySimulator
from ota.platform.tasks.schemas import CreateTask, TaskDetail
from ota.platform.tasks.service import TaskService
from ota.platform.tasks.worker import PushSettings, Worker, WorkerThread
from ota.protocol import Role, TerminalKind

SP_ID = "901234"
UPGRADE_APP = "JCMemory"


@dataclass
class BillFile:
    name: str
    path: Path
    rows: int
    total: int
    sha256: str


class PushShowcase:
    def __init__(self, sessions: sessionmaker[Session], data_dir: Path) -> None:
        self.sessions = sessions
        secret = secrets.token_hex(8)
        self.sim = GatewaySimulator({SP_ID: secret}).start()
        gateway = CmppGateway("127.0.0.1", self.sim.sp_port, SP_ID, secret)
        settings = PushSettings(repush_after=timedelta(seconds=20), busy_wait=timedelta(seconds=0.5))
        self.worker = WorkerThread(Worker(sessions, gateway, settings, worker_id="demo-worker"), 0.2).start()
        self.ftp = LocalBossFtp(data_dir / "boss-ftp").start()
        self.tasks = TaskService(sessions)

    @property
    def handset(self) -> tuple[str, int]:
        return ("127.0.0.1", self.sim.handset_port)

    def _admin(self) -> Principal:
        with self.sessions() as session:
            admin = session.scalars(sa.select(Operator).where(Operator.role == Role.ADMIN,
                                                              Operator.name == "admin")).one()
            return Principal(admin.id, admin.name, Role.ADMIN, admin.region, "demo", TerminalKind.LAPTOP)

    def schedule_upgrade(self, seids: list[str], delay_s: float = 2.0) -> list[str]:
        """An install for phones without the application, then the timed upgrade for all."""
        who = self._admin()
        with self.sessions() as session:
            app = session.scalars(sa.select(Application).where(Application.name == UPGRADE_APP)).one()
            holding = set(session.scalars(sa.select(SeAppState.seid).where(
                SeAppState.application_id == app.id, SeAppState.state != "Ready")))
        ids = []
        missing = [s for s in seids if s not in holding]
        if missing:
            install = self.tasks.create(who, CreateTask.model_validate(dict(
                name=f"install {UPGRADE_APP}", operations=[{"kind": "download", "params": {"app_id": UPGRADE_APP}}],
                target={"type": "seids", "seids": missing})))
            ids.append(install.task.id)
        upgrade = self.tasks.create(who, CreateTask.model_validate(dict(
            name=f"upgrade {UPGRADE_APP}", schedule="timed", run_at=datetime.now(UTC) + timedelta(seconds=delay_s),
            operations=[{"kind": "delete", "params": {"app_id": UPGRADE_APP}},
                        {"kind": "download", "params": {"app_id": UPGRADE_APP}}],
            target={"type": "seids", "seids": seids})))
        ids.append(upgrade.task.id)
        return ids

    def wait(self, task_id: str, timeout: float = 120.0) -> TaskDetail:
        deadline = time.monotonic() + timeout
        while True:
            detail = self.tasks.get(task_id)
            if detail.task.status in ("finished", "cancelled") or time.monotonic() > deadline:
                return detail
            time.sleep(0.2)

    def bill_today(self) -> list[BillFile]:
        """The day's bills for the demo providers, sent to the local BOSS inbox by FTP."""
        with transaction(self.sessions) as session:
            for provider in ("CRoCS", "Yubico", "Petr Chovanec", "ANSSI"):
                billing.set_strategy(session, "admin", provider, provider_type="third_party",
                                     sd_space="non_fixed", cycle="daily", granularity=1024, space_unit_price=2,
                                     function_prices={"download": {"mode": "per_use", "price": 100},
                                                      "delete": {"mode": "per_use", "price": 50}})
        billing.generate(self.sessions, datetime.now(UTC).date(), actor="admin")
        BillSender(self.sessions, self.ftp.target, attempts=3, backoff=0.2).send_pending()
        key = datetime.now(UTC).strftime("%Y%m%d")
        with self.sessions() as session:
            bills = session.scalars(sa.select(Bill).where(Bill.cycle_key == key, Bill.state == "sent")
                                    .order_by(Bill.id)).all()
            return [BillFile(b.file_name, self.ftp.inbox / b.file_name, b.rows, b.total, b.sha256) for b in bills
                    if (self.ftp.inbox / b.file_name).exists()]

    def stop(self) -> None:
        self.worker.stop()
        self.sim.stop()
        self.ftp.stop()
