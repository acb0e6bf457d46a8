"""Scale of data (seed §6.2 "千万级用户", issue 15 item 4): a PostgreSQL database with N SEs.

``generate`` migrates a database with the Alembic chain, seeds it as the other benches do (test
operators and terminals, the demo catalogue and batches, keys), then bulk-loads by ``COPY … FROM
STDIN`` (psycopg's ``cursor.copy``) rows made by generators of text lines, never ORM objects:

- N secure elements in the DEMO-A batch (0.3 % lost), some with a last sync;
- N × 0.95 subscribers over 31 regions; every SE bound to one (the last 5 % of SEs are second
  SEs of the first subscribers: one MSISDN may own several SEs, §5.5.2);
- 0–5 installed applications per SE (25 % none, a few popular apps, Zipf-like), with their
  per-SE state, and each subscriber's subscriptions to the apps of their first SE;
- key states (KVN, sequence counter) of every SE that has apps;
- N / 2 past operations over 90 days (seed §6.1: 0.5 % of users a day), 3 % failed, with two
  stored step answers each, and N / 50 past logins (expired bearer tokens).

Not generated: the audit log (its rows chain SHA-256 hashes; the hot path reads only its last
row by primary key and appends), task items, SE content snapshots.

Indexes and constraints: before the COPY the big tables' primary keys, unique constraints,
foreign keys (theirs and those pointing at them) and indexes are dropped, and after it they are
created again from the definitions PostgreSQL printed for them (``pg_get_constraintdef`` /
``pg_get_indexdef``), then VACUUM ANALYZE: building a B-tree once over sorted input beats
inserting ten million keys one by one.  ``Generated.same_schema`` says whether the indexes and
constraints afterwards are exactly the ones the migrations made.

What the hot path's statements do on such a database is ``hot_plans.py``'s part.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa

BIG_TABLES = ("secure_elements", "subscribers", "msisdn_bindings", "se_app_states", "subscriptions",
              "se_key_states", "operations", "operation_steps", "auth_sessions")
"""The tables that grow with the number of subscribers or their traffic: what the generator fills."""
SEID_PREFIX = "868601A"  # inside DEMO-A (868601…); the benches' random SEIDs almost never start so
MSISDN_PREFIX = "15"
REGIONS = [f"P{p:02d}" for p in range(31)]  # 31 provinces
SECOND_SE_SHARE = 20  # one SE in 20 is a subscriber's second SE
OPERATIONS_PER_SE = 0.5
STEPS_PER_OPERATION = 2  # the stored answers of a past operation's steps
LOGINS_PER_SE = 0.02  # past counter logins (bearer tokens, expired)
HISTORY_DAYS = 90
APPS_PER_SE = [(0, 25), (1, 30), (2, 20), (3, 12), (4, 8), (5, 5)]  # (apps, percent of SEs)
COMBOS = 4096  # distinct app sets dealt to SEs: drawn once, so a row costs no random draws
CHUNK = 20_000  # lines per COPY write


@dataclass
class Generated:
    ses: int
    rows: dict[str, int]
    seconds: dict[str, float]
    database_bytes: int
    same_schema: bool
    schema_before: list[str] = field(default_factory=list)
    schema_after: list[str] = field(default_factory=list)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def conninfo(url: str) -> str:
    """A libpq connection string for a SQLAlchemy URL."""
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def seid_of(i: int) -> str:
    return f"{SEID_PREFIX}{i:013X}"


def msisdn_of(j: int) -> str:
    return f"{MSISDN_PREFIX}{j:09d}"


def subscribers_for(n: int) -> int:
    return n - n // SECOND_SE_SHARE


def _mix(i: int, modulus: int) -> int:
    """A cheap deterministic spread of ``i`` over ``range(modulus)`` (Knuth's multiplicative hash)."""
    return ((i * 2654435761) & 0xFFFFFFFF) % modulus


# -- the rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    batch_id: int
    apps: list[tuple[int, str]]  # (id, name), most popular first
    operator_id: int
    terminal_id: str


def _catalogue(conn: psycopg.Connection[Any]) -> Catalogue:
    batch = conn.execute("SELECT id FROM se_batches WHERE name = 'DEMO-A'").fetchone()
    apps = conn.execute("SELECT id, name FROM applications ORDER BY id").fetchall()
    operator = conn.execute("SELECT id FROM operators WHERE name = 'clerk1'").fetchone()
    terminal = conn.execute("SELECT id FROM terminals WHERE id = 'counter-01'").fetchone()
    if batch is None or not apps or operator is None or terminal is None:
        raise RuntimeError("the database is not seeded (DEMO-A batch, catalogue, clerk1, counter-01)")
    return Catalogue(batch[0], [(a[0], a[1]) for a in apps], operator[0], terminal[0])


def _combos(app_ids: list[int], seed: int = 20261202) -> list[list[tuple[int, str]]]:
    """COMBOS app sets: how many apps by APPS_PER_SE, which by popularity (weight 1/rank), each with
    a state (mostly Usable, some Personalized, 3 % Locked)."""
    rng = random.Random(seed)
    counts = [k for k, share in APPS_PER_SE for _ in range(share)]
    weights = [1 / (rank + 1) for rank in range(len(app_ids))]
    out = []
    for _ in range(COMBOS):
        k = min(rng.choice(counts), len(app_ids))
        chosen: list[int] = []
        while len(chosen) < k:
            app = rng.choices(app_ids, weights)[0]
            if app not in chosen:
                chosen.append(app)
        out.append([(app, rng.choices(["Usable", "Personalized", "Locked"], [80, 17, 3])[0]) for app in chosen])
    return out


def _stamps(count: int = 9973) -> list[str]:
    """Timestamps over the last HISTORY_DAYS days, as COPY text."""
    now = int(time.time())
    rng = random.Random(7)
    return [time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(now - rng.randrange(HISTORY_DAYS * 86400)))
            for _ in range(count)]


class Rows:
    """The line generators of each big table for ``n`` SEs (COPY text format, \\N for NULL)."""

    def __init__(self, n: int, catalogue: Catalogue) -> None:
        self.n, self.cat = n, catalogue
        self.subscribers = subscribers_for(n)
        self.combos = _combos([a for a, _ in catalogue.apps])
        self.names = dict(catalogue.apps)
        self.stamps = _stamps()

    def combo(self, i: int) -> list[tuple[int, str]]:
        return self.combos[_mix(i, COMBOS)]

    def stamp(self, i: int) -> str:
        return self.stamps[i % len(self.stamps)]

    def secure_elements(self) -> Iterator[str]:
        batch, free = self.cat.batch_id, 512 * 1024
        for i in range(self.n):
            status = "lost" if i % 331 == 0 else "active"
            sync = self.stamp(i + 1) if i % 3 else "\\N"
            used = 24_000 * len(self.combo(i))
            yield (f"{seid_of(i)}\t{batch}\t{status}\t{free - used}\t\\N\t{sync}\t{self.stamp(i)}"
                   "\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N")

    def subscribers_rows(self) -> Iterator[str]:
        for j in range(self.subscribers):
            in_service = "f" if j % 199 == 0 else "t"
            yield f"{msisdn_of(j)}\t{REGIONS[j % len(REGIONS)]}\t46000{j:010d}\t{in_service}"

    def bindings(self) -> Iterator[str]:
        for i in range(self.n):
            yield f"{seid_of(i)}\t{msisdn_of(i % self.subscribers)}\t{self.stamp(i)}"

    def app_states(self) -> Iterator[str]:
        for i in range(self.n):
            seid = seid_of(i)
            for app, state in self.combo(i):
                yield f"{seid}\t{app}\t{state}\t{self.stamp(i + app)}"

    def subscriptions(self) -> Iterator[str]:
        for j in range(self.subscribers):
            msisdn = msisdn_of(j)
            for app, _state in self.combo(j):
                yield f"{msisdn}\t{app}\tt\t{self.stamp(j + app)}"

    def key_states(self) -> Iterator[str]:
        for i in range(self.n):
            if self.combo(i):
                yield f"{seid_of(i)}\t1\t{_mix(i, 3000) + 1}\tf\t\\N\t{self.stamp(i)}"

    @property
    def operation_count(self) -> int:
        return int(self.n * OPERATIONS_PER_SE)

    def operations(self) -> Iterator[str]:
        kinds = ["query"] * 8 + ["download"] * 5 + ["delete"] * 3 + ["lock", "unlock", "change_number"]
        op, terminal = self.cat.operator_id, self.cat.terminal_id
        for k in range(self.operation_count):
            i = _mix(k, self.n)
            seid, kind = seid_of(i), kinds[k % len(kinds)]
            ident, op_id = _operation_id(k)
            combo = self.combo(i)
            params = json.dumps({"app_id": self.names[combo[0][0]]}) if combo and kind != "query" else "{}"
            failed = k % 33 == 0
            error = '{"code": "card.removed"}' if failed else "\\N"
            stamp = self.stamp(k)
            yield (f"{op_id}\t{kind}\t{seid}\t{'failed' if failed else 'done'}\t3\t{ident}\t{ident}{ident}\t{op}"
                   f"\t{terminal}\t{{\"seid\": \"{seid}\"}}\t{params}\t{{}}\t\\N\t{{}}\t{error}\t\\N\t{stamp}\t{stamp}")

    def operation_steps(self) -> Iterator[str]:
        for k in range(self.operation_count):
            ident, op_id = _operation_id(k)
            for step in range(1, STEPS_PER_OPERATION + 1):
                yield f'{op_id}\t{step}\t{ident}{ident}\t{{"state": "running", "step": {step + 1}}}\t{self.stamp(k)}'

    def auth_sessions(self) -> Iterator[str]:
        op, terminal = self.cat.operator_id, self.cat.terminal_id
        for k in range(int(self.n * LOGINS_PER_SE)):
            stamp = self.stamp(k)
            yield f"{k:064x}\t{op}\t{terminal}\t{stamp}\t{stamp}\tf\t{stamp}"


def _operation_id(k: int) -> tuple[str, str]:
    """A unique 32-hex identity for past operation ``k`` (an odd multiplier is a bijection mod 2^128),
    and the operation's id in UUID form."""
    ident = f"{(k * 0x9E3779B97F4A7C15) & ((1 << 128) - 1):032x}"
    return ident, f"{ident[:8]}-{ident[8:12]}-{ident[12:16]}-{ident[16:20]}-{ident[20:]}"


COLUMNS: dict[str, tuple[str, Callable[[Rows], Iterable[str]]]] = {
    "secure_elements": ("seid, batch_id, status, recorded_free_space, measured_free_space, last_sync, created_at, "
                        "kdd, cin, iin, cplc_serial, reconcile, reconcile_detail", Rows.secure_elements),
    "subscribers": ("msisdn, region, imsi, in_service", Rows.subscribers_rows),
    "msisdn_bindings": ("seid, msisdn, bound_at", Rows.bindings),
    "se_app_states": ("seid, application_id, state, updated_at", Rows.app_states),
    "subscriptions": ("msisdn, application_id, active, updated_at", Rows.subscriptions),
    "se_key_states": ("seid, kvn, seq, near_limit, rolled_at, updated_at", Rows.key_states),
    "operations": ("id, kind, seid, state, step, idempotency_key, request_hash, operator_id, terminal_id, card, "
                   "params, checkpoint, script, result, error, need_card, created_at, updated_at", Rows.operations),
    "operation_steps": ("operation_id, step, request_hash, response, created_at", Rows.operation_steps),
    "auth_sessions": ("token_hash, operator_id, terminal_id, issued_at, expires_at, revoked, last_seen_at",
                      Rows.auth_sessions),
}
"""What COPY fills, in an order that satisfies the foreign keys once they are back."""


def _copy(conn: psycopg.Connection[Any], table: str, columns: str, lines: Iterable[str]) -> int:
    count = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == CHUNK:
                copy.write("\n".join(chunk) + "\n")
                count += len(chunk)
                chunk.clear()
        if chunk:
            copy.write("\n".join(chunk) + "\n")
            count += len(chunk)
    return count


# -- indexes and constraints around the COPY ---------------------------------------------------------


@dataclass(frozen=True)
class Schema:
    constraints: list[tuple[str, str, str, str]]  # (table, name, type p/u/f, definition)
    indexes: list[tuple[str, str, str]]  # (table, name, definition) of indexes that back no constraint

    def describe(self) -> list[str]:
        return sorted([f"{t}.{n} {kind} {d}" for t, n, kind, d in self.constraints] +
                      [f"{t}.{n} {d}" for t, n, d in self.indexes])


def _schema(conn: psycopg.Connection[Any]) -> Schema:
    tables = list(BIG_TABLES)
    constraints = conn.execute(
        "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "WHERE c.contype IN ('p', 'u', 'f') AND (c.conrelid::regclass::text = ANY(%(t)s) "
        "OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY(%(t)s)))", {"t": tables}).fetchall()
    indexes = conn.execute(
        "SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
        "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(%(t)s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)", {"t": tables}).fetchall()
    return Schema([tuple(r) for r in constraints], [tuple(r) for r in indexes])  # type: ignore[misc]


def _drop(conn: psycopg.Connection[Any], schema: Schema) -> None:
    order = {"f": 0, "u": 1, "p": 2}
    for table, name, _kind, _d in sorted(schema.constraints, key=lambda c: order[c[2]]):
        conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for _table, name, _d in schema.indexes:
        conn.execute(f"DROP INDEX {name}")


def _create(conn: psycopg.Connection[Any], schema: Schema) -> None:
    order = {"p": 0, "u": 1, "f": 2}
    for table, name, kind, definition in sorted(schema.constraints, key=lambda c: order[c[2]]):
        if kind == "f":
            continue
        conn.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    for _table, _name, definition in schema.indexes:
        conn.execute(definition)
    for table, name, kind, definition in schema.constraints:
        if kind == "f":
            conn.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


# -- the whole generation -----------------------------------------------------------------------------


def generate(url: str, n: int, master_key: Path, say: Callable[[str], None] = print) -> Generated:
    """Migrate and seed ``url`` (PostgreSQL), then COPY the rows of ``n`` SEs into it."""
    from tests.bench.platform_proc import seed

    seconds: dict[str, float] = {}
    began = time.perf_counter()
    engine, _sessions, _keystore = seed(url, master_key)
    engine.dispose()
    seconds["migrate + seed"] = time.perf_counter() - began
    rows: dict[str, int] = {}
    with psycopg.connect(conninfo(url)) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute("SET synchronous_commit = off")
        cat = _catalogue(conn)
        before = _schema(conn)
        began = time.perf_counter()
        _drop(conn, before)
        conn.commit()
        seconds["drop indexes"] = time.perf_counter() - began
        made = Rows(n, cat)
        for table, (columns, lines) in COLUMNS.items():
            began = time.perf_counter()
            rows[table] = _copy(conn, table, columns, lines(made))
            conn.commit()
            seconds[f"COPY {table}"] = time.perf_counter() - began
            say(f"   COPY {table}: {rows[table]:,} rows in {seconds[f'COPY {table}']:.1f} s")
        began = time.perf_counter()
        _create(conn, before)
        conn.commit()
        seconds["indexes + constraints"] = time.perf_counter() - began
        began = time.perf_counter()
        conn.autocommit = True
        conn.execute("VACUUM (ANALYZE)")
        seconds["vacuum analyze"] = time.perf_counter() - began
        after = _schema(conn)
        size_row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    size = int(size_row[0]) if size_row else 0
    return Generated(n, rows, seconds, size, before.describe() == after.describe(), before.describe(),
                     after.describe())


def size_text(count: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"

