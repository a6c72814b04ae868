"""Photo receipt numbers: the number on the slip a designated photo studio, or one of our
own photo stations, gives the applicant in place of a printed photo.

Receipts never expire, so only the number's form is checked here. The forms are data
(`resources/photo_receipts/formats.toml`): one pattern per kind of issuer, tried in order.
Looking the number up in the receipt registry is services/photo_receipts.py.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from counter_app import assets
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError

FORMATS_FILE = assets.resources() / "photo_receipts" / "formats.toml"
STATION, STUDIO = "station", "studio"

MSG_RECEIPT_EMPTY = QT_TRANSLATE_NOOP("messages", "Please type the photo receipt number.")
MSG_RECEIPT_FORMAT = QT_TRANSLATE_NOOP(
    "messages", "This is not a photo receipt number of this city: please check it against "
                "the slip.")
MSG_FORMATS_INVALID = QT_TRANSLATE_NOOP(
    "messages", "The photo receipt formats file {file} is not valid: {problem}")

FIELD = "receipt_number"


class ReceiptFormatError(CounterError):
    code = "receipt_formats"


@dataclass(frozen=True)
class ReceiptKind:
    kind: str      # station (ours) or studio; a city may name others
    pattern: str


@dataclass(frozen=True)
class ReceiptNumber:
    number: str    # as stored: capitals and digits
    kind: str


def normalise_receipt(text: str) -> str:
    """What staff typed, as stored: no spaces or dashes, capital letters, ASCII digits."""
    folded = text.translate(_FULL_WIDTH).upper()
    return re.sub(r"[\s\-_]", "", folded)


def check_receipt(text: str, kinds: tuple[ReceiptKind, ...] | None = None) -> ReceiptNumber:
    """The normalised number and its issuer's kind, or ValidationError saying what is wrong."""
    number = normalise_receipt(text)
    if not number:
        raise ValidationError(FIELD, MSG_RECEIPT_EMPTY)
    for kind in kinds if kinds is not None else receipt_kinds():
        if re.fullmatch(kind.pattern, number):
            return ReceiptNumber(number, kind.kind)
    raise ValidationError(FIELD, MSG_RECEIPT_FORMAT)


@functools.cache
def receipt_kinds(path: Traversable = FORMATS_FILE) -> tuple[ReceiptKind, ...]:
    """The kinds of receipt numbers in *path*, in the order they are tried."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        kinds = tuple(ReceiptKind(str(entry["kind"]), str(entry["pattern"]))
                      for entry in table["kinds"])
        for kind in kinds:
            re.compile(kind.pattern)
        if not kinds or STATION not in {kind.kind for kind in kinds}:
            raise ValueError(f"no [[kinds]] entry with kind = {STATION!r}")
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError,
            re.error) as exc:
        raise ReceiptFormatError(MSG_FORMATS_INVALID, file=path.name, problem=exc) from None
    return kinds


# A Chinese input method may type full-width letters and digits (０-９, Ａ-Ｚ).
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
