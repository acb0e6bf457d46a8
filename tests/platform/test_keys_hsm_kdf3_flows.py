"""A KDF3 (per-card AES) SCP03 batch served from a SoftHSM2 token over real HTTPS, on SQLite and
PostgreSQL (issue 13, round 4): the key service is opened from ``--keystore pkcs11:...`` as
``hallterm platform serve`` does; the card's keys are diversified inside the token; a key
roll-over started with ``hallterm platform keys rollover`` moves the card to the new version
with a PUT KEY whose keys the token wrapped and whose KCVs the card checked; then a leak scan:
no master key, card key or session key in logs, database rows, audit, or API answers.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ota.gp.diversify_aes import KDF3, diversify_kdf3
from ota.gp.scp03 import Scp03Keys, Scp03SessionKeys
from ota.platform import tls
from ota.platform.cards import ensure_se
from ota.platform.db import transaction
from ota.platform.keys.pkcs11 import Pkcs11Scp03Keys
from ota.platform.models import AuditEntry, MsisdnBinding, SeKeyState
from ota.vse.card import VirtualCard
from tests.platform.flow_support import MSISDN, FlowPlatform, add_scp03_batch, demo_app, serving
from tests.platform.hsm_support import HsmToken, hsm_keystore
from tests.platform.test_keys_hsm_flows import _run_cli

REF = "kdf3-kmc"
BATCH = "AES-KDF3-HSM"
PUT_KEY = 0xD8


@pytest.fixture
def kdf3_hsm_platform(db: Engine, tls_files: tls.TlsFiles, softhsm_token: HsmToken) -> Iterator[FlowPlatform]:
    app, _ = demo_app(db, hsm_keystore(db, softhsm_token.spec(soft_wrap=False, soft_session=True)))
    add_scp03_batch(app.state.sessions, BATCH, "868606", REF, KDF3)
    with serving(FlowPlatform, app, tls_files) as platform:
        yield platform


def test_kdf3_batch_services_and_rollover_on_hsm_keys(
    kdf3_hsm_platform: FlowPlatform,
    db_url: str,
    softhsm_token: HsmToken,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    platform = kdf3_hsm_platform
    v1, v2 = (Scp03Keys(os.urandom(32), os.urandom(32), os.urandom(32), kvn) for kvn in (0x30, 0x31))
    for keys in (v1, v2):
        platform.keystore.add_key_set(REF, keys.kvn, keys.enc, keys.mac, keys.dek, aes=True)
    session_keys: list[Scp03SessionKeys] = []  # what left the token (soft-session), for the leak scan
    original = Pkcs11Scp03Keys.session_keys

    def spied(self: Pkcs11Scp03Keys, host: bytes, card: bytes) -> Scp03SessionKeys:
        session_keys.append(original(self, host, card))
        return session_keys[-1]

    monkeypatch.setattr(Pkcs11Scp03Keys, "session_keys", spied)
    seid = bytes.fromhex("868606") + os.urandom(7)
    mine = diversify_kdf3(v1, seid)
    card = VirtualCard.create(None, seid, keys=(mine.enc, mine.mac, mine.dek), kvn=v1.kvn, i=0x70, scp=0x03)
    with transaction(platform.sessions) as session:
        ensure_se(session, seid.hex().upper())
        session.add(MsisdnBinding(seid=seid.hex().upper(), msisdn=MSISDN))
    seen: list[str] = []

    # A full counter service on the card's own keys, derived in the token.
    for run in (platform.run("query", card), platform.run("download", card, app_id="JCMemory")):
        assert run.state == "done", run.error
        seen.append(json.dumps([run.view, run.scripts]))
    assert card.state.app(bytes.fromhex("4A43416C675465737531")) is not None

    # Roll the batch over to 31: the card moves at its next contact, its KCVs checked by the card.
    common = ["--db", db_url, "--keystore", softhsm_token.spec(soft_wrap=False, soft_session=True)]
    code, out = _run_cli(["keys", "rollover", *common, "--batch", BATCH, "--to-kvn", "49"], "", monkeypatch, capsys)
    assert code == 0, out
    run = platform.run("query", card)
    assert run.state == "done", run.error
    seen.append(json.dumps([run.view, run.scripts]))
    put_keys = [a for a in run.apdus() if a[1] == PUT_KEY]
    assert len(put_keys) == 1 and put_keys[0][2] == v1.kvn  # P1: replaces key set 30
    expected = diversify_kdf3(v2, seid)
    on_card = card.state.key_set(v2.kvn)
    assert card.state.key_set(v1.kvn) is None and on_card is not None
    assert (on_card.enc, on_card.mac, on_card.dek) == (expected.enc, expected.mac, expected.dek)
    with platform.sessions() as session:
        state = session.get(SeKeyState, seid.hex().upper())
        assert state is not None and state.kvn == v2.kvn and state.rolled_at is not None
        events = [e.event for e in session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id))]
    assert "key.rollover_done" in events and "key.rollover_refused" not in events
    assert "key.soft_wrap" not in events  # AES-256 keys were wrapped inside the token

    run = platform.run("query", card)  # on version 31 now
    assert run.state == "done", run.error
    seen.append(json.dumps([run.view, run.scripts]))
    assert not [a for a in run.apdus() if a[1] == PUT_KEY]
    code, status = _run_cli(["keys", "status", *common, "--batch", BATCH], "", monkeypatch, capsys)
    assert code == 0 and "KVN 31: 1" in status, status

    assert len(session_keys) >= 4
    secrets = [k for v in (v1, v2, mine, expected) for k in (v.enc, v.mac, v.dek)]
    secrets += [k for s in session_keys for k in (s.enc, s.mac, s.rmac)]
    assert_no_leak(platform, secrets, out + status + caplog.text + "".join(seen))


def assert_no_leak(platform: FlowPlatform, secrets: list[bytes], printed: str) -> None:
    """No secret, whole or by 8-byte half, in what was printed or in any row of any table."""
    rows: list[str] = []
    with platform.sessions() as session:
        for table in sa.inspect(platform.db).get_table_names():
            for row in session.execute(sa.text(f'SELECT * FROM "{table}"')):
                rows += [v.hex() if isinstance(v, bytes | memoryview) else str(v) for v in row]
    haystack = (" ".join(rows) + printed).upper()
    assert "4A43416C675465737531" in haystack  # the scan reads what it should (an applet AID)
    for secret in secrets:
        for form in (secret, secret[:8], secret[8:16], secret[-8:]):
            assert form.hex().upper() not in haystack


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # a refusal is database independent
def test_a_rollover_the_hsm_cannot_send_is_skipped_audited_and_the_service_goes_on(
    kdf3_hsm_platform: FlowPlatform,
) -> None:
    """A batch-wide AES batch: its PUT KEY would carry the batch master key."""
    from ota.platform.demo import DEMO_AES_BATCH, DEMO_AES_KEY_REF
    from ota.platform.keys.rollover import start_rollover
    from tests.platform.test_flow_scp03 import scp03_card

    platform = kdf3_hsm_platform
    new = Scp03Keys(os.urandom(16), os.urandom(16), os.urandom(16), 0x31)
    platform.keystore.add_key_set(DEMO_AES_KEY_REF, new.kvn, new.enc, new.mac, new.dek, aes=True)
    with transaction(platform.sessions) as session:
        start_rollover(session, DEMO_AES_BATCH, 0x31, platform.keystore.key_versions(DEMO_AES_KEY_REF), "custodian")
    platform.batch_wide(DEMO_AES_BATCH)
    card = scp03_card(platform, kdf="none")
    run = platform.run("query", card)
    assert run.state == "done", run.error
    assert not [a for a in run.apdus() if a[1] == PUT_KEY] and card.state.key_set(0x31) is None
    with platform.sessions() as session:
        skipped = session.scalars(sa.select(AuditEntry).where(AuditEntry.event == "key.rollover_skipped")).all()
    assert [(r.detail["code"], r.detail["kvn_to"]) for r in skipped] == [("keystore.hsm_cannot_wrap", 0x31)]
