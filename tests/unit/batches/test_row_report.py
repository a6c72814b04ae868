"""Issue 14: every problem of every row, each with its column and a message staff read,
and the row told by its number, name and masked ID number (never the full number)."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.batches.business_column import MSG_NOT_IN_BATCH, MSG_UNKNOWN_BUSINESS
from counter_app.batches.spreadsheet import COLUMNS, column_title, read_rows
from counter_app.batches.validate import MSG_DUPLICATE, check_rows
from counter_app.domain.business import load_rules
from counter_app.domain.idnumber import MSG_CHECKSUM, make_check_char
from counter_app.domain.people import MSG_ADDRESS_START, MSG_NAME_CHARS, MSG_PHONE
from tests.batch_helpers import write_csv, write_xlsx

TODAY = dt.date(2025, 6, 1)


def person_id(born: dt.date, sequence: str = "012") -> str:
    first17 = f"110105{born:%Y%m%d}{sequence}"
    return first17 + make_check_char(first17)


ADULT_ID = person_id(dt.date(1980, 5, 6))


def sheet_row(**values: str) -> list[str]:
    """A row under the template header: an adult's good values, changed by *values*."""
    good = {"name": "李四", "id_number": ADULT_ID, "phone": "13900139000", "ethnicity": "汉族",
            "household_address": "某村某组"}
    return [{**good, **values}.get(key, "") for key in COLUMNS]


def several_bad_rows() -> tuple[list[list[str]], str]:
    """Row 2 good; row 3 three problems; row 4 a wrong check character; row 5 a business
    type nobody knows; row 6 a type that makes no card; row 7 row 2's ID number again."""
    wrong_check = ADULT_ID[:-1] + ("0" if ADULT_ID[-1] != "0" else "1")
    rows = [
        sheet_row(),
        sheet_row(id_number=person_id(dt.date(1975, 1, 2)), name="王@五", phone="12345",
                  household_address="@某村"),
        sheet_row(id_number=wrong_check, name="赵六"),
        sheet_row(id_number=person_id(dt.date(1990, 3, 4)), business_type="办卡吧"),
        sheet_row(id_number=person_id(dt.date(1991, 3, 4)), business_type="挂失"),
        sheet_row(name="李四重"),
    ]
    return rows, wrong_check


@pytest.mark.parametrize("write", [write_xlsx, write_csv], ids=["xlsx", "csv"])
def test_a_real_file_with_several_bad_rows_reports_every_problem(tmp_path, write):
    rows, wrong_check = several_bad_rows()
    path = tmp_path / f"village.{'xlsx' if write is write_xlsx else 'csv'}"
    write(path, rows)
    report = check_rows(read_rows(path), load_rules(), TODAY)

    assert [good.row for good in report.good] == [2]
    found = [(p.row, p.field, p.error.template) for p in report.problems]
    assert found == [
        (3, "name", MSG_NAME_CHARS), (3, "phone", MSG_PHONE),
        (3, "household_address", MSG_ADDRESS_START),
        (4, "id_number", MSG_CHECKSUM),
        (5, "business_type", MSG_UNKNOWN_BUSINESS),
        (6, "business_type", MSG_NOT_IN_BATCH),
        (7, "id_number", MSG_DUPLICATE)]
    assert report.bad_rows == 5 and not report.all_good


def test_each_problem_names_its_column_as_the_spreadsheet_does(tmp_path):
    path = tmp_path / "village.csv"
    write_csv(path, several_bad_rows()[0])
    report = check_rows(read_rows(path), load_rules(), TODAY)
    titles = {column_title(p.field) for p in report.problems}
    assert titles == {"姓名", "联系电话", "户籍地址", "身份证号码", "业务类型"}
    assert column_title("guardian") == "监护人姓名"  # "a minor needs a guardian"


def test_rows_are_told_by_name_and_masked_id_never_the_full_number(tmp_path):
    rows, wrong_check = several_bad_rows()
    path = tmp_path / "village.xlsx"
    write_xlsx(path, rows)
    report = check_rows(read_rows(path), load_rules(), TODAY)
    by_row = {p.row: p for p in report.problems}
    assert by_row[4].applicant == f"赵六 110105********{wrong_check[-4:]}"
    assert by_row[7].applicant == f"李四重 110105********{ADULT_ID[-4:]}"
    assert by_row[7].error.params == {"row": 2}
    full_numbers = {row[1] for row in rows}
    for problem in report.problems:
        said = f"{problem.error} {problem.error.params} {problem.applicant} {problem!r}"
        assert not any(number in said for number in full_numbers)


def test_a_huge_name_is_shortened_in_the_report(tmp_path):
    path = tmp_path / "village.csv"
    write_csv(path, [sheet_row(name="张" * 60, phone="1")])
    report = check_rows(read_rows(path), load_rules(), TODAY)
    assert {len(p.name) for p in report.problems} == {20}


def test_a_minors_missing_guardian_and_bad_type_both_come(tmp_path):
    """A child without a guardian, written as a renewal without the old card's number."""
    child = person_id(dt.date(2015, 2, 3), "021")
    path = tmp_path / "village.csv"
    write_csv(path, [sheet_row(id_number=child, name="王小", business_type="换卡")])
    report = check_rows(read_rows(path), load_rules(), TODAY)
    assert {p.field for p in report.problems} == {"guardian", "old_card_number"}
