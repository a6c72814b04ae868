"""`counter-app update ...` on a counter, and `counter-app central publish-update ...`.

    update check [--offline] [--central URL]
                              the installed version, the published one, what is staged
                              for the next start, the download under way, the last event
    update apply FILE         verify an update package (signature, hashes, version) and
                              stage it for the next start; exit 2 with the reason when it
                              does not verify
    update self-test          this version starts (run by the previous version while it
                              installs this one: its exit code decides the rollback)
    update install-system [--spool DIR] [--program-dir DIR]
                              as root (the service counter-app-update): install what the
                              counters handed to the system, verified again here; exit 2
                              when something was refused or rolled back

    central publish-update --url URL [--key PRIVATE_KEY_FILE] PACKAGE
    central withdraw-update --url URL VERSION [--platform PLATFORM]
    central updates --url URL

The install itself happens at the start (apply_update_at_start, before the window loads).
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import logging
import os
import sys
from pathlib import Path

from counter_app.cli.words import error_line, error_text, say
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, read_reason

log = logging.getLogger(__name__)

# A package that does not verify, or is refused: its reason on stderr and this exit code.
EXIT_REFUSED = 2
# `update install-system` not run as root, or with no program folder to replace.
EXIT_CANNOT_RUN = 1
CENTRAL_UPDATE_COMMANDS = ("publish-update", "withdraw-update", "updates")
PASSPHRASE_ENV = "COUNTER_UPDATE_KEY_PASSPHRASE"

# What the self-test loads: the code every start needs, the window's toolkit, the native
# libraries a broken bundle lacks first.
SELF_TEST_MODULES = ("counter_app.services.context", "counter_app.services.syncing",
                     "counter_app.qt.main_window", "counter_app.forms.registration",
                     "PySide6.QtWidgets", "PySide6.QtPrintSupport", "cv2", "sqlcipher3",
                     "psycopg", "cryptography.hazmat.primitives.asymmetric.ed25519")

EVENT_LINES = {
    "installed": QT_TRANSLATE_NOOP("cli", "Last update: version {version} installed at {time} "
                                          "UTC."),
    "rolled_back": QT_TRANSLATE_NOOP("cli", "Last update: version {version} rolled back at "
                                            "{time} UTC: {reason}"),
    "refused": QT_TRANSLATE_NOOP("cli", "Last update: version {version} refused at {time} UTC: "
                                        "{reason}"),
    "staged": QT_TRANSLATE_NOOP("cli", "Last update: version {version} staged at {time} UTC."),
    "withdrawn": QT_TRANSLATE_NOOP("cli", "Last update: version {version} withdrawn centrally "
                                          "at {time} UTC."),
    "handed_over": QT_TRANSLATE_NOOP("cli", "Last update: version {version} handed to the "
                                            "system's update service at {time} UTC."),
}

# What the system's update service (root) did last, from its status file.
SYSTEM_LINES = {
    "installed": QT_TRANSLATE_NOOP("cli", "System's update service: version {version} installed "
                                          "at {time} UTC."),
    "rolled_back": QT_TRANSLATE_NOOP("cli", "System's update service: version {version} rolled "
                                            "back at {time} UTC: {reason}"),
    "refused": QT_TRANSLATE_NOOP("cli", "System's update service: version {version} refused at "
                                        "{time} UTC: {reason}"),
}


def add_update_commands(commands) -> None:
    parser = commands.add_parser("update", help=say(QT_TRANSLATE_NOOP(
        "cli", "program updates: check, apply")))
    actions = parser.add_subparsers(dest="update_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help=say(QT_TRANSLATE_NOOP(
        "cli", "the installed version, the published one, and what waits for the next start")))
    check.add_argument("--offline", action="store_true", help=say(QT_TRANSLATE_NOOP(
        "cli", "do not ask the central database; say what the last sync saw")))
    from counter_app.cli.sync import central_url_help
    check.add_argument("--central", metavar="URL", help=central_url_help())
    apply = actions.add_parser("apply", help=say(QT_TRANSLATE_NOOP(
        "cli", "verify an update package and install it at the next start (exit 2 when it "
               "does not verify)")))
    apply.add_argument("file", type=Path, metavar="FILE", help=say(QT_TRANSLATE_NOOP(
        "cli", "the update package (.zip)")))
    actions.add_parser("self-test", help=say(QT_TRANSLATE_NOOP(
        "cli", "check that this version starts (run by the previous version while it "
               "installs this one)")))
    install = actions.add_parser("install-system", help=say(QT_TRANSLATE_NOOP(
        "cli", "as root: install the update a counter handed to the system, verified again "
               "(run by the service counter-app-update)")))
    install.add_argument("--spool", type=Path, metavar="DIR", help=say(QT_TRANSLATE_NOOP(
        "cli", "the folder counters hand updates to (default {folder})"),
        folder="/var/lib/counter-app/updates/incoming"))
    install.add_argument("--program-dir", type=Path, metavar="DIR", help=say(QT_TRANSLATE_NOOP(
        "cli", "the program folder to replace (default: this program's own)")))


def run_update(settings: Settings, args: argparse.Namespace) -> int:
    if args.update_command == "self-test":
        return _self_test()
    if args.update_command == "apply":
        return _apply(settings, args.file)
    if args.update_command == "install-system":
        return _install_system(settings, args.spool, args.program_dir)
    return _check(settings, args)


def _apply(settings: Settings, file: Path) -> int:
    from counter_app.services import updates
    from counter_app.updates.errors import UpdateError

    try:
        manifest = updates.apply_file(settings, file)
    except UpdateError as exc:
        print(error_line(exc), file=sys.stderr)
        return EXIT_REFUSED
    print(say(QT_TRANSLATE_NOOP("cli", "Version {version} verified ({files} files) and staged: "
                                       "it is installed at the next start."),
              version=manifest.version, files=len(manifest.files)))
    if updates.program_dir(settings) is None:
        print(say(QT_TRANSLATE_NOOP(
            "cli", "This Counter does not run from an installed program folder (setting "
                   "program_dir): the update stays staged until it does.")))
    return 0


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services import updates

    if not args.offline:
        from counter_app.services.context import open_context

        try:
            updates.check_published(settings, open_context(settings), args.central)
        except CounterError as exc:  # unreachable, not enrolled: what the last sync saw
            print(say(QT_TRANSLATE_NOOP("cli", "The central database was not asked: {reason}"),
                      reason=error_text(exc)), file=sys.stderr)
    status = updates.update_status(settings)
    print(say(QT_TRANSLATE_NOOP("cli", "Installed version: {version}"), version=status.installed))
    if not status.published_seen_at:
        print(say(QT_TRANSLATE_NOOP("cli", "Published version: not known yet (no sync has "
                                           "asked)")))
    elif status.published:
        print(say(QT_TRANSLATE_NOOP("cli", "Published version: {version} (as of {time} UTC)"),
                  version=status.published, time=status.published_seen_at))
    else:
        print(say(QT_TRANSLATE_NOOP("cli", "Published version: none for this computer (as of "
                                           "{time} UTC)"), time=status.published_seen_at))
    if status.staged:
        print(say(QT_TRANSLATE_NOOP("cli", "Staged: version {version}, installed at the next "
                                           "start"), version=status.staged))
    else:
        print(say(QT_TRANSLATE_NOOP("cli", "Staged: nothing")))
    if status.downloading:
        print(say(QT_TRANSLATE_NOOP("cli", "Downloading version {version}: {done} of {total} "
                                           "MB"),
                  version=status.downloading, done=round(status.downloaded / 2**20, 1),
                  total=round(status.download_size / 2**20, 1)))
    _print_last_event(status.last_event)
    from counter_app.services.system_updates import last_system_install
    system = last_system_install(settings)
    if system is not None:
        _print_event(SYSTEM_LINES.get(system.get("outcome", "")), system)
    return 0


def _print_last_event(event: dict) -> None:
    _print_event(EVENT_LINES.get(event.get("event", "")), event)


def _print_event(template: str | None, event: dict) -> None:
    if template is None:
        return
    reason = ""
    if event.get("reason"):
        words, params = read_reason(event["reason"])
        reason = error_text(CounterError(words, **params)) if params else words
    print(say(template, version=event.get("version", ""), time=event.get("at", ""),
              reason=reason))


def _install_system(settings: Settings, spool: Path | None, program: Path | None) -> int:
    """0 when something was installed or nothing was there; EXIT_REFUSED when a file
    was refused or a new version rolled back (each reason on stderr)."""
    from counter_app.services import system_updates, updates

    if not system_updates.runs_as_root():
        print(say(QT_TRANSLATE_NOOP("cli", "update install-system replaces the program folder: "
                                           "it runs as root (the service counter-app-update "
                                           "runs it).")), file=sys.stderr)
        return EXIT_CANNOT_RUN
    program = program or updates.program_dir(settings)
    if program is None:
        print(say(QT_TRANSLATE_NOOP("cli", "No installed program folder to update: give "
                                           "--program-dir.")), file=sys.stderr)
        return EXIT_CANNOT_RUN
    outcomes = system_updates.install_system(settings, spool, program)
    for outcome in outcomes:
        if outcome.error is not None:
            print(error_line(outcome.error), file=sys.stderr)
        elif outcome.event == "installed":
            print(say(QT_TRANSLATE_NOOP("cli", "Version {version} installed."),
                      version=outcome.version))
    if not outcomes:
        print(say(QT_TRANSLATE_NOOP("cli", "Nothing to install.")))
    return EXIT_REFUSED if any(outcome.error is not None for outcome in outcomes) else 0


def _self_test() -> int:
    """0 when this version's code, toolkit and files load; 1 with each problem said."""
    from counter_app import assets

    problems = []
    for name in SELF_TEST_MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - any failure to load is the answer
            problems.append(say(QT_TRANSLATE_NOOP("cli", "{module} does not load ({error})"),
                                module=name, error=type(exc).__name__))
    for folder, name in ((assets.resources(), "rules/default.toml"),
                         (assets.ui(), "main_window.ui")):
        entry = folder.joinpath(*name.split("/"))
        if not entry.is_file():
            problems.append(say(QT_TRANSLATE_NOOP("cli", "{file} is missing"), file=name))
    for problem in problems:
        print(say(QT_TRANSLATE_NOOP("cli", "self-test: {problem}"), problem=problem),
              file=sys.stderr)
    if not problems:
        print(say(QT_TRANSLATE_NOOP("cli", "self-test passed")))
    return 1 if problems else 0


def apply_update_at_start(settings: Settings) -> None:
    """Before the window: install a staged update (restarting into it) or finish one a
    crash interrupted. Says nothing when there is nothing to do; an update that was
    refused or rolled back is said on stderr and in the log, and the start goes on."""
    from counter_app.services import updates

    try:
        outcome = updates.apply_at_start(settings)
    except Exception as exc:  # noqa: BLE001 - an update must never keep the counter from starting
        # (the journal lets the next start finish or undo whatever was under way)
        log.warning("installing the staged update failed: %s", type(exc).__name__)
        return
    if outcome.restart:
        updates.restart_program()
    if outcome.error is not None:
        print(error_line(outcome.error), file=sys.stderr)


# --- centrally ----------------------------------------------------------------------------

def add_central_update_commands(actions) -> list[argparse.ArgumentParser]:
    """`central publish-update`, `withdraw-update` and `updates` under `central`'s
    subparsers; each with its own --url."""
    publish = actions.add_parser("publish-update", help=say(QT_TRANSLATE_NOOP(
        "cli", "publish a signed update package for the counters")))
    publish.add_argument("package", type=Path, metavar="PACKAGE")
    publish.add_argument("--key", type=Path, metavar="PRIVATE_KEY_FILE", help=say(
        QT_TRANSLATE_NOOP("cli", "sign with this Ed25519 private key (passphrase from {env} "
                                 "or asked); without it, the package's own signature"),
        env=PASSPHRASE_ENV))
    withdraw = actions.add_parser("withdraw-update", help=say(QT_TRANSLATE_NOOP(
        "cli", "withdraw a published update (counters that have not installed it drop it)")))
    withdraw.add_argument("version", metavar="VERSION")
    withdraw.add_argument("--platform", help=say(QT_TRANSLATE_NOOP(
        "cli", "only this platform's package (e.g. linux-x86_64)")))
    listing = actions.add_parser("updates", help=say(QT_TRANSLATE_NOOP(
        "cli", "the published updates, withdrawn ones too")))
    url_help = say(QT_TRANSLATE_NOOP("cli", "administrator's URL of the central PostgreSQL"))
    for parser in (publish, withdraw, listing):
        parser.add_argument("--url", required=True, help=url_help)
    return [publish, withdraw, listing]


def run_central_update(args: argparse.Namespace) -> int:
    from counter_app.central import update_releases
    from counter_app.services import updates
    from counter_app.updates.errors import UpdateError

    command = args.central_command
    try:
        if command == "publish-update":
            passphrase = _passphrase(args.key) if args.key else None
            published = updates.publish(args.url, args.package, args.key, passphrase)
            print(say(QT_TRANSLATE_NOOP(
                "cli", "version {version} for {platform} published ({files} files, {megabytes} "
                       "MB, key {key}): release {id}"),
                version=published.version, platform=published.platform, files=published.files,
                megabytes=round(published.package_size / 2**20, 1), key=published.key_id,
                id=published.id))
        elif command == "withdraw-update":
            count = update_releases.withdraw(args.url, args.version, args.platform)
            print(say(QT_TRANSLATE_NOOP("cli", "version {version} withdrawn ({count} packages)"),
                      version=args.version, count=count))
        else:
            rows = update_releases.list_releases(args.url)
            # Tab-separated for scripts, the same in every language
            for row in rows:
                print("\t".join(str(field) for field in (
                    row.published_at.isoformat(timespec="seconds"), row.version,
                    row.min_version, row.platform, row.package_name, row.package_size,
                    "in force" if row.withdrawn_at is None
                    else f"withdrawn {row.withdrawn_at.isoformat(timespec='seconds')}")))
            print(say(QT_TRANSLATE_NOOP("cli", "{count} releases, {in_force} in force"),
                      count=len(rows), in_force=sum(r.withdrawn_at is None for r in rows)))
    except UpdateError as exc:
        print(error_line(exc), file=sys.stderr)
        return EXIT_REFUSED
    return 0


def _passphrase(key_file: Path) -> bytes | None:
    from counter_app.updates.signing import is_encrypted

    if not is_encrypted(key_file):
        return None
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV].encode()
    if not sys.stdin.isatty():
        return None  # load_private_key says a passphrase is needed
    return getpass.getpass(say(QT_TRANSLATE_NOOP("cli", "Passphrase of {file}: "),
                               file=key_file.name)).encode()
