"""Files of the protected directory: named by their content, written whole or not at all,
sealed with the data key (unreadable and tamper-evident on disk)."""

import hashlib
import os

import pytest

from counter_app.security.sealing import SealBroken, Sealer, is_sealed
from counter_app.security.protected_files import SEALED_MARK, ProtectedFiles

KEY = bytes(range(32))


@pytest.fixture
def files(tmp_path) -> ProtectedFiles:
    return ProtectedFiles(tmp_path, Sealer(KEY))


def test_a_file_is_stored_once_under_its_hash_and_sealed(files, tmp_path):
    digest, relative = files.write_once("scans", b"page one", ".jpg")
    assert digest == hashlib.sha256(b"page one").hexdigest()
    assert relative == f"scans/{digest}.jpg"
    on_disk = (tmp_path / relative).read_bytes()
    assert is_sealed(on_disk) and b"page one" not in on_disk
    assert files.read(relative) == b"page one"
    assert files.read(tmp_path / relative) == b"page one"  # absolute paths too
    assert files.write_once("scans", b"page one", ".jpg") == (digest, relative)
    assert [p.name for p in (tmp_path / "scans").iterdir()] == [f"{digest}.jpg"]  # no .part
    assert (tmp_path / relative).stat().st_mode & 0o777 == 0o600


def test_a_torn_temporary_file_from_a_crash_is_not_taken_for_the_file(files, tmp_path):
    digest = hashlib.sha256(b"whole photo").hexdigest()
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / f"{digest}.jpg.part").write_bytes(b"whole")  # killed mid-write
    _, relative = files.write_once("photos", b"whole photo", ".jpg")
    assert files.read(relative) == b"whole photo"


def test_an_altered_a_swapped_or_a_plain_file_is_refused(files, tmp_path):
    first = files.write("photos/a.jpg", b"child A")
    second = files.write("photos/b.jpg", b"child B")
    flipped = bytearray(first.read_bytes())
    flipped[-1] ^= 1
    first.write_bytes(bytes(flipped))
    with pytest.raises(SealBroken):
        files.read("photos/a.jpg")
    os.replace(second, tmp_path / "photos" / "a.jpg")  # B's photo put in A's place
    with pytest.raises(SealBroken):
        files.read("photos/a.jpg")
    (tmp_path / "photos" / "c.jpg").write_bytes(b"\xff\xd8 planted in clear")
    with pytest.raises(SealBroken):
        files.read("photos/c.jpg")


def test_another_key_opens_nothing(files, tmp_path):
    files.write("forms/x.pdf", b"%PDF- a form")
    other = ProtectedFiles(tmp_path, Sealer(bytes(32)))
    with pytest.raises(SealBroken):
        other.read("forms/x.pdf")


def test_files_of_an_older_version_are_sealed_once(files, tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "old.jpg").write_bytes(b"\xff\xd8 an old photo")
    (tmp_path / "photos" / "torn.jpg.part").write_bytes(b"half")
    assert files.seal_older_files() == 1
    assert is_sealed((tmp_path / "photos" / "old.jpg").read_bytes())
    assert files.read("photos/old.jpg") == b"\xff\xd8 an old photo"
    assert not (tmp_path / "photos" / "torn.jpg.part").exists()
    assert (tmp_path / SEALED_MARK).exists()
    assert files.seal_older_files() == 0
