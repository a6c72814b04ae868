"""Windows: the counter's folders closed to other users by their access-control list.

Mode bits mean nothing on Windows, and what a folder in the profile inherits is not ours
to rely on: a domain's policy, a roaming or redirected profile, or `COUNTER_DATA_DIR` on
another drive may let others in. So once, when Counter first uses a folder, its ACL
becomes one entry: the current user, full control, inherited by everything inside
(`icacls DIR /inheritance:r /grant:r *SID:(OI)(CI)F`). What is already inside takes the
new ACL through inheritance. The user is named by SID, as `whoami` reports it: a name may
be ambiguous or translated, a SID never is.

An administrator can still take the folder over (nothing on a computer stops its
administrators); a copy of it opens nothing without the data key (docs/SECURITY.md).
Never is inheritance removed without the user's own entry in the same command: a folder
its user cannot open would stop the counter for good.
"""

from __future__ import annotations

import csv
import logging
import os
import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PureWindowsPath

log = logging.getLogger(__name__)

# (OI)(CI): files and folders made inside inherit the entry; F: full control.
USER_ONLY_RIGHTS = "(OI)(CI)F"
COMMAND_TIMEOUT_S = 30
_SID = re.compile(r"S-1-\d+(-\d+)+")

Runner = Callable[[Sequence[str]], tuple[int, str]]


def system_program(name: str, environ: Mapping[str, str] = os.environ) -> str:
    """The full path of a program of Windows' own (System32), never one found on PATH,
    where a program of the same name could stand in for it."""
    windows = environ.get("WINDIR") or environ.get("SYSTEMROOT") or r"C:\Windows"
    return str(PureWindowsPath(windows, "System32", name))


def current_user_command(environ: Mapping[str, str] = os.environ) -> list[str]:
    return [system_program("whoami.exe", environ), "/user", "/fo", "csv", "/nh"]


def user_sid_from(whoami_output: str) -> str | None:
    """The SID in `whoami /user /fo csv /nh`'s one line ("DOMAIN\\user","S-1-5-21-…")."""
    for row in csv.reader(whoami_output.splitlines()):
        for field in reversed(row):
            if _SID.fullmatch(field.strip()):
                return field.strip()
    return None


def restrict_command(folder: Path, user_sid: str,
                     environ: Mapping[str, str] = os.environ) -> list[str]:
    """icacls: inherited entries removed, the user's own the only one left."""
    return [system_program("icacls.exe", environ), str(folder), "/inheritance:r",
            "/grant:r", f"*{user_sid}:{USER_ONLY_RIGHTS}", "/q"]


def restrict_to_current_user(folder: Path, *, run: Runner | None = None,
                             environ: Mapping[str, str] = os.environ) -> bool:
    """Close *folder* to everyone but the current user; False (and a warning in the log)
    when it could not be done, e.g. on a FAT-formatted drive, which has no ACLs."""
    run = run or run_quietly
    code, output = run(current_user_command(environ))
    sid = user_sid_from(output) if code == 0 else None
    if sid is None:
        log.warning("a folder of Counter's was not closed to other users: the current user's "
                    "SID is unknown (whoami exited with %s)", code)
        return False
    code, _output = run(restrict_command(folder, sid, environ))
    if code != 0:
        log.warning("a folder of Counter's was not closed to other users: icacls exited "
                    "with %s", code)
        return False
    return True


def run_quietly(command: Sequence[str]) -> tuple[int, str]:
    """(exit code, output) of *command*, with no console window flashing over the
    counter's window; a program that cannot be started is exit code -1."""
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, errors="replace",
                              check=False, timeout=COMMAND_TIMEOUT_S, stdin=subprocess.DEVNULL,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.SubprocessError):
        return -1, ""
    return done.returncode, done.stdout
