"""Photos and scans to the central database: content-addressed, checksummed, resumable.

A file travels in chunks, each committed on its own; after an interruption only the
missing chunks are sent. The blob is marked complete only when the SHA-256 of the chunks
put together equals its name.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.dialects.postgresql import insert

from counter_app.central.database import utcnow
from counter_app.central.schema import blob_chunks, blobs
from counter_app.domain.errors import QT_TRANSLATE_NOOP

CHUNK_SIZE = 256 * 1024
# Reasons stored with the operation (shown to staff, translated by the window).
FILE_MISSING = QT_TRANSLATE_NOOP("sync_reasons", "the file is missing on this counter")
FILE_DAMAGED = QT_TRANSLATE_NOOP(
    "sync_reasons", "the file on this counter is damaged (checksum differs)")
UPLOAD_DAMAGED = QT_TRANSLATE_NOOP(
    "sync_reasons", "the file arrived damaged; it will be sent again")


def upload(engine: Engine, site_id: uuid.UUID, path: Path, sha256: str,
           chunk_size: int = CHUNK_SIZE) -> str:
    """Send *path* unless the central side has it; '' when done, else the reason."""
    if not path.is_file():
        return FILE_MISSING
    if _digest(path) != sha256:
        return FILE_DAMAGED
    size = path.stat().st_size
    present = _start(engine, site_id, sha256, size, chunk_size)
    if present is None:
        return ""  # complete already (another application used the same file)
    with path.open("rb") as handle:
        for number in range(max(1, -(-size // chunk_size))):
            handle.seek(number * chunk_size)
            data = handle.read(chunk_size)
            if number not in present:
                _send_chunk(engine, site_id, sha256, number, data)
    return "" if _finish(engine, site_id, sha256) else UPLOAD_DAMAGED


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _start(engine, site_id, sha256, size, chunk_size) -> set[int] | None:
    """Register the blob; the chunk numbers already there, or None when complete."""
    with engine.begin() as connection:
        connection.execute(insert(blobs).values(
            site_id=site_id, sha256=sha256, size=size, chunk_size=chunk_size,
            complete=False, created_at=utcnow()).on_conflict_do_nothing())
        row = connection.execute(select(blobs.c.complete, blobs.c.chunk_size).where(
            blobs.c.site_id == site_id, blobs.c.sha256 == sha256)).one()
        if row.complete:
            return None
        if row.chunk_size != chunk_size:  # started with another chunk size: start over
            _drop_chunks(connection, site_id, sha256)
            connection.execute(update(blobs).where(
                blobs.c.site_id == site_id, blobs.c.sha256 == sha256).values(
                chunk_size=chunk_size))
            return set()
        return set(connection.execute(select(blob_chunks.c.chunk_no).where(
            blob_chunks.c.site_id == site_id, blob_chunks.c.sha256 == sha256)).scalars())


def _send_chunk(engine, site_id, sha256, number, data) -> None:
    with engine.begin() as connection:
        connection.execute(insert(blob_chunks).values(
            site_id=site_id, sha256=sha256, chunk_no=number, data=data
        ).on_conflict_do_nothing())


def _finish(engine, site_id, sha256) -> bool:
    with engine.begin() as connection:
        if _stored_digest(connection, site_id, sha256) != sha256:
            _drop_chunks(connection, site_id, sha256)
            return False
        connection.execute(update(blobs).where(
            blobs.c.site_id == site_id, blobs.c.sha256 == sha256).values(complete=True))
        return True


def _stored_digest(connection, site_id, sha256) -> str:
    """The SHA-256 of the chunks put together, hashed where the data is."""
    return connection.execute(text(
        "SELECT encode(sha256(string_agg(data, ''::bytea ORDER BY chunk_no)), 'hex') "
        "FROM central_blob_chunks WHERE site_id = :site AND sha256 = :sha"),
        {"site": site_id, "sha": sha256}).scalar() or ""


def _drop_chunks(connection, site_id, sha256) -> None:
    connection.execute(delete(blob_chunks).where(
        blob_chunks.c.site_id == site_id, blob_chunks.c.sha256 == sha256))
