"""Free space on the filesystem that holds the data folder (the local database, photos,
scans, forms): below the minimum a write the counter relies on may fail half-way."""

from __future__ import annotations

import shutil
from pathlib import Path

from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.selfcheck.items import Check, Item, State

MB = 1024 * 1024

MSG_DISK_OK = QT_TRANSLATE_NOOP(
    "messages", "{free} MB free on the disk of the data folder.")
MSG_DISK_LOW = QT_TRANSLATE_NOOP(
    "messages", "Only {free} MB free on the disk of the data folder: free some space soon "
                "(new applications stop below {minimum} MB).")
MSG_DISK_FULL = QT_TRANSLATE_NOOP(
    "messages", "Only {free} MB free on the disk of the data folder, under the {minimum} MB "
                "needed to keep applications safely: new applications are stopped. Free "
                "some space or ask the administrator.")
MSG_DISK_UNKNOWN = QT_TRANSLATE_NOOP(
    "messages", "The free space of the data folder's disk cannot be measured; ask the "
                "administrator to check it.")


def free_bytes(folder: Path) -> int:
    """Free bytes (for this user) on the filesystem of *folder*, or of its nearest existing
    parent (a data folder not made yet). OSError when none can be measured."""
    folder = Path(folder)
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return shutil.disk_usage(candidate).free
    raise FileNotFoundError(folder)


def check_disk(folder: Path, *, min_free_mb: int, warning_mb: int) -> Item:
    """BLOCKING under *min_free_mb*, WARNING under *warning_mb*, else OK."""
    try:
        free = free_bytes(folder)
    except OSError:
        return Item(Check.DISK, State.WARNING, MSG_DISK_UNKNOWN)
    return disk_item(free, min_free_mb=min_free_mb, warning_mb=warning_mb)


def disk_item(free: int, *, min_free_mb: int, warning_mb: int) -> Item:
    params = {"free": free // MB, "minimum": min_free_mb}
    if free < min_free_mb * MB:
        return Item(Check.DISK, State.BLOCKING, MSG_DISK_FULL, params)
    if free < warning_mb * MB:
        return Item(Check.DISK, State.WARNING, MSG_DISK_LOW, params)
    return Item(Check.DISK, State.OK, MSG_DISK_OK, {"free": free // MB})
