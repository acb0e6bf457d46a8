"""A token-mode SD (seed §5.3.1, §5.8.9.3; GPC 2.2.1 §9.3.3, Annex C.4) over HTTPS: the platform,
as the Card Issuer's TSM, signs a token for exactly each command that changes the SD's content; the
virtual SE's ISD verifies it and answers receipts, which the platform checks with the receipt key
and stores with the operation; the SD's provider lists and verifies them through the API (never
another provider's).  A card that does not accept the platform's tokens refuses the load and
keeps nothing; without token keys the platform refuses before sending anything; both audited.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from ota.gp import commands, token
from ota.gp.scp02 import StaticKeys
from ota.platform import auth
from ota.platform.db import transaction
from ota.platform.flows.states import set_state
from ota.platform.keys import dm
from ota.platform.models import (
    Application,
    AppState,
    AuditEntry,
    DmKey,
    DmReceipt,
    LoadFile,
    Provider,
    ProviderAccount,
    SeBatch,
)
from ota.protocol import Role
from ota.vse.card import VirtualCard
from tests.platform.flow_support import FlowPlatform, flow_platform  # noqa: F401
from tests.platform.test_keys_hsm_flows import REF, _card_on, hsm_platform  # noqa: F401

SSD = "A00000015153504107"
APP = "YubicoYubiKeyOath"
SSD_PACKAGE = bytes.fromhex("07A0000001515350")  # as INSTALL [for install] starts: LV of the package AID


def _provider_login(platform: FlowPlatform, account: str, provider: str) -> requests.Session:
    with transaction(platform.sessions) as session:
        provider_id = session.scalar(sa.select(Provider.id).where(Provider.name == provider))
        if provider_id is None:
            row = Provider(name=provider)
            session.add(row)
            session.flush()
            provider_id = row.id
        operator = auth.add_operator(session, account, f"pw-{account}-1", Role.PROVIDER, "-")
        session.add(ProviderAccount(operator_id=operator.id, provider_id=provider_id))
    client = platform.client("laptop-01")
    reply = client.post(platform.api("/login"), json={"operator": account, "password": f"pw-{account}-1", "terminal_id": "laptop-01"})
    assert reply.status_code == 200, reply.text
    client.headers["Authorization"] = f"Bearer {reply.json()['token']}"
    return client


def _token_sd(platform: FlowPlatform) -> tuple[requests.Session, list[str]]:
    """The admin registers the SD in token mode for the app's provider; the app moves into it."""
    admin = platform.login("admin")
    sd = {"name": "Token SSD", "owner": "mobile", "provider": "Yubico", "mode": "token"}
    assert admin.put(platform.api(f"/admin/security-domains/{SSD}"), json=sd).status_code == 200
    with transaction(platform.sessions) as session:
        app = session.scalars(sa.select(Application).where(Application.name == APP)).one()
        app.sd_aid = SSD
        files = [f.aid for f in session.scalars(sa.select(LoadFile).where(LoadFile.application_id == app.id))]
    return admin, files


def _issue(platform: FlowPlatform, card: VirtualCard) -> None:
    """Card issuance: the ISD gets the Card Issuer's public token key and the receipt key."""
    with transaction(platform.sessions) as session:
        keys = dm.issuance(session, platform.keystore, "card-maker")
    card.state.token_modulus, card.state.token_exponent = keys.token_modulus, keys.token_exponent
    card.state.receipt_key = keys.receipt_key


def test_token_mode_download_and_delete_with_receipts(flow_platform: FlowPlatform) -> None:
    platform = flow_platform
    admin, files = _token_sd(platform)
    card = platform.card()

    missing = platform.run("download", card, app_id=APP)  # no token keys yet: nothing is sent
    assert missing.state == "failed" and missing.error["code"] == "sd.token_keys_missing", missing.error
    assert card.state.app(bytes.fromhex(SSD)) is None

    created = admin.post(platform.api("/admin/dm-keys"))
    assert created.status_code == 200, created.text
    assert admin.post(platform.api("/admin/dm-keys")).json()["code"] == "sd.token_keys_exist"
    shown = admin.get(platform.api("/admin/dm-keys")).json()
    assert shown == created.json() and len(shown["token_modulus"]) == 256
    _issue(platform, card)

    run = platform.run("download", card, app_id=APP)
    assert run.state == "done", run.error
    ssd = card.state.app(bytes.fromhex(SSD))
    assert ssd is not None and ssd.privileges & 0xA00000 == 0xA00000  # Delegated Management
    for aid in files:
        assert card.state.load_file(bytes.fromhex(aid)).sd_aid == bytes.fromhex(SSD)  # type: ignore[union-attr]
    receipts = run.result["receipts"]
    assert [r["kind"] for r in receipts][: len(files)] == ["load"] * len(files)
    assert {"install", "extradition"} <= {r["kind"] for r in receipts} and all(r["valid"] for r in receipts)
    assert card.state.confirmation_counter == len(receipts) == receipts[-1]["counter"]
    installs = [a for a in run.apdus() if a[1] == 0xE6 and a[2] in (0x02, 0x0C, 0x10)]
    creates_sd = [a for a in installs if a[5:13] == SSD_PACKAGE]  # the issuer's own INSTALL of the SD: no token
    assert len(creates_sd) == 1 and len(creates_sd[0]) < 128
    assert all(len(a) > 128 for a in installs if a not in creates_sd)  # each carries its 128-byte token

    # The provider lists its receipts and has one verified; a changed one does not verify.
    yubico = _provider_login(platform, "yubico", "Yubico")
    listed = yubico.get(platform.api(f"/admin/security-domains/{SSD}/receipts"))
    assert listed.status_code == 200, listed.text
    stored = listed.json()
    assert [r["counter"] for r in stored] == [r["counter"] for r in receipts] and {r["seid"] for r in stored} == {
        card.state.seid.hex().upper()
    }
    first: dict[str, Any] = {k: stored[0][k] for k in ("kind", "aids", "counter", "card_unique_data", "receipt")}
    verify = platform.api(f"/admin/security-domains/{SSD}/receipts/verify")
    assert yubico.post(verify, json=first).json() == {"valid": True}
    assert yubico.post(verify, json={**first, "counter": first["counter"] + 1}).json() == {"valid": False}
    assert yubico.post(verify, json={**first, "kind": "delete"}).json()["code"] == "sd.receipt_malformed"
    # The third party has a token checked against exactly its command (the ISD's check).
    with transaction(platform.sessions) as session:
        command = commands.install_for_load(bytes.fromhex(files[0]), bytes.fromhex(SSD), bytes(20))
        issued = token.with_token(command, dm.sign(session, platform.keystore, token.token_input(command)))
    tokens = platform.api(f"/admin/security-domains/{SSD}/tokens/verify")
    assert yubico.post(tokens, json={"command": issued.encode().hex()}).json() == {"valid": True}
    other_file = token.with_token(commands.install_for_load(bytes.fromhex(files[0]) + b"\x01", bytes.fromhex(SSD), bytes(20)),
                                  token.split_install_data(0x02, issued.data)[1])
    assert yubico.post(tokens, json={"command": other_file.encode().hex()}).json() == {"valid": False}
    assert yubico.post(tokens, json={"command": "80E60200FF00"}).json()["code"] == "sd.token_command_malformed"
    # Another provider sees nothing of it (refused and audited); a clerk has no such right.
    other = _provider_login(platform, "crocs", "CRoCS")
    refused = other.get(platform.api(f"/admin/security-domains/{SSD}/receipts"))
    assert refused.status_code == 403 and refused.json()["code"] == "sd.not_yours"
    assert other.post(verify, json=first).status_code == 403
    assert platform.login().get(platform.api(f"/admin/security-domains/{SSD}/receipts")).status_code == 403

    deleted = platform.run("delete", card, app_id=APP)
    assert deleted.state == "done", deleted.error
    gone = deleted.result["receipts"]
    assert {r["kind"] for r in gone} == {"delete"} and all(r["valid"] for r in gone)
    assert {a for r in gone for a in r["aids"]} >= set(files)
    assert not [f for f in card.state.load_files if f.aid.hex().upper() in files]
    assert card.state.confirmation_counter == len(receipts) + len(gone)
    rows = platform.query_db(sa.select(DmReceipt.operation_id).where(DmReceipt.sd_aid == SSD))
    assert set(rows) == {run.view["id"], deleted.view["id"]}

    events = platform.query_db(sa.select(AuditEntry.event))
    assert {"dm.keys_created", "dm.issuance_export", "dm.receipt", "dm.receipt_verified", "dm.token_verified",
            "admin.refused"} <= set(events)
    assert "dm.receipt_invalid" not in events
    # No key in any response or audit row: the receipt key and the private token key stay sealed.
    with transaction(platform.sessions) as session:
        receipt_key = dm.issuance(session, platform.keystore, "leak-scan").receipt_key
    details = " ".join(str(d) for d in platform.query_db(sa.select(AuditEntry.detail)))
    for text in (details, listed.text, created.text, run.view.__repr__(), deleted.view.__repr__()):
        assert receipt_key.hex().upper() not in text.upper()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_on_the_hsm_a_refused_token_keeps_nothing_and_a_migration_keeps_receipts(hsm_platform: FlowPlatform) -> None:
    """On the PKCS#11 key service (SoftHSM2) the token key is made and signs in the token; a card
    issued with another key refuses; a rightly issued one takes the download, and a migration to
    a new SE leaves the receipts of both SEs with the operation."""
    platform = hsm_platform
    batch_keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    platform.keystore.add_key_set(REF, 0x01, batch_keys.enc, batch_keys.mac, batch_keys.dek)
    with transaction(platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.key_set_ref, batch.diversification = REF, "visa2"
    admin, files = _token_sd(platform)
    assert admin.post(platform.api("/admin/dm-keys")).status_code == 200
    row = platform.scalar(sa.select(DmKey).where(DmKey.name == "token"))
    assert row.sealed == b"" and row.public["hsm_label"] == dm.HSM_LABEL  # nothing of it outside the HSM
    card = _card_on(platform, batch_keys)
    _issue(platform, card)
    right_key = card.state.token_modulus
    card.state.token_modulus = bytes(reversed(right_key))  # issued with another key

    run = platform.run("download", card, app_id=APP)
    assert run.state == "failed" and run.error["code"] == "sd.token_refused", run.error
    assert run.error["detail"]["command"].startswith("load_install:")
    assert not [f for f in card.state.load_files if f.aid.hex().upper() in files]
    assert card.state.pending_load is None and card.state.confirmation_counter == 0
    assert platform.query_db(sa.select(DmReceipt.id)) == []
    events = platform.query_db(sa.select(AuditEntry.event))
    assert "sd.token_refused" in events and "operation.failed" in events

    card.state.token_modulus = right_key  # the HSM's tokens verify on a rightly issued card
    run = platform.run("download", card, app_id=APP)
    assert run.state == "done", run.error
    assert run.result["receipts"] and all(r["valid"] for r in run.result["receipts"])

    # Migration (§5.5.4) to a new SE: tokens on both, the receipts of both SEs stored.
    old_seid = card.state.seid.hex().upper()
    with transaction(platform.sessions) as session:
        app = session.scalars(sa.select(Application).where(Application.name == APP)).one()
        set_state(session, old_seid, app.id, AppState.USABLE)  # the business platform's activation
    new = _card_on(platform, batch_keys)
    _issue(platform, new)
    moved = platform.run("migrate", card, cards={"target": new, "source": card}, app_id=APP)
    assert moved.state == "done", moved.error
    assert not [f for f in card.state.load_files if f.aid.hex().upper() in files]
    assert [f for f in new.state.load_files if f.aid.hex().upper() in files]
    with platform.sessions() as session:
        stored = session.execute(sa.select(DmReceipt.seid, DmReceipt.kind, DmReceipt.valid)
                                 .where(DmReceipt.operation_id == moved.view["id"])).all()
    assert stored and all(valid for *_, valid in stored)
    kinds = {(seid, kind) for seid, kind, _ in stored}
    assert (old_seid, "delete") in kinds and (new.state.seid.hex().upper(), "load") in kinds
