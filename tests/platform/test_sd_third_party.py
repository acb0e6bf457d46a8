"""A third-party supplementary SD keyed with its provider's keys (seed §5.8.3.1.1, §5.8.9.4), on the
HSM key service over HTTPS, SQLite and PostgreSQL: the provider submits its keys under its transport
KEK through the admin API, the key service translates them to the card's session DEK for PUT KEY,
the card's KCVs are checked against the provider's, and nothing of them is ever clear in the
database, the audit trail, the logs or an answer of the platform.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

import pytest
import sqlalchemy as sa

from ota.gp.crypto import odd_parity, tdes_ecb_encrypt
from ota.gp.scp02 import StaticKeys, key_check_value
from ota.platform.db import transaction
from ota.platform.models import AuditEntry, Base, Provider, SeBatch, SecurityDomain
from tests.platform.flow_support import FlowPlatform
from tests.platform.test_keys_hsm_flows import REF, _card_on, hsm_platform  # noqa: F401

SSD = "A00000015153504102"


def _wrapped(kek: bytes, keys: StaticKeys, kcvs: list[bytes] | None = None) -> dict[str, Any]:
    kcvs = kcvs or [key_check_value(k) for k in (keys.enc, keys.mac, keys.dek)]
    return {
        "transport": "transport-acme",
        "kvn": keys.kvn,
        "keys": [
            {"wrapped": tdes_ecb_encrypt(kek, k).hex(), "kcv": kcv.hex()}
            for k, kcv in zip((keys.enc, keys.mac, keys.dek), kcvs, strict=True)
        ],
    }


def _everything_stored(platform: FlowPlatform) -> str:
    """Every row of every table, as text."""
    out = []
    with platform.sessions() as session:
        for table in Base.metadata.sorted_tables:
            out += [str(tuple(row)) for row in session.execute(sa.select(table))]
    return "\n".join(out)


def test_third_party_sd_keys_never_clear(hsm_platform: FlowPlatform, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    platform = hsm_platform
    batch_keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    transport = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    provider_keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x30)
    platform.keystore.add_key_set(REF, 0x01, batch_keys.enc, batch_keys.mac, batch_keys.dek)
    platform.keystore.add_key_set("transport-acme", 0x01, transport.enc, transport.mac, transport.dek)
    with transaction(platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.key_set_ref, batch.diversification = REF, "visa2"
        session.add(Provider(name="ACME Transit"))
    admin = platform.login("admin")
    seen: list[str] = []

    def call(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        reply = admin.request(method, platform.api(path), json=body)
        seen.append(reply.text)
        return {"status": reply.status_code, **reply.json()}

    sd = {"name": "ACME SSD", "owner": "third_party", "provider": "ACME Transit", "mode": "authorized"}
    assert call("PUT", f"/admin/security-domains/{SSD}", sd)["status"] == 200
    card = _card_on(platform, batch_keys)

    refused = platform.run("sd_create", card, sd_aid=SSD)
    assert refused.state == "failed" and refused.error["code"] == "sd.no_provider_keys"
    assert refused.round_trips == 0

    unknown = call("PUT", f"/admin/security-domains/{SSD}/provider-keys", {**_wrapped(transport.dek, provider_keys), "transport": "transport-nobody"})
    assert unknown["status"] == 409 and unknown["code"] == "sd.transport_unknown"
    submitted = call("PUT", f"/admin/security-domains/{SSD}/provider-keys", _wrapped(transport.dek, provider_keys))
    assert submitted["status"] == 200, submitted
    kcvs = [key_check_value(k).hex().upper() for k in (provider_keys.enc, provider_keys.mac, provider_keys.dek)]
    assert submitted["provider_keys"] == {"transport": "transport-acme", "kvn": 0x30, "kcvs": kcvs}

    run = platform.run("sd_create", card, sd_aid=SSD)
    seen.append(json.dumps([run.view, run.scripts]))
    assert run.state == "done", run.error
    assert run.result["state"] == "Personalized" and run.result["kvn"] == "30"
    ssd = card.state.app(bytes.fromhex(SSD))
    assert ssd is not None and ssd.life_cycle == 0x0F
    [own] = ssd.key_sets
    assert own.kvn == 0x30
    assert [odd_parity(k) for k in (own.enc, own.mac, own.dek)] == [
        odd_parity(k) for k in (provider_keys.enc, provider_keys.mac, provider_keys.dek)
    ]

    # Handed to its owner: the platform cannot open the SD's channel any more, and says so.
    again = platform.run("sd_create", card, sd_aid=SSD)
    assert again.state == "failed" and again.error["code"] == "sd.keyed_by_provider"

    # Keys whose KCV the provider got wrong: the card's KCVs differ, nothing is recorded as done.
    other = _card_on(platform, batch_keys)
    bad = _wrapped(transport.dek, provider_keys, [b"\x00\x00\x01", *(key_check_value(k) for k in (provider_keys.mac, provider_keys.dek))])
    assert call("PUT", f"/admin/security-domains/{SSD}/provider-keys", bad)["status"] == 200
    mismatch = platform.run("sd_create", other, sd_aid=SSD)
    seen.append(json.dumps([mismatch.view, mismatch.scripts]))
    assert mismatch.state == "failed" and mismatch.error["code"] == "sd.kcv_mismatch"

    with platform.sessions() as session:
        events = [e.event for e in session.scalars(sa.select(AuditEntry))]
        row = session.get(SecurityDomain, SSD)
        assert row is not None and row.created_at is not None
    assert {"sd.attributes", "sd.provider_keys", "sd.keys_updated", "key.soft_translate"} <= set(events)

    haystack = (_everything_stored(platform) + "".join(seen) + caplog.text).upper()
    secrets = [provider_keys.enc, provider_keys.mac, provider_keys.dek, transport.enc, transport.dek]
    for secret in secrets:
        for form in (secret.hex(), odd_parity(secret).hex(), secret[:8].hex(), secret[8:].hex()):
            assert form.upper() not in haystack
