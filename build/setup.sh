#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for HallTerm: Debian packages (PC/SC stack, virtual reader
# driver, CJK fonts, Xvfb, Qt's xcb libraries, PostgreSQL for the tests), then a virtualenv in .venv
# with the project installed in editable mode. Safe to run again: it only installs what is missing.
#
#   bash build/setup.sh            runtime + test dependencies
#   HALLTERM_SETUP_EXTRAS=build    also PyInstaller (for build/bundle.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  pcscd libpcsclite1 libpcsclite-dev vsmartcard-vpcd pcsc-tools swig
  fonts-noto-cjk xvfb xauth
  libegl1 libgl1 libdbus-1-3 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libxcb-shm0 libxcb-sync1
  postgresql
  poppler-utils
  softhsm2
  nginx-light
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
extras="test"
[[ -n "${HALLTERM_SETUP_EXTRAS:-}" ]] && extras="$extras,$HALLTERM_SETUP_EXTRAS"
stamp=".venv/.hallterm-installed-$(sha1sum pyproject.toml | cut -c1-12)-${extras//,/_}"
if [[ ! -f "$stamp" ]]; then
  echo "setup: installing Python packages (.[$extras])"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$extras]"
  touch "$stamp"
fi
# Bytecode now, not at each start: the project's modules and shiboken's support modules
# (issue 15 item 4: the GUI's first paint; see build/precompile.py).
.venv/bin/python build/precompile.py
