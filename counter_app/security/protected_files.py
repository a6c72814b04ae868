"""The protected directory: photos, scans, signed forms, printed PDFs and the central
credentials, each sealed with the data key (security/sealing.py) — a copy of the folder
shows nothing.

A file is written to a temporary name, flushed to disk, then renamed: a crash or power
cut leaves either no file or the whole file under its final name, never a torn one, and
the row that names it is committed only after this returns.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from counter_app.security.input_files import read_input_file
from counter_app.security.sealing import Sealer, is_sealed

SEALED_MARK = ".sealed"  # in the protected directory once every older file is sealed
PART = ".part"
# Larger than any file the program writes here: a batch of a thousand forms with their
# photos (up to 150 KB a form) is the largest; photos and scans are capped at reading.
MAX_PROTECTED_BYTES = 500 * 1024 * 1024


class ProtectedFiles:
    def __init__(self, root: Path, sealer: Sealer) -> None:
        self.root = root
        self._sealer = sealer
        self._resolved_root = root.resolve()

    def path(self, relative: str | Path) -> Path:
        return self.root / relative

    def write_once(self, folder: str, data: bytes, suffix: str) -> tuple[str, str]:
        """Store *data* as <folder>/<sha256 of data><suffix> unless it is there; return
        (sha256, path relative to the protected directory)."""
        digest = hashlib.sha256(data).hexdigest()
        relative = f"{folder}/{digest}{suffix}"
        if not self.path(relative).exists():
            self.write(relative, data)
        return digest, relative

    def write(self, relative: str | Path, data: bytes) -> Path:
        """Seal *data* into the file (replacing it whole); its absolute path."""
        target = self.path(relative)
        write_atomically(target, self._sealer.seal(data, self._name(target)))
        return target

    def write_with(self, relative: str | Path, produce: Callable[[BinaryIO], None]) -> Path:
        """Seal what *produce* writes to the stream it is given (a PDF renderer)."""
        buffer = io.BytesIO()
        produce(buffer)
        return self.write(relative, buffer.getvalue())

    def read(self, path: str | Path) -> bytes:
        """The content of a file of the protected directory (a path relative to it, or
        absolute inside it); SealBroken when it was altered, OSError when it is gone."""
        target = self.path(path)
        blob = read_input_file(target, MAX_PROTECTED_BYTES)
        return self._sealer.open(blob, self._name(target))

    def seal_older_files(self) -> int:
        """Once per install: seal the files an older version left in clear; how many."""
        if (self.root / SEALED_MARK).exists() or not self.root.is_dir():
            return 0
        count = 0
        for path in sorted(self.root.rglob("*")):
            if path.is_symlink() or not path.is_file() or path.name == SEALED_MARK:
                continue
            if path.name.endswith(PART):
                path.unlink()  # a write a crash cut short: its row was never committed
                continue
            data = path.read_bytes()
            if not is_sealed(data):
                self.write(path.relative_to(self.root), data)
                count += 1
        (self.root / SEALED_MARK).touch(mode=0o600)
        return count

    def _name(self, target: Path) -> str:
        """The file's place in the folder, authenticated with its content."""
        return target.resolve().relative_to(self._resolved_root).as_posix()


def write_atomically(target: Path, blob: bytes) -> None:
    """Replace *target* by *blob* (mode 0600), durably: written in full and flushed
    beside it, renamed over it, the rename flushed too. Never half a file, even on a USB
    stick pulled out right after."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(target.name + PART)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(target)
    _sync_directory(target.parent)


def _sync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
