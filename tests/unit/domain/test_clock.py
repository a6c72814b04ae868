"""Stored naive UTC <-> the counter's local time, under a time zone the test sets."""

import datetime as dt
import time

import pytest

from counter_app.domain.clock import (local_date, local_text, local_time,
                                      utc_range_of_local_day)

BEIJING = "CST-8"                          # POSIX: UTC+8, no daylight saving
BERLIN = "CET-1CEST,M3.5.0,M10.5.0/3"      # UTC+1, UTC+2 in summer


@pytest.fixture
def zone(monkeypatch):
    def use(tz: str) -> None:
        monkeypatch.setenv("TZ", tz)
        time.tzset()
    yield use
    monkeypatch.undo()
    time.tzset()


def test_a_stored_time_is_shown_in_local_time(zone):
    zone(BEIJING)
    stored = dt.datetime(2026, 11, 22, 17, 30)  # naive UTC
    assert local_time(stored).utcoffset() == dt.timedelta(hours=8)
    assert local_time(stored).replace(tzinfo=None) == dt.datetime(2026, 11, 23, 1, 30)
    assert local_text(stored) == "2026-11-23 01:30"
    assert local_text(stored, "%H:%M") == "01:30"


def test_the_local_day_is_the_day_the_counter_lived(zone):
    zone(BEIJING)
    assert local_date(dt.datetime(2026, 11, 22, 15, 59)) == dt.date(2026, 11, 22)
    assert local_date(dt.datetime(2026, 11, 22, 16, 0)) == dt.date(2026, 11, 23)


def test_no_time_shows_as_nothing():
    assert (local_text(None), local_date(None)) == ("", None)


def test_a_local_day_as_stored_times(zone):
    zone(BEIJING)
    assert utc_range_of_local_day(dt.date(2026, 11, 23)) == (
        dt.datetime(2026, 11, 22, 16, 0), dt.datetime(2026, 11, 23, 16, 0))


def test_a_daylight_saving_day_is_23_hours_long(zone):
    zone(BERLIN)
    start, end = utc_range_of_local_day(dt.date(2026, 3, 29))
    assert (start, end - start) == (dt.datetime(2026, 3, 28, 23, 0), dt.timedelta(hours=23))
