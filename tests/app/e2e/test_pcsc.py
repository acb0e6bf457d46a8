"""The terminal on the real PC/SC stack: `hallterm demo --headless` serving two virtual SEs to
pcscd through vpcd, and `hallterm` subprocesses using them like physical readers.

Run under ``flock /tmp/pcsc.lock`` (pcscd is shared on the machine).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import ExitCode
from ota.platform.demo import DEMO_SEIDS
from tests.integration.pcsc_stack import READERS, PcscStack

pytestmark = [pytest.mark.pcsc, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[3]
HALLTERM = [sys.executable, "-m", "app.cli"]


class HeadlessDemo:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.process = subprocess.Popen(
            [*HALLTERM, "demo", "--headless", "--pcsc", "yes", "--data-dir", str(data_dir)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.banner: list[str] = []
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.banner.append(line.rstrip())
            if line.startswith("try"):
                break

    def run(self, *args: str, stdin: str | None = None) -> tuple[int, Any, str]:
        done = subprocess.run(
            [*HALLTERM, *args, "--demo", "--data-dir", str(self.data_dir), "--json"],
            cwd=ROOT, capture_output=True, text=True, input=stdin, timeout=120,
        )
        try:
            data = json.loads(done.stdout) if done.stdout.strip() else None
        except ValueError:
            data = done.stdout
        return done.returncode, data, done.stderr

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(30)


@pytest.fixture
def headless(stack: PcscStack, tmp_path: Path) -> Iterator[HeadlessDemo]:
    demo = HeadlessDemo(tmp_path / "demo")
    try:
        stack.wait_card(0)
        stack.wait_card(1)
        yield demo
    finally:
        if demo.process.poll() is None:
            demo.stop()
        for slot in (0, 1):
            stack.wait_card(slot, present=False, timeout=10)


def test_headless_banner_names_everything(headless: HeadlessDemo) -> None:
    text = "\n".join(headless.banner)
    assert "https://127.0.0.1:" in text and "clerk1 / clerk1-demo" in text
    assert all(r in text for r in READERS) and "PC/SC" in text
    config = json.loads((headless.data_dir / "terminal.json").read_text())
    # The SCP02 phones are on PC/SC; the SCP03 phone beside them in-process (vpcd has two slots).
    assert set(config["virtual_readers"]) <= {"Virtual PCD 00 02"} and Path(config["ca_file"]).is_file()
    assert config["pcsc_too"] == bool(config["virtual_readers"])
    assert headless.stop() == 0


def test_readers_and_card_info_through_pcscd(headless: HeadlessDemo) -> None:
    rc, data, _ = headless.run("readers")
    assert rc == ExitCode.OK
    names = {r["name"]: r for r in data["readers"]}
    assert all(names[r]["card"] for r in READERS)
    rc, info, _ = headless.run("card", "info", "--reader", "00 01")
    assert rc == ExitCode.OK and info["seid"] == DEMO_SEIDS[1] and info["reader"] == READERS[1]


def test_services_through_pcscd(headless: HeadlessDemo) -> None:
    rc, out, err = headless.run("download", "JCMemory", "--msisdn", "13800138000")
    assert rc == ExitCode.OK, (out, err)
    assert "[load]" in err
    rc, report, _ = headless.run("query")
    assert rc == ExitCode.OK, report
    assert {a["name"]: a["state"] for a in report["apps"]} == {"JCMemory": "Usable"}
    assert headless.run("lock", "JCMemory")[0] == ExitCode.OK
    assert headless.run("unlock", "JCMemory")[0] == ExitCode.OK
    assert headless.run("download", "YubicoYubiKeyOath")[0] == ExitCode.OK
    rc, out, err = headless.run("migrate", "YubicoYubiKeyOath", "--to-reader", "00 01", "--msisdn", "13800138000")
    assert rc == ExitCode.OK, (out, err)
    rc, new, _ = headless.run("query", "--reader", "00 01")
    assert "YubicoYubiKeyOath" in {a["name"] for a in new["apps"]}
    assert headless.run("delete", "JCMemory")[0] == ExitCode.OK
    rc, journal, _ = headless.run("journal")
    assert sum(e["state"] == "done" for e in journal["entries"]) == 8


def test_one_reader_migration_prompt_without_operator_cancels(headless: HeadlessDemo) -> None:
    assert headless.run("download", "YubicoYubiKeyOath", "--msisdn", "13800138000")[0] == ExitCode.OK
    rc, _out, err = headless.run("migrate", "YubicoYubiKeyOath", stdin="")  # nobody answers the prompt
    assert rc == ExitCode.CANCELLED
    assert "new phone" in err or "新手机" in err
    rc, report, _ = headless.run("query")
    assert "YubicoYubiKeyOath" in {a["name"] for a in report["apps"]}  # nothing was moved


def test_no_reader_matches_exit_code(headless: HeadlessDemo) -> None:
    rc, out, _ = headless.run("card", "info", "--reader", "No Such Reader")
    assert rc == ExitCode.NO_CARD and out["error"]["code"] == "reader.none"




def test_card_pulled_mid_download_through_pcscd_then_rerun(stack: PcscStack, tmp_path: Path) -> None:
    from app.demo import DemoEnvironment
    from app.reader.errors import ReaderError
    from app.services.download import download
    from app.services.query import query
    from app.terminal import Terminal

    env = DemoEnvironment(tmp_path / "demo", use_pcsc=True).start()
    try:
        stack.wait_card(0)
        assert env.config is not None
        terminal = Terminal.open(env.config)
        terminal.login("clerk1", "clerk1-demo")
        env.cards[READERS[0]].tear_during_load(after_blocks=3)
        try:
            outcome = download(terminal.context(), None, "JCAlgTest", msisdn="13800138000")
            code = outcome.error_code
        except ReaderError as exc:
            code = exc.code
        assert code in ("card.removed", "reader.card_removed", "reader.no_card")
        stack.wait_card(0, present=False)
        env.insert_card(READERS[0])
        stack.wait_card(0)
        again = download(terminal.context(), None, "JCAlgTest", msisdn="13800138000")
        assert again.ok, again.error
        states = {a.name: a.state for a in query(terminal.context(), None).apps}
        assert states["JCAlgTest"] == "Usable"
        terminal.close()
    finally:
        env.stop()
        for slot in (0, 1):
            stack.wait_card(slot, present=False, timeout=10)
