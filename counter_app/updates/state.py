"""What the counter knows about updates, in two small JSON files of its data folder:

- ``state.json``: the published release last seen, releases refused (so one is not
  fetched again and again), the staged update, and the last events (staged, installed,
  rolled back, refused) with their reasons;
- ``journal.json``: the install under way, written before and after every step that
  changes the program folder (counter_app.updates.install), so the next start can finish
  or undo an install a crash cut short.

Both are replaced whole (a temporary file, flushed, renamed): a crash leaves the old
content or the new, never half of it. Neither holds personal data: versions, release ids,
times and reasons.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.errors import CounterError, reason

HISTORY_KEPT = 20


@dataclass(frozen=True)
class UpdateFolder:
    """``<data dir>/updates/``: the state, the staged package, the download."""
    root: Path

    @property
    def state_file(self) -> Path:
        return self.root / "state.json"

    @property
    def journal_file(self) -> Path:
        return self.root / "journal.json"

    @property
    def staged_dir(self) -> Path:
        return self.root / "staged"

    @property
    def staged_package(self) -> Path:
        return self.staged_dir / "package.zip"

    @property
    def staged_signature(self) -> Path:
        return self.staged_dir / "signature.json"

    @property
    def download_dir(self) -> Path:
        return self.root / "download"

    def ensure(self) -> None:
        for folder in (self.root, self.staged_dir, self.download_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def read_json(path: Path) -> dict:
    """The object in *path*; {} when there is none or it cannot be read (a state that is
    lost only means a release may be looked at again)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def write_json(path: Path, value: dict, mode: int = 0o600) -> None:
    """Replace *path* by *value* as JSON, durably: flushed before the rename, the folder
    after it. *mode* 0o644 for a file every user reads (the system's update status)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        if mode != 0o600 and hasattr(os, "fchmod"):  # mkstemp makes 0600 whatever the umask
            os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in *folder* durable (POSIX; Windows cannot open a folder so and
    commits renames with the file system's journal)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def record_event(folder: UpdateFolder, event: str, version: str,
                 error: CounterError | None = None, **details: str) -> None:
    """Add an event (staged, installed, rolled_back, refused, recovered) to state.json's
    history; the reason as the stored template and parameters, so each reader words it in
    its own language."""
    state = read_json(folder.state_file)
    entry = {"at": now_text(), "event": event, "version": version, **details}
    if error is not None:
        entry["reason"] = reason(error.template, **error.params)
    state["history"] = ([entry] + list(state.get("history", [])))[:HISTORY_KEPT]
    write_json(folder.state_file, state)


def update_state(folder: UpdateFolder, **changes: object) -> dict:
    """state.json with *changes* (a value None removes the key); the new state."""
    state = read_json(folder.state_file)
    for key, value in changes.items():
        if value is None:
            state.pop(key, None)
        else:
            state[key] = value
    write_json(folder.state_file, state)
    return state


def now_text() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")
