"""End-to-end fixtures: the demo environment (real platform over HTTPS, virtual SEs)."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.demo import DemoEnvironment
from app.terminal import Terminal
from tests.integration.pcsc_stack import PcscStack

CLERK = ("clerk1", "clerk1-demo")
MSISDN = "13800138000"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoEnvironment]:
    env = DemoEnvironment(tmp_path / "demo", use_pcsc=False).start()
    yield env
    env.stop()


@pytest.fixture
def terminal(demo: DemoEnvironment) -> Iterator[Terminal]:
    """A logged-in terminal on the demo's live in-process cards (fault hooks reach them)."""
    assert demo.config is not None
    t = Terminal.open(demo.config)
    t.reader_factory = demo.reader_factory()
    t.login(*CLERK)
    yield t
    t.close()


class Cli:
    def __init__(self, env: DemoEnvironment, capsys: pytest.CaptureFixture[str]) -> None:
        self.env, self.capsys = env, capsys

    def __call__(self, *args: str, demo: bool = True, stdin: str | None = None) -> tuple[int, Any, str]:
        """Run ``hallterm`` in-process; ``stdin`` is what it reads there (e.g. ``--password-stdin``)."""
        argv = list(args)
        if demo:
            argv += ["--demo", "--data-dir", str(self.env.data_dir), "--json"]
        self.capsys.readouterr()
        saved = sys.stdin
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            rc = main(argv)
        finally:
            sys.stdin = saved
        out, err = self.capsys.readouterr()
        try:
            data = json.loads(out) if out.strip() else None
        except ValueError:
            data = out
        return rc, data, err


@pytest.fixture
def cli(demo: DemoEnvironment, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(demo, capsys)


def app_states(report: dict[str, Any]) -> dict[str, str]:
    return {a["name"]: a["state"] for a in report["apps"]}


@pytest.fixture
def stack(pcsc_stack: PcscStack) -> PcscStack:
    """The session's pcscd (tests/conftest.py), running again if a test before stopped it."""
    pcsc_stack.ensure_running()
    return pcsc_stack
