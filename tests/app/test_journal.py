from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.journal import DONE, FAILED, RUNNING, Journal, JournalEntry

ROOT = Path(__file__).resolve().parents[2]


def test_begin_then_finish_updates_the_same_row(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite")
    entry = j.begin("clerk1", "T-1", "lock", app_id="wallet")
    assert j.get(entry.id).state == RUNNING  # type: ignore[union-attr]
    done = j.finish(entry, DONE, True, seid="0102", receipt={"lines": [{"zh": "应用", "value": "钱包"}]})
    got = j.get(entry.id)
    assert got == done
    assert got is not None and got.ok and got.seid == "0102" and got.duration_s is not None
    assert got.receipt["lines"][0]["value"] == "钱包"


def test_day_lists_runs_of_that_day_only(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite")
    today = datetime.now().astimezone()
    j.record(JournalEntry("clerk1", "T-1", "query", started_at=today))
    j.record(JournalEntry("clerk2", "T-1", "lock", started_at=today))
    j.record(JournalEntry("clerk1", "T-1", "lock", started_at=today - timedelta(days=1)))
    assert len(j.day(today.date())) == 2
    assert [e.kind for e in j.day(today.date(), operator="clerk1")] == ["query"]
    assert j.day(date(2000, 1, 1)) == []


def test_failed_run_keeps_error_code(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite")
    entry = j.begin("clerk1", "T-1", "download")
    j.finish(entry, FAILED, False, "se_busy")
    got = j.get(entry.id)
    assert got is not None and got.error_code == "se_busy" and got.ok is False and not got.interrupted


def test_unknown_id_is_none(tmp_path: Path) -> None:
    assert Journal(tmp_path / "j.sqlite").get("nope") is None


def test_wal_mode_is_on(tmp_path: Path) -> None:
    Journal(tmp_path / "j.sqlite").begin("c", "t", "query")
    with sqlite3.connect(tmp_path / "j.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


WRITER = textwrap.dedent(
    """
    import sys
    from app.journal import Journal, DONE
    j = Journal(sys.argv[1])
    i = 0
    while True:
        e = j.begin("clerk", "T-1", "download", app_id="app" * 20, receipt={"pad": "x" * 4000})
        j.finish(e, DONE, True, seid="%020d" % i, receipt={"pad": "y" * 4000, "n": i})
        i += 1
        if i == 20:
            print("ready", flush=True)
    """
)


def test_kill_9_leaves_only_whole_rows(tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"ready"
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(5)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    entries = Journal(db).day(datetime.now(UTC).astimezone().date())
    assert len(entries) >= 20
    for e in entries:
        if e.state == RUNNING:  # at most the one that was in flight
            assert e.finished_at is None and e.ok is None and e.receipt == {"pad": "x" * 4000}
        else:
            assert e.ok is True and e.finished_at is not None and e.receipt["pad"] == "y" * 4000
    assert sum(e.state == RUNNING for e in entries) <= 1
    # The file still takes writes after the crash.
    Journal(db).begin("clerk", "T-1", "query")
