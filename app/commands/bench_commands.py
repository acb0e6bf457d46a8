"""``hallterm bench``: runs the benchmark tables of tests/bench/bench_all.py.

The benchmarks live in the source tree, not in the installed package, on purpose: they start
throw-away PostgreSQL clusters, seed test operators with known passwords, a delaying proxy and
the PC/SC test stack, none of which belongs in a terminal bundle or a platform wheel.  So the
command works from a clone (an editable install, as build/setup.sh makes) and says so otherwise.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from app.cli import ExitCode

SCRIPT = Path("tests") / "bench" / "bench_all.py"


def source_tree() -> Path | None:
    """The clone this package runs from, if it has the benchmarks."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / SCRIPT).is_file() else None


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bench = subparsers.add_parser("bench", help="print the performance tables (from a source checkout)")
    bench.add_argument("--quick", action="store_true", help="the reduced set CI runs (under two minutes)")
    bench.add_argument("--only", help="comma-separated: relay, throughput, card, gui, push")
    bench.add_argument("--data-scale", type=int, nargs="?", const=10_000_000, metavar="N",
                       help="also the scale-of-data table: PostgreSQL with N SEs by COPY (default 10,000,000)")
    bench.set_defaults(func=_bench)


def _bench(args: argparse.Namespace) -> int:
    root = source_tree()
    if root is None:
        print(f"hallterm bench needs the source tree ({SCRIPT.as_posix()}); this installation has none.",
              file=sys.stderr)
        return ExitCode.USAGE
    command = [sys.executable, str(root / SCRIPT)]
    if args.quick:
        command.append("--quick")
    if args.only:
        command += ["--only", args.only]
    if args.data_scale:
        command += ["--data-scale", str(args.data_scale)]
    return subprocess.run(command, cwd=root, check=False).returncode
