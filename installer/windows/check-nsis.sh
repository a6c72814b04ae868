#!/usr/bin/env bash
# Compiles installer/windows/counter.nsi with makensis against a stand-in bundle (dummy
# files laid out as PyInstaller's dist\counter-app), so the script's syntax, defines,
# language strings and includes are checked on Linux (Debian's `nsis` package). The
# installer it writes is thrown away; the real one is built on Windows
# (.github/workflows/windows.yml).
#
#   bash installer/windows/check-nsis.sh [VERSION]
#
# Options are given with "-", which makensis takes on every system.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION="${1:-0.0.0}"

command -v makensis >/dev/null || {
  echo "makensis not found: apt-get install nsis (scripts/setup.sh installs it)" >&2
  exit 127
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# A stand-in for the bundle: both executables and a few files under _internal, one of
# them with a Chinese name (the script is Unicode). Compiled twice: the Start-menu entry
# differs when the windowed executable is missing (counter.nsi, WINDOW_EXE).
BUNDLE="$WORK/dist/counter-app"
mkdir -p "$BUNDLE/_internal/counter_app/resources/translations" \
         "$BUNDLE/_internal/PySide6/plugins/platforms"
printf 'MZ stand-in\n' > "$BUNDLE/counter-app.exe"
printf 'MZ stand-in\n' > "$BUNDLE/counter-app-window.exe"
printf 'stand-in\n' > "$BUNDLE/_internal/python311.dll"
printf 'stand-in\n' > "$BUNDLE/_internal/PySide6/plugins/platforms/qwindows.dll"
printf 'stand-in\n' > "$BUNDLE/_internal/counter_app/resources/translations/counter_zh_CN.qm"
printf 'stand-in\n' > "$BUNDLE/_internal/counter_app/resources/说明.txt"

compile() {  # $1: what the bundle is, for the message
  local out="$WORK/counter-app-$VERSION-setup.exe"
  rm -f "$out"
  makensis -V2 -WX -DVERSION="$VERSION" -DSOURCE_DIR="$BUNDLE" -DOUTFILE="$out" \
    "$HERE/counter.nsi"
  test -s "$out"
  echo "counter.nsi compiled ($1): $(wc -c < "$out") bytes (thrown away)"
}

compile "with a windowed executable"
rm "$BUNDLE/counter-app-window.exe"  # a bundle with the console program alone
compile "with the console program alone"
