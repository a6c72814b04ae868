"""Resident ID numbers (GB 11643-1999), checked with python-stdnum.

Each kind of mistake gets its own message so staff know what to look at: a digit
mistyped (checksum), an impossible birth date, an unknown region, a wrong length.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError

MSG_EMPTY = QT_TRANSLATE_NOOP("messages", "Please enter the ID number.")
MSG_LENGTH = QT_TRANSLATE_NOOP(
    "messages", "An ID number has 18 characters; this one has {length}.")
MSG_FORMAT = QT_TRANSLATE_NOOP(
    "messages", "Only digits are allowed, with X as the last character.")
MSG_BIRTH = QT_TRANSLATE_NOOP(
    "messages", "The birth date in the ID number (characters 7-14) is not a real date.")
MSG_FUTURE = QT_TRANSLATE_NOOP(
    "messages", "The birth date in the ID number lies in the future.")
MSG_REGION = QT_TRANSLATE_NOOP(
    "messages", "The region code (first 6 digits) is not a known region.")
MSG_CHECKSUM = QT_TRANSLATE_NOOP(
    "messages", "The check character does not match: a digit may be mistyped.")
MSG_OLD_FORMAT = QT_TRANSLATE_NOOP(
    "messages", "Old 15-digit ID numbers cannot be used: please use the 18-digit number.")


class IdNumberError(ValidationError):
    code = "id_number"

    def __init__(self, template: str, **params: object) -> None:
        super().__init__("id_number", template, **params)


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: dt.date
    sex: str  # "M" or "F"
    region: str  # region name as known to python-stdnum, may be empty

    def age_on(self, day: dt.date) -> int:
        had_birthday = (day.month, day.day) >= (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (0 if had_birthday else 1)


def parse_resident_id(text: str, today: dt.date | None = None) -> ResidentId:
    """Return the checked ID number with what it tells, or raise IdNumberError."""
    number = ric.compact(text or "").upper()
    _check_shape(number)
    # Birth date and region first: stdnum checks the checksum first, but "the birth date
    # is impossible" helps staff more than "a digit may be mistyped".
    try:
        birth = ric.get_birth_date(number)
    except stdnum_errors.ValidationError as exc:
        raise IdNumberError(MSG_BIRTH) from exc
    region = _region(number[:6], birth.year)
    if region is None:
        raise IdNumberError(MSG_REGION)
    if number[-1] != ric.calc_check_digit(number):
        raise IdNumberError(MSG_CHECKSUM)
    if birth > (today or dt.date.today()):
        raise IdNumberError(MSG_FUTURE)
    sex = "M" if int(number[16]) % 2 else "F"
    return ResidentId(number, birth, sex, region)


@functools.lru_cache(maxsize=4096)
def _region(prefix: str, birth_year: int) -> str | None:
    """The county of a region code as it was in the birth year; None if unknown then.
    Cached: a batch of a village's applicants shares a handful of region codes."""
    try:
        return ric.get_birth_place(f"{prefix}{birth_year:04d}0101000X").get("county", "")
    except stdnum_errors.ValidationError:
        return None


def _check_shape(number: str) -> None:
    if not number:
        raise IdNumberError(MSG_EMPTY)
    if len(number) == 15 and number.isdigit():
        raise IdNumberError(MSG_OLD_FORMAT)
    if len(number) != 18:
        raise IdNumberError(MSG_LENGTH, length=len(number))
    if not number[:-1].isdigit() or not (number[-1].isdigit() or number[-1] == "X"):
        raise IdNumberError(MSG_FORMAT)


def mask(number: str) -> str:
    """Mask an ID number for logs: 110105********002X."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def make_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character, for demo and test data."""
    return ric.calc_check_digit(first17 + "0")  # stdnum expects a placeholder check char
