#!/usr/bin/env bash
# Sets up everything Counter needs on Debian/Ubuntu: system packages, a virtualenv in
# .venv with the locked Python packages, the package itself. Safe to run again: each
# step is skipped when already done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Qt's xcb platform libraries, Chinese fonts (TrueType: WenQuanYi for BMP + Ext A,
# HanaMin for Ext B), poppler/zbar/xvfb for the tests and the headless demo, nsis for the
# test that compiles the Windows installer script (installer/windows/check-nsis.sh).
APT_PACKAGES=(fonts-wqy-zenhei fonts-hanazono poppler-utils zbar-tools xvfb xauth
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0
  libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 nsis)

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || echo "$pkg"
  done
}

# Seconds apt-get waits for another installation holding the dpkg lock.
DPKG_LOCK_WAIT=300

say_if_dpkg_busy() {
  local lock holder=""
  if command -v fuser >/dev/null; then
    for lock in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock; do
      [ -e "$lock" ] || continue
      holder=$(fuser "$lock" 2>/dev/null | tr -s ' ' | sed 's/^ //') || true
      [ -n "$holder" ] && break
    done
    if [ -n "$holder" ]; then
      echo "Another installation is running (process $holder): waiting for it to finish" \
        "(up to $((DPKG_LOCK_WAIT / 60)) minutes)..."
    fi
  else
    echo "If another installation is running, this waits for it to finish" \
      "(up to $((DPKG_LOCK_WAIT / 60)) minutes)."
  fi
  return 0
}

install_system_packages() {
  command -v dpkg-query >/dev/null || { echo "Not a Debian/Ubuntu system: install the" \
    "equivalents of: ${APT_PACKAGES[*]}"; return 0; }
  local missing
  missing=$(missing_packages "$@" | tr '\n' ' ')
  [ -z "${missing// }" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages: $missing"
    say_if_dpkg_busy
    # Another apt-get/dpkg (unattended-upgrades, a second terminal) holds the dpkg lock:
    # wait for it (apt >= 1.9.11) instead of stopping.
    apt-get -o DPkg::Lock::Timeout="$DPKG_LOCK_WAIT" update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$DPKG_LOCK_WAIT" \
      install -y -qq $missing >/dev/null
  else
    echo "Counter needs these system packages. Run, then start this command again:"
    echo "  sudo apt-get -o DPkg::Lock::Timeout=$DPKG_LOCK_WAIT update" \
      "&& sudo apt-get -o DPkg::Lock::Timeout=$DPKG_LOCK_WAIT install -y $missing"
    exit 1
  fi
}

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Counter needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)." >&2
  exit 1
}

install_system_packages "${APT_PACKAGES[@]}"
PY=$(find_python)
if ! "$PY" -m venv --help >/dev/null 2>&1 || ! "$PY" -c 'import ensurepip' 2>/dev/null; then
  install_system_packages python3-venv
fi

# The virtualenv is rebuilt only when the lock file or the build files changed.
STAMP=.venv/.counter-setup
WANTED=$(cat requirements.lock pyproject.toml setup.py | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$WANTED" ]; then
  echo "Setting up the Python environment in .venv (a few minutes the first time)..."
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  pip_install() {  # quiet, but real errors still show
    .venv/bin/python -m pip install -q --disable-pip-version-check "$@" \
      2> >(grep -v "is ignored: it is neither" >&2)
  }
  pip_install --upgrade pip
  pip_install -r requirements.lock
  # The lock holds the build requirements too (setuptools, PySide6-Essentials): no
  # separate build environment to download for the editable install.
  pip_install --no-deps --no-build-isolation -e .
  echo "$WANTED" > "$STAMP"
fi

# Compiled translations for the checkout (a wheel build compiles its own; *.qm are not in
# git): only when a .qm is missing or older than its .ts.
for ts in resources/translations/*.ts; do
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
  fi
done
