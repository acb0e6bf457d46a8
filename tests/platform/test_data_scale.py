"""The scale-of-data generator in small (``hallterm bench --data-scale 20000``'s CI smoke test).

The database really holds the rows, with the indexes and constraints the migrations made (the
foreign keys were validated when they were created again after the COPY), and every statement
the counter services send reads the big tables through an index: the plan's shape, not its time.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.bench import data_scale, hot_plans
from tests.platform.conftest import _fresh_pg_database

N = 20_000


def scalar(conn: psycopg.Connection[tuple[int]], sql: str, params: list[str]) -> int:
    row = conn.execute(sql, params).fetchone()  # type: ignore[arg-type]  # a composed literal
    assert row is not None
    return int(row[0])


@pytest.fixture(scope="module")
def generated(pg_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, data_scale.Generated]:
    url = _fresh_pg_database(pg_server_url)
    key = tmp_path_factory.mktemp("scale") / "master.key"
    return url, key, data_scale.generate(url, N, key, say=lambda _line: None)


@pytest.mark.postgres
def test_the_database_holds_n_ses_bound_to_subscribers_with_apps(
        generated: tuple[str, Path, data_scale.Generated]) -> None:
    url, _key, g = generated
    ours = [data_scale.SEID_PREFIX + "%"]
    with psycopg.connect(data_scale.conninfo(url)) as conn:
        counted = {table: scalar(conn, f"SELECT count(*) FROM {table} WHERE seid LIKE %s", ours)
                   for table in ("secure_elements", "msisdn_bindings", "se_app_states")}
        per_se: dict[int, int] = dict(conn.execute(  # type: ignore[arg-type]
            "SELECT apps, count(*) FROM (SELECT s.seid, count(a.seid) AS apps FROM secure_elements s "
            "LEFT JOIN se_app_states a ON a.seid = s.seid WHERE s.seid LIKE %s GROUP BY s.seid) x GROUP BY apps",
            ours).fetchall())
        owners = scalar(conn, "SELECT count(DISTINCT b.msisdn) FROM msisdn_bindings b "
                              "JOIN subscribers s ON s.msisdn = b.msisdn WHERE b.seid LIKE %s", ours)
    assert counted == {"secure_elements": N, "msisdn_bindings": N, "se_app_states": g.rows["se_app_states"]}
    assert g.rows["subscribers"] == owners == data_scale.subscribers_for(N)
    assert set(per_se) == {0, 1, 2, 3, 4, 5} and sum(per_se.values()) == N
    assert 0.15 * N < per_se[0] < 0.35 * N  # a quarter of the SEs have no app
    assert g.rows["operations"] == N // 2 and g.rows["operation_steps"] == N
    assert g.same_schema and any("PRIMARY KEY" in line for line in g.schema_after)
    assert any("FOREIGN KEY (seid) REFERENCES secure_elements(seid)" in line for line in g.schema_after)


@pytest.mark.postgres
def test_every_hot_statement_reads_the_big_tables_through_an_index(
        generated: tuple[str, Path, data_scale.Generated]) -> None:
    url, key, _g = generated
    plans = hot_plans.explain(url, hot_plans.hot_statements(url, key))
    read: dict[str, set[str]] = {}
    for plan in plans:
        for kind, relation in plan.scans:
            read.setdefault(relation, set()).add(kind)
    for table in ("secure_elements", "msisdn_bindings", "subscribers", "se_app_states", "subscriptions",
                  "se_key_states", "operations"):
        assert read[table] & {"Index Scan", "Index Only Scan", "Bitmap Heap Scan"}, (table, read[table])
        assert "Seq Scan" not in read[table], table
    assert [(" ".join(p.statement.sql.split())[:120], p.flagged) for p in plans if p.flagged] == []


@pytest.mark.postgres
def test_a_scan_of_a_big_table_is_flagged(generated: tuple[str, Path, data_scale.Generated]) -> None:
    url, _key, _g = generated
    unindexed = hot_plans.Statement("SELECT seid FROM secure_elements WHERE status = %(s)s", {"s": "lost"})
    [plan] = hot_plans.explain(url, {unindexed.sql: unindexed})
    assert plan.flagged == ["secure_elements"] and any("Seq Scan" in line for line in plan.lines)
