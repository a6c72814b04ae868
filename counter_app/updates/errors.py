"""Why an update is refused, in words staff and administrators can act on.

Every refusal is an UpdateError: an English template (context "messages", translated by
the window and the command line) and its parameters. Nothing here names a person: only
versions, key ids, platforms and the package's own file paths.
"""

from __future__ import annotations

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_NOT_A_PACKAGE = QT_TRANSLATE_NOOP(
    "messages", "This is not an update package of Counter: {problem}")
MSG_BAD_MANIFEST = QT_TRANSLATE_NOOP(
    "messages", "The update's manifest is not valid: {problem}")
MSG_NO_TRUSTED_KEY = QT_TRANSLATE_NOOP(
    "messages", "This program holds no trusted update key, so it accepts no update.")
MSG_UNKNOWN_KEY = QT_TRANSLATE_NOOP(
    "messages", "The update is signed with key {key}, which this program does not trust.")
MSG_BAD_SIGNATURE = QT_TRANSLATE_NOOP(
    "messages", "The update's signature does not match its manifest: the manifest was "
                "changed or signed with another key.")
MSG_UNSIGNED = QT_TRANSLATE_NOOP("messages", "The update package is not signed.")
MSG_FILE_DAMAGED = QT_TRANSLATE_NOOP(
    "messages", "The update package is damaged: {file} differs from its manifest.")
MSG_FILE_MISSING = QT_TRANSLATE_NOOP(
    "messages", "The update package lacks {file}, which its manifest lists.")
MSG_FILE_EXTRA = QT_TRANSLATE_NOOP(
    "messages", "The update package holds {file}, which its manifest does not list.")
MSG_UNSAFE_ENTRY = QT_TRANSLATE_NOOP(
    "messages", "The update package holds an unsafe entry ({entry}): {problem}.")
MSG_NOT_NEWER = QT_TRANSLATE_NOOP(
    "messages", "Version {version} is not newer than the installed version {installed}.")
MSG_TOO_OLD_TO_UPDATE = QT_TRANSLATE_NOOP(
    "messages", "Version {version} can only update version {minimum} or later; this is "
                "version {installed}.")
MSG_OTHER_PLATFORM = QT_TRANSLATE_NOOP(
    "messages", "The update is for {platform}; this computer is {here}.")
MSG_BAD_VERSION = QT_TRANSLATE_NOOP(
    "messages", "{version} is not a version number (digits and dots, e.g. 1.2.0).")
MSG_NOT_THE_PUBLISHED = QT_TRANSLATE_NOOP(
    "messages", "The downloaded package is not the one the central database published "
                "(its manifest differs).")
MSG_DOWNLOAD_DAMAGED = QT_TRANSLATE_NOOP(
    "messages", "The downloaded update differs from the published one (size or SHA-256); "
                "it is fetched again.")
MSG_SELF_CHECK_FAILED = QT_TRANSLATE_NOOP(
    "messages", "Version {version} failed its start-up self-check ({problem}); version "
                "{previous} was put back.")
MSG_CANNOT_INSTALL = QT_TRANSLATE_NOOP(
    "messages", "The update could not be put beside the program folder: {problem}. Check "
                "that the program's user may write there.")
MSG_BAD_KEY_FILE = QT_TRANSLATE_NOOP(
    "messages", "The key file {file} is not usable: {problem}")
MSG_UNSAFE_SYSTEM_FOLDER = QT_TRANSLATE_NOOP(
    "messages", "The system's update folder {folder} is not safe to install from: {problem}.")
MSG_SYSTEM_SILENT = QT_TRANSLATE_NOOP(
    "messages", "The system's update service did not take version {version} ({count} "
                "starts): check that counter-app-update.path is enabled.")


class UpdateError(CounterError):
    """An update refused, with the reason (the command line exits 2)."""

    code = "update_refused"
