"""A device's credentials for the central database, made at enrolment.

`central add-device` prints an enrolment code (counter_app.central.enrolment);
`counter-app enrol CODE` redeems it, choosing the device's final password, and stores the
credentials in a file only this user can read, under the protected data directory, never
in the settings file.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

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


def credentials_path(protected_dir: Path) -> Path:
    return protected_dir / FILE_NAME


def save(protected_dir: Path, enrolment: Enrolment) -> Path:
    """Write atomically with mode 0600 (created so, never widened afterwards)."""
    protected_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = credentials_path(protected_dir)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(asdict(enrolment), handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return path


def load(protected_dir: Path) -> Enrolment | None:
    path = credentials_path(protected_dir)
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Enrolment(**data)
