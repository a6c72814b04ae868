#!/usr/bin/env bash
# dist/counter-app_<version>_<arch>.deb: the frozen program, built inside Debian 11
# (glibc 2.31: runs on UOS, Kylin, Debian 11+, Ubuntu 20.04+), for the machine's own
# architecture (amd64, or arm64 where run on arm64).
#
#   sudo bash installer/build-deb.sh
#
# Installs into /opt/counter-app with /usr/bin/counter-app, a desktop entry and its icon,
# and the system's update service (systemd units, the hand-over folder; installer/
# README.md, "Updates"). Depends on the Chinese fonts and the X libraries Qt 6 needs. The
# maintainer scripts (linux/debian/) only enable, stop and disable that service and clean
# up after updates: an upgrade or a removal (purge included) never touches a user's data
# and settings, which live in their home (platformdirs). The build system is cached
# (build-env.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$PWD"
ARCH="${ARCH:-$(dpkg --print-architecture)}"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)"
OUT="$REPO/dist/counter-app_${VERSION}_${ARCH}.deb"
started=$(date +%s)

# Runtime packages of Debian 11 and later (and UOS/Kylin, of the same family).
DEPENDS="fonts-wqy-zenhei, fonts-hanazono, libxcb-cursor0, libxcb-icccm4, libxcb-image0,
 libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0,
 libxcb-xkb1, libxkbcommon-x11-0, libxkbcommon0, libx11-xcb1, libegl1, libgl1, libopengl0,
 libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0, libcups2, libgssapi-krb5-2"

root="$(bash installer/linux/build-env.sh "$ARCH" build)"
# The wheels come down on this machine (its pip settings and certificates), for the
# floor's platform tags only: a wheel that needs a newer glibc cannot be chosen.
case "$ARCH" in amd64) MACHINE=x86_64 ;; arm64) MACHINE=aarch64 ;; *) MACHINE="$ARCH" ;; esac
wheels="${COUNTER_BUILD_CACHE:-/var/cache/counter-build}/wheels-$ARCH"
platforms=()
for glibc in 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17; do
  platforms+=(--platform "manylinux_2_${glibc}_$MACHINE")
done
echo "build-deb: wheels for glibc 2.31 ($MACHINE) into $wheels"
PIP="${PIP:-.venv/bin/python -m pip}"
$PIP download -q --no-deps --only-binary=:all: "${platforms[@]}" \
  --platform "manylinux2014_$MACHINE" --platform any --python-version 3.11 --implementation cp \
  -r installer/requirements-bundle.lock -d "$wheels" 2> >(grep -v "is ignored" >&2)
echo "build-deb: sources into the build system"
rm -rf "$root/build/src" && mkdir -p "$root/build/src"
git ls-files -z --cached --others --exclude-standard | tar -cf - --null -T - |
  tar -xf - -C "$root/build/src"
rm -rf "$root/build/wheels" && cp -a "$wheels" "$root/build/wheels"
source installer/linux/build-env.sh
in_root "$root" sh /build/src/installer/linux/build-bundle.sh

echo "build-deb: package"
pkg="$(mktemp -d)"
trap 'rm -rf "$pkg"' EXIT
mkdir -p "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/icons/hicolor/scalable/apps" "$pkg/lib/systemd/system"
cp -a "$root/build/dist/counter-app" "$pkg/opt/counter-app"
ln -s /opt/counter-app/counter-app "$pkg/usr/bin/counter-app"
install -m 0644 installer/linux/share/counter-app.desktop "$pkg/usr/share/applications/"
install -m 0644 installer/linux/share/counter-app.svg "$pkg/usr/share/icons/hicolor/scalable/apps/"
# The system's update service: a root oneshot started by a path unit when a counter hands
# an update over, into a folder anyone may drop into and nobody may read from (like /tmp)
install -m 0644 installer/linux/share/counter-app-update.path \
  installer/linux/share/counter-app-update.service "$pkg/lib/systemd/system/"
install -d -m 0755 "$pkg/var" "$pkg/var/lib" "$pkg/var/lib/counter-app" \
  "$pkg/var/lib/counter-app/updates"
install -d -m 1733 "$pkg/var/lib/counter-app/updates/incoming"
install -m 0755 installer/linux/debian/postinst installer/linux/debian/prerm \
  installer/linux/debian/postrm "$pkg/DEBIAN/"
size_kb=$(du -sk "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: counter-app
Version: $VERSION
Architecture: $ARCH
Maintainer: Counter developers <counter@invalid>
Installed-Size: $size_kb
Depends: $(echo $DEPENDS)
Section: misc
Priority: optional
Description: social security card counter (社保卡受理柜台)
 Intake at the window, the photo station, the registration form and sync with the
 central database, for social security card handling points.
CONTROL
mkdir -p "$REPO/dist"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$OUT" >/dev/null
echo "build-deb: $OUT ($(du -h "$OUT" | cut -f1), $(( $(date +%s) - started )) s)"
