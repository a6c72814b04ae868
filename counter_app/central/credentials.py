"""A device's credentials for the central database, handed over once at enrolment.

`central add-device` prints an enrolment code (the connection URL with the device's own
login, its id and site); `counter-app enrol CODE` stores it in a file only this user can
read, under the protected data directory, never in the settings file.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

PREFIX = "CTR1."
FILE_NAME = "central-credentials.json"
MSG_BAD_CODE = QT_TRANSLATE_NOOP(
    "messages", "This is not a valid enrolment code; copy it again from the administrator.")


class EnrolmentError(CounterError):
    code = "enrolment"


@dataclass(frozen=True)
class Enrolment:
    url: str          # includes the device's login and password
    device_id: str
    site_code: str
    site_id: str
    counter_no: int = 0  # this counter's number within its site (0: not numbered)
    builtin: bool = False  # on this computer's built-in central server (started on demand)

    def code(self) -> str:
        data = json.dumps(asdict(self), separators=(",", ":")).encode()
        return PREFIX + base64.urlsafe_b64encode(data).decode().rstrip("=")

    @classmethod
    def from_code(cls, code: str) -> Enrolment:
        code = code.strip()
        if not code.startswith(PREFIX):
            raise EnrolmentError(MSG_BAD_CODE)
        body = code[len(PREFIX):]
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            return cls(**{key: str(data[key]) for key in
                          ("url", "device_id", "site_code", "site_id")},
                       counter_no=int(data.get("counter_no", 0)))
        except (binascii.Error, ValueError, KeyError, TypeError) as exc:
            raise EnrolmentError(MSG_BAD_CODE) from exc


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
