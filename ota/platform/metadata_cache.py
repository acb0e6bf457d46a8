"""Per-process caches of the metadata every step reads, right across processes and hosts
(issue 15 item 1).

Key sets, batches, the catalogue and the people at the counter change seldom and are read on
every step.  Each belongs to a *scope* with one row in ``metadata_versions``; a database trigger
(migration 0014_versions) adds one to it with every INSERT, UPDATE or DELETE of the scope's
tables, in the writer's transaction, whoever writes: this process, another one, another host,
psql.  A process keeps what it read together with the version it read it under, and uses it only
while the database still holds that version:

* a transaction reads all the versions in one tiny SELECT (:func:`versions`), the first time it
  consults a cache, and keeps them until it ends; the authentication of a request reads them in
  its own statement (``ota.platform.principal``);
* the versions first, then the data: data read after the version is at least as new as the
  version says, so a change that commits in between is at worst read again later, never missed;
* versions only go up: a transaction on an older snapshot (SQLite) neither uses nor replaces
  entries read under a newer one;
* a transaction that wrote one of a scope's tables reads that scope from the database and caches
  nothing of it: its own changes are not committed yet and may roll back (:func:`install` watches
  every statement a connection sends, ORM, Core or text).

So a change committed anywhere is seen by every request that starts after it.  Entries are
immutable values (frozen dataclasses, tuples, bytes) or detached ORM copies that
:func:`cached_get` merges into the asking session without a SELECT; nothing unsealed is kept.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapper, Session, make_transient_to_detached
from sqlalchemy.orm.util import identity_key

from ota.platform.models import MetadataVersion

KEYS = "keys"
BATCHES = "batches"
CATALOGUE = "catalogue"
PRINCIPALS = "principals"
SCOPES: dict[str, tuple[str, ...]] = {
    KEYS: ("key_sets",),
    BATCHES: ("se_batches",),
    CATALOGUE: ("applications", "providers", "app_releases", "app_instances"),
    PRINCIPALS: ("operators", "terminals"),
}
"""The tables of each scope; migration 0014_versions puts the triggers on the same ones."""

_SCOPE_OF = {table: scope for scope, tables in SCOPES.items() for table in tables}
_VERSIONS = "hallterm_metadata_versions"
_DIRTY = "hallterm_dirty_scopes"
"""``Connection.info`` keys: the versions this transaction read, the scopes it wrote."""
_WRITE = re.compile(r'^\s*(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+"?(\w+)', re.IGNORECASE)
_HARMLESS = re.compile(r"^\s*(?:select|begin|commit|rollback|savepoint|release|pragma|set|show)\b", re.IGNORECASE)
_SELECT_VERSIONS = sa.select(MetadataVersion.scope, MetadataVersion.version)
VERSIONS_OF_SCOPE = {
    scope: sa.select(MetadataVersion.version).where(MetadataVersion.scope == scope).scalar_subquery()
    for scope in SCOPES
}
"""A scope's version as a scalar subquery, to read it inside a statement a request runs anyway."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


_WATCHED: weakref.WeakSet[Engine] = weakref.WeakSet()


def install(engine: Engine) -> None:
    """Track, per transaction, the scopes a connection wrote (once per engine; ``create_app``
    does it, and a cache asked through an engine nobody installed it on does it then)."""
    if engine in _WATCHED:
        return
    _WATCHED.add(engine)
    event.listen(engine, "begin", _forget)
    event.listen(engine, "commit", _forget)
    event.listen(engine, "rollback", _forget)
    event.listen(engine, "before_cursor_execute", _watch)


def _forget(connection: sa.Connection) -> None:
    connection.info.pop(_VERSIONS, None)
    connection.info.pop(_DIRTY, None)


def _watch(connection: sa.Connection, _cursor: Any, statement: str, *_rest: Any) -> None:
    if _HARMLESS.match(statement):
        return
    written = _WRITE.match(statement)
    scope = _SCOPE_OF.get(written.group(1).lower()) if written else None
    if written and scope is None:
        return  # a table no cache reads
    dirty = connection.info.setdefault(_DIRTY, set())
    dirty.update([scope] if scope else SCOPES)  # anything else (WITH ..., MERGE): every scope


def versions(session: Session) -> dict[str, int]:
    """The scopes' versions as this transaction sees them (one SELECT per transaction)."""
    info = session.connection().info
    found = info.get(_VERSIONS)
    if found is None:
        found = info[_VERSIONS] = dict(session.connection().execute(_SELECT_VERSIONS).tuples().all())
    return found


def wrote(session: Session, scope: str) -> bool:
    """Whether this transaction wrote one of ``scope``'s tables (then its cache is bypassed);
    on an engine not yet watched, whether it did is unknown: yes."""
    connection = session.connection()
    if connection.engine not in _WATCHED:
        install(connection.engine)
        return True
    return scope in connection.info.get(_DIRTY, ())


class _Generation(Generic[K, V]):
    """What one process read of one database under one version of a scope."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.entries: dict[K, V] = {}


class VersionedCache(Generic[K, V]):
    """Values read under one version of one scope, in this process, per database."""

    def __init__(self, scope: str, max_entries: int = 4096) -> None:
        self.scope = scope
        self._max = max_entries
        self._by_db: weakref.WeakKeyDictionary[Engine, _Generation[K, V]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, session: Session, key: K, load: Callable[[], V]) -> V:
        """The value of ``key``: cached if read under the version ``session`` sees, else ``load()``."""
        if wrote(session, self.scope):
            return load()
        return self.get_at(session.connection().engine, versions(session).get(self.scope), key, load)

    def get_at(self, db: Engine, version: int | None, key: K, load: Callable[[], V]) -> V:
        """As :meth:`get`, with the scope's version already read (in the caller's own statement).
        No version (a database made without the migrations, so without their triggers): no cache."""
        if version is None:
            return load()
        with self._lock:
            generation = self._by_db.get(db)
            if generation is None or version > generation.version:
                generation = self._by_db[db] = _Generation(version)
            elif version == generation.version and key in generation.entries:
                return generation.entries[key]
        value = load()
        with self._lock:
            if version == generation.version and len(generation.entries) < self._max:
                generation.entries[key] = value
        return value


_ROWS: dict[type, VersionedCache[Hashable, Any]] = {}
_MERGED = "hallterm_cached_rows"
"""``Session.info`` key: the rows merged from a cache, held for the session like loaded ones."""


def row_cache(model: type, scope: str) -> VersionedCache[Hashable, Any]:
    cache = _ROWS.get(model)
    if cache is None:
        cache = _ROWS[model] = VersionedCache(scope)
    return cache


def cached_get(session: Session, model: type[V], pk: Hashable, scope: str) -> V | None:
    """``session.get(model, pk)`` for a row of a cached scope: a row the session holds, else a
    copy of the cached row merged into the session without a SELECT (changes to it flush as
    usual, and bump the scope's version), else one SELECT."""
    held = session.identity_map.get(identity_key(model, pk))
    if held is not None:
        return held  # type: ignore[no-any-return]
    cache = row_cache(model, scope)
    if wrote(session, scope):
        return session.get(model, pk)
    def load() -> V | None:
        row = session.get(model, pk)
        return detached_copy(row) if row is not None else None

    cached = cache.get(session, pk, load)
    if cached is None:
        return None
    row = session.merge(cached, load=False)
    session.info.setdefault(_MERGED, []).append(row)
    return row


def detached_copy(row: V) -> V:
    """A copy of ``row``'s columns, in no session, that ``Session.merge(load=False)`` accepts."""
    mapper: Mapper[Any] = sa.inspect(type(row), raiseerr=True)
    copy = mapper.class_manager.new_instance()
    for attr in mapper.column_attrs:
        setattr(copy, attr.key, getattr(row, attr.key))
    make_transient_to_detached(copy)
    return copy  # type: ignore[no-any-return]
