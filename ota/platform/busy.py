"""Database contention as a typed, retryable refusal instead of an incident.

Under load SQLite answers "database is locked" once its busy timeout runs out, and PostgreSQL
ends a transaction that lost a lock or serialisation race.  The request's transaction has been
rolled back, so nothing was half done: the terminal may send the same request again (every step
is retry-safe), and the clerk, if it still fails, reads ``platform.busy`` with a next step.
Classified by the driver's error type and code, never by message text.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError

_SQLITE_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_POSTGRES_RETRYABLE = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available
RETRY_AFTER_S = 1


def is_contention(exc: BaseException) -> bool:
    """Whether ``exc`` is the database refusing for contention (retry later), not a fault."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    if isinstance(orig, sqlite3.OperationalError):
        return getattr(orig, "sqlite_errorcode", None) in _SQLITE_BUSY
    return getattr(orig, "sqlstate", None) in _POSTGRES_RETRYABLE
