"""The terminal's own record of every service run (SQLite through SQLAlchemy Core).

Crash safety is by construction, not by recovery code: a run is written as one row in one
transaction when it starts (``state = "running"``) and that row is updated in one transaction when
it ends.  SQLite in WAL mode with ``synchronous=FULL`` makes each commit atomic and durable, so
after a ``kill -9`` the file opens fine and holds only whole rows; a run that never finished
stays ``running`` and the end-of-day list shows it as interrupted.

Receipts are JSON and carry no keys, no passwords and no APDU data.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

metadata = sa.MetaData()

runs = sa.Table(
    "service_runs",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("started_at", sa.String(32), nullable=False, index=True),
    sa.Column("finished_at", sa.String(32)),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("operator", sa.String(64), nullable=False),
    sa.Column("terminal", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("seid", sa.String(64)),
    sa.Column("msisdn", sa.String(32)),
    sa.Column("app_id", sa.String(64)),
    sa.Column("ok", sa.Boolean),
    sa.Column("error_code", sa.String(64)),
    sa.Column("duration_s", sa.Float),
    sa.Column("receipt", sa.Text, nullable=False, default="{}"),
    sa.Column("operation_id", sa.String(64)),
)

# One statement each, the values bound per call: SQLAlchemy compiles them once (a service writes
# its row three times, and each write sits between the clerk and the card).
_INSERT = runs.insert()
_UPDATE = runs.update().where(runs.c.id == sa.bindparam("row_id"))

RUNNING, DONE, FAILED, CANCELLED = "running", "done", "failed", "cancelled"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class JournalEntry:
    """One service run as the clerk's end-of-day list shows it."""

    operator: str
    terminal: str
    kind: str
    started_at: datetime = field(default_factory=_now)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    state: str = RUNNING
    finished_at: datetime | None = None
    seid: str | None = None
    msisdn: str | None = None
    app_id: str | None = None
    ok: bool | None = None
    error_code: str | None = None
    duration_s: float | None = None
    receipt: dict[str, Any] = field(default_factory=dict)
    operation_id: str | None = None

    @property
    def interrupted(self) -> bool:
        """Still ``running`` in the record: the process died before the end (or is running)."""
        return self.state == RUNNING


def _iso(value: datetime | None) -> str | None:
    # ISO strings in UTC sort and compare correctly as text, so day queries need no casts.
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value else None


def _to_row(entry: JournalEntry) -> dict[str, Any]:
    row = asdict(entry)
    row["started_at"] = _iso(entry.started_at)
    row["finished_at"] = _iso(entry.finished_at)
    row["receipt"] = json.dumps(entry.receipt, ensure_ascii=False, sort_keys=True, default=str)
    return row


def _from_row(row: sa.Row[Any]) -> JournalEntry:
    data = dict(row._mapping)
    data["started_at"] = datetime.fromisoformat(data["started_at"])
    if data["finished_at"]:
        data["finished_at"] = datetime.fromisoformat(data["finished_at"])
    data["receipt"] = json.loads(data["receipt"] or "{}")
    return JournalEntry(**data)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def open_engine(path: Path | str) -> Engine:
    """An engine on a journal file, WAL and fully synchronous."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(f"sqlite:///{path}")
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class Journal:
    """The service-run record.  Thread-safe: every call is its own short transaction."""

    def __init__(self, engine_or_path: Engine | Path | str) -> None:
        self.engine = engine_or_path if isinstance(engine_or_path, Engine) else open_engine(engine_or_path)
        metadata.create_all(self.engine)

    def record(self, entry: JournalEntry) -> JournalEntry:
        """Insert or replace the whole row for ``entry.id`` in one transaction."""
        row = _to_row(entry)
        with self.engine.begin() as conn:
            if conn.execute(_UPDATE, {**row, "row_id": entry.id}).rowcount == 0:
                conn.execute(_INSERT, row)
        return entry

    def begin(self, operator: str, terminal: str, kind: str, **fields: Any) -> JournalEntry:
        """Write the ``running`` row before any card or network work starts."""
        return self.record(JournalEntry(operator=operator, terminal=terminal, kind=kind, **fields))

    def finish(
        self, entry: JournalEntry, state: str, ok: bool, error_code: str | None = None, **fields: Any
    ) -> JournalEntry:
        """Close a run: state, result, duration and receipt in one update."""
        end = _now()
        done = replace(
            entry,
            state=state,
            ok=ok,
            error_code=error_code,
            finished_at=end,
            duration_s=round((end - entry.started_at).total_seconds(), 3),
            **fields,
        )
        return self.record(done)

    def get(self, entry_id: str) -> JournalEntry | None:
        with self.engine.connect() as conn:
            row = conn.execute(runs.select().where(runs.c.id == entry_id)).first()
        return _from_row(row) if row else None

    def unfinished(self, operator: str, terminal: str) -> list[JournalEntry]:
        """This operator's runs on this terminal that never ended and had reached the platform."""
        query = runs.select().where(
            runs.c.state == RUNNING,
            runs.c.operator == operator,
            runs.c.terminal == terminal,
            runs.c.operation_id.is_not(None),
        )
        with self.engine.connect() as conn:
            return [_from_row(r) for r in conn.execute(query.order_by(runs.c.started_at))]

    def day(self, day: date, operator: str | None = None, tz: Any = None) -> list[JournalEntry]:
        """Runs started on ``day`` (local midnight to midnight in ``tz``; default local time)."""
        start = datetime.combine(day, time.min, tzinfo=tz) if tz else datetime.combine(day, time.min).astimezone()
        end = start + timedelta(days=1)
        query = runs.select().where(runs.c.started_at >= _iso(start), runs.c.started_at < _iso(end))
        if operator:
            query = query.where(runs.c.operator == operator)
        with self.engine.connect() as conn:
            return [_from_row(r) for r in conn.execute(query.order_by(runs.c.started_at))]

    def close(self) -> None:
        self.engine.dispose()
