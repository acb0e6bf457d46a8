#!/usr/bin/env bash
# Sets up everything and runs the whole test suite: unit, real PC/SC (pcscd + vpcd),
# platform over HTTPS on SQLite and PostgreSQL, and the GUI under Xvfb.
# Extra arguments go to pytest (e.g. bash build/test.sh -k scp02).
set -euo pipefail
cd "$(dirname "$0")/.."

# Each phase prints its wall time, and all of them again at the end (CI's budget is the sum).
SUITE_START=$SECONDS
PHASE_TIMES=()
phase() {  # phase NAME COMMAND...: run COMMAND, print and remember how long it took
  local name=$1 start=$SECONDS rc=0
  shift
  "$@" || rc=$?
  PHASE_TIMES+=("$(printf '%-22s %5d s' "$name" $((SECONDS - start)))")
  echo "test: phase '$name' took $((SECONDS - start)) s (exit $rc)"
  return $rc
}
print_times() {
  echo "test: phase times"
  printf '  %s\n' "${PHASE_TIMES[@]}"
  printf '  %-22s %5d s\n' "total" $((SECONDS - SUITE_START))
}
trap print_times EXIT

phase setup bash build/setup.sh

# The PC/SC tests start pcscd (with the vpcd driver) themselves, or reuse a running one
# (tests/integration/pcsc_stack.py). The "pcscd goes down" tests stop and restart it, even one
# this script did not start: the suite must prove that path, not skip it.
export HALLTERM_PCSC_RESTART_FOREIGN=1

# Lint and type-check first (config in pyproject.toml): findings fail the run.
phase ruff .venv/bin/ruff check .
phase mypy .venv/bin/mypy

mkdir -p test-artifacts
export QT_QPA_FONTDIR=${QT_QPA_FONTDIR:-/usr/share/fonts}
XVFB=(xvfb-run -a -s "-screen 0 1600x1000x24")
status=0
if [[ $# -gt 0 ]]; then
  # A chosen subset (e.g. -k scp02): one plain pytest run, as before.
  phase pytest "${XVFB[@]}" .venv/bin/python -m pytest "$@" || status=$?
else
  # Everything but PC/SC on two workers (tests/conftest.py: each with its own Xvfb), then the
  # PC/SC tests alone: there is one pcscd and one vpcd port on the machine, so they stay serial
  # (and wait for the machine's PC/SC lock, which other users of pcscd on a shared host take too).
  # --durations: the slowest items and fixtures of each pass, to see what sets the suite's floor.
  workers=${HALLTERM_TEST_WORKERS:-2}
  phase "pytest (not pcsc)" "${XVFB[@]}" .venv/bin/python -m pytest -m "not pcsc" -n "$workers" --dist worksteal \
    --durations=30 || status=$?
  pcsc_status=0
  phase "pytest (pcsc, serial)" flock /tmp/hallterm-pcsc.lock "${XVFB[@]}" .venv/bin/python -m pytest -m pcsc \
    -p no:xdist --durations=20 || pcsc_status=$?
  [[ $status -eq 0 ]] && status=$pcsc_status
fi
# pytest exit 5 means "no tests collected": for us that is a broken suite, not a pass.
if [[ $status -eq 5 ]]; then echo "test: no tests were collected"; exit 1; fi

# The benchmark tables, after a full passing run: figures are printed, never asserted, but every
# table must be there (a bench that cannot run is a broken build).
if [[ $status -eq 0 && $# -eq 0 ]]; then
  phase "bench --quick" bash -c 'set -o pipefail; "$@" | tee test-artifacts/bench.txt' _ \
    "${XVFB[@]}" .venv/bin/hallterm bench --quick
  for table in "== 1." "== 2." "== 3." "== 4." "== 6."; do  # 5. (--data-scale) is not in CI
    grep -q "^$table" test-artifacts/bench.txt || { echo "test: bench table '$table' missing"; exit 1; }
  done
fi
exit $status
