"""The protected credentials file (enrolment codes: test_enrolment.py)."""

import stat

from counter_app.central import credentials
from counter_app.central.credentials import Enrolment
from counter_app.security.protected_files import ProtectedFiles
from counter_app.security.sealing import Sealer

ENROLMENT = Enrolment(url="postgresql://dev:secret@central:5432/counter",
                      device_id="6f1c0e1e-8a3b-4e55-9a77-0d3e2c1b0a99", site_code="SC001",
                      site_id="0b0f4c52-1d2e-4c8e-8f7a-2a9f4d6b1c10")


def test_the_credentials_file_is_sealed_and_readable_by_this_user_only(tmp_path):
    files = ProtectedFiles(tmp_path / "protected", Sealer(bytes(range(32))))
    path = credentials.save(files, ENROLMENT)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"secret" not in path.read_bytes() and b"SC001" not in path.read_bytes()
    assert credentials.load(files) == ENROLMENT
    elsewhere = ProtectedFiles(tmp_path / "elsewhere", Sealer(bytes(range(32))))
    assert credentials.load(elsewhere) is None


def test_the_password_stays_out_of_printed_credentials():
    assert "secret" not in repr(ENROLMENT)
