"""A bounded schemathesis run against the served OpenAPI: no input makes the platform answer 5xx.

Real HTTPS with an enrolled terminal's certificate, on SQLite and PostgreSQL, once with a
clerk's token and once with an administrator's.  Examples are derandomised (the same run every
time) and bounded per operation so the whole file stays well under a minute per database.
"""

from __future__ import annotations

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from tests.platform.conftest import Platform

EXAMPLES_PER_OPERATION = 8
SKIPPED = {("POST", "/api/v1/logout")}  # would end the session the rest of the run uses


def _fuzz(platform: Platform, client: requests.Session) -> list[str]:
    document = client.get(platform.api("/openapi.json")).json()
    schema = schemathesis.openapi.from_dict(document)
    server_errors: list[str] = []
    tried = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue

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
    assert tried >= 10 * EXAMPLES_PER_OPERATION // 2, "the run covered too little to mean anything"
    return server_errors


def test_no_server_errors_for_clerk_and_admin(platform: Platform) -> None:
    for operator in ("clerk1", "admin"):
        client = platform.login(operator)
        assert _fuzz(platform, client) == [], operator
        assert client.get(platform.api("/operations")).status_code in (200, 401, 403)
