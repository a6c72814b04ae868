"""A device's credentials for the central database, made at enrolment.

`central add-device` prints an enrolment code (counter_app.central.enrolment);
`counter-app enrol CODE` redeems it, choosing the device's final password, and stores the
credentials in a file only this user can read, under the protected data directory, sealed
with the data key like every file there (store/files.py), never in the settings file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from counter_app.domain.errors import (MSG_FILE_INVALID, MSG_FILE_UNREADABLE, QT_TRANSLATE_NOOP,
                                       ConfigFileError, CounterError, broken_file)
from counter_app.security.protected_files import ProtectedFiles

FILE_NAME = "central-credentials.json"
MSG_BAD_CODE = QT_TRANSLATE_NOOP(
    "messages", "This is not a valid enrolment code; copy it again from the administrator.")


class EnrolmentError(CounterError):
    code = "enrolment"


@dataclass(frozen=True)
class Enrolment:
    url: str = field(repr=False)  # includes the device's login and password
    device_id: str
    site_code: str
    site_id: str
    counter_no: int = 0  # this counter's number within its site (0: not numbered)
    builtin: bool = False  # on this computer's built-in central server (started on demand)


def credentials_path(files: ProtectedFiles) -> Path:
    return files.path(FILE_NAME)


def save(files: ProtectedFiles, enrolment: Enrolment) -> Path:
    """Write atomically, sealed, with mode 0600 (created so, never widened afterwards)."""
    return files.write(FILE_NAME, json.dumps(asdict(enrolment)).encode("utf-8"))


def load(files: ProtectedFiles) -> Enrolment | None:
    """The saved credentials, None before enrolment; ConfigFileError (the file, and the
    line when the JSON is broken) for a file that cannot be used: enrolling again with a
    new code replaces it."""
    path = credentials_path(files)
    if not path.exists():
        return None
    try:
        data = json.loads(files.read(FILE_NAME).decode("utf-8"))
    except json.JSONDecodeError as exc:  # its message quotes no content: line and column
        raise broken_file(str(path), exc) from exc
    except UnicodeDecodeError as exc:
        raise ConfigFileError(MSG_FILE_INVALID, file=str(path), problem="not UTF-8 text") from exc
    except (OSError, CounterError) as exc:  # unreadable, or altered since it was sealed
        raise ConfigFileError(MSG_FILE_UNREADABLE, file=str(path),
                              problem=getattr(exc, "strerror", None) or type(exc).__name__
                              ) from exc
    try:
        enrolment = Enrolment(**data)
    except TypeError:  # not an object, or keys missing or unknown (never the values)
        enrolment = None
    texts = ("url", "device_id", "site_code", "site_id")
    if enrolment is None or not all(isinstance(getattr(enrolment, k), str) for k in texts):
        raise ConfigFileError(MSG_FILE_INVALID, file=str(path),
                              problem="not the credentials of an enrolment")
    return enrolment
