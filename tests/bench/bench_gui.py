"""GUI cold start: time from spawning the process to the first painted window, and peak memory.

    .venv/bin/python tests/bench/bench_gui.py [--runs 5]

Runs the real entry points (``hallterm gui``, ``python -m ui.main``; and ``dist/hallterm/hallterm gui``
when a PyInstaller bundle exists) with a throw-away configuration, so the first window is the login
dialog a clerk sees.  The process reports its own first paint (with the clock time, so that this
script can count from the spawn) and ``ru_maxrss``, then exits once the core behind the login form
has loaded too (``HALLTERM_EXIT_AFTER_FIRST_PAINT``): that is the "login usable" figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
BUNDLE = ROOT / "dist" / "hallterm" / "hallterm"
CONSOLE_SCRIPT = ROOT / ".venv" / "bin" / "hallterm"


def _environment(folder: Path) -> dict[str, str]:
    config = folder / "config.json"
    config.write_text(json.dumps({"platform_url": "https://127.0.0.1:9", "terminal_id": "BENCH-01",
                                  "journal_path": str(folder / "journal.sqlite")}))
    env = dict(os.environ, HALLTERM_CONFIG=str(config), HALLTERM_EXIT_AFTER_FIRST_PAINT="1",
               XDG_CONFIG_HOME=str(folder / "xdg"))
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def measure(command: list[str], runs: int) -> dict[str, float]:
    """Medians over ``runs`` spawns of one command (see :func:`measure_all`)."""
    return measure_all({"": command}, runs)[""]


def measure_all(commands: dict[str, list[str]], runs: int) -> dict[str, dict[str, float]]:
    """Medians over ``runs`` spawns of each command, taken in turns (a busy machine's load drifts
    over every command alike): spawn to first paint (the process says when it painted), the same
    from the ``ui.main`` import, the process's CPU time at the paint (steadier on a busy machine),
    spawn to a usable login (core loaded) and the peak RSS."""
    seen: dict[str, dict[str, list[float]]] = {
        name: {"paint": [], "inside": [], "ready": [], "rss": [], "cpu": []} for name in commands}
    with tempfile.TemporaryDirectory() as tmp:
        env = _environment(Path(tmp))
        for _ in range(runs):
            for name, command in commands.items():
                figures = seen[name]
                spawned = time.time()
                done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
                exited = time.time()
                found = re.search(r"first-paint ([\d.]+)s peak-rss (\d+) KiB cpu ([\d.]+)s at ([\d.]+)", done.stdout)
                if not found:
                    raise SystemExit(f"no paint reported by {command}:\n{done.stdout}\n{done.stderr[-2000:]}")
                figures["paint"].append(float(found.group(4)) - spawned)
                figures["cpu"].append(float(found.group(3)))
                figures["inside"].append(float(found.group(1)))
                usable = re.search(r"ready ([\d.]+)s peak-rss (\d+) KiB", done.stdout)
                figures["ready"].append(exited - spawned)
                figures["rss"].append(int((usable or found).group(2)) / 1024)
    return {name: {"wall_s": statistics.median(f["paint"]), "wall_min_s": min(f["paint"]),
                   "wall_max_s": max(f["paint"]), "in_process_s": statistics.median(f["inside"]),
                   "ready_s": statistics.median(f["ready"]), "cpu_s": statistics.median(f["cpu"]),
                   "cpu_min_s": min(f["cpu"]), "cpu_max_s": max(f["cpu"]), "peak_rss_mib": max(f["rss"]),
                   "runs": runs}
            for name, f in seen.items()}


def describe(name: str, r: dict[str, float]) -> str:
    """One line of figures: first paint from spawn (median, min-max), CPU to the paint, login usable, RSS."""
    return (f"{name:13} first paint {r['wall_s'] * 1000:5.0f} ms from spawn (min {r['wall_min_s'] * 1000:.0f}, "
            f"max {r['wall_max_s'] * 1000:.0f}; {r['in_process_s'] * 1000:.0f} ms after the ui.main import), "
            f"CPU {r['cpu_s'] * 1000:.0f} ms (min {r['cpu_min_s'] * 1000:.0f}, max {r['cpu_max_s'] * 1000:.0f}); "
            f"login usable {r['ready_s'] * 1000:.0f} ms; peak RSS {r['peak_rss_mib']:.0f} MiB; median of {r['runs']:.0f}")


def targets(python: str = str(PYTHON), bundle: bool = True) -> dict[str, list[str]]:
    """What a clerk starts: the console script (``hallterm gui``), the module, and the bundle if built."""
    found = {"hallterm gui": [str(CONSOLE_SCRIPT), "gui"], "python -m ui": [python, "-m", "ui.main"]}
    if not CONSOLE_SCRIPT.exists():
        found["hallterm gui"] = [python, "-c", "import sys; from ui.cli import main; sys.exit(main())", "gui"]
    if bundle and BUNDLE.exists():
        found["bundle"] = [str(BUNDLE), "gui"]
    return found


def precompile() -> None:
    """The bytecode an installed terminal has (build/setup.sh does this too): a source tree edited
    since setup must not measure the compiler."""
    subprocess.run([str(PYTHON), str(ROOT / "build" / "precompile.py")], check=True, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    precompile()
    if not BUNDLE.exists():
        print(f"(no bundle at {BUNDLE.relative_to(ROOT)}: run build/bundle.sh to measure it too)")
    for name, figures in measure_all(targets(), args.runs).items():
        print(describe(name, figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
