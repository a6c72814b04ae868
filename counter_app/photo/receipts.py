"""Photo receipt numbers: the number on the slip a designated photo studio, or one of our
own photo stations, gives the applicant in place of a printed photo.

Receipts never expire, so only the number's form is checked here. The forms are data
(`resources/photo_receipts/formats.toml`): one format per kind of issuer, tried in order,
each with its prefixes, its length, a site part where the issuer's site begins the
number, the layout of the rest (a pattern; a group named `date` must be a real day) and
a check digit where the format has one. A number that fits no format is refused saying
what is wrong with it against the format it comes nearest to (unknown prefix, too short
or too long, layout, site part, date, check digit). Looking the number up in the receipt
registry is services/photo_receipts.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from stdnum import luhn
from stdnum.iso7064 import mod_11_2, mod_37_2

from counter_app import assets
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError

FORMATS_FILE = assets.resources() / "photo_receipts" / "formats.toml"
STATION, STUDIO = "station", "studio"

MSG_RECEIPT_EMPTY = QT_TRANSLATE_NOOP("messages", "Please type the photo receipt number.")
MSG_RECEIPT_FORMAT = QT_TRANSLATE_NOOP(
    "messages", "This is not a photo receipt number of this city: please check it against "
                "the slip.")
MSG_RECEIPT_PREFIX = QT_TRANSLATE_NOOP(
    "messages", "This photo receipt number does not start with a known prefix ({prefixes}): "
                "please check it against the slip.")
MSG_RECEIPT_SHORT = QT_TRANSLATE_NOOP(
    "messages", "This photo receipt number is too short: a {label} number has {length} "
                "letters and digits. Please check it against the slip.")
MSG_RECEIPT_LONG = QT_TRANSLATE_NOOP(
    "messages", "This photo receipt number is too long: a {label} number has {length} "
                "letters and digits. Please check it against the slip.")
MSG_RECEIPT_LAYOUT = QT_TRANSLATE_NOOP(
    "messages", "This photo receipt number does not fit the layout of a {label} number: "
                "please check it against the slip.")
MSG_RECEIPT_SITE = QT_TRANSLATE_NOOP(
    "messages", "This photo receipt number has no valid site part (1 to 20 capital letters "
                "and digits before the date) for a {label} number: please check it against "
                "the slip.")
MSG_RECEIPT_DATE = QT_TRANSLATE_NOOP(
    "messages", "The date in this photo receipt number is not a real day: please check it "
                "against the slip.")
MSG_RECEIPT_CHECK_DIGIT = QT_TRANSLATE_NOOP(
    "messages", "The check digit of this photo receipt number is wrong, so a character was "
                "mistyped or misread: please check it against the slip.")
MSG_FORMATS_INVALID = QT_TRANSLATE_NOOP(
    "messages", "The photo receipt formats file {file} is not valid: {problem}")

FIELD = "receipt_number"
SITE_PART = r"[0-9A-Z]{1,20}"  # central.device_push.receipt_site_part: at most 20
MAX_LENGTH = 64


class ReceiptFormatError(CounterError):
    code = "receipt_formats"


@dataclass(frozen=True)
class CheckDigit:
    """A check-digit algorithm: the characters it may be, and the one it wants for the
    characters before it."""

    characters: str                      # a regular-expression class
    calc: Callable[[str], str]


# The algorithms a format may name (python-stdnum). Over the characters after the prefix.
CHECK_DIGITS = {
    "iso7064_mod_11_2": CheckDigit("[0-9X]", mod_11_2.calc_check_digit),   # as the ID number
    "iso7064_mod_37_2": CheckDigit("[0-9A-Z*]", mod_37_2.calc_check_digit),
    "luhn": CheckDigit("[0-9]", luhn.calc_check_digit),
}


@dataclass(frozen=True)
class ReceiptKind:
    kind: str      # station (ours) or studio; a city may name others
    pattern: str   # the layout after the prefix and the site part, before the check digit
    label: str = ""                     # how messages name it (the kind when empty)
    prefixes: tuple[str, ...] = ()      # the number starts with one of them; () any
    length: tuple[int, int] = (1, MAX_LENGTH)  # the whole number's, fewest and most
    site_part: bool = False             # the issuing site's part comes after the prefix
    check_digit: str = ""               # a key of CHECK_DIGITS, the last character; "" none

    @functools.cached_property
    def _layout(self) -> re.Pattern:
        site = f"(?P<site_part>.*?)" if self.site_part else ""
        check = f"(?P<check_char>{CHECK_DIGITS[self.check_digit].characters})" \
            if self.check_digit else ""
        return re.compile(f"{site}(?:{self.pattern}){check}")

    def problem(self, number: str) -> tuple[int, str, dict]:
        """How near *number* comes to this format (0: wrong prefix and length, 1: wrong
        length, 2: wrong prefix, 3: layout, 4: site part, 5: date, 6: check digit, 7: it
        fits) and, short of fitting, the message template and its parameters."""
        prefix = next((p for p in sorted(self.prefixes, key=len, reverse=True)
                       if number.startswith(p)), None)  # the longest that fits
        low, high = self.length
        length = str(low) if low == high else f"{low}–{high}"
        label = self.label or self.kind
        fits_length = low <= len(number) <= high
        if self.prefixes and prefix is None:  # nearer when at least the length is right
            return (2 if fits_length else 0), MSG_RECEIPT_PREFIX, {}
        if not fits_length:
            return 1, MSG_RECEIPT_SHORT if len(number) < low else MSG_RECEIPT_LONG, {
                "label": label, "length": length}
        rest = number[len(prefix or ""):]
        found = self._layout.fullmatch(rest)
        if found is None:
            return 3, MSG_RECEIPT_LAYOUT, {"label": label}
        if self.site_part and not re.fullmatch(SITE_PART, found["site_part"]):
            return 4, MSG_RECEIPT_SITE, {"label": label}
        if "date" in found.groupdict() and not _is_day(found["date"]):
            return 5, MSG_RECEIPT_DATE, {}
        if self.check_digit:
            try:
                wanted = CHECK_DIGITS[self.check_digit].calc(rest[:-1])
            except Exception:  # noqa: BLE001 - stdnum's errors: a body it cannot take
                wanted = None
            if wanted != found["check_char"]:
                return 6, MSG_RECEIPT_CHECK_DIGIT, {}
        return 7, "", {}


@dataclass(frozen=True)
class ReceiptNumber:
    number: str    # as stored: capitals and digits
    kind: str


def normalise_receipt(text: str) -> str:
    """What staff typed, as stored: no spaces or dashes, capital letters, ASCII digits."""
    folded = text.translate(_FULL_WIDTH).upper()
    return re.sub(r"[\s\-_]", "", folded)


def check_receipt(text: str, kinds: tuple[ReceiptKind, ...] | None = None) -> ReceiptNumber:
    """The normalised number and its issuer's kind, or ValidationError saying what is wrong
    against the format the number comes nearest to (a prefix of its own counting first)."""
    number = normalise_receipt(text)
    if not number:
        raise ValidationError(FIELD, MSG_RECEIPT_EMPTY)
    kinds = kinds if kinds is not None else receipt_kinds()
    nearest: tuple[int, bool, str, dict] | None = None
    for kind in kinds:
        stage, template, params = kind.problem(number)
        if not template:
            return ReceiptNumber(number, kind.kind)
        ranked = (stage, bool(kind.prefixes), template, params)
        if nearest is None or ranked[:2] > nearest[:2]:
            nearest = ranked
    if nearest is None:
        raise ValidationError(FIELD, MSG_RECEIPT_FORMAT)
    _, _, template, params = nearest
    if template == MSG_RECEIPT_PREFIX:
        params = {"prefixes": "、".join(p for kind in kinds for p in kind.prefixes)}
    raise ValidationError(FIELD, template, **params)


@functools.cache
def receipt_kinds(path: Traversable = FORMATS_FILE) -> tuple[ReceiptKind, ...]:
    """The kinds of receipt numbers in *path*, in the order they are tried."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        kinds = tuple(_kind(entry) for entry in table["kinds"])
        if not kinds or STATION not in {kind.kind for kind in kinds}:
            raise ValueError(f"no [[kinds]] entry with kind = {STATION!r}")
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError,
            re.error) as exc:
        raise ReceiptFormatError(MSG_FORMATS_INVALID, file=path.name, problem=exc) from None
    return kinds


def _kind(entry: dict) -> ReceiptKind:
    """One [[kinds]] entry, checked: ValueError (or KeyError, re.error) saying what is wrong."""
    name = str(entry["kind"])
    prefixes = entry.get("prefixes", [])
    if not isinstance(prefixes, list) or not all(
            isinstance(p, str) and re.fullmatch("[0-9A-Z]{1,20}", p) for p in prefixes):
        raise ValueError(f"{name}: prefixes must be a list of capitals and digits")
    length = entry.get("length", [1, MAX_LENGTH])
    if isinstance(length, int) and not isinstance(length, bool):
        length = [length, length]
    if (not isinstance(length, list) or len(length) != 2
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in length)
            or not 1 <= length[0] <= length[1] <= MAX_LENGTH):
        raise ValueError(f"{name}: length must be a whole number or [fewest, most] "
                         f"from 1 to {MAX_LENGTH}")
    site_part = entry.get("site_part", False)
    check_digit = entry.get("check_digit", "")
    if not isinstance(site_part, bool):
        raise ValueError(f"{name}: site_part must be true or false")
    if check_digit and check_digit not in CHECK_DIGITS:
        raise ValueError(f"{name}: unknown check_digit {check_digit!r} "
                         f"(one of {', '.join(CHECK_DIGITS)})")
    kind = ReceiptKind(name, str(entry["pattern"]).removeprefix("^").removesuffix("$"),
                       str(entry.get("label", "")), tuple(prefixes), (length[0], length[1]),
                       site_part, str(check_digit))
    _ = kind._layout  # compiles it: a bad pattern is an re.error now, not at the window
    return kind


def _is_day(text: str) -> bool:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").strftime("%Y%m%d") == text
    except ValueError:
        return False


# A Chinese input method may type full-width letters and digits (０-９, Ａ-Ｚ).
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
