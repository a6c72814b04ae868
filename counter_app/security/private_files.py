"""The counter's files closed to other users of the computer: directories 0700, files
0600 — set at creation (the process's umask) and repaired once for installs made before.

On Windows mode bits mean nothing: each directory's access-control list is made to admit
the current user alone, once (security/folder_acl.py; docs/SECURITY.md).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from counter_app.security import folder_acl

PRIVATE_UMASK = 0o077
REPAIRED_MARK = ".private"  # in a directory once everything under it has been closed
# The built-in PostgreSQL's folder: its server sets its own modes (and, run as root, owns
# it under its own account; counter_app.central.embedded grants the folders above it the
# search bit, which is kept: it lets no one list or read anything).
OWN_MODES = ("central-pg",)


def close_to_others(*directories: Path, platform: str = sys.platform) -> None:
    """From now on this process creates files 0600 and directories 0700; each of
    *directories* (made if missing) and, the first time, everything under it is closed."""
    os.umask(PRIVATE_UMASK)
    if platform == "win32":
        for directory in directories:
            _restrict_once(directory)
        return
    for directory in directories:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        _chmod(directory, 0o700 | _search_bit_kept(directory))
        mark = directory / REPAIRED_MARK
        if not mark.exists():
            _close_tree(directory)
            mark.touch(mode=0o600)


def _restrict_once(directory: Path) -> None:
    """Windows: the directory's ACL set once (the mark says so; a directory where it could
    not be set is tried again at the next start). On Windows and macOS platformdirs gives
    the data and the settings one folder: the second call finds the mark."""
    directory.mkdir(parents=True, exist_ok=True)
    mark = directory / REPAIRED_MARK
    if not mark.exists() and folder_acl.restrict_to_current_user(directory):
        mark.touch()


def _search_bit_kept(directory: Path) -> int:
    """The search bit the built-in server's account needs to reach its folder, when this
    process runs as root (embedded.py runs the server under another account then)."""
    if os.geteuid() != 0 or not any((directory / name).exists() for name in OWN_MODES):
        return 0
    return directory.stat().st_mode & 0o011


def _close_tree(directory: Path) -> None:
    for root, dirs, files in os.walk(directory):
        dirs[:] = [name for name in dirs if name not in OWN_MODES]
        for name in dirs:
            _chmod(Path(root, name), 0o700)
        for name in files:
            _chmod(Path(root, name), 0o600)


def _chmod(path: Path, mode: int) -> None:
    """Close *path* unless it is a link (never follow one out of the tree)."""
    try:
        if not stat.S_ISLNK(os.lstat(path).st_mode):
            os.chmod(path, mode)
    except OSError:  # gone meanwhile, or not ours: nothing to close
        pass
