"""The self-check's checks (counter_app/selfcheck), each with real inputs: the filesystem
the tests run on, the test PostgreSQL's clock, device nodes and driver files in a folder,
the stand-in ID-card SDK."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from counter_app.domain.business import SelfCheckRules, load_rules
from counter_app.domain.errors import ConfigFileError
from counter_app.selfcheck import Check, State, backlog, clock, devices, disk, version
from counter_app.selfcheck.items import Item, Report

MB = 1024 * 1024
FAKE_SDK = Path(__file__).parents[1] / "idcard" / "fake_termb.c"


# --- disk ---------------------------------------------------------------------------------

def test_free_space_is_that_of_the_data_folders_filesystem(tmp_path):
    free = disk.free_bytes(tmp_path)
    assert free == shutil.disk_usage(tmp_path).free > 0
    # a data folder not made yet: its nearest existing parent's filesystem
    assert abs(disk.free_bytes(tmp_path / "not" / "yet") - free) < 64 * MB


def test_disk_blocks_under_the_minimum_warns_under_the_warning_and_is_ok_above(tmp_path):
    free_mb = disk.free_bytes(tmp_path) // MB
    above = free_mb + 1000  # a minimum the real free space is under

    blocked = disk.check_disk(tmp_path, min_free_mb=above, warning_mb=above + 1)
    assert blocked.check is Check.DISK and blocked.state is State.BLOCKING
    assert blocked.template == disk.MSG_DISK_FULL
    assert blocked.params["minimum"] == above
    assert abs(blocked.params["free"] - free_mb) < 64

    warned = disk.check_disk(tmp_path, min_free_mb=1, warning_mb=above)
    assert warned.state is State.WARNING and warned.template == disk.MSG_DISK_LOW

    fine = disk.check_disk(tmp_path, min_free_mb=1, warning_mb=2)
    assert fine.state is State.OK and "MB free on the disk of the data folder" in fine.words


# --- clock --------------------------------------------------------------------------------

@pytest.fixture
def central_engine(pg_url):
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    yield engine
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("shift", [0.0, 600.0, -420.0])
def test_the_offset_is_measured_against_postgresql_now(central_engine, shift):
    # this computer's clock put `shift` seconds ahead: the server is that much behind it
    with central_engine.connect() as connection:
        reading = clock.measure(connection, local_clock=lambda: time.time() + shift)
    assert reading.offset_s == pytest.approx(-shift, abs=2.0)
    assert 0 <= reading.round_trip_s < 2.0


@pytest.mark.postgres
def test_ten_minutes_ahead_blocks_and_half_a_minute_is_fine(central_engine):
    with central_engine.connect() as connection:
        ahead = clock.measure(connection, local_clock=lambda: time.time() + 600)
        close = clock.measure(connection, local_clock=lambda: time.time() + 30)
    item = clock.clock_item(ahead.offset_s, max_offset_minutes=5, warning_seconds=60)
    assert item.state is State.BLOCKING and item.template == clock.MSG_CLOCK_AHEAD
    assert item.params == {"minutes": 10}
    item = clock.clock_item(close.offset_s, max_offset_minutes=5, warning_seconds=60)
    assert item.state is State.OK and item.template == clock.MSG_CLOCK_OK


def test_clock_thresholds_and_direction():
    item = clock.clock_item(400, max_offset_minutes=5, warning_seconds=60)  # server ahead
    assert item.state is State.BLOCKING and item.template == clock.MSG_CLOCK_BEHIND
    item = clock.clock_item(-90, max_offset_minutes=5, warning_seconds=60)
    assert item.state is State.WARNING and item.template == clock.MSG_CLOCK_AHEAD_WARNING
    assert item.params == {"seconds": 90, "limit": 5}
    assert clock.clock_item(299, max_offset_minutes=5, warning_seconds=300).state is State.OK
    assert clock.clock_item(301, max_offset_minutes=5, warning_seconds=300).state \
        is State.BLOCKING


def test_a_reading_lapses_when_old_or_when_the_clock_was_set():
    reading = clock.ClockReading(offset_s=600, round_trip_s=0.01, wall=1000.0, monotonic=50.0)
    assert reading.offset_at(1010.0, 60.0) == 600  # ten seconds on, both clocks agree
    assert reading.offset_at(1010.0 + 600, 60.0) is None  # someone set the clock right
    assert reading.offset_at(1000.0 + 3600, 50.0 + 3600) is None  # an hour old
    assert reading.offset_at(990.0, 40.0) is None  # before it was taken: another process


def test_not_compared_says_why_and_only_the_built_in_central_is_fine():
    assert clock.not_compared(clock.MSG_CLOCK_UNREACHABLE).state is State.WARNING
    assert clock.not_compared(clock.MSG_CLOCK_NOT_ENROLLED).state is State.WARNING
    assert clock.not_compared(clock.MSG_CLOCK_SAME_COMPUTER).state is State.OK


# --- sync and the backlog -----------------------------------------------------------------

NOW = dt.datetime(2025, 3, 10, 8, 0)


def test_last_sync_warns_when_old_or_never_with_something_waiting():
    assert backlog.last_sync_item(None, 0, NOW, warning_hours=24).state is State.OK
    never = backlog.last_sync_item(None, 3, NOW, warning_hours=24)
    assert never.state is State.WARNING and never.params == {"count": 3}
    recent = backlog.last_sync_item(NOW - dt.timedelta(hours=2), 3, NOW, warning_hours=24)
    assert recent.state is State.OK and recent.template == backlog.MSG_SYNC_OK
    old = backlog.last_sync_item(NOW - dt.timedelta(hours=25), 0, NOW, warning_hours=24)
    assert old.state is State.WARNING and old.template == backlog.MSG_SYNC_OLD


def test_the_oldest_unsent_application_warns_past_the_hours():
    assert backlog.unsent_item(None, 0, NOW, warning_hours=24).state is State.OK
    young = backlog.unsent_item(NOW - dt.timedelta(hours=1), 2, NOW, warning_hours=24)
    assert young.state is State.OK and young.params["count"] == 2
    old = backlog.unsent_item(NOW - dt.timedelta(days=2), 2, NOW, warning_hours=24)
    assert old.state is State.WARNING and old.template == backlog.MSG_UNSENT_OLD


# --- devices ------------------------------------------------------------------------------

def test_printer_missing_warns_and_a_default_is_named():
    assert devices.printer_item(devices.PrinterProbe(())).state is State.WARNING
    item = devices.printer_item(devices.PrinterProbe(("HP_LaserJet", "PDF"), "HP_LaserJet"))
    assert item.state is State.OK and item.params == {"count": 2, "name": "HP_LaserJet"}
    item = devices.printer_item(devices.PrinterProbe(("HP_LaserJet",)))
    assert item.template == devices.MSG_PRINTERS_NO_DEFAULT
    assert devices.printer_item(None).template == devices.MSG_PRINTER_NOT_CHECKED


def test_cameras_come_from_the_settings():
    photo, document = devices.camera_sources({})
    assert photo == devices.CameraSource(device=0) and document is None
    photo, document = devices.camera_sources({"camera_device": 2,
                                              "document_camera_device": "1"})
    assert (photo.device, document.device) == (2, 1)
    _photo, document = devices.camera_sources({"document_camera_device": "/demo/desk.mp4"})
    assert document.path == Path("/demo/desk.mp4") and document.label == "desk.mp4"


def test_a_camera_device_is_looked_for_without_opening_it_on_linux(tmp_path):
    (tmp_path / "video0").touch()
    assert devices.device_present(0, platform="linux", devices=tmp_path)
    assert not devices.device_present(1, platform="linux", devices=tmp_path)
    opened = []
    assert devices.device_present(3, platform="win32",
                                  opener=lambda n: opened.append(n) or True)
    assert opened == [3]  # elsewhere it is opened for a moment


def test_a_video_file_camera_counts_as_present_when_the_file_exists(tmp_path):
    video = tmp_path / "desk.mp4"
    photo, document = devices.camera_sources({"document_camera_device": str(video)})
    item = devices.camera_item(photo, document, present=lambda n: True)
    assert item.state is State.WARNING and item.template == devices.MSG_DOCUMENT_CAMERA_MISSING
    video.write_bytes(b"\0" * 16)
    item = devices.camera_item(photo, document, present=lambda n: True)
    assert item.state is State.OK and item.params == {"photo": "0", "document": "desk.mp4"}
    item = devices.camera_item(photo, document, present=lambda n: False)
    assert item.template == devices.MSG_PHOTO_CAMERA_MISSING
    video.unlink()
    assert devices.camera_item(photo, document, present=lambda n: False).template \
        == devices.MSG_CAMERAS_MISSING


def test_the_camera_item_on_this_machine_opens_nothing(tmp_path):
    item = devices.camera_item(*devices.camera_sources({}))
    expected = State.OK if Path("/dev/video0").exists() else State.WARNING
    assert item.state is expected


@pytest.fixture(scope="module")
def sdk_library(tmp_path_factory):
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build the stand-in SDK")
    library = tmp_path_factory.mktemp("sdk") / "libtermb.so"
    subprocess.run([compiler, "-shared", "-fPIC", "-o", str(library), str(FAKE_SDK)],
                   check=True)
    return library


def test_the_id_card_reader_none_simulated_or_a_missing_driver(tmp_path):
    assert devices.id_reader_item("").template == devices.MSG_NO_READER_CONFIGURED
    assert devices.id_reader_item("simulated").state is State.OK
    item = devices.id_reader_item(str(tmp_path / "libtermb.so"))
    assert item.state is State.WARNING and item.params == {"file": "libtermb.so"}
    broken = tmp_path / "broken.so"
    broken.write_bytes(b"not a library")
    assert devices.id_reader_item(str(broken)).template == devices.MSG_READER_NOT_LOADED


def test_the_id_card_reader_connected_or_unplugged(sdk_library, monkeypatch):
    item = devices.id_reader_item(str(sdk_library))
    assert item.state is State.OK and item.template == devices.MSG_READER_OK
    monkeypatch.setenv("READER_UNPLUGGED", "1")
    item = devices.id_reader_item(str(sdk_library))
    assert item.state is State.WARNING and item.template == devices.MSG_READER_UNPLUGGED


def test_the_windows_open_reader_is_asked_not_reopened(sdk_library, monkeypatch):
    from counter_app.idcard.reader import open_reader

    reader = open_reader(str(sdk_library))
    try:
        assert devices.id_reader_item(str(sdk_library), reader).state is State.OK
        monkeypatch.setenv("READER_UNPLUGGED", "1")
        reader.close()  # unplugged: the port is opened again and does not answer
        assert devices.id_reader_item(str(sdk_library), reader).state is State.WARNING
    finally:
        reader.close()


# --- version ------------------------------------------------------------------------------

def test_version_against_the_published_one():
    assert version.version_item("0.1.0", None).template == version.MSG_VERSION_UNKNOWN
    assert version.version_item("0.1.0", "0.1").template == version.MSG_VERSION_CURRENT
    old = version.version_item("0.1.0", "0.10.0")
    assert old.state is State.WARNING and old.params == {"running": "0.1.0",
                                                          "published": "0.10.0"}
    assert version.version_item("1.2.0", "1.1.9").template == version.MSG_VERSION_NEWER
    assert version.version_key("1.10.2+build5") == (1, 10, 2)


# --- the report and the rules -------------------------------------------------------------

def test_a_report_counts_what_needs_attention_and_what_stops():
    items = (Item(Check.DISK, State.BLOCKING, disk.MSG_DISK_FULL, {"free": 1, "minimum": 2}),
             Item(Check.CLOCK, State.BLOCKING, clock.MSG_CLOCK_AHEAD, {"minutes": 9},
                  allowed_by="主管"),
             Item(Check.PRINTER, State.WARNING, devices.MSG_NO_PRINTER),
             Item(Check.VERSION, State.OK, version.MSG_VERSION_UNKNOWN, {"running": "1"}))
    report = Report(items, NOW)
    assert report.attention == 3
    assert [i.check for i in report.blocking] == [Check.DISK, Check.CLOCK]
    assert [i.check for i in report.stopping] == [Check.DISK]
    assert report.item(Check.PRINTER) is items[2] and report.item(Check.CAMERA) is None


def test_the_thresholds_are_in_the_rules_with_their_defaults(tmp_path):
    assert load_rules().self_check == SelfCheckRules(
        max_clock_offset_minutes=5, clock_warning_seconds=60, min_free_mb=500,
        free_warning_mb=2048, sync_warning_hours=24, unsent_warning_hours=24)
    base = Path(load_rules.__globals__["RULES_DIR"] / "default.toml").read_text("utf-8")
    without = base.split("[self_check]")[0]
    path = tmp_path / "city.toml"
    path.write_text(without, "utf-8")
    assert load_rules(path).self_check == SelfCheckRules()  # a city file without the section
    path.write_text(without + "[self_check]\nmin_free_mb = 1000\n", "utf-8")
    assert load_rules(path).self_check.min_free_mb == 1000
    path.write_text(without + "[self_check]\nmax_clock_offset_minutes = 0\n", "utf-8")
    with pytest.raises(ConfigFileError, match="max_clock_offset_minutes"):
        load_rules(path)
    path.write_text(without + "[self_check]\nmin_free_gb = 1\n", "utf-8")
    with pytest.raises(ConfigFileError, match="min_free_gb"):
        load_rules(path)
