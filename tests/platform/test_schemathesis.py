"""A bounded schemathesis run against the served OpenAPI: no input makes the platform answer 5xx.

Real HTTPS with an enrolled terminal's certificate, on SQLite and PostgreSQL, once with a
clerk's token and once with an administrator's.  Examples are derandomised (the same run every
time) and bounded per operation.  The operations are dealt into ``SHARDS`` test items, each on a
fresh platform, so the suite's xdist workers share the run instead of one worker carrying it
alone: the same operations and the same examples, in several pieces.
"""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from tests.platform.conftest import Platform

EXAMPLES_PER_OPERATION = 8
SHARDS = 3
SKIPPED = {("POST", "/api/v1/logout")}  # would end the session the rest of the run uses


def _fuzz(platform: Platform, client: requests.Session, shard: int) -> list[str]:
    """Fuzz every ``SHARDS``-th operation of the served schema, starting with the ``shard``-th."""
    document = client.get(platform.api("/openapi.json")).json()
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [o for o in operations if (o.method.upper(), o.path) not in SKIPPED]
    assert len(operations) >= 10 * SHARDS, "the schema serves too few operations to mean anything"
    server_errors: list[str] = []
    tried = 0
    for operation in operations[shard::SHARDS]:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            nonlocal tried
            tried += 1
            response = case.call(base_url=platform.url, session=client, timeout=30,
                                 verify=str(platform.ca), cert=client.cert)
            if response.status_code >= 500:
                server_errors.append(f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}")

        check()
    # As many calls as a whole run needed (10 operations' worth of half their examples), dealt out.
    assert tried >= -(-10 * EXAMPLES_PER_OPERATION // 2 // SHARDS), "the run covered too little to mean anything"
    return server_errors


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("operator", ["clerk1", "admin"])
def test_no_server_errors_for_clerk_and_admin(platform: Platform, operator: str, shard: int) -> None:
    client = platform.login(operator)
    assert _fuzz(platform, client, shard) == [], operator
    assert client.get(platform.api("/operations")).status_code in (200, 401, 403)
