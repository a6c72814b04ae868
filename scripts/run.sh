#!/usr/bin/env bash
# Sets up everything, seeds the demo site and operator on the built-in default (local
# SQLite + the built-in central PostgreSQL server in the data directory, which the counter
# syncs with through its own device login) and starts Counter. Extra arguments go to `gui`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
# Today's queue gets 8 applications at every counter step (draft ... submitted), once a day.
"$ROOT/.venv/bin/counter-app" demo --queue 8
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting on a virtual screen (Xvfb)."
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$ROOT/.venv/bin/counter-app" gui "$@"
fi
exec "$ROOT/.venv/bin/counter-app" gui "$@"
