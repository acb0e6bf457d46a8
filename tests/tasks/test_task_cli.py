"""``hallterm platform task create|list|show|cancel|retry`` on a SQLite platform database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from ota.platform import auth
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.platform.models import SecureElement
from ota.protocol import Role

SEIDS = ["86860400000000000001", "86860400000000000002"]


def test_task_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        auth.add_operator(session, "boss", "pw-boss-123", Role.ADMIN, "GD-GZ")
        auth.add_operator(session, "clerk", "pw-clerk-123", Role.CLERK, "GD-GZ")
        session.add_all(SecureElement(seid=s) for s in SEIDS)
    engine.dispose()
    common = ["--db", url, "--master-key", str(tmp_path / "m.key"), "--as", "boss"]

    def run(*args: str) -> tuple[int, object]:
        capsys.readouterr()
        rc = main(["platform", "task", *args, *common])
        out = capsys.readouterr().out
        return rc, json.loads(out) if out.strip().startswith(("{", "[")) else out

    rc, created = run("create", "--name", "upgrade", "--op", "delete:JCMemory", "--op", "download:JCMemory",
                      "--seid", SEIDS[0], "--seid", SEIDS[1], "--delay", "3600", "--json")
    assert rc == 0 and [o["kind"] for o in created["task"]["operations"]] == ["delete", "download"]
    task_id = created["task"]["id"]
    rc, listed = run("list", "--json")
    assert rc == 0 and listed[0]["status"] == "scheduled" and listed[0]["counts"]["queued"] == 2
    rc, text = run("show", task_id)
    assert rc == 0 and "scheduled" in text and "upgrade" in text
    rc, cancelled = run("cancel", task_id, "--json")
    assert cancelled["task"]["status"] == "cancelled"
    assert main(["platform", "task", "retry", task_id, *common]) == 1
    assert "task.nothing_to_retry" in capsys.readouterr().err
    assert main(["platform", "task", "create", "--name", "x", "--op", "lock:A", "--seid", "FFFF", *common]) == 1
    assert "task.unknown_se" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["platform", "task", "cancel", task_id, "--db", url, "--master-key", str(tmp_path / "m.key"),
              "--as", "clerk"])
