"""Reading a file someone handed the program (a photo, a scan, a spreadsheet), defensively:
a regular file only (a FIFO would hang the read, a device never end), its size capped
before anything is read, and a clear message instead of a traceback."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_NOT_A_FILE = QT_TRANSLATE_NOOP(
    "messages", "{name} is not an ordinary file (a device, a pipe or a folder); please "
                "choose a file.")
MSG_FILE_TOO_LARGE = QT_TRANSLATE_NOOP(
    "messages", "{name} is too large ({megabytes} MB); at most {limit} MB can be opened.")
MSG_CANNOT_OPEN = QT_TRANSLATE_NOOP("messages", "{name} cannot be opened.")


class InputFileError(CounterError):
    code = "input_file"


def read_input_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file *path*, at most *max_bytes* (InputFileError)."""
    name = Path(path).name  # never the folders: they may name a person
    try:  # non-blocking: opening a FIFO with no writer returns at once instead of hanging
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputFileError(MSG_CANNOT_OPEN, name=name) from exc
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
        os.close(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise InputFileError(MSG_NOT_A_FILE, name=name)
        raise _too_large(name, status.st_size, max_bytes)
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read(max_bytes + 1)  # a file growing meanwhile stops here
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    return data


def _too_large(name: str, size: int, limit: int) -> InputFileError:
    return InputFileError(MSG_FILE_TOO_LARGE, name=name, megabytes=size // 2**20,
                          limit=limit // 2**20)
