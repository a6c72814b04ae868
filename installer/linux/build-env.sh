#!/usr/bin/env bash
# The build system for the Linux bundle: Debian 11 (bullseye, glibc 2.31) made with
# debootstrap from Debian's archive, with CPython 3.11 compiled inside it from Debian's
# source of python3.11 (bookworm), so the frozen program runs on glibc 2.31 and newer
# (UOS, Kylin, Debian 11+, Ubuntu 20.04+). Everything is cached under $COUNTER_BUILD_CACHE
# (default /var/cache/counter-build): the second build reuses it.
#
#   installer/linux/build-env.sh ARCH    -> prints the build root (ready to chroot into)
#
# Needs root (debootstrap, chroot, mounts) and the debootstrap package.
set -euo pipefail

ARCH="${1:-${ARCH:-$(dpkg --print-architecture)}}"
CACHE="${COUNTER_BUILD_CACHE:-/var/cache/counter-build}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bullseye
PYTHON_VERSION=3.11.2
# python3.11_3.11.2.orig.tar.gz as listed in bookworm's signed Sources index.
PYTHON_SOURCE_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
BUILD_PACKAGES="build-essential libssl-dev zlib1g-dev libffi-dev libsqlite3-dev libbz2-dev
  liblzma-dev uuid-dev ca-certificates binutils file"
# Qt's own libraries need these to load at all: lrelease compiles the translations, and
# PyInstaller imports the Qt modules it bundles to find their plugins.
QT_LOAD_PACKAGES="libglib2.0-0 libgl1 libegl1 libopengl0 libfontconfig1 libfreetype6
  libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libx11-xcb1 libcups2 libgssapi-krb5-2
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1"

log() { echo "build-env: $*" >&2; }

base_root() {  # a pristine minimal system, also the start of every floor test
  local root="$CACHE/$SUITE-base-$ARCH"
  if [ ! -e "$root/.complete" ]; then
    command -v debootstrap >/dev/null || apt-get install -y debootstrap >&2
    rm -rf "$root"
    log "debootstrap $SUITE ($ARCH) into $root"
    debootstrap --arch="$ARCH" --variant=minbase "$SUITE" "$root" "$MIRROR" >&2
    touch "$root/.complete"
  fi
  echo "$root"
}

build_root() {
  local root="$CACHE/$SUITE-build-$ARCH"
  local wanted
  wanted=$(echo $BUILD_PACKAGES $QT_LOAD_PACKAGES)
  if [ ! -e "$root/.packages" ]; then
    rm -rf "$root"
    cp -a "$(base_root)" "$root"
  fi
  if [ "$(cat "$root/.packages" 2>/dev/null)" != "$wanted" ]; then
    log "installing the build tools into $root"
    in_root "$root" apt-get update -q >&2
    in_root "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-install-recommends $wanted >&2
    echo "$wanted" > "$root/.packages"
  fi
  build_python "$root"
  echo "$root"
}

build_python() {
  local root="$1" tarball="$CACHE/python3.11_$PYTHON_VERSION.orig.tar.gz"
  [ -x "$root/opt/python3.11/bin/python3.11" ] && return
  if [ ! -e "$tarball" ]; then
    log "fetching Debian's python3.11 source"
    curl -fsS --retry 3 -o "$tarball.part" \
      "$MIRROR/pool/main/p/python3.11/python3.11_$PYTHON_VERSION.orig.tar.gz"
    mv "$tarball.part" "$tarball"
  fi
  echo "$PYTHON_SOURCE_SHA256  $tarball" | sha256sum -c --quiet -
  rm -rf "$root/build/python" && mkdir -p "$root/build/python"
  tar -xzf "$tarball" -C "$root/build/python" --strip-components=1
  log "compiling CPython $PYTHON_VERSION inside $SUITE (a few minutes)"
  in_root "$root" sh -c "cd /build/python && ./configure -q --prefix=/opt/python3.11 \
    --enable-shared LDFLAGS=-Wl,-rpath,/opt/python3.11/lib >/dev/null \
    && make -s -j$(nproc) >/dev/null 2>&1 && make -s install >/dev/null 2>&1"
  rm -rf "$root/build/python"
  in_root "$root" /opt/python3.11/bin/python3.11 -c "import ssl, sqlite3, ctypes, lzma, bz2, zlib, uuid"
}

in_root() {  # run a command inside the root with /proc, /dev and DNS
  local root="$1"; shift
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  local status=0
  chroot "$root" "$@" || status=$?
  umount "$root/dev" "$root/proc" || true
  return "$status"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then  # run, not sourced
  case "${2:-build}" in
    base) base_root ;;
    build) build_root ;;
  esac
fi
