#!/usr/bin/env bash
# The glibc floor, proven: the .deb installed into a fresh Debian 11 (bullseye, glibc 2.31)
# made with debootstrap from Debian's packages, and run there: its version and help, a
# sample form (fonts embedded), a photo check, the window offscreen to the login; then an
# upgrade and a purge that leave the user's data where it was.
#
#   sudo bash installer/test-floor.sh [dist/counter-app_<version>_<arch>.deb]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DEB="${1:-$(ls -t dist/counter-app_*_"$(dpkg --print-architecture)".deb | head -1)}"
# the package's own architecture (arm64 runs under qemu-user-static where the host is not)
source installer/linux/build-env.sh "$(dpkg-deb -f "$DEB" Architecture)"
base="$(base_root)"
root="$(mktemp -d "${COUNTER_BUILD_CACHE:-/var/cache/counter-build}/floor-test.XXXXXX")"
trap 'umount "$root/dev" "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
cp -a "$base/." "$root/"
cp "$DEB" "$root/tmp/counter-app.deb"
cp resources/demo/photo.jpg "$root/tmp/photo.jpg"
step() { echo; echo "== $*"; }
run() { in_root "$root" env HOME=/home/clerk LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

step "Debian $(cat "$root/etc/debian_version"), $(run ldd --version | head -1)"
run apt-get update -q >/dev/null
step "install $(basename "$DEB") with its dependencies from Debian 11"
run apt-get install -y -q --no-install-recommends /tmp/counter-app.deb | tail -1
run mkdir -p /home/clerk
step "the system's update service: nothing handed over"
run counter-app update install-system
step "counter-app --version"
run counter-app --version
step "counter-app --help (first lines)"
run counter-app --help | head -3
step "a sample registration form"
run counter-app form sample --out /tmp/sample.pdf
command -v pdffonts >/dev/null && pdffonts "$root/tmp/sample.pdf" | tail -n +3 | awk '{print "font:", $1, "embedded:", $(NF-4)}'
step "a photo check"
run counter-app photo check /tmp/photo.jpg || echo "(exit $?: the check's verdict, not a crash)"
seconds_since() { python3 -c "import sys, time; print(f'{time.time() - float(sys.argv[1]):.2f}')" "$1"; }
step "the window offscreen, up to the first-run window"
start=$(date +%s.%N)
run env QT_QPA_PLATFORM=offscreen counter-app gui --exit-when-shown
echo "shown after $(seconds_since "$start") s (the first start makes the key and the database)"
step "demo data, then the window again, up to the login"
run counter-app demo >/dev/null
for attempt in 1 2 3; do
  start=$(date +%s.%N)
  run env QT_QPA_PLATFORM=offscreen counter-app gui --exit-when-shown
  echo "start $attempt: login shown after $(seconds_since "$start") s"
done
step "the user's data survives an upgrade and a purge"
data_before=$(run find /home/clerk -type f | sort | md5sum)
run dpkg -i /tmp/counter-app.deb | tail -1
run apt-get purge -y -q counter-app | tail -1
data_after=$(run find /home/clerk -type f | sort | md5sum)
[ "$data_before" = "$data_after" ] && echo "user data untouched: $(run find /home/clerk -type f | wc -l) files"
[ ! -e "$root/opt/counter-app" ] && [ ! -e "$root/usr/bin/counter-app" ] && echo "program removed: nothing left in /opt or /usr/bin"
step "floor test passed"
