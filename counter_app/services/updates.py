"""Program updates as a sync, the start-up and the command line use them
(docs/SECURITY.md, "Program updates"; the mechanics are counter_app.updates).

- A sync (syncing.sync_now) calls after_sync(): the releases in force are listed; the
  newest one this version may take has its signed manifest checked first (a release no
  trusted key signed is refused without downloading a byte), then its package is fetched,
  UPDATE_BYTES_PER_SYNC at a time, resuming where it stopped; once whole and verified it
  is staged. Nothing of this ever fails a sync.
- `counter-app update apply FILE` stages a package brought by hand, once verified.
- apply_at_start(), called before the window loads anything, installs what is staged:
  the new version is tried by starting it (`counter-app update self-test`, a child
  process of the new program) and rolled back if that fails. The caller restarts the
  program when it was installed (restart_program). Where the program folder belongs to
  root (a .deb), the system's update service does the install while the start waits
  (services/system_updates.py).
"""

from __future__ import annotations

import logging
import os
import subprocess  # noqa: F401 - loaded before an install swaps the program folder
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from counter_app import __version__, assets
from counter_app.config import Settings
from counter_app.updates.outcomes import NOTHING, CheckResult, Outcome, SelfCheck
from counter_app.updates.state import UpdateFolder, read_json, update_state, write_json

log = logging.getLogger(__name__)

# A sync fetches at most this much of a package (about a second on a LAN, ten on a slow
# WAN), so a sync's answer is not held back long; a 250 MB bundle arrives over ~16 syncs.
UPDATE_BYTES_PER_SYNC = 16 * 1024 * 1024
# A download that arrives whole but damaged this many times is given up (a broken release).
MAX_DOWNLOAD_FAILURES = 3
# The new version's self-check, a child process, must answer within this.
SELF_TEST_TIMEOUT_S = 120
# Set for that child: it must not try to install anything itself.
TRIAL_ENV = "COUNTER_UPDATE_TRIAL"
EXECUTABLE = "counter-app.exe" if sys.platform == "win32" else "counter-app"


@dataclass(frozen=True)
class UpdateStatus:
    installed: str
    published: str            # the newest release in force for this computer, last seen
    published_seen_at: str   # UTC, "" never
    staged: str               # "" nothing staged
    downloading: str          # the version being fetched, ""
    downloaded: int
    download_size: int
    last_event: dict          # state.json's newest history entry ({} none)


def update_folder(settings: Settings) -> UpdateFolder:
    return UpdateFolder(settings.data_dir / "updates")


def installed_version() -> str:
    return __version__


def trusted_keys():
    """The update keys this program trusts: resources/update_keys/*.pub, shipped inside
    it (never read from the data or configuration folders, which its user may write)."""
    from counter_app.updates.signing import trusted_keys_in

    return trusted_keys_in(assets.resources() / "update_keys")


def program_dir(settings: Settings) -> Path | None:
    """The installed program's folder an update replaces: the setting, else the frozen
    bundle's own folder; None from a source checkout."""
    if settings.program_dir:
        return Path(settings.program_dir)
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def update_status(settings: Settings) -> UpdateStatus:
    from counter_app.updates.install import staged_update

    folder = update_folder(settings)
    state = read_json(folder.state_file)
    published = state.get("published") or {}
    staged = staged_update(folder)
    download = read_json(folder.download_dir / "release.json")
    part = folder.download_dir / "package.part"
    history = state.get("history") or [{}]
    return UpdateStatus(installed_version(), str(published.get("version", "")),
                        str(published.get("seen_at", "")), staged.version if staged else "",
                        str(download.get("version", "")),
                        part.stat().st_size if part.exists() else 0,
                        int(download.get("size", 0) or 0), history[0])


# --- during a sync ------------------------------------------------------------------------

def after_sync(settings: Settings, engine) -> str:
    """Look for an update and fetch a share of it (see the module's text); what happened
    (none, staged, downloading, refused, failed). Never raises: an update is never a
    reason for a sync to fail."""
    try:
        return fetch_update(settings, engine, budget=UPDATE_BYTES_PER_SYNC)
    except Exception as exc:  # noqa: BLE001 - logged by class: the sync goes on
        log.warning("looking for a program update failed: %s", type(exc).__name__)
        return "failed"


def fetch_update(settings: Settings, engine, budget: int | None = None) -> str:
    """after_sync's work, errors raised: the list, the choice, *budget* bytes of the
    package (None: all of it); none, staged, downloading or refused."""
    from counter_app.central import update_releases
    from counter_app.updates.install import staged_update, unstage, was_refused
    from counter_app.updates.state import record_event
    from counter_app.updates.versions import current_platform, parse_version

    folder = update_folder(settings)
    folder.ensure()
    installed, platform = installed_version(), current_platform()
    releases = update_releases.published(engine)
    staged = staged_update(folder)
    if staged and staged.release_id and staged.release_id not in {str(r.id) for r in releases}:
        unstage(folder)  # withdrawn centrally before it was installed
        record_event(folder, "withdrawn", staged.version, release_id=staged.release_id)
        log.info("update %s was withdrawn centrally; no longer staged", staged.version)
        staged = None
    ours = [r for r in releases if r.platform == platform and _is_version(r.version)
            and _is_version(r.min_version)]
    _remember_published(folder, max(ours, key=lambda r: parse_version(r.version),
                                    default=None))
    candidates = [r for r in ours
                  if parse_version(r.version) > parse_version(installed)
                  and parse_version(r.min_version) <= parse_version(installed)
                  and not was_refused(folder, r.version, installed)]
    if not candidates:
        return "none"
    best = max(candidates, key=lambda r: parse_version(r.version))
    if staged and parse_version(staged.version) >= parse_version(best.version):
        return "staged"
    return _download(folder, engine, best, installed, budget)


def _download(folder: UpdateFolder, engine, release, installed: str,
              budget: int | None) -> str:
    from counter_app.central import update_releases
    from counter_app.updates.download import check_download, resume_download
    from counter_app.updates.errors import UpdateError
    from counter_app.updates.install import refuse, stage_package
    from counter_app.updates.signing import Signature

    record_file, part = folder.download_dir / "release.json", folder.download_dir / "package.part"
    current = read_json(record_file)
    if current.get("id") != str(release.id):
        _clear_download(folder)
        try:
            current = _checked_release(engine, release, installed)
        except UpdateError as error:
            refuse(folder, release.version, error, installed=installed,
                   release_id=str(release.id))
            return "refused"
        if current is None:
            return "none"  # withdrawn meanwhile
        write_json(record_file, current)
    reached = resume_download(part, current["size"], lambda offset: update_releases.read_part(
        engine, release.id, offset), budget)
    if reached < current["size"]:
        return "downloading"
    try:
        check_download(part, current["size"], current["sha256"])
    except UpdateError as error:  # deleted: fetched again, unless it keeps coming damaged
        failures = int(current.get("failures", 0)) + 1
        if failures >= MAX_DOWNLOAD_FAILURES:
            _clear_download(folder)
            refuse(folder, release.version, error, installed=installed,
                   release_id=str(release.id))
            return "refused"
        write_json(record_file, {**current, "failures": failures})
        return "downloading"
    try:
        stage_package(folder, part, trusted_keys(), installed_version=installed,
                      signature=Signature.from_json(current["signature"]),
                      published_manifest=current["manifest"].encode("utf-8"),
                      release_id=current["id"], move=True)
    except UpdateError as error:
        refuse(folder, release.version, error, installed=installed, release_id=current["id"])
        return "refused"
    finally:
        _clear_download(folder)
    return "staged"


def _checked_release(engine, release, installed: str) -> dict | None:
    """The release's manifest and signature, checked before a byte of the package is
    fetched: signed by a trusted key, the version listed, for this computer, one this
    version may take (UpdateError otherwise); None when it was withdrawn meanwhile."""
    from counter_app.central import update_releases
    from counter_app.updates.errors import MSG_NOT_THE_PUBLISHED, UpdateError
    from counter_app.updates.manifest import parse_manifest
    from counter_app.updates.signing import Signature, verify_manifest
    from counter_app.updates.versions import check_can_update, check_platform

    details = update_releases.release_manifest(engine, release.id)
    if details is None:
        return None
    signature = Signature.from_json(details.signature)
    verify_manifest(details.manifest, signature, trusted_keys())
    manifest = parse_manifest(details.manifest)
    if (manifest.version, manifest.min_version, manifest.platform) != (
            release.version, release.min_version, release.platform):
        raise UpdateError(MSG_NOT_THE_PUBLISHED)
    check_platform(manifest.platform)
    check_can_update(installed, manifest.version, manifest.min_version)
    return {"id": str(release.id), "version": manifest.version,
            "manifest": details.manifest.decode("utf-8"), "signature": details.signature,
            "size": details.package_size, "sha256": details.package_sha256}


def _remember_published(folder: UpdateFolder, newest) -> None:
    from counter_app.updates.state import now_text

    known = read_json(folder.state_file).get("published") or {}
    version = newest.version if newest else ""
    if known.get("version") != version or not known.get("seen_at", "").startswith(
            now_text()[:13]):  # written at most hourly when nothing changed
        update_state(folder, published={"version": version, "seen_at": now_text()})


def _clear_download(folder: UpdateFolder) -> None:
    for path in folder.download_dir.glob("*"):
        if path.is_file():
            path.unlink(missing_ok=True)


def _is_version(text: str) -> bool:
    from counter_app.updates.errors import UpdateError
    from counter_app.updates.versions import parse_version

    try:
        parse_version(text)
    except UpdateError:
        return False
    return True


def check_published(settings: Settings, ctx, override_url: str | None = None) -> str:
    """Ask the central database now (the counter's own login, as a sync does) what is
    published, without fetching any of it; the newest version in force for this computer
    ("" none). SyncError when it cannot be reached."""
    from sqlalchemy.exc import DBAPIError

    from counter_app.central import database, update_releases
    from counter_app.services import central_access
    from counter_app.updates.versions import current_platform, parse_version

    url = central_access.counter_url(ctx, override_url)
    try:
        releases = update_releases.published(database.engine_for(url))
    except DBAPIError as exc:
        database.forget(url)
        raise database.unreachable(exc) from exc
    ours = [r for r in releases if r.platform == current_platform() and _is_version(r.version)]
    newest = max(ours, key=lambda r: parse_version(r.version), default=None)
    _remember_published(update_folder(settings), newest)
    return newest.version if newest else ""


# --- by hand ------------------------------------------------------------------------------

def apply_file(settings: Settings, path: Path):
    """Verify the package *path* and stage it for the next start: its manifest, or
    UpdateError with the reason (nothing staged)."""
    from counter_app.updates.install import stage_package

    return stage_package(update_folder(settings), Path(path), trusted_keys(),
                         installed_version=installed_version())


# --- at the start -------------------------------------------------------------------------

def apply_at_start(settings: Settings, self_check: SelfCheck | None = None) -> Outcome:
    """Install the staged update, if any, before anything else of the program loads
    (restart_program() when the outcome says restart). Cheap when there is
    nothing to do: two small files read, nothing imported."""
    folder = update_folder(settings)
    if os.environ.get(TRIAL_ENV) or not (
            read_json(folder.journal_file).get("phase")
            or read_json(folder.state_file).get("staged")):
        return NOTHING
    program = program_dir(settings)
    if program is None:
        log.info("an update is staged, but this Counter is not an installed program: "
                 "it stays staged")
        return NOTHING
    from counter_app.services import system_updates

    if system_updates.must_hand_over(settings, program):  # a root-owned install (.deb)
        return system_updates.install_through_the_system(settings)
    from counter_app.updates.install import apply_staged

    return apply_staged(folder, program, installed_version=installed_version(),
                        trusted=trusted_keys(), self_check=self_check or new_program_check)


def new_program_check(program: Path, timeout_s: float = SELF_TEST_TIMEOUT_S) -> CheckResult:
    """The start-up self-check of the version now in *program*: its own
    `counter-app update self-test`, in a child process, must exit 0 within *timeout_s*.
    Its output is not kept (it is the new program's; the log has what it logged)."""
    executable = Path(sys.executable).name if getattr(sys, "frozen", False) else EXECUTABLE
    command = [str(program / executable), "update", "self-test"]
    try:
        done = subprocess.run(command, env={**os.environ, TRIAL_ENV: "1"}, timeout=timeout_s,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        return CheckResult(False, f"no answer within {timeout_s:.0f} s")
    except OSError as exc:
        return CheckResult(False, f"it does not start ({exc.strerror or type(exc).__name__})")
    return CheckResult(done.returncode == 0, f"exit code {done.returncode}")


def restart_program() -> None:
    """Start the program again in this process, with the same arguments (its folder holds
    the new version now); does not return."""
    logging.shutdown()
    if getattr(sys, "frozen", False):  # the bundle's executable is the program
        os.execv(sys.executable, sys.argv)
    os.execv(sys.executable, [sys.executable, *sys.argv])


# --- centrally ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Published:
    id: uuid.UUID
    version: str
    min_version: str
    platform: str
    key_id: str
    files: int
    package_size: int


def publish(url: str, package: Path, key_file: Path | None = None,
            passphrase: bytes | None = None) -> Published:
    """Publish the package *package* on the central database at *url* (an administrator's
    login): signed there with *key_file* when given, else carrying its own signature; in
    either case verified first with the keys this program trusts — a release the
    counters would refuse is not published (UpdateError with the reason)."""
    from counter_app.central import update_releases
    from counter_app.updates.errors import MSG_UNSIGNED, UpdateError
    from counter_app.updates.package import read_signed_manifest, verify_package
    from counter_app.updates.signing import load_private_key, sign_manifest

    signed = read_signed_manifest(package)
    if key_file is not None:
        signature = sign_manifest(signed.data, load_private_key(key_file, passphrase))
    elif signed.signature is not None:
        signature = signed.signature
    else:
        raise UpdateError(MSG_UNSIGNED)
    manifest = signed.manifest
    verify_package(package, trusted_keys(), installed_version=manifest.min_version,
                   platform=manifest.platform, signature=signature)
    release_id = update_releases.publish(
        url, version=manifest.version, min_version=manifest.min_version,
        platform=manifest.platform, manifest=signed.data, signature=signature.to_json(),
        package=package, package_name=manifest.package)
    log.info("update %s for %s published", manifest.version, manifest.platform)
    return Published(release_id, manifest.version, manifest.min_version, manifest.platform,
                     signature.key_id, len(manifest.files), package.stat().st_size)
