"""Stored times are naive UTC; staff read the counter's local time and count local days.

This is the one place either way is converted. The counter's time zone is the computer's
(there is no setting for it), so the conversions follow the operating system's.
"""

from __future__ import annotations

import datetime as dt

MINUTE = "%Y-%m-%d %H:%M"  # how staff see a moment unless a screen needs less
DAY = "%Y-%m-%d"


def local_time(utc_naive: dt.datetime) -> dt.datetime:
    """A stored time as an aware local time."""
    return utc_naive.replace(tzinfo=dt.UTC).astimezone()


def local_text(utc_naive: dt.datetime | None, fmt: str = MINUTE) -> str:
    """A stored time as staff read it ('' for none)."""
    return local_time(utc_naive).strftime(fmt) if utc_naive is not None else ""


def local_date(utc_naive: dt.datetime | None) -> dt.date | None:
    """The local day a stored time falls on (None for none)."""
    return local_time(utc_naive).date() if utc_naive is not None else None


def utc_range_of_local_day(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The stored (naive UTC) times [start, end) of a local day, to compare columns with.
    The end is the next day's start, not start + 24 h, which a daylight-saving day is not."""
    return _utc_start_of(day), _utc_start_of(day + dt.timedelta(days=1))


def _utc_start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min).astimezone(dt.UTC).replace(tzinfo=None)
