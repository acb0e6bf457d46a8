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


def test_data_scale_defaults_to_ten_million_and_reaches_the_script(monkeypatch: pytest.MonkeyPatch) -> None:
    assert build_parser().parse_args(["bench", "--data-scale"]).data_scale == 10_000_000
    args = build_parser().parse_args(["bench", "--only", "push", "--data-scale", "1000000"])
    ran: list[list[str]] = []
    monkeypatch.setattr(bench_commands.subprocess, "run",
                        lambda command, **_kw: ran.append(command) or argparse.Namespace(returncode=0))
    assert bench_commands._bench(args) == 0
    assert ran[0][-4:] == ["--only", "push", "--data-scale", "1000000"]


def test_without_the_source_tree_it_says_what_is_missing(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(bench_commands, "source_tree", lambda: None)
    code = bench_commands._bench(argparse.Namespace(quick=True, only=None))
    assert code == ExitCode.USAGE
    assert "tests/bench/bench_all.py" in capsys.readouterr().err


def test_the_card_path_table_has_scp03_beside_scp02() -> None:
    from tests.bench import bench_scp

    lines: list[str] = []
    bench_scp.table(3, lines.append)
    rows = [line.split() for line in lines[2:]]
    assert [(r[0], int(r[1])) for r in rows] == [(p, s) for p in ("SCP02", "SCP03") for s in bench_scp.SIZES]
    assert all(float(figure) > 0 for r in rows for figure in r[2:])
    assert "0x33" in lines[0] and "AES-128" in lines[0]
