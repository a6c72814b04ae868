"""The business type of each row of a committee's spreadsheet.

The column 业务类型 holds the rules file's labels (the city's own words). An empty cell
gets a default from the applicant's age instead of one type for the whole file: a child
within the rules' window after birth is a newborn application, anyone else a first
application at a service point or bank outlet.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from counter_app.domain.business import CARD_APPLICATIONS, BusinessRules, BusinessType
from counter_app.domain.cards import compact_card_number, parse_card_number
from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError

MSG_UNKNOWN_BUSINESS = QT_TRANSLATE_NOOP(
    "messages", "The business type is not one of this city's: write one of {labels}, or "
                "leave it empty (the type then follows from the applicant's age).")
MSG_NOT_IN_BATCH = QT_TRANSLATE_NOOP(
    "messages", "{business} makes no new card, so it cannot come in a spreadsheet: the "
                "applicant comes to the window. A spreadsheet takes {labels}.")
# The window's message (services/intake.py), repeated: batches/ may not import services/.
MSG_OLD_CARD_NEEDED = QT_TRANSLATE_NOOP(
    "messages", "Please enter the number of the card being renewed (it is printed on the card).")

FIELD = "business_type"
OLD_CARD_FIELD = "old_card_number"
# A replacement may not know the lost card's number (the service looks it up); a renewal
# brings the old card, so its number is needed. The same rule as the window's.
TAKES_OLD_CARD = frozenset({BusinessType.REPLACEMENT, BusinessType.RENEWAL})


def business_of(cell: str, rules: BusinessRules, birth_date: dt.date | None,
                today: dt.date) -> BusinessType:
    """The row's business type: the one its cell names, else the default for its age.
    ValidationError when the cell names no type, a type that makes no card, or a type the
    applicant's age rules out (the message names the type to choose instead). Without a
    birth date (the ID number is wrong, reported apart) the age is not checked."""
    if cell.strip():
        business = named_business(cell, rules)
    else:
        business = default_business(rules, birth_date, today)
    if birth_date is not None:
        refused = rules.age_refusal(business, birth_date, today)
        if refused is not None:
            template, params = refused
            raise ValidationError(FIELD, template, **params)
    return business


def named_business(cell: str, rules: BusinessRules) -> BusinessType:
    business = spellings(rules).get(_plain(cell))
    if business is None:
        raise ValidationError(FIELD, MSG_UNKNOWN_BUSINESS, labels=batch_labels(rules))
    if business not in CARD_APPLICATIONS:
        raise ValidationError(FIELD, MSG_NOT_IN_BATCH, business=rules.labels[business],
                              labels=batch_labels(rules))
    return business


def default_business(rules: BusinessRules, birth_date: dt.date | None,
                     today: dt.date) -> BusinessType:
    """Newborn only within the rules' window after birth: a rules file without a window
    gives no way to tell a newborn, and guessing newborn for an adult would be refused."""
    if (birth_date is not None and newborn_window(rules) is not None
            and rules.age_refusal(BusinessType.NEWBORN, birth_date, today) is None):
        return BusinessType.NEWBORN
    return BusinessType.LATER


def newborn_window(rules: BusinessRules) -> int | None:
    return rules.businesses[BusinessType.NEWBORN].ages.max_age_days


def batch_labels(rules: BusinessRules) -> str:
    return "、".join(batch_label_list(rules))


def batch_label_list(rules: BusinessRules) -> list[str]:
    """The labels of the types a spreadsheet may bring, in the rules file's order."""
    return [label for business, label in rules.labels.items() if business in CARD_APPLICATIONS]


def spellings(rules: BusinessRules) -> dict[str, BusinessType]:
    """Every accepted way to write a type, plain (see _plain): its label, its label without
    the part in brackets (committees write 补办申领 for 补办申领（服务网点/银行网点）) unless
    two types share it, and its code."""
    found: dict[str, set[BusinessType]] = {}
    for business, label in rules.labels.items():
        for text in (label, _without_brackets(label), business.value):
            found.setdefault(_plain(text), set()).add(business)
    return {text: types.pop() for text, types in found.items() if text and len(types) == 1}


def _without_brackets(label: str) -> str:
    return re.sub(r"\(.*?\)", "", unicodedata.normalize("NFKC", label))


def _plain(text: str) -> str:
    """Full- and half-width alike (NFKC), case and spaces ignored: a label typed in
    another input mode is still the label."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def old_card_of(cell: str, business: BusinessType) -> str:
    """The compacted number of the card a replacement or renewal replaces ('' when none
    is given, or for another type: the column is ignored there, as in the window)."""
    if business not in TAKES_OLD_CARD:
        return ""
    if not compact_card_number(cell):
        if business is BusinessType.RENEWAL:
            raise ValidationError(OLD_CARD_FIELD, MSG_OLD_CARD_NEEDED)
        return ""
    return parse_card_number(cell, OLD_CARD_FIELD)
