#!/usr/bin/env bash
# Sets up everything and runs the whole test suite (unit, Qt offscreen, PostgreSQL,
# benchmarks). Extra arguments go to pytest.
#
# With no test paths among the arguments, the tests run on two workers (pytest-xdist, one
# per core), then the benchmarks alone on a quiet machine; given paths, one plain run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh

# The PostgreSQL tests use COUNTER_TEST_PG_URL, by default the local server. Start the
# packaged cluster if it is installed but stopped (tests never stop it).
export COUNTER_TEST_PG_URL="${COUNTER_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}"
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432 \
   && [ -d /etc/postgresql ] && [ "$(id -u)" = 0 ]; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
PYTEST=(.venv/bin/python -m pytest)
for argument in "$@"; do
  case "$argument" in
    tests*|*.py|*::*) exec "${PYTEST[@]}" "$@" ;;
  esac
done
status=0
run() {  # pytest's 5 (nothing collected, e.g. -k matched no benchmark) is no failure
  "${PYTEST[@]}" "$@" || { local code=$?; [ "$code" = 5 ] || status=$code; }
}
run -n 2 --ignore=tests/benchmarks "$@"
run tests/benchmarks "$@"
# The window's tests again on the oldest Qt the installed program ships with (the glibc
# 2.31 floor: installer/requirements-bundle.lock), in CI or when COUNTER_QT_FLOOR=1.
if [ "${CI:-}" = true ] || [ "${COUNTER_QT_FLOOR:-}" = 1 ]; then
  bash scripts/setup-floor.sh
  PYTEST=(env PYTHONPATH="$ROOT" .venv-floor/bin/python -m pytest)
  run -n 2 -p no:cacheprovider tests/qt "$@"
fi
exit "$status"
