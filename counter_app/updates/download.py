"""Fetching a package piece by piece into a ``.part`` file that survives interruptions.

The part file's length is how far the download got: each piece is asked for by that
offset and appended, so a download cut by a lost connection, a closed window or a crash
goes on from where it stopped, at the next sync. Only the whole file is judged — its size
and SHA-256 against the published ones, then its signature and files
(counter_app.updates.package) — and a file that fails is deleted and fetched again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from counter_app.updates.errors import MSG_DOWNLOAD_DAMAGED, UpdateError

# fetch(offset) -> the bytes from *offset* on (at least one unless past the end)
Fetch = Callable[[int], bytes]


def resume_download(part: Path, total_size: int, fetch: Fetch,
                    budget_bytes: int | None = None) -> int:
    """Append to *part* from its current length until it holds *total_size* bytes, or
    *budget_bytes* more were fetched (one sync's share); the length reached. A piece
    that ends early is an error of the server's (UpdateError): what came before stays."""
    offset = part.stat().st_size if part.exists() else 0
    if offset > total_size:  # not this download's: over again
        part.unlink()
        offset = 0
    fetched = 0
    with open(part, "ab") as handle:
        while offset < total_size and (budget_bytes is None or fetched < budget_bytes):
            piece = fetch(offset)
            if not piece:
                raise UpdateError(MSG_DOWNLOAD_DAMAGED)
            piece = piece[:total_size - offset]
            handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())  # the length on disk is the offset to go on from
            offset += len(piece)
            fetched += len(piece)
    return offset


def check_download(part: Path, size: int, sha256: str) -> None:
    """Returns when *part* is the published file (its size and SHA-256); else deletes it,
    so the next attempt starts over, and raises UpdateError."""
    digest = hashlib.sha256()
    length = 0
    with open(part, "rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
            length += len(block)
    if length != size or digest.hexdigest() != sha256:
        part.unlink(missing_ok=True)
        raise UpdateError(MSG_DOWNLOAD_DAMAGED)
