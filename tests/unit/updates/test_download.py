"""A download cut off part way goes on from the bytes already fetched, and gives the same
verified file as one made in one go (issue 15)."""

import pytest

from counter_app.updates import errors
from counter_app.updates.download import check_download, resume_download
from counter_app.updates.errors import UpdateError
from counter_app.updates.package import verify_package
from tests.update_helpers import INSTALLED, make_package, sha256_of, trusted


class Cut(Exception):
    """The connection lost."""


def _server(data: bytes, piece: int, fail_after: int | None = None, asked=None):
    """fetch(offset) as the central database answers it: the rest of the piece the offset
    falls in (central_update_part)."""
    def fetch(offset: int) -> bytes:
        if asked is not None:
            asked.append(offset)
        if fail_after is not None and len(asked) > fail_after:
            raise Cut()
        end = (offset // piece + 1) * piece
        return data[offset:end]
    return fetch


def test_an_interrupted_download_resumes_and_verifies(tmp_path, release_key):
    package = make_package(tmp_path, release_key)
    data, size, digest = package.read_bytes(), package.stat().st_size, sha256_of(package)
    part = tmp_path / "download" / "release.part"
    part.parent.mkdir()
    asked = []
    with pytest.raises(Cut):
        resume_download(part, size, _server(data, 200, fail_after=3, asked=asked))
    assert part.stat().st_size == 600
    part.write_bytes(part.read_bytes() + data[600:723])  # a piece half written at a crash
    asked.clear()
    assert resume_download(part, size, _server(data, 200, asked=asked),
                           budget_bytes=400) == 1200  # one sync's share, whole pieces
    assert asked[0] == 723  # from the bytes already there, not from the start
    assert size > 1200
    assert resume_download(part, size, _server(data, 200)) == size
    check_download(part, size, digest)
    assert part.read_bytes() == data
    assert verify_package(part, trusted(release_key), installed_version=INSTALLED).version == (
        "1.1.0")


def test_a_damaged_download_is_deleted_to_be_fetched_again(tmp_path):
    part = tmp_path / "release.part"
    data = b"x" * 5000
    resume_download(part, len(data), _server(b"y" * 5000, 1024))
    with pytest.raises(UpdateError) as caught:
        check_download(part, len(data), __import__("hashlib").sha256(data).hexdigest())
    assert caught.value.template == errors.MSG_DOWNLOAD_DAMAGED
    assert not part.exists()


def test_a_part_longer_than_the_file_starts_over(tmp_path):
    part = tmp_path / "release.part"
    part.write_bytes(b"z" * 100)
    assert resume_download(part, 10, lambda offset: b"0123456789"[offset:]) == 10
    assert part.read_bytes() == b"0123456789"


def test_a_server_that_sends_nothing_before_the_end_is_an_error(tmp_path):
    part = tmp_path / "release.part"
    with pytest.raises(UpdateError):
        resume_download(part, 10, lambda offset: b"01234"[offset:])
    assert part.read_bytes() == b"01234"
