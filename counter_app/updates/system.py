"""Updates of a program folder the counter's user may not change (the .deb's
/opt/counter-app, owned by root): the counter hands the package it verified to the
system, and a root service verifies it again and installs it (docs/SECURITY.md,
"Program updates", "Root-owned installs").

The hand-over folder, the *spool* (``/var/lib/counter-app/updates/incoming``, 1733 root
like /tmp), takes a file from anyone and lets nobody read, replace or delete another's.
The counter's file appears whole or not at all: written unnamed (O_TMPFILE) and linked in
once flushed, so the systemd path unit (DirectoryNotEmpty) never starts the service on
half a package, and the service may empty the folder every time it runs.

The service (`counter-app update install-system`, root) trusts nothing in the spool — any
local user may put anything there: each entry is opened without following a link, must
be a regular file with a single link and at most MAX_SPOOL_BYTES, and is copied into the
root-only work folder before a byte of it is interpreted (its owner may still write to
it); the copy is verified with the installed program's keys and version
(install.stage_package), the newest that verifies is installed with the journaled swap,
self-test and rollback of install.apply_staged, and every entry is removed. What came of
it goes into ``status.json`` beside the spool (version, outcome, reason, time; readable
by every user, no personal data): the counter waits for it at its start, and
`counter-app update check` shows it.

Beside the spool, root's alone: ``work/`` (an install's state, journal and staged copy).
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.errors import reason
from counter_app.updates.errors import (MSG_NOT_A_PACKAGE, MSG_UNSAFE_SYSTEM_FOLDER,
                                        UpdateError)
from counter_app.updates.install import apply_staged, stage_package, staged_update
from counter_app.updates.outcomes import Outcome, SelfCheck
from counter_app.updates.package import (MAX_PACKAGE_BYTES, attach_signature,
                                         read_signed_manifest)
from counter_app.updates.signing import Signature, TrustedKeys
from counter_app.updates.state import UpdateFolder, now_text, read_json, write_json
from counter_app.updates.versions import is_newer, parse_version

log = logging.getLogger(__name__)

# Made by the .deb (installer/build-deb.sh); the setting update_spool moves it (tests).
SPOOL = Path("/var/lib/counter-app/updates/incoming")
MAX_SPOOL_BYTES = MAX_PACKAGE_BYTES
STATUS_KEPT = 10
_COPY_BLOCK = 1024 * 1024
_TAKEN_NAME = "from-spool.zip"


@dataclass(frozen=True)
class SystemUpdates:
    """The spool and what lies beside it."""
    spool: Path

    @property
    def root(self) -> Path:
        return self.spool.parent

    @property
    def status_file(self) -> Path:
        return self.root / "status.json"

    @property
    def work(self) -> UpdateFolder:
        return UpdateFolder(self.root / "work")


# --- the counter's side -------------------------------------------------------------------

def can_hand_over(system: SystemUpdates) -> bool:
    """Whether this computer has the system's update service's spool, and this user may
    put a file into it."""
    return system.spool.is_dir() and os.access(system.spool, os.W_OK | os.X_OK)


def hand_over(system: SystemUpdates, package: Path, signature: Signature,
              version: str) -> str:
    """Put a copy of *package* (verified by the caller) into the spool, carrying
    *signature* inside when it has none of its own (the root service reads the file
    alone); the name it got. OSError when the spool cannot take it."""
    carries_own = read_signed_manifest(package).signature is not None
    if not hasattr(os, "O_TMPFILE"):  # Linux alone has the spool
        raise OSError(errno.EOPNOTSUPP, "no unnamed files here", str(system.spool))
    folder = os.open(system.spool, os.O_PATH | os.O_DIRECTORY)  # 1733: no read permission
    try:
        descriptor = os.open(".", os.O_TMPFILE | os.O_RDWR, 0o600, dir_fd=folder)
        try:
            _write_package(descriptor, package, None if carries_own else signature)
            name = f"{version}-{uuid.uuid4().hex}.zip"  # nobody can take the name first
            # Linked in only now that it is whole: the service never sees half a package.
            # (linkat through /proc, as open(2) shows; a folder descriptor makes Python
            # call linkat with AT_SYMLINK_FOLLOW rather than link.)
            os.link(f"/proc/self/fd/{descriptor}", name, dst_dir_fd=folder,
                    follow_symlinks=True)
        finally:
            os.close(descriptor)
    finally:
        os.close(folder)
    return name


def _write_package(descriptor: int, package: Path, signature: Signature | None) -> None:
    """*package*'s bytes into the open file *descriptor*, with *signature* added to it
    when given, flushed to disk."""
    with os.fdopen(descriptor, "w+b", closefd=False) as handle, open(package, "rb") as source:
        shutil.copyfileobj(source, handle, _COPY_BLOCK)
        if signature is not None:
            attach_signature(handle, signature)
        handle.flush()
        os.fsync(descriptor)


def withdraw(system: SystemUpdates, name: str) -> bool:
    """Take back the file *name* this user handed over; False when the service took it
    first (it is being installed)."""
    if not name or Path(name).name != name:
        return False
    try:
        os.unlink(system.spool / name)
    except FileNotFoundError:
        return False
    return True


def read_status(system: SystemUpdates) -> list[dict]:
    """The service's last outcomes, newest first ([] none yet)."""
    recent = read_json(system.status_file).get("recent")
    return [entry for entry in recent if isinstance(entry, dict)] if isinstance(
        recent, list) else []


def outcome_for(system: SystemUpdates, version: str, since: str) -> dict | None:
    """What the service made of *version* at or after *since* (UTC, as now_text()): its
    install when one of the files handed over installed, else its newest refusal."""
    entries = [entry for entry in read_status(system)
               if entry.get("version") == version and str(entry.get("at", "")) >= since]
    installed = [entry for entry in entries if entry.get("outcome") == "installed"]
    return (installed or entries or [None])[0]


# --- the root service's side --------------------------------------------------------------

def install_from_spool(system: SystemUpdates, program_dir: Path, *, installed_version: str,
                       trusted: TrustedKeys, self_check: SelfCheck,
                       platform: str | None = None) -> list[Outcome]:
    """Take every entry of the spool, install the newest package that verifies (see the
    module's text), finish or undo an install a crash interrupted; what came of each
    (status.json has it too). UpdateError when the folders are not safe to work in."""
    for folder in (system.root, program_dir.parent):  # nobody else may swap a name in
        check_own_folder(folder)
    work = system.work
    work.ensure()
    check_own_folder(work.root)
    outcomes = _stage_newest(system, work, installed_version, trusted, platform)
    outcome = apply_staged(work, program_dir, installed_version=installed_version,
                           trusted=trusted, self_check=self_check, platform=platform)
    if outcome.event != "nothing":
        outcomes.append(outcome)
    record_status(system, outcomes)
    return outcomes


def check_own_folder(folder: Path) -> None:
    """UpdateError unless *folder* is a real folder of this process's user that nobody
    else may write: root writes its work, the status and the program's neighbours there."""
    try:
        status = os.lstat(folder)
    except OSError as exc:
        raise UpdateError(MSG_UNSAFE_SYSTEM_FOLDER, folder=folder,
                          problem=exc.strerror or type(exc).__name__) from None
    if not stat.S_ISDIR(status.st_mode):
        problem = "not a folder"
    elif status.st_uid != os.geteuid():
        problem = "owned by another user"
    elif status.st_mode & 0o022:
        problem = "others may write to it"
    else:
        return
    raise UpdateError(MSG_UNSAFE_SYSTEM_FOLDER, folder=folder, problem=problem)


def _stage_newest(system: SystemUpdates, work: UpdateFolder, installed_version: str,
                  trusted: TrustedKeys, platform: str | None) -> list[Outcome]:
    """Empty the spool, staging the newest package that verifies; the refusals."""
    refusals: list[Outcome] = []
    staged = staged_update(work)  # left by a run that stopped before installing it
    best = staged.version if staged else ""
    copy = work.download_dir / _TAKEN_NAME
    spool = _open_spool(system.spool)
    if spool is None:
        return refusals
    try:
        for name in sorted(os.listdir(spool)):
            claimed = ""
            copy.unlink(missing_ok=True)
            try:
                if not _take(spool, name, copy):
                    continue
                claimed = _claimed_version(copy)
                best = _stage_if_newer(work, copy, claimed, best, installed_version, trusted,
                                       platform)
            except UpdateError as error:
                refusals.append(Outcome("refused", claimed, error))
                log.warning("a file handed over for installing was refused: %s", error)
            finally:
                _remove_entry(spool, name)
                copy.unlink(missing_ok=True)
    finally:
        os.close(spool)
    return refusals


def _open_spool(spool: Path) -> int | None:
    """The spool as a descriptor (entries are then opened relative to it, so nobody can
    swap a folder in between); None when there is no spool (nothing to take)."""
    try:
        return os.open(spool, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a link where the folder should be: refused, not followed
        raise UpdateError(MSG_UNSAFE_SYSTEM_FOLDER, folder=spool,
                          problem=exc.strerror or type(exc).__name__) from None


def _take(spool: int, name: str, copy: Path) -> bool:
    """Copy the spool's entry *name* to *copy* (root's work folder, 0600); False when the
    entry went meanwhile (its owner took it back); UpdateError for anything but a
    regular file of one link and at most MAX_SPOOL_BYTES."""
    try:
        seen = os.stat(name, dir_fd=spool, follow_symlinks=False)
    except FileNotFoundError:
        return False
    _check_entry(seen)
    try:  # O_NONBLOCK: a FIFO swapped in after the stat is not waited on
        source = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY,
                         dir_fd=spool)
    except FileNotFoundError:
        return False
    except OSError as exc:
        problem = "a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
        raise UpdateError(MSG_NOT_A_PACKAGE, problem=problem or "cannot be opened") from None
    try:
        opened = os.fstat(source)
        _check_entry(opened)
        if (opened.st_dev, opened.st_ino) != (seen.st_dev, seen.st_ino):
            raise UpdateError(MSG_NOT_A_PACKAGE, problem="replaced while being taken")
        _copy_capped(source, copy)
    finally:
        os.close(source)
    return True


def _check_entry(status: os.stat_result) -> None:
    if stat.S_ISLNK(status.st_mode):
        raise UpdateError(MSG_NOT_A_PACKAGE, problem="a symbolic link")
    if not stat.S_ISREG(status.st_mode):
        raise UpdateError(MSG_NOT_A_PACKAGE, problem="not an ordinary file")
    if status.st_nlink != 1:  # a hard link to someone else's file, e.g. one root may read
        raise UpdateError(MSG_NOT_A_PACKAGE, problem="linked more than once")
    if status.st_size > MAX_SPOOL_BYTES:
        raise _too_large()


def _copy_capped(source: int, copy: Path) -> None:
    """The bytes of *source* into the new file *copy*, at most MAX_SPOOL_BYTES of them
    (the owner may make the file grow while it is read)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    with os.fdopen(os.open(copy, flags, 0o600), "wb") as target:
        copied = 0
        while block := os.read(source, _COPY_BLOCK):
            copied += len(block)
            if copied > MAX_SPOOL_BYTES:
                raise _too_large()
            target.write(block)
        target.flush()
        os.fsync(target.fileno())


def _too_large() -> UpdateError:
    return UpdateError(MSG_NOT_A_PACKAGE, problem="larger than {} MB".format(
        MAX_SPOOL_BYTES // 1024**2))


def _stage_if_newer(work: UpdateFolder, copy: Path, claimed: str, best: str,
                    installed_version: str, trusted: TrustedKeys, platform: str | None) -> str:
    """Stage *copy* (verified in full) unless it *claimed* a version no newer than
    *best*, the one staged so far; the version staged now. UpdateError when it does not
    verify."""
    if best and claimed and not is_newer(claimed, best):
        log.info("version %s handed over is not newer than %s, also handed over: dropped",
                 claimed, best)
        return best
    manifest = stage_package(work, copy, trusted, installed_version=installed_version,
                             platform=platform, move=True)
    return manifest.version


def _claimed_version(copy: Path) -> str:
    """The version the copy's manifest claims, before any check of it ("" none readable):
    only to choose among copies and to name a refusal."""
    try:
        version = read_signed_manifest(copy).manifest.version
        parse_version(version)
    except (UpdateError, OSError):
        return ""
    return version


def _remove_entry(spool: int, name: str) -> None:
    """Remove the entry *name* from the spool, whatever it is (a folder with all it
    holds, a link itself and not what it points to): the path unit starts the service
    again as long as the spool is not empty."""
    try:
        os.unlink(name, dir_fd=spool)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        shutil.rmtree(name, dir_fd=spool)  # descriptor-based: never follows a link inside


def record_status(system: SystemUpdates, outcomes: list[Outcome]) -> None:
    """Add *outcomes* (the install last, so first in the file) to status.json, which
    every user may read: versions, outcomes, reasons and times only."""
    if not outcomes:
        return
    at = now_text()
    entries = [_status_entry(outcome, at) for outcome in reversed(outcomes)]
    recent = (entries + read_status(system))[:STATUS_KEPT]
    write_json(system.status_file, {**recent[0], "recent": recent}, mode=0o644)


def _status_entry(outcome: Outcome, at: str) -> dict:
    error = outcome.error
    return {"at": at, "version": outcome.version, "outcome": outcome.event,
            "reason": reason(error.template, **error.params) if error is not None else ""}
