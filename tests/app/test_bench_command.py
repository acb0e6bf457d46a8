"""``hallterm bench`` runs tests/bench/bench_all.py from a source checkout and says so elsewhere."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app.cli import ExitCode, build_parser
from app.commands import bench_commands

ROOT = Path(__file__).resolve().parents[2]


def test_bench_is_a_subcommand_that_finds_this_checkout() -> None:
    args = build_parser().parse_args(["bench", "--quick", "--only", "card"])
    assert args.func is bench_commands._bench and args.quick and args.only == "card"
    assert bench_commands.source_tree() == ROOT


def test_without_the_source_tree_it_says_what_is_missing(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(bench_commands, "source_tree", lambda: None)
    code = bench_commands._bench(argparse.Namespace(quick=True, only=None))
    assert code == ExitCode.USAGE
    assert "tests/bench/bench_all.py" in capsys.readouterr().err
