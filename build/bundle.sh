#!/usr/bin/env bash
# Builds the one-folder terminal bundle in dist/hallterm with PyInstaller, then smoke-tests it:
# `hallterm --version`, and the GUI up to its first painted window (offscreen).
#
#   HALLTERM_SETUP_EXTRAS=build bash build/setup.sh   # once: installs PyInstaller (the build extra)
#   bash build/bundle.sh
#
# Work files go to a temp folder: PyInstaller's default workpath is ./build, which is ours.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! .venv/bin/python -m PyInstaller --version >/dev/null 2>&1; then
  echo "bundle: PyInstaller is missing; run: HALLTERM_SETUP_EXTRAS=build bash build/setup.sh" >&2
  exit 2
fi

echo "bundle: compiling translations"
for lang in zh_CN en; do
  .venv/bin/pyside6-lrelease -silent "resources/i18n/hallterm_${lang}.ts" -qm "resources/i18n/hallterm_${lang}.qm"
done

echo "bundle: bytecode (shiboken's support modules as files, collected by the spec)"
.venv/bin/python build/precompile.py

workpath=$(mktemp -d /tmp/hallterm-pyinstaller.XXXXXX)
trap 'rm -rf "$workpath"' EXIT
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$workpath" --distpath dist build/hallterm.spec

binary=dist/hallterm/hallterm
echo "bundle: smoke test"
"$binary" --version
# `readers` must answer cleanly with or without pcscd: 0 (listed) or 3 (no PC/SC service/reader).
# In Chinese: the console's words come from the .ts files and code tables the bundle ships.
set +e; said=$("$binary" readers --lang zh_CN 2>&1); readers_status=$?; set -e
echo "$said"
if [[ $readers_status -ne 0 && $readers_status -ne 3 ]]; then
  echo "bundle: 'hallterm readers' failed with exit $readers_status" >&2; exit 1
fi
if ! LC_ALL=C grep -q $'[\xe4-\xe9]' <<<"$said" || grep -q Traceback <<<"$said"; then
  echo "bundle: 'hallterm readers --lang zh_CN' did not answer in Chinese" >&2; exit 1
fi
smoke=$(mktemp -d /tmp/hallterm-smoke.XXXXXX)
trap 'rm -rf "$workpath" "$smoke"' EXIT
printf '{"platform_url": "https://127.0.0.1:9", "terminal_id": "SMOKE-01", "journal_path": "%s/j.sqlite"}\n' \
  "$smoke" >"$smoke/config.json"
# The whole output, then grep: the GUI prints its paint and then "ready" (login usable), and a
# `| grep -q` that stops reading at the first line would break the second print's pipe.
started=$(HALLTERM_CONFIG="$smoke/config.json" HALLTERM_EXIT_AFTER_FIRST_PAINT=1 XDG_CONFIG_HOME="$smoke" \
  QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} timeout 60 "$binary" gui)
grep -q '^first-paint' <<<"$started" && grep -q '^ready' <<<"$started"
echo "bundle: ok — $(du -sh dist/hallterm | cut -f1) in dist/hallterm"
