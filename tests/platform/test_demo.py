"""Demo data and the catalog built from the real CAP files."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from ota.gp.cap import CapFile
from ota.gp.constants import DEFAULT_TEST_KEY
from ota.platform import cards, cli
from ota.platform.db import session_factory, upgrade
from ota.platform.demo import CAPS_DIR, DEMO_AES_SEID, DEMO_KEY_REF, DEMO_KVN, DEMO_SEIDS, init_demo
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.models import AppInstance, Application, LoadFile, Module, SeBatch, SecureElement, Terminal
from ota.protocol import LoginRequest


def test_init_demo_builds_catalog_and_is_repeatable(db) -> None:  # noqa: ANN001
    upgrade(db)
    sessions = session_factory(db)
    store = SoftwareKeyStore(sessions, os.urandom(32))
    first = init_demo(sessions, store)
    assert "admin" in first.operators and "kiosk-01" in first.terminals
    caps = sorted(CAPS_DIR.glob("*.cap"))
    assert len(first.applications) == len(caps) == 5
    second = init_demo(sessions, store)
    assert (second.operators, second.terminals, second.applications) == ([], [], [])
    assert store.get_static_keys(DEMO_KEY_REF, None, "none").enc == DEFAULT_TEST_KEY
    assert store.key_versions(DEMO_KEY_REF) == [DEMO_KVN]
    with sessions() as session:
        pgp = session.scalars(sa.select(Application).where(Application.name == "PChovanecJCOpenPGP")).one()
        assert pgp.needs_personalisation and pgp.perso_template["mode"] == 3
        oath = session.scalars(sa.select(Application).where(Application.name == "YubicoYubiKeyOath")).one()
        assert oath.needs_activation and not oath.needs_personalisation
        for path in caps:
            cap = CapFile.open(path)
            load_file = session.get(LoadFile, cap.package_aid.hex().upper())
            assert load_file is not None and load_file.cap == path.read_bytes()
            assert load_file.sha1 == cap.load_file_data_block_hash().hex().upper()
            assert load_file.size == len(cap.load_file_data_block())
            for applet in cap.applet_aids:
                assert session.get(Module, applet.hex().upper()).load_file_aid == load_file.aid
                assert session.get(AppInstance, applet.hex().upper()).install_params == "C900"
        se = cards.ensure_se(session, DEMO_SEIDS[0].lower())
        assert se is not None and se.seid == DEMO_SEIDS[0] and se.recorded_free_space == 512 * 1024
        assert cards.batch_for_seid(session, DEMO_SEIDS[0]).name == "DEMO-A"
        assert cards.batch_for_seid(session, "11" * 10).name == "DEMO-ANY"
        assert cards.batch_for_seid(session, "1122") is None
        # Per-card keys (issue 13's normal case): the cryptogram proves which phone answers.
        assert [(b.name, b.diversification) for b in session.scalars(sa.select(SeBatch).order_by(SeBatch.name))] == [
            ("DEMO-A", "emv_cpg204"), ("DEMO-AES", "kdf3"), ("DEMO-ANY", "emv_cpg204")]
        assert all(session.get(SecureElement, s).kdd == s for s in (*DEMO_SEIDS, DEMO_AES_SEID))  # registered KDDs
        assert cards.ensure_se(session, "1122") is None
        assert session.get(SecureElement, "1122") is None


def test_cli_init_demo_then_login(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db_url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    code = cli.main(["init-demo", "--db", db_url, "--master-key", str(tmp_path / "mk"), "--out", str(tmp_path / "tls")])
    assert code == 0
    out = capsys.readouterr().out
    assert "clerk1 / clerk1-demo" in out and (tmp_path / "tls" / "ca.pem").exists()
    from ota.platform import auth
    from ota.platform.db import make_engine
    from ota.platform.settings import PlatformSettings

    engine = make_engine(db_url)
    with session_factory(engine)() as session:
        terminal = session.get(Terminal, "counter-01")
        assert terminal is not None and terminal.cert_fingerprint  # enrolled by init-demo --out
        reply = auth.login(
            session, LoginRequest(operator="clerk1", password="clerk1-demo", terminal_id="counter-01"),
            PlatformSettings(), terminal,
        )
    assert reply.role == "clerk" and reply.terminal_kind == "counter"
