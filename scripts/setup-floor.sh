#!/usr/bin/env bash
# .venv-floor: requirements.lock with PySide6 at the floor the installed program ships
# (installer/requirements-bundle.lock), for running the window's tests on that Qt too
# (scripts/test.sh). Rebuilt only when either lock changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
QT='^(pyside6|shiboken6)'
lock=$( (grep -viE "$QT" requirements.lock; grep -iE "$QT" installer/requirements-bundle.lock) )
wanted=$(echo "$lock" | sha256sum | cut -d' ' -f1)
[ "$(cat .venv-floor/.counter-floor 2>/dev/null)" = "$wanted" ] && exit 0
echo "Setting up .venv-floor (PySide6 at the installed program's floor)..."
rm -rf .venv-floor
PY=$(sed -n 's/^executable = //p' .venv/pyvenv.cfg)  # the Python .venv was made with
[ -x "$PY" ] || PY=python3
"$PY" -m venv .venv-floor
echo "$lock" | .venv-floor/bin/python -m pip install -q --disable-pip-version-check -r /dev/stdin \
  2> >(grep -v "is ignored: it is neither" >&2)
echo "$wanted" > .venv-floor/.counter-floor
