"""Personalisation mode 2 with TK / KEK and its update on an installed application (seed
§5.8.4.6.2), on the HSM key service over HTTPS: the application takes STORE DATA itself in a
channel on its SD's keys; the key service decrypts the TK data and translates the KEK-protected
value to that channel's session DEK, which the application decrypts."""

from __future__ import annotations

import logging
import os

import pytest
import sqlalchemy as sa

from ota.gp.crypto import pad80, tdes_cbc_encrypt, tdes_ecb_encrypt
from ota.gp.scp02 import StaticKeys
from ota.platform.db import transaction
from ota.platform.models import Application, AuditEntry, Base, SeBatch, SecurityDomain
from ota.vse.card import VirtualCard
from tests.platform.flow_support import FlowPlatform, app_state
from tests.platform.test_keys_hsm_flows import REF, _card_on, hsm_platform  # noqa: F401

APP = "YubicoYubiKeyOath"


def _template(transport: StaticKeys, clear: bytes, secret: bytes) -> dict[str, object]:
    return {
        "mode": 2,
        "format": "DGI",
        "transport": "transport-acme",
        "records": [
            {"tag": "0101", "tk": tdes_cbc_encrypt(transport.enc, pad80(clear)).hex()},
            {"tag": "8010", "kek": tdes_ecb_encrypt(transport.dek, secret).hex()},
        ],
    }


def _set_template(platform: FlowPlatform, template: dict[str, object] | None) -> None:
    with transaction(platform.sessions) as session:
        row = session.scalars(sa.select(Application).where(Application.name == APP)).one()
        row.perso_template, row.needs_personalisation = template, template is not None


def _everything_stored(platform: FlowPlatform) -> str:
    with platform.sessions() as session:
        return " ".join(
            str(row) for table in Base.metadata.sorted_tables for row in session.execute(sa.select(table))
        ).upper()


def _app_data(card: VirtualCard) -> dict[int, bytes]:
    return next(a for a in card.state.apps if not a.is_sd and a.data).data


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_mode2_tk_kek_and_its_update(hsm_platform: FlowPlatform, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    platform = hsm_platform
    with transaction(platform.sessions) as session:  # C-DECRYPTION: the TK data travel encrypted too
        for batch in session.scalars(sa.select(SeBatch)):
            batch.scp_level = 0x03
    transport = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    platform.keystore.add_key_set("transport-acme", 1, transport.enc, transport.mac, transport.dek)
    card = platform.card()
    seid = card.state.seid.hex().upper()

    early = platform.run("perso_update", card, app_id=APP)  # not installed yet: refused, nothing sent
    assert early.state == "failed" and early.error["code"] == "perso.not_installed"
    assert not [a for a in early.apdus() if a[1] == 0xE2]

    secrets: list[bytes] = []
    secret, clear = os.urandom(16), b"never sent by download"
    _set_template(platform, _template(transport, clear, secret))
    assert platform.run("download", card, app_id=APP).state == "done"
    assert app_state(platform, seid, APP) == "Instantiated"  # its mode-2 steps are perso_update's

    for round_ in range(2):  # personalise, then update with new data
        secret, clear = os.urandom(16), f"ACME loyalty {round_:04d} {os.urandom(4).hex()}".encode()
        secrets += [secret, clear]
        _set_template(platform, _template(transport, clear, secret))
        run = platform.run("perso_update", card, app_id=APP)
        assert run.state == "done", run.error
        assert run.result["sd_channels"] == 1
        stores = [a for a in run.apdus() if a[1] == 0xE2]
        assert stores and all(a[0] == 0x84 for a in stores)  # the app's own commands, C-MACed
        assert stores[-1][2] & 0x60 == 0x60  # "encrypted": the app decrypts with its SD's session DEK
        data = _app_data(card)
        assert data[0x0101] == clear and data[0x8010] == secret  # what the app decrypted itself
    assert app_state(platform, seid, APP) in ("Personalized", "Usable")

    with platform.sessions() as session:
        events = [e.event for e in session.scalars(sa.select(AuditEntry))]
    assert events.count("perso.updated") == 2 and "key.soft_translate" in events

    # Leak scan: no clear provider value or transport key in the database, logs or responses.
    haystack = _everything_stored(platform) + caplog.text.upper()
    haystack += " ".join(str(r.scripts) + str(r.view) for r in (early, run)).upper()
    for value in [*secrets, transport.enc, transport.mac, transport.dek]:
        assert value.hex().upper() not in haystack
    assert clear.decode().upper() not in haystack


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_mode2_refusals_are_typed_and_audited(hsm_platform: FlowPlatform) -> None:
    platform = hsm_platform
    transport = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    platform.keystore.add_key_set("transport-acme", 1, transport.enc, transport.mac, transport.dek)
    card = platform.card()
    _set_template(platform, None)
    assert platform.run("download", card, app_id=APP).state == "done"
    before = dict(_app_data(card)) if any(a.data for a in card.state.apps if not a.is_sd) else {}

    none = platform.run("perso_update", card, app_id=APP)
    assert none.state == "failed" and none.error["code"] == "perso.no_template"

    bad = {"mode": 2, "transport": "transport-acme", "records": [{"tag": "8010", "kek": "not hex"}]}
    _set_template(platform, bad)
    run = platform.run("perso_update", card, app_id=APP)
    assert run.state == "failed" and run.error["code"] == "perso.template"

    unknown = {"mode": 2, "transport": "transport-nobody", "records": [{"tag": "8010", "kek": "00" * 16}]}
    _set_template(platform, unknown)
    run = platform.run("perso_update", card, app_id=APP)
    assert run.state == "failed" and run.error["code"] == "perso.transport_key"
    after = {k: v for a in card.state.apps if not a.is_sd for k, v in a.data.items()}
    assert after == before  # nothing was stored by the refused runs
    with transaction(platform.sessions) as session:  # under a third-party SD: its provider's (mode 1)
        acme = SecurityDomain(aid="A00000015153504102", name="ACME SSD", owner="third_party", privileges=0x800000)
        session.add(acme)
        session.flush()
        session.scalars(sa.select(Application).where(Application.name == APP)).one().sd_aid = acme.aid
    _set_template(platform, _template(transport, b"x", bytes(16)))
    run = platform.run("perso_update", card, app_id=APP)
    assert run.state == "failed" and run.error["code"] == "perso.third_party_sd" and run.round_trips == 0
    with platform.sessions() as session:
        failed = session.scalars(sa.select(AuditEntry).where(AuditEntry.event == "operation.failed")).all()
    codes = [e.detail["error"] for e in failed if e.detail.get("kind") == "perso_update"]
    assert codes == ["perso.no_template", "perso.template", "perso.transport_key", "perso.third_party_sd"]
    assert not any(e.detail.get("incident") for e in failed)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_mode2_uses_the_keys_of_the_apps_own_mobile_ssd(hsm_platform: FlowPlatform) -> None:
    """The channel is on the SSD's own keys (its counter moves), the KEK value lands under its DEK."""
    platform = hsm_platform
    ssd = "A00000015153504101"
    batch_keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    sd_keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    transport = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    platform.keystore.add_key_set(REF, 0x01, batch_keys.enc, batch_keys.mac, batch_keys.dek)
    platform.keystore.add_key_set("ssd-mobile", 0x01, sd_keys.enc, sd_keys.mac, sd_keys.dek)
    platform.keystore.add_key_set("transport-acme", 1, transport.enc, transport.mac, transport.dek)
    with transaction(platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.key_set_ref, batch.diversification = REF, "visa2"
        session.add(
            SecurityDomain(aid=ssd, name="Mobile SSD", owner="mobile", privileges=0x800000, key_set_ref="ssd-mobile")
        )
        session.flush()
        session.scalars(sa.select(Application).where(Application.name == APP)).one().sd_aid = ssd
    _set_template(platform, None)
    card = _card_on(platform, batch_keys)
    assert platform.run("sd_create", card, sd_aid=ssd).state == "done"
    assert platform.run("download", card, app_id=APP).state == "done"
    own = card.state.app(bytes.fromhex(ssd))
    assert own is not None
    seq_before = own.key_sets[0].seq

    secret, clear = os.urandom(16), b"issued 2026-12-02"
    _set_template(platform, _template(transport, clear, secret))
    run = platform.run("perso_update", card, app_id=APP)
    assert run.state == "done", run.error
    assert own.key_sets[0].seq == seq_before + 1  # one session on the SSD's own key set
    data = _app_data(card)
    assert data[0x0101] == clear and data[0x8010] == secret
