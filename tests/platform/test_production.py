"""Production is not the demo (issue 9 item 10): nothing secret is made without being asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from ota.platform import auth, cli
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.protocol import Role


@pytest.fixture
def production_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with a real operator in it, not made by init-demo; no default TLS or key files."""
    monkeypatch.setattr(cli, "data_dir", lambda: tmp_path / "platform-data")
    monkeypatch.delenv("HALLTERM_MASTER_KEY", raising=False)
    url = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        auth.add_operator(session, "ops-admin", "a-long-password", Role.ADMIN, "GD-GZ")
    engine.dispose()
    return url


def test_init_demo_refuses_a_database_not_made_for_the_demo(
    production_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["init-demo", "--db", production_db, "--master-key", str(tmp_path / "mk")])
    assert code == 2
    assert "not created as a demo database" in capsys.readouterr().err
    assert not (tmp_path / "mk").exists()


def test_serve_makes_no_ca_and_no_master_key_silently(
    production_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["serve", "--db", production_db]) == 2
    assert "--self-signed" in capsys.readouterr().err
    assert not (tmp_path / "platform-data" / "tls").exists()
    # With a CA asked for, the master key is still not made without --create-master-key.
    tls_dir = tmp_path / "tls"
    assert cli.main(["serve", "--db", production_db, "--self-signed", str(tls_dir)]) == 2
    assert "--create-master-key" in capsys.readouterr().err
    assert not (tmp_path / "platform-data" / "master.key").exists()


def test_a_demo_database_is_accepted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "data_dir", lambda: tmp_path / "platform-data")
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    mk = str(tmp_path / "mk")
    assert cli.main(["init-demo", "--db", url, "--master-key", mk]) == 0
    assert cli.main(["init-demo", "--db", url, "--master-key", mk]) == 0


def test_operator_add_reads_the_password_from_stdin_never_argv(
    production_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert cli.main(["operator", "add", "clerk9", "--role", "clerk", "--region", "GD-GZ", "--db", production_db,
                     "--password-stdin"]) == 0
    engine = make_engine(production_db)
    with session_factory(engine)() as session:
        from ota.platform.models import Operator

        row = session.query(Operator).filter_by(name="clerk9").one()
        assert auth.verify_password("correct horse battery", row.password_hash)
    engine.dispose()
    with pytest.raises(SystemExit):  # argparse: there is no --password option at all
        cli.main(["operator", "add", "x", "--role", "clerk", "--region", "GD-GZ", "--password", "p"])
