"""Staging an update, and installing it at the next start with a rollback.

Staging (after a download, or `counter-app update apply FILE`) copies the package into the
data folder, verifies the copy and records it in state.json: nothing of the program
changes while it runs.

At the next start, before anything else of the program is loaded, apply_staged():

1. verifies the staged package again and unpacks it beside the program folder
   (``<program>.incoming``), each file checked against the signed manifest as written;
2. exchanges the two folders (counter_app.updates.swap) and keeps the old version as
   ``<program>.previous`` (the one kept before it is deleted first);
3. runs the start-up self-check of the new version (any callable: a child process of
   the new program in production, counter_app.services.updates); if it fails, the two
   are exchanged back, the new version deleted and the release refused from then on.

journal.json is written before and after each step that changes the program folder, and
the new version's folder carries a marker with the install's token, so recover() knows
after a crash which folder holds what: it finishes the install (running the self-check
again) or undoes it. An install interrupted MAX_ATTEMPTS times is given up. The caller
restarts the program when the outcome is "installed": the process still runs the old
version's code, and must load nothing from the folder before it does.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.errors import CounterError, reason, reason_words
from counter_app.updates.errors import (MSG_CANNOT_INSTALL, MSG_NOT_A_PACKAGE,
                                        MSG_SELF_CHECK_FAILED, UpdateError)
from counter_app.updates.manifest import INSTALL_MARKER, Manifest
from counter_app.updates.outcomes import NOTHING, Outcome, SelfCheck
from counter_app.updates.package import (MAX_PACKAGE_BYTES, extract_package,
                                         read_signed_manifest, verify_package)
from counter_app.updates.signing import Signature, TrustedKeys
from counter_app.updates.state import (UpdateFolder, read_json, record_event, sync_folder,
                                       update_state, write_json)
from counter_app.updates.swap import exchange, halfway_name

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
_COPY_BLOCK = 1024 * 1024
PROBLEM_INTERRUPTED = "interrupted {} times".format(MAX_ATTEMPTS)


@dataclass(frozen=True)
class StagedUpdate:
    version: str
    package: Path
    signature: Signature
    release_id: str  # the central database's release, "" for a file applied by hand


@dataclass(frozen=True)
class ProgramPlaces:
    """The program folder and its two neighbours (one file system: renames)."""
    program: Path

    @property
    def incoming(self) -> Path:
        return self.program.with_name(self.program.name + ".incoming")

    @property
    def previous(self) -> Path:
        return self.program.with_name(self.program.name + ".previous")


# --- staging ------------------------------------------------------------------------------

def stage_package(folder: UpdateFolder, source: Path, trusted: TrustedKeys, *,
                  installed_version: str, platform: str | None = None,
                  signature: Signature | None = None, published_manifest: bytes | None = None,
                  release_id: str = "", move: bool = False) -> Manifest:
    """Copy (or, with *move*, rename: a download already in the data folder) the package
    *source* into the staged folder, verify the copy and record it as the update to
    install at the next start; UpdateError (nothing staged) when it does not verify."""
    folder.ensure()
    candidate = folder.staged_dir / "candidate.zip.part"
    candidate.unlink(missing_ok=True)
    if move:
        source.replace(candidate)
    else:
        _copy_ordinary_file(source, candidate)
    try:
        manifest = verify_package(candidate, trusted, installed_version=installed_version,
                                  platform=platform, signature=signature,
                                  published_manifest=published_manifest)
        signature = signature or read_signed_manifest(candidate).signature
    except UpdateError:
        candidate.unlink(missing_ok=True)
        raise
    package = folder.staged_dir / f"{manifest.version}.zip"
    signature_file = folder.staged_dir / f"{manifest.version}.sig"
    candidate.replace(package)
    _write_text(signature_file, signature.to_json())
    sync_folder(folder.staged_dir)
    update_state(folder, staged={"version": manifest.version, "package": package.name,
                                 "signature": signature_file.name, "release_id": release_id})
    _remove_staged_files(folder, keep={package.name, signature_file.name})
    record_event(folder, "staged", manifest.version)
    log.info("update %s staged for the next start", manifest.version)
    return manifest


def staged_update(folder: UpdateFolder) -> StagedUpdate | None:
    """The staged update as state.json records it, when its files are there."""
    staged = read_json(folder.state_file).get("staged")
    if not isinstance(staged, dict):
        return None
    try:
        package = folder.staged_dir / Path(staged["package"]).name
        signature = Signature.from_json(
            (folder.staged_dir / Path(staged["signature"]).name).read_text(encoding="utf-8"))
        if not package.is_file():
            return None
        return StagedUpdate(str(staged["version"]), package, signature,
                            str(staged.get("release_id", "")))
    except (KeyError, TypeError, OSError, UpdateError):
        return None


def unstage(folder: UpdateFolder) -> None:
    update_state(folder, staged=None)
    _remove_staged_files(folder, keep=set())


def refuse(folder: UpdateFolder, version: str, error: CounterError, *, installed: str,
           event: str = "refused", release_id: str = "") -> None:
    """Remember that *version* is not to be fetched or installed again by the *installed*
    version, and why (another installed version, with other keys, may look again)."""
    state = read_json(folder.state_file)
    refused = dict(state.get("refused", {}))
    refused[version] = {"installed": installed, "reason": reason_words_of(error)}
    update_state(folder, refused=refused)
    record_event(folder, event, version, error, **({"release_id": release_id}
                                                   if release_id else {}))
    log.warning("update %s %s: %s", version, event.replace("_", " "), reason_words_of(error))


def was_refused(folder: UpdateFolder, version: str, installed: str) -> bool:
    """Whether the *installed* version refused *version* before."""
    entry = read_json(folder.state_file).get("refused", {}).get(version)
    return isinstance(entry, dict) and entry.get("installed") == installed


def reason_words_of(error: CounterError) -> str:
    return reason_words(reason(error.template, **error.params))


def _remove_staged_files(folder: UpdateFolder, keep: set[str]) -> None:
    if not folder.staged_dir.is_dir():
        return
    for path in folder.staged_dir.iterdir():
        if path.name not in keep and path.is_file():
            path.unlink(missing_ok=True)


def _copy_ordinary_file(source: Path, target: Path) -> None:
    """Copy *source*, a regular file of at most MAX_PACKAGE_BYTES (a FIFO or device is
    refused, not waited on), to *target*, flushed to disk."""
    try:
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise UpdateError(MSG_NOT_A_PACKAGE, problem=exc.strerror or "cannot be opened") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # before a read: a folder, a FIFO
        os.close(descriptor)
        raise UpdateError(MSG_NOT_A_PACKAGE, problem="not an ordinary file")
    with os.fdopen(descriptor, "rb") as handle:
        copied = 0
        with open(target, "xb") as out:
            while block := handle.read(_COPY_BLOCK):
                copied += len(block)
                if copied > MAX_PACKAGE_BYTES:
                    out.close()
                    target.unlink(missing_ok=True)
                    raise UpdateError(MSG_NOT_A_PACKAGE, problem="larger than {} GB".format(
                        MAX_PACKAGE_BYTES // 1024**3))
                out.write(block)
            out.flush()
            os.fsync(out.fileno())


def _write_text(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".part")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


# --- installing at the start --------------------------------------------------------------

def apply_staged(folder: UpdateFolder, program_dir: Path, *, installed_version: str,
                 trusted: TrustedKeys, self_check: SelfCheck,
                 platform: str | None = None) -> Outcome:
    """Finish or undo an install a crash interrupted, then install the staged update, if
    any (see the module's text). Never raises for a refused or failed update: the outcome
    says what happened, state.json and the log keep it."""
    places = ProgramPlaces(program_dir)
    journal = read_json(folder.journal_file)
    if journal.get("phase"):
        outcome, attempts = _recover(folder, places, journal, self_check)
        if outcome is not None:
            return outcome
    else:
        attempts = 0
    staged = staged_update(folder)
    if staged is None:
        return NOTHING
    if attempts >= MAX_ATTEMPTS:
        return _give_up(folder, staged.version, PROBLEM_INTERRUPTED, installed_version)
    try:
        manifest = verify_package(staged.package, trusted, installed_version=installed_version,
                                  platform=platform, signature=staged.signature)
    except UpdateError as error:
        unstage(folder)
        refuse(folder, staged.version, error, installed=installed_version,
               release_id=staged.release_id)
        return Outcome("refused", staged.version, error)
    journal = {"phase": "extracting", "version": manifest.version,
               "previous_version": installed_version, "token": uuid.uuid4().hex,
               "attempts": attempts + 1}
    write_json(folder.journal_file, journal)
    try:
        _unpack(staged.package, manifest, places, journal["token"])
    except (UpdateError, OSError) as exc:
        _remove_tree(places.incoming)
        write_json(folder.journal_file, {})
        error = exc if isinstance(exc, UpdateError) else _install_error(exc)
        unstage(folder)
        refuse(folder, staged.version, error, installed=installed_version,
               release_id=staged.release_id)
        return Outcome("refused", staged.version, error)
    journal = {**journal, "phase": "swapping"}
    try:
        _remove_tree(places.previous)  # the version before the running one goes now
        write_json(folder.journal_file, journal)
        exchange(places.program, places.incoming)  # the new version is the program now
        places.incoming.replace(places.previous)
        sync_folder(places.program.parent)
    except OSError as exc:  # e.g. a file of the program in use (Windows): as after a crash
        outcome, _attempts = _recover(folder, places, journal, self_check)
        if outcome is not None:
            return outcome
        error = _install_error(exc)
        unstage(folder)
        refuse(folder, staged.version, error, installed=installed_version,
               release_id=staged.release_id)
        return Outcome("refused", staged.version, error)
    journal = {**journal, "phase": "checking"}
    write_json(folder.journal_file, journal)
    return _check_new_version(folder, places, journal, self_check)


def _unpack(package: Path, manifest: Manifest, places: ProgramPlaces, token: str) -> None:
    _remove_tree(places.incoming)
    extract_package(package, manifest, places.incoming)
    marker = places.incoming / INSTALL_MARKER
    marker.write_text(json.dumps({"version": manifest.version, "token": token}),
                      encoding="utf-8")
    os.chmod(marker, 0o644)
    if hasattr(os, "sync"):
        os.sync()  # every file written, before the folder becomes the program


def _check_new_version(folder: UpdateFolder, places: ProgramPlaces, journal: dict,
                       self_check: SelfCheck) -> Outcome:
    version, previous = journal["version"], journal.get("previous_version", "")
    ok, problem = _run_check(self_check, places.program)
    if ok:
        write_json(folder.journal_file, {})
        unstage(folder)
        update_state(folder, installed={"version": version, "previous": previous})
        record_event(folder, "installed", version, previous_version=previous)
        log.info("update %s installed; version %s kept as the previous one", version,
                 previous)
        return Outcome("installed", version)
    return _roll_back(folder, places, {**journal, "problem": problem})


def _roll_back(folder: UpdateFolder, places: ProgramPlaces, journal: dict) -> Outcome:
    write_json(folder.journal_file, {**journal, "phase": "rolling_back"})
    if _holds(places.program, journal["token"]) and places.previous.is_dir():
        exchange(places.program, places.previous)  # the old version is the program again
        sync_folder(places.program.parent)
    for leftover in (places.previous, halfway_name(places.program), places.incoming):
        if _holds(leftover, journal["token"]):  # the new version that failed
            _remove_tree(leftover)
    write_json(folder.journal_file, {})
    error = UpdateError(MSG_SELF_CHECK_FAILED, version=journal["version"],
                        problem=journal.get("problem") or "failed",
                        previous=journal.get("previous_version", ""))
    unstage(folder)
    refuse(folder, journal["version"], error, installed=journal.get("previous_version", ""),
           event="rolled_back")
    return Outcome("rolled_back", journal["version"], error)


def _recover(folder: UpdateFolder, places: ProgramPlaces, journal: dict,
             self_check: SelfCheck) -> tuple[Outcome | None, int]:
    """Finish or undo what *journal* says was under way; (an outcome when that settled
    the update, else None to go on with the staged one, and the attempts made so far)."""
    attempts = journal.get("attempts")
    attempts = attempts if type(attempts) is int and attempts > 0 else 1
    token, phase = str(journal.get("token", "")), journal.get("phase")
    halfway = halfway_name(places.program)
    if not places.program.exists() and halfway.is_dir():  # three renames cut short
        halfway.replace(places.program)
    log.warning("an update install was interrupted (%s); recovering", phase)
    if phase == "rolling_back":
        return _roll_back(folder, places, journal), attempts
    if _holds(places.program, token):  # the new version is in place: check it (again)
        old = halfway if halfway.is_dir() else places.incoming
        if old.is_dir() and not _holds(old, token) and not places.previous.exists():
            old.replace(places.previous)
        if attempts >= MAX_ATTEMPTS:
            return _roll_back(folder, places, {**journal, "problem": PROBLEM_INTERRUPTED}), attempts
        journal = {**journal, "phase": "checking", "attempts": attempts + 1}
        write_json(folder.journal_file, journal)
        return _check_new_version(folder, places, journal, self_check), attempts
    # the old version is still the program: forget the half-made new one and start over
    _remove_tree(places.incoming)
    write_json(folder.journal_file, {})
    return None, attempts


def _give_up(folder: UpdateFolder, version: str, problem: str, installed: str) -> Outcome:
    error = UpdateError(MSG_SELF_CHECK_FAILED, version=version, problem=problem,
                        previous=installed)
    unstage(folder)
    refuse(folder, version, error, installed=installed)
    return Outcome("refused", version, error)


def _run_check(self_check: SelfCheck, program: Path) -> tuple[bool, str]:
    try:
        result = self_check(program)
    except Exception as exc:  # noqa: BLE001 - a check that breaks is a check that failed
        return False, f"the self-check raised {type(exc).__name__}"
    if result:
        return True, ""
    return False, getattr(result, "problem", "") or "the self-check failed"


def _holds(folder: Path, token: str) -> bool:
    """Whether *folder* is the new version this install's *token* marks."""
    try:
        marker = json.loads((folder / INSTALL_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(token) and isinstance(marker, dict) and marker.get("token") == token


def _remove_tree(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def _install_error(exc: OSError) -> UpdateError:
    return UpdateError(MSG_CANNOT_INSTALL, problem=exc.strerror or type(exc).__name__)
