"""Photos and scans to the central database: content-addressed, checksummed, resumable.

A file travels in chunks, each committed on its own, through the device functions of
counter_app.central.device_files; after an interruption only the missing chunks are sent.
The server marks the blob complete only when the SHA-256 of the chunks put together
equals its name.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine, text

from counter_app.central.reasons import FILE_DAMAGED, FILE_MISSING, UPLOAD_DAMAGED

CHUNK_SIZE = 256 * 1024

_BEGIN = text("SELECT central_blob_begin(:sha, :size, :chunk_size)")
_CHUNK = text("SELECT central_blob_chunk(:sha, :number, :data)")
_FINISH = text("SELECT central_blob_finish(:sha)")


def upload(engine: Engine, data: bytes | None, sha256: str,
           chunk_size: int = CHUNK_SIZE) -> str:
    """Send *data* (a file's content, None when the file is gone) unless the central side
    has it; '' when done, else the reason."""
    if data is None:
        return FILE_MISSING
    if hashlib.sha256(data).hexdigest() != sha256:
        return FILE_DAMAGED
    size = len(data)
    with engine.begin() as connection:
        present = connection.execute(_BEGIN, {"sha": sha256, "size": size,
                                              "chunk_size": chunk_size}).scalar()
    if present is None:
        return ""  # complete already (another application used the same file)
    for number in range(max(1, -(-size // chunk_size))):
        if number not in present:
            _send_chunk(engine, sha256, number,
                        data[number * chunk_size:(number + 1) * chunk_size])
    return "" if _finish(engine, sha256) else UPLOAD_DAMAGED


def _send_chunk(engine: Engine, sha256: str, number: int, data: bytes) -> None:
    with engine.begin() as connection:  # each chunk committed on its own
        connection.execute(_CHUNK, {"sha": sha256, "number": number, "data": data})


def _finish(engine: Engine, sha256: str) -> bool:
    """Complete, when the server finds the chunks whole; else it drops them."""
    with engine.begin() as connection:
        return bool(connection.execute(_FINISH, {"sha": sha256}).scalar())

