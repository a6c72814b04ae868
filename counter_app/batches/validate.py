"""Check every row of a batch with the same rules as the window, and report per row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.batches.spreadsheet import Row
from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from counter_app.domain.people import ApplicantDetails, CheckedApplicant, GuardianDetails, check_applicant

MSG_DUPLICATE = QT_TRANSLATE_NOOP(
    "messages", "The same ID number is already in row {row}.")


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    error: ValidationError


@dataclass(frozen=True)
class BatchReport:
    good: tuple[tuple[int, CheckedApplicant], ...]   # (row number, checked applicant)
    problems: tuple[RowProblem, ...]

    @property
    def all_good(self) -> bool:
        return not self.problems


def check_rows(rows: list[Row], minor_age: int, today: dt.date | None = None) -> BatchReport:
    today = today or dt.date.today()
    good, problems = [], []
    first_row_of: dict[str, int] = {}
    for row in rows:
        try:
            checked = check_applicant(details_of(row), minor_age, today)
        except ValidationError as error:
            problems.append(RowProblem(row.number, error.field, error))
            continue
        number = checked.resident_id.number
        if number in first_row_of:
            problems.append(RowProblem(row.number, "id_number", ValidationError(
                "id_number", MSG_DUPLICATE, row=first_row_of[number])))
            continue
        first_row_of[number] = row.number
        good.append((row.number, checked))
    return BatchReport(tuple(good), tuple(problems))


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
