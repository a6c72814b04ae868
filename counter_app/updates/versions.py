"""Version numbers and which update a program may take.

A version is digits separated by dots (``1.2.0``): plain enough that no two programs can
disagree about which is newer ("1.10" is newer than "1.9"; "1.2" equals "1.2.0"). Anything
else is refused rather than guessed at.
"""

from __future__ import annotations

import platform
import re
import sys

from counter_app.updates.errors import (MSG_BAD_VERSION, MSG_NOT_NEWER, MSG_OTHER_PLATFORM,
                                        MSG_TOO_OLD_TO_UPDATE, UpdateError)

_VERSION = re.compile(r"[0-9]{1,6}(\.[0-9]{1,6}){0,3}")


def parse_version(text: str) -> tuple[int, ...]:
    """(1, 2, 0) for "1.2.0", without trailing zeros (so 1.2 == 1.2.0); UpdateError else."""
    if not isinstance(text, str) or not _VERSION.fullmatch(text):
        raise UpdateError(MSG_BAD_VERSION, version=str(text)[:40])
    parts = [int(part) for part in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def is_newer(candidate: str, than: str) -> bool:
    return parse_version(candidate) > parse_version(than)


def check_can_update(installed: str, offered: str, minimum: str) -> None:
    """UpdateError with the reason unless *offered* is newer than *installed* and
    *installed* is at least the update's *minimum* version."""
    if not is_newer(offered, installed):
        raise UpdateError(MSG_NOT_NEWER, version=offered, installed=installed)
    if parse_version(installed) < parse_version(minimum):
        raise UpdateError(MSG_TOO_OLD_TO_UPDATE, version=offered, minimum=minimum,
                          installed=installed)


def current_platform() -> str:
    """What a package must be built for to run here: linux-x86_64, linux-aarch64,
    windows-amd64, macos-arm64 (the frozen bundle holds native code)."""
    system = ("windows" if sys.platform == "win32" else "macos" if sys.platform == "darwin"
              else sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower() or "unknown"
    if system == "linux" and machine == "arm64":  # one name for one architecture
        machine = "aarch64"
    return f"{system}-{machine}"


def check_platform(package_platform: str, here: str | None = None) -> None:
    here = here or current_platform()
    if package_platform != here:
        raise UpdateError(MSG_OTHER_PLATFORM, platform=package_platform, here=here)
