"""Photos and scans travel content-addressed, checksummed, and resume after a break: sent
by a device's own login through the blob functions, stored under its own site."""

import hashlib
import os
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from counter_app.central import blobs, database, reasons
from counter_app.central.operations import Operation
from counter_app.central.schema import application_files, blob_chunks
from counter_app.central.schema import blobs as blob_table
from counter_app.domain.errors import read_reason
from tests.sync_helpers import device_engine, push

pytestmark = pytest.mark.postgres

REAL_SEND = blobs._send_chunk


class Device:
    def __init__(self, admin_url: str, code: str | None = None) -> None:
        self.engine, self.enrolment = device_engine(
            admin_url, code or f"B{uuid.uuid4().hex[:6].upper()}")  # a site of its own
        self.site_id = uuid.UUID(self.enrolment.site_id)

    def dispose(self) -> None:
        self.engine.dispose()


@pytest.fixture
def admin_engine(pg_url):
    engine = database.create_central_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture
def device(pg_url):
    device = Device(pg_url)
    yield device
    device.dispose()


def _scan(tmp_path, size=1_000_000):
    path = tmp_path / "scan.jpg"
    path.write_bytes(os.urandom(size))
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def _stored(admin_engine, site_id, sha):
    with admin_engine.connect() as connection:
        complete = connection.scalar(select(blob_table.c.complete).where(
            blob_table.c.site_id == site_id, blob_table.c.sha256 == sha))
        data = b"".join(connection.scalars(select(blob_chunks.c.data).where(
            blob_chunks.c.site_id == site_id, blob_chunks.c.sha256 == sha)
            .order_by(blob_chunks.c.chunk_no)))
    return complete, data


def _recording(monkeypatch, sent: list, fail_after: int | None = None):
    """Record the chunk numbers _send_chunk sends; a broken network after *fail_after*."""
    def send(engine, sha256, number, data):
        if fail_after is not None and len(sent) == fail_after:
            raise ConnectionError("network gone")
        sent.append(number)
        REAL_SEND(engine, sha256, number, data)

    monkeypatch.setattr(blobs, "_send_chunk", send)


def test_a_large_file_arrives_whole_and_checked(device, admin_engine, tmp_path):
    path, sha = _scan(tmp_path)
    assert blobs.upload(device.engine, path.read_bytes(), sha, chunk_size=128 * 1024) == ""
    assert _stored(admin_engine, device.site_id, sha) == (True, path.read_bytes())


def test_an_interrupted_upload_sends_only_the_missing_chunks(device, admin_engine, tmp_path,
                                                             monkeypatch):
    path, sha = _scan(tmp_path)
    sent, resent = [], []
    _recording(monkeypatch, sent, fail_after=3)
    with pytest.raises(ConnectionError):
        blobs.upload(device.engine, path.read_bytes(), sha, chunk_size=100_000)
    assert _stored(admin_engine, device.site_id, sha)[0] is False

    _recording(monkeypatch, resent)
    assert blobs.upload(device.engine, path.read_bytes(), sha, chunk_size=100_000) == ""
    assert sent == [0, 1, 2] and resent == list(range(3, 10))
    assert _stored(admin_engine, device.site_id, sha) == (True, path.read_bytes())


def test_a_file_complete_already_is_not_sent_again(device, tmp_path, monkeypatch):
    path, sha = _scan(tmp_path, 300_000)
    assert blobs.upload(device.engine, path.read_bytes(), sha, chunk_size=100_000) == ""
    sent = []
    _recording(monkeypatch, sent)
    assert blobs.upload(device.engine, path.read_bytes(), sha, chunk_size=100_000) == ""
    assert sent == []


def test_a_damaged_chunk_is_caught_and_the_file_sent_again(device, admin_engine, tmp_path,
                                                           monkeypatch):
    path, sha = _scan(tmp_path, 300_000)
    monkeypatch.setattr(blobs, "_send_chunk", lambda engine, sha256, number, data: REAL_SEND(
        engine, sha256, number, data[:-1] + bytes([data[-1] ^ 0xFF]) if number == 1 else data))
    assert blobs.upload(device.engine, path.read_bytes(), sha, chunk_size=100_000) == blobs.UPLOAD_DAMAGED
    with admin_engine.connect() as connection:  # the bad chunks are gone, nothing complete
        assert connection.scalar(select(func.count()).select_from(blob_chunks).where(
            blob_chunks.c.sha256 == sha)) == 0
    assert _stored(admin_engine, device.site_id, sha)[0] is False
    monkeypatch.setattr(blobs, "_send_chunk", REAL_SEND)
    assert blobs.upload(device.engine, path.read_bytes(), sha, chunk_size=100_000) == ""
    assert _stored(admin_engine, device.site_id, sha) == (True, path.read_bytes())


def test_a_missing_or_changed_local_file_is_reported_not_sent(device, admin_engine, tmp_path):
    path, sha = _scan(tmp_path, 1000)
    assert blobs.upload(device.engine, None, sha) == blobs.FILE_MISSING
    path.write_bytes(b"something else")
    assert blobs.upload(device.engine, path.read_bytes(), sha) == blobs.FILE_DAMAGED
    assert _stored(admin_engine, device.site_id, sha) == (None, b"")


def test_each_site_stores_its_own_copy(pg_url, device, admin_engine, tmp_path):
    path, sha = _scan(tmp_path, 300_000)
    assert blobs.upload(device.engine, path.read_bytes(), sha, chunk_size=100_000) == ""
    other = Device(pg_url)
    try:
        assert _stored(admin_engine, other.site_id, sha) == (None, b"")
        assert blobs.upload(other.engine, path.read_bytes(), sha, chunk_size=100_000) == ""
        assert _stored(admin_engine, other.site_id, sha) == (True, path.read_bytes())
    finally:
        other.dispose()


def test_only_an_enrolled_device_sends_files(admin_engine, tmp_path):
    path, sha = _scan(tmp_path, 1000)
    with pytest.raises(DBAPIError, match="only an enrolled device sends files"):
        blobs.upload(admin_engine, path.read_bytes(), sha)


def test_a_blob_operation_links_only_a_complete_file(device, admin_engine, tmp_path):
    path, sha = _scan(tmp_path, 300_000)
    app_id = str(uuid.uuid4())

    def blob_op(seq, **extra):
        return Operation(seq, uuid.uuid4(), "blob", {
            "sha256": sha, "application_id": app_id, "role": "photo", **extra})

    early = push(device.engine, [blob_op(1), blob_op(2, upload_error="the file is missing")])
    assert [(r.result, read_reason(r.reason)[0]) for r in early] == [
        ("rejected", reasons.FILE_INCOMPLETE), ("rejected", "the file is missing")]
    assert blobs.upload(device.engine, path.read_bytes(), sha, chunk_size=100_000) == ""
    assert [r.result for r in push(device.engine, [blob_op(3)])] == ["applied"]
    with admin_engine.connect() as connection:
        assert connection.execute(select(
            application_files.c.application_id, application_files.c.role).where(
            application_files.c.site_id == device.site_id,
            application_files.c.sha256 == sha)).all() == [(uuid.UUID(app_id), "photo")]
