#!/usr/bin/env bash
# Sets up everything and runs the whole test suite: unit, real PC/SC (pcscd + vpcd),
# platform over HTTPS on SQLite and PostgreSQL, and the GUI under Xvfb.
# Extra arguments go to pytest (e.g. bash build/test.sh -k scp02).
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/setup.sh

# The PC/SC tests start pcscd (with the vpcd driver) themselves, or reuse a running one
# (tests/integration/pcsc_stack.py). The "pcscd goes down" tests stop and restart it, even one
# this script did not start: the suite must prove that path, not skip it.
export HALLTERM_PCSC_RESTART_FOREIGN=1

# Lint and type-check first (config in pyproject.toml): findings fail the run.
.venv/bin/ruff check .
.venv/bin/mypy

mkdir -p test-artifacts
export QT_QPA_FONTDIR=${QT_QPA_FONTDIR:-/usr/share/fonts}
set +e
xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m pytest "$@"
status=$?
set -e
# pytest exit 5 means "no tests collected": for us that is a broken suite, not a pass.
if [[ $status -eq 5 ]]; then echo "test: no tests were collected"; exit 1; fi

# The benchmark tables, after a full passing run: figures are printed, never asserted, but every
# table must be there (a bench that cannot run is a broken build).
if [[ $status -eq 0 && $# -eq 0 ]]; then
  xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/hallterm bench --quick | tee test-artifacts/bench.txt
  for table in "== 1." "== 2." "== 3." "== 4."; do
    grep -q "^$table" test-artifacts/bench.txt || { echo "test: bench table '$table' missing"; exit 1; }
  done
fi
exit $status
