"""GUI cold start: time from spawning the process to the first painted window, and peak memory.

    .venv/bin/python tests/bench/bench_gui.py [--runs 5]

Runs the real entry point (``python -m ui.main``; and ``dist/hallterm/hallterm gui`` when a
PyInstaller bundle exists) with a throw-away configuration, so the first window is the login
dialog a clerk sees.  The process reports its own first paint and ``ru_maxrss`` and exits
(``HALLTERM_EXIT_AFTER_FIRST_PAINT``); this script adds the wall time seen from outside.
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
    walls, inside, rss = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = _environment(Path(tmp))
        for _ in range(runs):
            started = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
            wall = time.perf_counter() - started
            found = re.search(r"first-paint ([\d.]+)s peak-rss (\d+) KiB", done.stdout)
            if not found:
                raise SystemExit(f"no paint reported by {command}:\n{done.stdout}\n{done.stderr[-2000:]}")
            walls.append(wall)
            inside.append(float(found.group(1)))
            rss.append(int(found.group(2)) / 1024)
    return {"wall_s": statistics.median(walls), "in_process_s": statistics.median(inside),
            "peak_rss_mib": max(rss), "runs": runs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    targets = {"source": [str(PYTHON), "-m", "ui.main"]}
    if BUNDLE.exists():
        targets["bundle"] = [str(BUNDLE), "gui"]
    else:
        print(f"(no bundle at {BUNDLE.relative_to(ROOT)}: run build/bundle.sh to measure it too)")
    for name, command in targets.items():
        r = measure(command, args.runs)
        print(f"{name:7} cold start to first paint: {r['wall_s'] * 1000:7.0f} ms wall "
              f"({r['in_process_s'] * 1000:.0f} ms after ui.main import), "
              f"peak RSS {r['peak_rss_mib']:.0f} MiB, median of {r['runs']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
