"""Exchanging two folders, so that the program folder always holds a whole version.

On Linux ``renameat2(RENAME_EXCHANGE)`` (glibc 2.28 and later, every file system Counter
installs on) swaps the two names in one step: at every instant each name holds one of the
two versions, so a crash leaves a runnable program whatever the moment. Elsewhere, or on a
file system that refuses the exchange, three renames do it through a third name; a crash
between them leaves the program folder missing until the next start's recovery puts it
back (counter_app.updates.install.recover) — the journal says which name holds what.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import sys
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> None:
    """Swap the names of the folders *first* and *second* (both must exist, on one file
    system); OSError when that cannot be done."""
    if _atomic_exchange(first, second):
        return
    halfway = halfway_name(first)
    os.replace(first, halfway)
    os.replace(second, first)
    os.replace(halfway, second)


def halfway_name(first: Path) -> Path:
    """Where the three-rename exchange keeps *first* for a moment."""
    return first.with_name(first.name + ".swap")


def _atomic_exchange(first: Path, second: Path) -> bool:
    """True when the kernel swapped the two in one step; False when it cannot here."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                 _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # not on this file system
        return False
    raise OSError(error, os.strerror(error), str(first))


@functools.cache
def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library older than glibc 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
