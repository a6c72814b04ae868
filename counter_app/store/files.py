"""Files under the protected directory, named by their content's SHA-256.

A file is written to a temporary name, flushed to disk, then renamed: a crash or power
cut leaves either no file or the whole file under its final name, never a torn one, and
the row that names it is committed only after this returns.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def write_once(protected_dir: Path, folder: str, data: bytes, suffix: str) -> tuple[str, str]:
    """Store *data* as protected/<folder>/<sha256><suffix> unless it is there; return
    (sha256, path relative to the protected directory)."""
    digest = hashlib.sha256(data).hexdigest()
    relative = Path(folder) / f"{digest}{suffix}"
    target = protected_dir / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_name(target.name + ".part")
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
        _sync_directory(target.parent)
    return digest, str(relative)


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
