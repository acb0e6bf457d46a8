"""Bills per cycle and their FTP transfer to BOSS, against a real FTP server that fails on purpose."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ota.platform import auth
from ota.platform.billing import service as billing
from ota.platform.billing.ftp import BillSender, FtpTarget
from ota.platform.db import session_factory, transaction, upgrade
from ota.platform.models import Application, Bill, Operation, Provider, SeAppState, SecureElement
from ota.protocol import Role, TerminalKind
from tests.platform.ftp_server import FlakyFtp

TODAY = datetime.now(UTC).date()


def _seed(db: Engine) -> None:
    upgrade(db)
    sessions = session_factory(db)
    with transaction(sessions) as session:
        operator = auth.add_operator(session, "c", "pw-c-12345", Role.CLERK, "GD-GZ")
        auth.add_terminal(session, "t1", TerminalKind.COUNTER, "GD-GZ")
        acme = Provider(name="ACME")
        session.add(acme)
        session.flush()
        app = Application(name="Transit", version="1", provider_id=acme.id, code_size=2500)
        session.add(app)
        session.flush()
        for i, state in enumerate(["Usable", "Usable", "Loaded", "Ready"]):
            seid = f"8686050000000000000{i}"
            session.add(SecureElement(seid=seid))
            session.flush()
            session.add(SeAppState(seid=seid, application_id=app.id, state=state))
        for kind in ["download", "download", "delete", "lock"]:
            session.add(Operation(
                id=str(uuid.uuid4()), kind=kind, seid="86860500000000000000", state="done", step=3,
                idempotency_key=uuid.uuid4().hex, request_hash="x", operator_id=operator.id, terminal_id="t1",
                card={}, params={"app_id": "Transit"}, checkpoint={}))
        billing.set_strategy(session, "admin", "ACME", provider_type="third_party", sd_space="non_fixed",
                             cycle="daily", granularity=1024, space_unit_price=5,
                             function_prices={"download": {"mode": "per_use", "price": 100},
                                              "delete": {"mode": "monthly", "price": 300}},
                             bundles=[{"name": "lockpack", "kinds": ["lock", "unlock"], "price": 50}])


def test_a_days_bill_and_its_charge_types(db: Engine) -> None:
    _seed(db)
    sessions = session_factory(db)
    [bill] = billing.generate(sessions, TODAY)
    lines = bill.content.decode().splitlines()
    assert lines[0] == f"H|HALLTERM|ACME|{TODAY:%Y%m%d}|third_party|daily"
    # 3 users hold it (Usable, Usable, Loaded: an instance-only delete keeps it), 2500 B = 3 KB units.
    assert "S|SPACE|Transit|3|2500|3|5|45|rule5" in lines
    assert "B|BUNDLE|lockpack|1|50|50|bundle" in lines
    assert "F|FUNC_DOWNLOAD|download|2|100|200|per_use" in lines
    assert "F|FUNC_DELETE|delete|1|300|300|monthly" in lines
    assert lines[-1] == "T|4|595" and bill.total == 595
    assert billing.generate(sessions, TODAY) == []  # one bill per provider and cycle

    with transaction(sessions) as session:
        billing.change_type(session, "admin", "FUNC_DOWNLOAD", archived=True)
        billing.add_type(session, "admin", "FUNC_PERSO", "个人化功能费", "personalisation")
        codes = {t.code: (t.enabled, t.archived) for t in billing.list_types(session)}
        assert codes["FUNC_DOWNLOAD"] == (False, True) and codes["FUNC_PERSO"] == (True, False)
        assert "FUNC_DOWNLOAD" not in {t.code for t in billing.list_types(session, include_archived=False)}
        session.execute(sa.delete(Bill))
    [again] = billing.generate(sessions, TODAY)
    assert "FUNC_DOWNLOAD" not in again.content.decode() and again.total == 395


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_ftp_failures_and_a_restart_lose_nothing_and_duplicate_nothing(db: Engine, tmp_path: Path) -> None:
    _seed(db)
    [bill] = billing.generate(session_factory(db), TODAY)
    inbox = tmp_path / "boss"
    inbox.mkdir()
    ftp = FlakyFtp(inbox).start()
    try:
        target = FtpTarget("127.0.0.1", ftp.port, "boss", "boss-pw")
        ftp.plan = ["451", "drop"]
        first = BillSender(session_factory(db), target, attempts=2, backoff=0.01)
        assert first.send_pending() == []
        with session_factory(db)() as session:
            row = session.get(Bill, bill.id)
            assert row is not None and row.state == "generated" and row.attempts == 2 and row.last_error
        assert ftp.files() == []

        # The data file lands, the checksum does not, and the process "dies" (a new sender follows).
        ftp.plan = ["ok", "451"]
        assert BillSender(session_factory(db), target, attempts=1, backoff=0.01).send_pending() == []
        assert ftp.files() == [bill.file_name]

        restarted = BillSender(session_factory(db), target, attempts=3, backoff=0.01)
        assert restarted.send_pending() == [bill.file_name]
        assert restarted.send_pending() == []  # sent bills are not sent again
    finally:
        ftp.stop()
    assert ftp.files() == [bill.file_name, f"{bill.file_name}.sha256"]
    landed = (inbox / bill.file_name).read_bytes()
    assert landed == bill.content
    assert (inbox / f"{bill.file_name}.sha256").read_text() == \
        f"{hashlib.sha256(landed).hexdigest()}  {bill.file_name}\n"
    assert ftp.stored.count(f"{bill.file_name}.part") == 1  # the bill itself went over once
    assert "boss-pw" not in repr(target)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_billing_api(platform) -> None:  # noqa: ANN001
    admin, api = platform.login("admin"), platform.api
    types = admin.get(api("/admin/billing/charge-types")).json()
    assert {"SPACE", "FUNC_DOWNLOAD"} <= {t["code"] for t in types}
    added = admin.post(api("/admin/billing/charge-types"),
                       json={"code": "FUNC_KEYS", "description_zh": "密钥更新", "description_en": "key update"})
    assert added.status_code == 200
    again = admin.post(api("/admin/billing/charge-types"),
                       json={"code": "FUNC_KEYS", "description_zh": "x", "description_en": "x"})
    assert again.status_code == 409 and again.json()["code"] == "billing.type_exists"
    archived = admin.patch(api("/admin/billing/charge-types/FUNC_KEYS"), json={"archived": True}).json()
    assert archived["archived"] and not archived["enabled"]
    listed = admin.get(api("/admin/billing/charge-types"), params={"include_archived": "false"}).json()
    assert "FUNC_KEYS" not in {t["code"] for t in listed}
    assert admin.patch(api("/admin/billing/charge-types/NOPE"), json={"enabled": False}).status_code == 404
    bad = admin.put(api("/admin/billing/strategies/Nobody"), json={"provider_type": "x"})
    assert bad.status_code == 422 and bad.json()["code"] == "request.invalid"
    assert platform.login("clerk1").get(api("/admin/billing/charge-types")).status_code == 403
    assert admin.post(api(f"/admin/billing/bills/{TODAY.isoformat()}")).json() == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_billing_run_command(db: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import main

    _seed(db)
    inbox = tmp_path / "boss"
    inbox.mkdir()
    ftp = FlakyFtp(inbox).start()
    monkeypatch.setenv("HALLTERM_BOSS_FTP_PASSWORD", "boss-pw")
    try:
        ftp.plan = ["drop"]
        argv = ["platform", "billing", "run", "--db", db_url, "--master-key", str(tmp_path / "m.key"),
                "--ftp", f"ftp://boss@127.0.0.1:{ftp.port}/", "--day", TODAY.isoformat()]
        assert main(argv) == 0
        assert main(argv) == 0
    finally:
        ftp.stop()
    assert ftp.files() == sorted([f"HALLTERM_BILL_P0001_{TODAY:%Y%m%d}.txt",
                                  f"HALLTERM_BILL_P0001_{TODAY:%Y%m%d}.txt.sha256"])
