#!/usr/bin/env bash
# Refresh the Chinese catalogue from the sources (see resources/translations/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
.venv/bin/pyside6-lupdate -source-language en -target-language zh_CN -no-obsolete \
  ui/*.ui counter_app/qt/*.py \
  $(grep -rl QT_TRANSLATE_NOOP counter_app --include=*.py | grep -v /qt/ | sort) \
  -ts resources/translations/counter_zh_CN.ts
grep -B2 'type="unfinished"' resources/translations/counter_zh_CN.ts | grep "<source>" || true
