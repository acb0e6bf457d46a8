"""GET /api/v1/apps: the catalog the download screen lists, over real HTTPS."""

from __future__ import annotations

import sqlalchemy as sa

from ota.platform.db import transaction
from ota.platform.models import Provider
from ota.protocol import Catalog
from tests.platform.flow_support import FlowPlatform, flow_platform  # noqa: F401


def _catalog(platform: FlowPlatform) -> Catalog:
    client = platform.login("clerk1")
    reply = client.get(platform.api("/apps"))
    assert reply.status_code == 200, reply.text
    return Catalog.model_validate(reply.json())


def test_catalog_lists_every_demo_cap_with_its_size(flow_platform: FlowPlatform) -> None:
    catalog = _catalog(flow_platform)
    assert len(catalog.apps) == 5, [e.name for e in catalog.apps]
    pgp = next(e for e in catalog.apps if e.aid.startswith("D276000124010304"))
    assert pgp.size > 20_000
    assert all(e.title_zh and e.title_en for e in catalog.apps)


def test_catalog_hides_a_blacklisted_provider(flow_platform: FlowPlatform) -> None:
    with transaction(flow_platform.sessions) as session:
        for provider in session.scalars(sa.select(Provider)):
            provider.blacklisted = True
    assert _catalog(flow_platform).apps == []


def test_catalog_needs_a_login(flow_platform: FlowPlatform) -> None:
    import requests

    from tests.platform.conftest import terminal_cert

    anonymous = requests.Session()  # an enrolled terminal, but nobody logged in
    anonymous.trust_env = False
    anonymous.cert = terminal_cert("counter-01")
    reply = anonymous.get(flow_platform.api("/apps"), verify=str(flow_platform.ca))
    assert reply.status_code == 401
