"""The audit chain notices edited, deleted and forged rows."""

from __future__ import annotations

import sqlalchemy as sa

from ota.platform import audit
from ota.platform.db import session_factory, transaction, upgrade
from ota.platform.models import AuditEntry
from tests.platform.conftest import PASSWORDS, TERMINALS, Platform


def _seed(db) -> None:  # noqa: ANN001
    upgrade(db)
    with transaction(session_factory(db)) as session:
        for i in range(5):
            audit.record(session, "login", f"clerk{i}", terminal="counter-01", n=i)


def test_chain_verifies(db) -> None:  # noqa: ANN001
    _seed(db)
    with session_factory(db)() as session:
        report = audit.verify(session)
    assert report.ok and report.rows == 5 and report.first_bad_id is None


def test_edited_row_is_detected(db) -> None:  # noqa: ANN001
    _seed(db)
    sessions = session_factory(db)
    with transaction(sessions) as session:
        third = session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id).offset(2)).first()
        third_id = third.id
        session.execute(sa.update(AuditEntry).where(AuditEntry.id == third_id).values(actor="mallory"))
    with sessions() as session:
        report = audit.verify(session)
    assert not report.ok and report.first_bad_id == third_id
    assert "content" in report.reason


def test_deleted_row_is_detected(db) -> None:  # noqa: ANN001
    _seed(db)
    sessions = session_factory(db)
    with transaction(sessions) as session:
        ids = session.scalars(sa.select(AuditEntry.id).order_by(AuditEntry.id)).all()
        session.execute(sa.delete(AuditEntry).where(AuditEntry.id == ids[1]))
    with sessions() as session:
        report = audit.verify(session)
    assert not report.ok and report.first_bad_id == ids[2]


def test_auditor_endpoint_reports_the_chain(platform: Platform) -> None:
    admin = platform.login("auditor1")  # reading the audit log is the auditor's (policy table)
    ok = admin.get(platform.api("/admin/audit/verify")).json()
    people = len(PASSWORDS) + len(TERMINALS)
    assert ok["ok"] is True and ok["rows"] == people + 1  # operators + enrolled terminals + 1 login
    with transaction(platform.sessions) as session:
        session.execute(sa.update(AuditEntry).where(AuditEntry.id == 2).values(detail={"x": 1}))
    broken = admin.get(platform.api("/admin/audit/verify")).json()
    assert broken["ok"] is False and broken["first_bad_id"] == 2
    assert platform.login("clerk1").get(platform.api("/admin/audit/verify")).status_code == 403
    assert platform.login("admin").get(platform.api("/admin/audit/verify")).status_code == 403
