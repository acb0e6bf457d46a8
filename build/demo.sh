#!/usr/bin/env bash
# Sets up everything and starts the terminal in demo mode: an embedded platform on loopback,
# demo data, and two virtual secure elements on two readers. Nothing to configure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/setup.sh
exec .venv/bin/hallterm demo "$@"
