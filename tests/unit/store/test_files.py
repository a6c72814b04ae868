"""Files named by their content, written whole or not at all."""

import hashlib

from counter_app.store.files import write_once


def test_a_file_is_stored_once_under_its_hash(tmp_path):
    digest, relative = write_once(tmp_path, "scans", b"page one", ".jpg")
    assert digest == hashlib.sha256(b"page one").hexdigest()
    assert relative == f"scans/{digest}.jpg"
    assert (tmp_path / relative).read_bytes() == b"page one"
    assert write_once(tmp_path, "scans", b"page one", ".jpg") == (digest, relative)
    assert [p.name for p in (tmp_path / "scans").iterdir()] == [f"{digest}.jpg"]  # no .part


def test_a_torn_temporary_file_from_a_crash_is_not_taken_for_the_file(tmp_path):
    digest = hashlib.sha256(b"whole photo").hexdigest()
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / f"{digest}.jpg.part").write_bytes(b"whole")  # killed mid-write
    _, relative = write_once(tmp_path, "photos", b"whole photo", ".jpg")
    assert (tmp_path / relative).read_bytes() == b"whole photo"
