"""What a cardholder may inquire by (Art. 15): a resident ID number or a card number.

A number of 14 to 19 digits (the last may be X, or 17 digits and another letter) is taken
for an ID number and goes through the ID-number checks (domain.idnumber), so a mistyped
or missing digit is caught before anything is looked up, and an old 15-digit number is
refused with its own message. Anything else with the shape of a card number
(domain.cards.is_card_number) is taken as one.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from counter_app.domain.cards import compact_card_number, is_card_number
from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from counter_app.domain.idnumber import mask, parse_resident_id

MSG_NOT_A_NUMBER = QT_TRANSLATE_NOOP(
    "messages", "Enter an 18-character resident ID number or a card number (6 to 30 "
                "letters and digits).")

_ID_SHAPED = re.compile(r"^(?:\d{14,19}|\d{13,18}X|\d{17}[A-Z])$")


class NumberKind(enum.StrEnum):
    ID_NUMBER = "id_number"
    CARD_NUMBER = "card_number"


class InquiryNumberError(ValidationError):
    code = "inquiry_number"

    def __init__(self, template: str, **params: object) -> None:
        super().__init__("number", template, **params)


@dataclass(frozen=True)
class InquiryNumber:
    kind: NumberKind
    value: str  # normalised: upper case, no spaces

    @property
    def masked(self) -> str:
        """For audit records and printouts: never the number in clear."""
        if self.kind is NumberKind.ID_NUMBER:
            return mask(self.value)
        return mask_card_number(self.value)


def parse_inquiry_number(text: str, today: dt.date | None = None) -> InquiryNumber:
    """The checked number and its kind; IdNumberError or InquiryNumberError if invalid."""
    number = compact_card_number(text)  # ID numbers come with the same spaces and hyphens
    if _ID_SHAPED.match(number):
        return InquiryNumber(NumberKind.ID_NUMBER, parse_resident_id(number, today).number)
    if is_card_number(number):
        return InquiryNumber(NumberKind.CARD_NUMBER, number)
    if not number:
        parse_resident_id(number, today)  # "Please enter the ID number."
    raise InquiryNumberError(MSG_NOT_A_NUMBER)


def mask_card_number(number: str | None) -> str:
    """A card number as printed and shown: the first character and the last four
    (A****5678); short numbers are masked whole."""
    if not number:
        return ""
    if len(number) <= 6:
        return "*" * len(number)
    return number[0] + "*" * (len(number) - 5) + number[-4:]
