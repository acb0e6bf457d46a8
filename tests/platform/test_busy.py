"""Database contention is a typed, retryable 503 ``platform.busy``, never a 500 incident."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.exc import DBAPIError, OperationalError

from ota.platform import busy, db
from tests.platform.conftest import Platform


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """SQLite waits 0.3 s for a lock instead of 30 (set before the platform's engine connects)."""
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 300)
    yield


def _sqlite_busy(path: str) -> OperationalError:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        waiter = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            waiter.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            return OperationalError("BEGIN IMMEDIATE", None, e)
        raise AssertionError("the second writer was not refused")
    finally:
        holder.execute("ROLLBACK")


def test_contention_is_told_from_faults_by_driver_code(tmp_path) -> None:  # noqa: ANN001
    assert busy.is_contention(_sqlite_busy(str(tmp_path / "x.db")))
    assert busy.is_contention(DBAPIError("UPDATE", None, psycopg.errors.SerializationFailure()))
    assert busy.is_contention(DBAPIError("SELECT", None, psycopg.errors.LockNotAvailable()))
    assert not busy.is_contention(DBAPIError("SELECT", None, psycopg.errors.UndefinedTable()))
    assert not busy.is_contention(OperationalError("x", None, sqlite3.OperationalError("no such table: x")))
    assert not busy.is_contention(ValueError("database is locked"))  # the text alone means nothing


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_locked_database_answers_503_platform_busy_then_serves(short_busy_timeout, platform: Platform) -> None:  # noqa: ANN001
    clerk = platform.login()
    path = platform.db.url.database
    assert path
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holding the write lock past the busy timeout
    try:
        refused = clerk.post(platform.api("/challenges"), json={"count": 1})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert refused.status_code == 503, refused.text
    assert refused.json()["code"] == "platform.busy" and refused.json()["incident"] is None
    assert refused.headers["Retry-After"] == "1"
    served = clerk.post(platform.api("/challenges"), json={"count": 1})
    assert served.status_code == 200, served.text
