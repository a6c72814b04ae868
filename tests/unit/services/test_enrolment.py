"""`counter-app enrol`: the counter redeems its code, keeps a password only it knows and
takes the device's identity; a crash around the central commit loses nothing."""

import stat

import psycopg
import pytest
from sqlalchemy.engine import make_url

from counter_app.central import admin, credentials
from counter_app.central import enrolment as central_enrolment
from counter_app.central.credentials import EnrolmentError
from counter_app.services import enrolment
from counter_app.services.context import open_context
from counter_app.store.models import Meta

pytestmark = pytest.mark.postgres


@pytest.fixture
def code(fresh_central):
    admin.add_site(fresh_central, "SA01", "site A")
    return admin.add_device(fresh_central, "SA01", "window 1")


def _device_of(ctx) -> str | None:
    with ctx.sessions() as session:
        meta = session.get(Meta, "device_id")
        return meta.value if meta else None


def test_enrolling_keeps_a_password_of_the_counters_own(ctx, code):
    enrolled = enrolment.enrol(ctx, code.code())
    saved = credentials.load(ctx.files)
    assert saved == enrolled and make_url(saved.url).password != code.password
    path = credentials.credentials_path(ctx.files)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _device_of(ctx) == code.device_id
    with psycopg.connect(saved.url) as conn:
        assert str(conn.execute("SELECT central_current_device()").fetchone()[0]) == (
            code.device_id)


def test_a_second_counter_with_the_same_code_is_refused(ctx, code, settings, tmp_path):
    enrolment.enrol(ctx, code.code())
    other = open_context(type(settings)(data_dir=tmp_path / "other",
                                        config_dir=tmp_path / "other-config",
                                        key_file=str(tmp_path / "other.key")))
    with pytest.raises(EnrolmentError, match="used already"):
        enrolment.enrol(other, code.code())
    assert credentials.load(other.files) is None


def test_a_counter_stopped_right_after_the_central_commit_finishes_with_the_same_code(
        ctx, code):
    keep = lambda enrolled: credentials.save(ctx.files, enrolled)  # noqa: E731
    committed = central_enrolment.redeem(code, keep)  # ... and the counter stops here
    assert _device_of(ctx) != code.device_id
    assert enrolment.enrol(ctx, code.code()) == committed
    assert _device_of(ctx) == code.device_id
    assert credentials.load(ctx.files) == committed


def test_credentials_that_cannot_be_saved_change_nothing_centrally(ctx, code, monkeypatch):
    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(credentials, "save", disk_full)
    with pytest.raises(OSError):
        enrolment.enrol(ctx, code.code())
    monkeypatch.undo()
    assert enrolment.enrol(ctx, code.code()).device_id == code.device_id  # still unused
