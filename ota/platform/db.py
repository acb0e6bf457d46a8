"""Database plumbing: engine creation, sessions, UTC timestamps and schema migrations.

SQLite is the embedded default, PostgreSQL the production database.  Nothing here is global:
the app factory receives an engine (or URL) and keeps its own session factory.

SQLite runs every transaction as ``BEGIN IMMEDIATE``: a write lock is taken at the start, so
two transactions never both read and then fail to upgrade to a write ("database is locked"
ignores the busy timeout in that case).  That serialises writers, which is what the per-SE
lease and the audit chain need, at a throughput that is plenty for an embedded platform.
A session that only reads (:func:`reading`) starts with a plain ``BEGIN`` instead: in WAL mode
it reads a snapshot without waiting for, or holding up, the writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

import orjson
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapper, Session, make_transient_to_detached, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_READ_ONLY = "hallterm_read_only"
"""Connection execution option: this transaction only reads (SQLite: no write lock)."""
_PINNED_PER_SESSION = 512
_T = TypeVar("_T")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(sa.TypeDecorator[datetime]):
    """A timestamp that is always an aware UTC ``datetime`` in Python.

    SQLite keeps no time zone, PostgreSQL returns the session's zone; normalising here means
    expiry comparisons and the audit hash never depend on the database.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def json_dumps(value: Any) -> str:
    """JSON for the JSON columns: orjson, several times faster than the standard library on a
    download's script (issue 15 item 1); the standard library for what orjson refuses
    (integers beyond 64 bits, keys that are not text), so nothing storable is refused.

    Reading stays with the standard library: orjson reads an integer beyond 64 bits as a float,
    which would change what an audit entry's hash covers."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value)


def make_engine(url: str | sa.URL, **kwargs: Any) -> Engine:
    """Create an engine with the project's connection settings for SQLite or PostgreSQL."""
    url = sa.make_url(url)
    kwargs.setdefault("json_serializer", json_dumps)
    if url.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {}).update(
            {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        engine = sa.create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2"):
        url = url.set(drivername="postgresql+psycopg")
    kwargs.setdefault("pool_pre_ping", True)
    return sa.create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level so that the "begin" hook below decides how
        # transactions start (pysqlite's own BEGIN would be DEFERRED).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        read_only = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class PlatformSession(Session):
    """A session whose ``get`` by primary key runs a statement built once per model.

    ``Session.get`` builds, annotates and hashes a new SELECT on every miss of the identity map
    (about 0.4 ms of CPU, several times the query itself); a step looks up a dozen rows by key.
    Here the SELECT is built once per mapper with bound parameters, so the statement cache finds
    it at once.  Same semantics: the identity map first (a row this session already holds, an
    expired one refreshed, a deleted one ``None``), then one SELECT; any option falls back to
    ``Session.get``."""

    def get(self, entity: Any, ident: Any, **options: Any) -> Any:
        mapper = sa.inspect(entity, raiseerr=False)
        values = list(ident) if isinstance(ident, tuple) else [ident]
        if (
            options
            or not isinstance(mapper, Mapper)
            or mapper.always_refresh
            or len(values) != len(mapper.primary_key)
            or any(v is None for v in values)
        ):
            return super().get(entity, ident, **options)
        held = self._identity_lookup(mapper, values)  # what Session.get consults first
        if held is not None:
            return held if isinstance(held, mapper.class_) else None
        params = {f"pk{i}": v for i, v in enumerate(values)}
        return self.execute(_by_primary_key(mapper), params).scalars().first()


_BY_PRIMARY_KEY: dict[Mapper[Any], sa.Select[Any]] = {}


def _by_primary_key(mapper: Mapper[Any]) -> sa.Select[Any]:
    statement = _BY_PRIMARY_KEY.get(mapper)
    if statement is None:
        condition = sa.and_(*(c == sa.bindparam(f"pk{i}") for i, c in enumerate(mapper.primary_key)))
        statement = _BY_PRIMARY_KEY[mapper] = sa.select(mapper).where(condition)
    return statement


# --- writes without the unit of work (issue 15 item 1, round 5) ------------------------------------
# The ORM's flush (change detection, dependency sort, attribute events) cost more than the
# statements a step writes.  The hot path writes a row with one Core statement built once per
# model and tells the loaded object the new values as its committed state: nothing is flushed
# for it later.  One caveat: a savepoint rolled back after such a write does not restore the
# object in memory, so whoever catches the rollback expires the session (``engine._run``).


def update_row(session: Session, instance: Any, **values: Any) -> None:
    """Write ``values`` (attribute names = column names) to ``instance``'s row with one UPDATE
    by primary key and make them its loaded state."""
    state = sa.inspect(instance)
    params = {f"pk{i}": v for i, v in enumerate(state.identity)}  # held even while expired
    session.connection().execute(_update_by_primary_key(state.mapper), {**params, **values})
    for name, value in values.items():
        set_committed_value(instance, name, value)


def insert_row(session: Session, model: type[_T], **values: Any) -> _T:
    """INSERT one row given every column, and return it as a loaded object of the session."""
    mapper = cast(Mapper[Any], sa.inspect(model))
    session.connection().execute(sa.insert(cast(sa.Table, mapper.local_table)), values)
    instance = model(**values)
    make_transient_to_detached(instance)
    session.add(instance)
    return instance


_UPDATE_BY_PRIMARY_KEY: dict[Mapper[Any], sa.Update] = {}


def _update_by_primary_key(mapper: Mapper[Any]) -> sa.Update:
    statement = _UPDATE_BY_PRIMARY_KEY.get(mapper)
    if statement is None:
        table = cast(sa.Table, mapper.local_table)
        condition = sa.and_(*(c == sa.bindparam(f"pk{i}") for i, c in enumerate(mapper.primary_key)))
        statement = _UPDATE_BY_PRIMARY_KEY[mapper] = sa.update(table).where(condition)
    return statement


def session_factory(engine: Engine) -> sessionmaker[Session]:
    sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False, class_=PlatformSession)
    event.listen(sessions, "loaded_as_persistent", _pin)
    return sessions


def _pin(session: Session, instance: object) -> None:
    """Hold every row a session loads until the session ends.

    The identity map keeps rows only weakly: a row a flow looked up and let go of (the SE, its
    batch) was loaded again by the next ``session.get`` of the same step.  Sessions last one
    request, so holding them costs little and makes the repeated look-ups free.  The first
    ``_PINNED_PER_SESSION`` only: a session that walks a whole table (``audit.verify``, an
    export) must not keep it all in memory."""
    pinned = session.info.setdefault("pinned", [])
    if len(pinned) < _PINNED_PER_SESSION:
        pinned.append(instance)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any exception."""
    with sessions() as session, session.begin():
        yield session


@contextmanager
def reading(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session that only reads: on SQLite it takes no write lock (a write in it fails)."""
    with sessions() as session:
        session.connection(execution_options={_READ_ONLY: True})
        yield session


def alembic_config(engine: Engine | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; safe to call at every start."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def schema_diff(engine: Engine) -> list[Any]:
    """Differences between the migrated database and the ORM models (empty when in step)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from ota.platform.models import Base

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))
