"""Program updates through the system's update service, for a program folder the
counter's user may not change (the .deb's /opt/counter-app, owned by root): the counter's
side at its start, and the root command's (docs/SECURITY.md, "Program updates",
"Root-owned installs"; the mechanics are counter_app.updates.system).

At the start, before anything else of the program loads, a counter with a staged update
hands a copy to the spool and waits: the path unit starts the root service at once, which
verifies the copy again and swaps the folder while this process waits, so the program
never runs from a folder changed under it. The service's status says what came of it:
installed (the program starts again, in the new version), or refused / rolled back (the
release is refused here too, with the service's reason). A spool nobody takes from
within PICKUP_S is a service that is off: the file is taken back and the start goes on;
after MAX_MISSES such starts the release is given up.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from counter_app.config import Settings
from counter_app.domain.errors import read_reason, reason_words
from counter_app.services import updates
from counter_app.updates.errors import MSG_SYSTEM_SILENT, UpdateError
from counter_app.updates.install import StagedUpdate, refuse, staged_update, unstage
from counter_app.updates.outcomes import NOTHING, Outcome
from counter_app.updates.state import (UpdateFolder, now_text, read_json, record_event,
                                       update_state)
from counter_app.updates.system import (SPOOL, SystemUpdates, can_hand_over, hand_over,
                                        install_from_spool, outcome_for, read_status,
                                        withdraw)
from counter_app.updates.versions import is_newer

log = logging.getLogger(__name__)

# The path unit starts the service within a second of the hand-over; a file still there
# after this means the service is off (or busy with a flood of other files).
PICKUP_S = 15
# Verifying, unpacking and the new version's self-test (its own limit) take at most this.
INSTALL_WAIT_S = updates.SELF_TEST_TIMEOUT_S + 120
POLL_S = 0.5
# Starts at which the service took nothing before the release is given up.
MAX_MISSES = 3
# Lets `update install-system` run as another user than root: tests only.
AS_USER_ENV = "COUNTER_SYSTEM_UPDATE_AS_USER"

_clock = time.monotonic
_sleep = time.sleep


def system_updates(settings: Settings) -> SystemUpdates:
    return SystemUpdates(Path(settings.update_spool) if settings.update_spool else SPOOL)


def may_replace(program: Path) -> bool:
    """Whether this user may swap the program folder (write to the folder holding it)."""
    return os.access(program.parent, os.W_OK | os.X_OK)


def must_hand_over(settings: Settings, program: Path) -> bool:
    """Whether updates of *program* go through the system's update service."""
    return not may_replace(program) and can_hand_over(system_updates(settings))


# --- the counter, at its start ------------------------------------------------------------

def install_through_the_system(settings: Settings) -> Outcome:
    """Have the system's update service install the staged update, waiting for it (see
    the module's text); the outcome, as install.apply_staged's."""
    folder = updates.update_folder(settings)
    staged = staged_update(folder)
    if staged is None:
        return NOTHING
    if not is_newer(staged.version, updates.installed_version()):
        return _already_installed(folder, staged)
    system = system_updates(settings)
    handed = read_json(folder.state_file).get("handed_over")
    handed = handed if isinstance(handed, dict) and handed.get("version") == staged.version else {}
    if handed:
        entry = outcome_for(system, staged.version, str(handed.get("at", "")))
        if entry is not None:
            return _settle(folder, staged, entry)
        withdraw(system, str(handed.get("file", "")))  # left by a start that did not wait
    return _hand_over_and_wait(folder, system, staged, int(handed.get("misses", 0)))


def _already_installed(folder: UpdateFolder, staged: StagedUpdate) -> Outcome:
    """This start runs the staged version (the service put it in place while no start
    waited for it) or a newer one (a .deb upgrade): nothing is left to install."""
    unstage(folder)
    update_state(folder, handed_over=None)
    if staged.version == updates.installed_version():
        record_event(folder, "installed", staged.version)
    return NOTHING


def _hand_over_and_wait(folder: UpdateFolder, system: SystemUpdates, staged: StagedUpdate,
                        misses: int) -> Outcome:
    try:
        name = hand_over(system, staged.package, staged.signature, staged.version)
    except UpdateError as error:  # the staged copy is broken: as apply_staged would refuse it
        return _refuse_staged(folder, staged, error, "refused")
    except OSError as exc:  # stays staged: tried again at the next start
        log.warning("the system's update folder did not take version %s: %s", staged.version,
                    exc.strerror or type(exc).__name__)
        return NOTHING
    handed = {"version": staged.version, "file": name, "at": now_text(), "misses": misses}
    update_state(folder, handed_over=handed)
    record_event(folder, "handed_over", staged.version)
    log.info("update %s handed to the system's update service", staged.version)
    return _wait_for_the_service(folder, system, staged, handed)


def _wait_for_the_service(folder: UpdateFolder, system: SystemUpdates, staged: StagedUpdate,
                          handed: dict) -> Outcome:
    started = _clock()
    while True:
        entry = outcome_for(system, staged.version, handed["at"])
        if entry is not None:
            return _settle(folder, staged, entry)
        waited = _clock() - started
        if waited >= PICKUP_S and withdraw(system, handed["file"]):
            return _missed(folder, staged, handed)
        if waited >= INSTALL_WAIT_S:
            log.warning("the system's update service took version %s but said nothing "
                        "within %d s: the next start looks again", staged.version,
                        INSTALL_WAIT_S)
            return NOTHING
        _sleep(POLL_S)


def _missed(folder: UpdateFolder, staged: StagedUpdate, handed: dict) -> Outcome:
    misses = int(handed.get("misses", 0)) + 1
    if misses >= MAX_MISSES:
        return _refuse_staged(folder, staged, UpdateError(
            MSG_SYSTEM_SILENT, version=staged.version, count=misses), "refused")
    update_state(folder, handed_over={**handed, "misses": misses})
    log.warning("the system's update service did not take version %s within %d s; taken "
                "back (is counter-app-update.path enabled?)", staged.version, PICKUP_S)
    return NOTHING


def _settle(folder: UpdateFolder, staged: StagedUpdate, entry: dict) -> Outcome:
    """What the service's status *entry* says, made this counter's record and outcome."""
    event = entry.get("outcome")
    if event == "installed":
        unstage(folder)
        update_state(folder, handed_over=None)
        record_event(folder, "installed", staged.version,
                     previous_version=updates.installed_version())
        return Outcome("installed", staged.version)  # the folder holds it: start again
    return _refuse_staged(folder, staged, _error_of(entry),
                          "rolled_back" if event == "rolled_back" else "refused")


def _error_of(entry: dict) -> UpdateError:
    text = str(entry.get("reason") or "")
    template, params = read_reason(text)
    try:
        return UpdateError(template, **params)
    except (KeyError, IndexError, ValueError):  # another version's wording
        return UpdateError("{reason}", reason=reason_words(text))


def _refuse_staged(folder: UpdateFolder, staged: StagedUpdate, error: UpdateError,
                   event: str) -> Outcome:
    unstage(folder)
    update_state(folder, handed_over=None)
    refuse(folder, staged.version, error, installed=updates.installed_version(), event=event,
           release_id=staged.release_id)
    return Outcome(event, staged.version, error)


# --- what the service did, for `update check` ---------------------------------------------

def last_system_install(settings: Settings) -> dict | None:
    """The service's newest outcome for a version (a file that named none is left out),
    when this computer has the service's status."""
    return next((entry for entry in read_status(system_updates(settings))
                 if entry.get("version")), None)


# --- the root service ---------------------------------------------------------------------

def runs_as_root() -> bool:
    """Whether `update install-system` may run: as root, or where a test says so."""
    return (hasattr(os, "geteuid") and os.geteuid() == 0) or os.environ.get(AS_USER_ENV) == "1"


def install_system(settings: Settings, spool: Path | None, program: Path) -> list[Outcome]:
    """Install what counters handed over into *program*, verified again here with this
    program's keys and version (it is the installed one: the service runs it); what came
    of each file and of the install."""
    system = SystemUpdates(spool) if spool else system_updates(settings)
    return install_from_spool(system, program.resolve(),
                              installed_version=updates.installed_version(),
                              trusted=updates.trusted_keys(),
                              self_check=lambda folder: updates.new_program_check(folder))
