"""Photos and scans travel content-addressed, checksummed, and resume after a break."""

import hashlib
import os
import uuid

import pytest
from sqlalchemy import func, select

from counter_app.central import blobs, database
from counter_app.central.schema import blob_chunks
from counter_app.central.schema import blobs as blob_table
from tests.sync_helpers import register


@pytest.fixture
def engine_and_site(pg_url):
    url = pg_url
    engine = database.open_central(url)
    site = register(engine, uuid.uuid4(), f"B{uuid.uuid4().hex[:6]}").site_id
    yield engine, site
    engine.dispose()


def _scan(tmp_path, size=1_000_000):
    path = tmp_path / "scan.jpg"
    path.write_bytes(os.urandom(size))
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def _stored(engine, site, sha):
    with engine.connect() as connection:
        complete = connection.scalar(select(blob_table.c.complete).where(
            blob_table.c.site_id == site, blob_table.c.sha256 == sha))
        data = b"".join(connection.scalars(select(blob_chunks.c.data).where(
            blob_chunks.c.site_id == site, blob_chunks.c.sha256 == sha)
            .order_by(blob_chunks.c.chunk_no)))
    return complete, data


def test_a_large_file_arrives_whole_and_checked(engine_and_site, tmp_path):
    engine, site = engine_and_site
    path, sha = _scan(tmp_path)
    assert blobs.upload(engine, site, path, sha, chunk_size=128 * 1024) == ""
    assert _stored(engine, site, sha) == (True, path.read_bytes())


def test_an_interrupted_upload_sends_only_the_missing_chunks(engine_and_site, tmp_path,
                                                             monkeypatch):
    engine, site = engine_and_site
    path, sha = _scan(tmp_path)
    sent = []
    real_send = blobs._send_chunk

    def break_after_three(*args):
        if len(sent) == 3:
            raise ConnectionError("network gone")
        sent.append(args[3])
        real_send(*args)

    monkeypatch.setattr(blobs, "_send_chunk", break_after_three)
    with pytest.raises(ConnectionError):
        blobs.upload(engine, site, path, sha, chunk_size=100_000)
    assert _stored(engine, site, sha)[0] is False

    resent = []
    monkeypatch.setattr(blobs, "_send_chunk", lambda *args: (resent.append(args[3]),
                                                             real_send(*args)))
    assert blobs.upload(engine, site, path, sha, chunk_size=100_000) == ""
    assert sent == [0, 1, 2] and resent == list(range(3, 10))
    assert _stored(engine, site, sha) == (True, path.read_bytes())


def test_a_damaged_chunk_is_caught_and_the_file_sent_again(engine_and_site, tmp_path,
                                                           monkeypatch):
    engine, site = engine_and_site
    path, sha = _scan(tmp_path, 300_000)
    real_send = blobs._send_chunk
    monkeypatch.setattr(blobs, "_send_chunk", lambda e, s, h, n, data: real_send(
        e, s, h, n, data[:-1] + bytes([data[-1] ^ 0xFF]) if n == 1 else data))
    assert blobs.upload(engine, site, path, sha, chunk_size=100_000) == blobs.UPLOAD_DAMAGED
    with engine.connect() as connection:  # the bad chunks are gone, nothing marked complete
        assert connection.scalar(select(func.count()).select_from(blob_chunks).where(
            blob_chunks.c.sha256 == sha)) == 0
    monkeypatch.setattr(blobs, "_send_chunk", real_send)
    assert blobs.upload(engine, site, path, sha, chunk_size=100_000) == ""
    assert _stored(engine, site, sha) == (True, path.read_bytes())


def test_a_missing_or_changed_local_file_is_reported_not_sent(engine_and_site, tmp_path):
    engine, site = engine_and_site
    path, sha = _scan(tmp_path, 1000)
    assert blobs.upload(engine, site, tmp_path / "gone.jpg", sha) == blobs.FILE_MISSING
    path.write_bytes(b"something else")
    assert blobs.upload(engine, site, path, sha) == blobs.FILE_DAMAGED
    assert _stored(engine, site, sha) == (None, b"")
