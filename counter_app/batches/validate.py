"""Check every row of a batch with the same rules as the window, and report every problem
of every row with what staff need to find the row: its number, the applicant's name and
the ID number masked (never the full number: reports are printed and sent back)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from counter_app.batches.business_column import business_of, old_card_of
from counter_app.batches.spreadsheet import Row
from counter_app.batches.template import EXAMPLE_ID
from counter_app.domain.business import BusinessRules, BusinessType
from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from counter_app.domain.idnumber import mask, parse_resident_id
from counter_app.domain.people import (ApplicantDetails, CheckedApplicant, GuardianDetails,
                                       check_applicant)

MSG_DUPLICATE = QT_TRANSLATE_NOOP(
    "messages", "The same ID number is already in row {row}.")
MSG_EXAMPLE_ROW = QT_TRANSLATE_NOOP(
    "messages", "This row is the example (its ID number is the example number): delete "
                "the row, or write the applicant's own details over it.")

NAME_SHOWN = 20  # characters of the name in the report: enough to find the row


@dataclass(frozen=True)
class RowProblem:
    row: int               # the spreadsheet's row number (header = 1)
    field: str             # what is wrong (spreadsheet.column_title names its column)
    error: ValidationError
    name: str = ""         # the row's name, shortened
    masked_id: str = ""    # the row's ID number masked: 110105********002X

    @property
    def applicant(self) -> str:
        """Name and masked ID number, as the report shows them."""
        return " ".join(part for part in (self.name, self.masked_id) if part)


@dataclass(frozen=True)
class GoodRow:
    row: int
    checked: CheckedApplicant
    business: BusinessType
    old_card: str = ""     # replacement / renewal: the card it replaces, when given


@dataclass(frozen=True)
class BatchReport:
    good: tuple[GoodRow, ...]
    problems: tuple[RowProblem, ...]   # every problem of every bad row, in row order

    @property
    def all_good(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> int:
        return len({problem.row for problem in self.problems})

    def business_counts(self) -> Counter[BusinessType]:
        """How many good rows of each business type (staff check the defaults at a glance)."""
        return Counter(good.business for good in self.good)


def check_rows(rows: list[Row], rules: BusinessRules, today: dt.date | None = None
               ) -> BatchReport:
    today = today or dt.date.today()
    good, problems = [], []
    first_row_of: dict[str, int] = {}
    for row in rows:
        errors, checked_row = check_row(row, rules, today)
        duplicate = _duplicate(row, first_row_of)
        if duplicate is not None:
            errors.append(duplicate)
        if errors:
            problems.extend(_problem(row, error) for error in errors)
        else:
            good.append(checked_row)
    return BatchReport(tuple(good), tuple(problems))


def check_row(row: Row, rules: BusinessRules, today: dt.date
              ) -> tuple[list[ValidationError], GoodRow | None]:
    """Every problem of *row* (empty when none), and the row ready to take in (None when
    there are problems). Each check runs whatever the others found, so a committee gets
    the whole list back at once instead of one problem per round trip."""
    errors: list[ValidationError] = []
    checked = _collect(errors, check_applicant, details_of(row), rules.minor_age, today)
    business = _collect(errors, business_of, row.values.get("business_type", ""), rules,
                        _birth_date(row, today), today)
    old_card = None
    if business is not None:
        old_card = _collect(errors, old_card_of, row.values.get("old_card_number", ""),
                            business)
    if _id_key(row) == EXAMPLE_ID:  # left in by mistake: it is nobody's application
        errors.append(ValidationError("id_number", MSG_EXAMPLE_ROW))
    if errors:
        return errors, None
    return [], GoodRow(row.number, checked, business, old_card)


def _collect(errors: list[ValidationError], check, *args):
    """check(*args); its problems added to *errors* (None returned) instead of raised. An
    error naming several fields (people.ValidationErrors) adds each of them."""
    try:
        return check(*args)
    except ValidationError as error:
        errors.extend(getattr(error, "errors", None) or [error])
    return None


def _birth_date(row: Row, today: dt.date) -> dt.date | None:
    """For the business type's age check; a wrong ID number is reported by check_applicant."""
    try:
        return parse_resident_id(row.values.get("id_number", ""), today).birth_date
    except ValidationError:
        return None


def _duplicate(row: Row, first_row_of: dict[str, int]) -> ValidationError | None:
    number = _id_key(row)
    if not number:
        return None
    if number in first_row_of:
        return ValidationError("id_number", MSG_DUPLICATE, row=first_row_of[number])
    first_row_of[number] = row.number
    return None


def _id_key(row: Row) -> str:
    """The ID number cell as compared: without spaces and hyphens, x as X."""
    return re.sub(r"[\s-]", "", row.values.get("id_number", "")).upper()


def _problem(row: Row, error: ValidationError) -> RowProblem:
    name = row.values.get("name", "").strip()
    if len(name) > NAME_SHOWN:
        name = name[:NAME_SHOWN - 1] + "…"
    number = _id_key(row)
    return RowProblem(row.number, error.field, error, name,
                      mask(number[:18]) if number else "")


def details_of(row: Row) -> ApplicantDetails:
    values = row.values
    guardian = None
    if any(values.get(k) for k in ("guardian_name", "guardian_id_number")):
        guardian = GuardianDetails(
            name=values.get("guardian_name", ""), relation=values.get("guardian_relation", ""),
            id_number=values.get("guardian_id_number", ""),
            phone=values.get("guardian_phone", "") or values.get("phone", ""))
    return ApplicantDetails(
        name=values["name"], id_number=values["id_number"], phone=values["phone"],
        ethnicity=values.get("ethnicity") or "汉族",
        household_address=values.get("household_address", ""),
        residence_address=values.get("residence_address", ""), guardian=guardian)
