"""The platform on a SoftHSM2 token, over HTTPS, on SQLite and PostgreSQL: the key ceremony,
flows on HSM keys, key versions side by side and a roll-over at the cards' next contact.

The key set of batch DEMO-A is imported by ``hallterm platform keys import`` (components on
stdin, as a script would give them), as batch master keys diversified per card with VISA2.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ota.gp.crypto import odd_parity
from ota.gp.diversify import Diversification, diversify
from ota.gp.scp02 import StaticKeys, key_check_value
from ota.platform import tls
from ota.platform.cards import ensure_se
from ota.platform.db import transaction
from ota.platform.models import AuditEntry, KeyVersion, MsisdnBinding, SeBatch, SeKeyState
from ota.vse.card import VirtualCard
from tests.platform.flow_support import MSISDN, FlowPlatform, demo_app, new_seid, serving
from tests.platform.hsm_support import HsmToken, hsm_keystore

REF = "demo-kmc"


@pytest.fixture
def hsm_platform(db: Engine, tls_files: tls.TlsFiles, softhsm_token: HsmToken) -> Iterator[FlowPlatform]:
    app, _ = demo_app(db, hsm_keystore(db, softhsm_token.spec()))
    with serving(FlowPlatform, app, tls_files) as platform:
        yield platform


def _ceremony_input(keys: StaticKeys, components: int = 2) -> tuple[str, list[bytes]]:
    """What the custodians type: per key, each component and its KCV, then the key's KCV."""
    lines, secrets = [], []
    for key in (keys.enc, keys.mac, keys.dek):
        parts = [os.urandom(16) for _ in range(components - 1)]
        last = bytes(a ^ b for a, b in zip(key, bytes(16), strict=False))
        for p in parts:
            last = bytes(a ^ b for a, b in zip(last, p, strict=False))
        parts.append(last)
        for p in parts:
            lines += [p.hex(), key_check_value(p).hex()]
        lines.append(key_check_value(key).hex())
        secrets += parts
    return "\n".join(lines) + "\n", secrets


def _run_cli(
    argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    from ota.platform.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


def _card_on(platform: FlowPlatform, master: StaticKeys) -> VirtualCard:
    seid = new_seid()
    keys = diversify(master, bytes.fromhex(seid)[-10:], Diversification.VISA2)
    card = VirtualCard.create(None, bytes.fromhex(seid), keys=(keys.enc, keys.mac, keys.dek), kvn=master.kvn)
    with transaction(platform.sessions) as session:
        ensure_se(session, seid)
        if not session.get(MsisdnBinding, seid):
            session.add(MsisdnBinding(seid=seid, msisdn=MSISDN))
    return card


def test_ceremony_versions_and_rollover_on_the_hsm(
    hsm_platform: FlowPlatform,
    db_url: str,
    softhsm_token: HsmToken,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    platform = hsm_platform
    seen: list[str] = []  # every answer the platform gave the terminal
    common = ["--db", db_url, "--keystore", softhsm_token.spec()]
    v1 = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    v2 = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x02)
    typed: list[bytes] = []

    # A wrong component KCV is refused and nothing is stored.
    text, secrets = _ceremony_input(v1)
    lines = text.splitlines()
    lines[1] = "000000"
    code, out = _run_cli(
        ["keys", "import", *common, "--ref", REF, "--kvn", "1"], "\n".join(lines) + "\n", monkeypatch, capsys
    )
    assert code == 2 and "keys.component_kcv" in out
    typed += secrets
    with platform.sessions() as session:
        assert session.get(KeyVersion, (REF, 1)) is None
        refused = session.scalars(sa.select(AuditEntry).where(AuditEntry.event == "key.ceremony_refused")).all()
    assert [r.detail["code"] for r in refused] == ["keys.component_kcv"]

    # Two good ceremonies: versions 01 (2 components) and 02 (3 components).
    for keys, components in ((v1, 2), (v2, 3)):
        text, secrets = _ceremony_input(keys, components)
        typed += secrets
        argv = ["keys", "import", *common, "--ref", REF, "--kvn", str(keys.kvn), "--components", str(components)]
        code, out = _run_cli(argv, text, monkeypatch, capsys)
        assert code == 0, out
        assert key_check_value(keys.enc).hex().upper() in out and "pkcs11" in out

    with transaction(platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.key_set_ref, batch.diversification = REF, "visa2"

    code, listing = _run_cli(["keys", "list", *common], "", monkeypatch, capsys)
    assert code == 0
    assert re.search(rf"{REF}\s+01\s+{key_check_value(v1.enc).hex().upper()}/", listing)
    assert re.search(rf"{REF}\s+02\s+", listing) and "DEMO-A" in listing
    assert "not diversified" not in listing.split(REF, 1)[1].splitlines()[0]

    # Cards on two key versions both work.
    old_card, new_card = _card_on(platform, v1), _card_on(platform, v2)
    for card in (old_card, new_card):
        run = platform.run("query", card)
        assert run.state == "done", run.error
        seen.append(json.dumps([run.view, run.scripts]))

    # Roll the batch over to 02: the old card moves at its next contact, and keeps working.
    code, out = _run_cli(["keys", "rollover", *common, "--batch", "DEMO-A", "--to-kvn", "2"], "", monkeypatch, capsys)
    assert code == 0, out
    run = platform.run("query", old_card)
    assert run.state == "done", run.error
    seen.append(json.dumps([run.view, run.scripts]))
    put_keys = [a for a in run.apdus() if a[1] == 0xD8]
    assert len(put_keys) == 1 and put_keys[0][2] == 0x01  # replaces key set 01
    assert old_card.state.key_set(0x02) is not None and old_card.state.key_set(0x01) is None
    expected = diversify(v2, old_card.state.kdd, Diversification.VISA2)
    assert odd_parity(old_card.state.key_set(0x02).enc) == odd_parity(expected.enc)
    seid = old_card.state.seid.hex().upper()
    with platform.sessions() as session:
        state = session.get(SeKeyState, seid)
        assert state is not None and (state.kvn, state.seq) == (0x02, 0) and state.rolled_at is not None
        events = [e.event for e in session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id))]
    assert "key.rollover_start" in events and "key.rollover_done" in events and "key.soft_wrap" in events

    for card in (old_card, new_card):
        run = platform.run("download", card, app_id="YubicoYubiKeyOath")
        assert run.state == "done", run.error
        seen.append(json.dumps([run.view, run.scripts]))
        assert not [a for a in run.apdus() if a[1] == 0xD8]  # both on 02 now: no more PUT KEY

    code, status = _run_cli(["keys", "status", *common, "--batch", "DEMO-A"], "", monkeypatch, capsys)
    assert code == 0 and "KVN 02: 2" in status

    # No key or component bytes anywhere a person or a log could read.
    printed = listing + out + status + caplog.text + "".join(seen)
    _assert_no_leak(platform, typed + _all_keys(v1, v2, old_card, new_card), printed)


def _all_keys(v1: StaticKeys, v2: StaticKeys, *cards: VirtualCard) -> list[bytes]:
    keys = [k for v in (v1, v2) for k in (v.enc, v.mac, v.dek)]
    for card in cards:
        for ks in card.state.key_sets:
            keys += [ks.enc, ks.mac, ks.dek]
    return keys


def _assert_no_leak(platform: FlowPlatform, secrets: list[bytes], printed: str) -> None:
    with platform.sessions() as session:
        audit_text = " ".join(str(e.detail) for e in session.scalars(sa.select(AuditEntry)))
        operations = " ".join(
            str(row) for row in session.execute(sa.text("SELECT checkpoint, script, result, error FROM operations"))
        )
    haystack = (audit_text + operations + printed).upper()
    for secret in secrets:
        for form in (
            secret.hex().upper(),
            odd_parity(secret).hex().upper(),
            secret[:8].hex().upper(),
            secret[8:].hex().upper(),
        ):
            assert form not in haystack


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # back-end and database independent
def test_counter_near_its_limit_flags_the_card(hsm_platform: FlowPlatform) -> None:
    platform = hsm_platform
    card = platform.card()
    card.state.key_sets[0].seq = 0x7FFF - 0x10
    run = platform.run("query", card)
    assert run.state == "done", run.error
    seid = card.state.seid.hex().upper()
    with platform.sessions() as session:
        state = session.get(SeKeyState, seid)
        assert state is not None and state.near_limit
        flagged = session.scalars(sa.select(AuditEntry).where(AuditEntry.event == "key.counter_near_limit")).all()
    assert [f.detail["seid"] for f in flagged] == [seid]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_number_change_token_from_the_hsm(hsm_platform: FlowPlatform) -> None:
    """§5.5.2: the token is computed (HMAC) and sealed (AES-GCM) inside the token."""
    from ota.platform.models import SeToken

    card = hsm_platform.card()
    seid = card.state.seid.hex().upper()
    run = hsm_platform.run("change_number", card, new_msisdn="13800138999", imsi="460001234567890")
    assert run.state == "done", run.error
    row = hsm_platform.scalar(sa.select(SeToken).where(SeToken.seid == seid))
    assert row is not None and len(card.state.token or b"") == 16
    assert hsm_platform.keystore.open_secret(f"token:{seid}", row.token_encrypted) == card.state.token
    assert card.state.token.hex() not in row.token_encrypted.hex()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_put_key_the_card_refuses_does_not_stop_the_service(hsm_platform: FlowPlatform) -> None:
    """The card already holds a different key set 02: it refuses the roll-over's PUT KEY (6A80);
    the customer's query still completes, the refusal is audited and the card stays on 01."""
    platform = hsm_platform
    v1 = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    v2 = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x02)
    for keys in (v1, v2):
        platform.keystore.add_key_set(REF, keys.kvn, keys.enc, keys.mac, keys.dek)
    with transaction(platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.key_set_ref, batch.diversification = REF, "visa2"
        from ota.platform.keys.rollover import start_rollover

        start_rollover(session, "DEMO-A", 0x02, [1, 2], "custodian")
    card = _card_on(platform, v1)
    from ota.vse.state import KeySet

    card.state.key_sets.append(KeySet(0x02, os.urandom(16), os.urandom(16), os.urandom(16)))
    run = platform.run("query", card)
    assert run.state == "done", run.error
    assert [a for a in run.apdus() if a[1] == 0xD8]
    with platform.sessions() as session:
        refused = session.scalars(sa.select(AuditEntry).where(AuditEntry.event == "key.rollover_refused")).one()
        state = session.get(SeKeyState, card.state.seid.hex().upper())
    assert refused.detail["sw"] == "6A80" and state is not None and state.kvn == 0x01


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_card_on_a_version_the_platform_lacks_is_refused_before_authentication(hsm_platform: FlowPlatform) -> None:
    v1 = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    hsm_platform.keystore.add_key_set(REF, 0x01, v1.enc, v1.mac, v1.dek)
    with transaction(hsm_platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.key_set_ref, batch.diversification = REF, "visa2"
    card = _card_on(hsm_platform, StaticKeys(v1.enc, v1.mac, v1.dek, 0x03))
    run = hsm_platform.run("query", card)
    assert run.state == "failed" and run.error["code"] == "keys.card_version_unknown"
    assert not [a for a in run.apdus() if a[1] == 0x82]  # no EXTERNAL AUTHENTICATE was sent
    assert card.state.key_sets[0].failures == 0
