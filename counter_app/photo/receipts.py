"""Studio photo receipts: the number printed on the slip a designated photo studio gives.

Receipts never expire, so only the number's form is checked here; its format is the
city's, in the spec profile. Finding the receipt's photo in the central receipt registry
comes with the sync work (issue 6); until then the number is recorded for the card
centre to resolve.
"""

from __future__ import annotations

import re

from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from counter_app.photo.profiles import Profile

MSG_RECEIPT_EMPTY = QT_TRANSLATE_NOOP("messages", "Please type the photo receipt number.")
MSG_RECEIPT_FORMAT = QT_TRANSLATE_NOOP(
    "messages", "This is not a photo receipt number of this city: please check it against "
                "the slip.")

FIELD = "receipt_number"


def normalise_receipt(text: str) -> str:
    """What staff typed, as stored: no spaces or dashes, capital letters, ASCII digits."""
    folded = text.translate(_FULL_WIDTH).upper()
    return re.sub(r"[\s\-_]", "", folded)


def check_receipt(text: str, profile: Profile) -> str:
    """The normalised receipt number, or ValidationError naming what is wrong."""
    number = normalise_receipt(text)
    if not number:
        raise ValidationError(FIELD, MSG_RECEIPT_EMPTY)
    if not re.fullmatch(profile.receipt.pattern, number):
        raise ValidationError(FIELD, MSG_RECEIPT_FORMAT)
    return number


# A Chinese input method may type full-width letters and digits (０-９, Ａ-Ｚ).
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
