"""Issue 14: a template staff can get, with the same headers the reader accepts."""

from __future__ import annotations

import csv

import pytest

from counter_app.batches.spreadsheet import COLUMNS, header_positions, read_rows, read_table
from counter_app.batches.template import (APPLICANTS_SHEET, EXAMPLE_ID, NOTES_SHEET,
                                          TemplateError, example_row, write_template)
from counter_app.batches.validate import MSG_EXAMPLE_ROW, check_rows
from counter_app.domain.business import BusinessType, load_rules
from tests.unit.batches.test_row_report import ADULT_ID

RULES = load_rules()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_template_reads_back_with_every_column_and_only_the_example_to_fix(tmp_path, suffix):
    path = tmp_path / f"template{suffix}"
    write_template(path, RULES)
    header = read_table(path)[0]
    positions, missing = header_positions(header, COLUMNS, tuple(COLUMNS))
    assert missing == [] and list(positions) == list(COLUMNS)  # every column, in order
    report = check_rows(read_rows(path), RULES)
    assert [(p.row, p.field, p.error.template) for p in report.problems] == [
        (2, "id_number", MSG_EXAMPLE_ROW)]  # the example row is nobody's application


def test_the_example_row_written_over_is_taken_in(tmp_path):
    path = tmp_path / "template.csv"
    write_template(path, RULES)
    text = path.read_text(encoding="utf-8-sig").replace(EXAMPLE_ID, ADULT_ID)
    path.write_text(text, encoding="utf-8-sig")
    report = check_rows(read_rows(path), RULES)
    assert report.all_good and report.good[0].business is BusinessType.LATER


def test_the_xlsx_has_notes_for_every_column_and_text_id_columns(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "template.xlsx"
    write_template(path, RULES)
    workbook = load_workbook(path)
    assert workbook.sheetnames == [APPLICANTS_SHEET, NOTES_SHEET]
    applicants, notes = workbook[APPLICANTS_SHEET], workbook[NOTES_SHEET]
    noted = [row[0] for row in notes.iter_rows(min_row=2, values_only=True) if row[1]]
    assert noted == [names[0] for names in COLUMNS.values()]
    text = " ".join(str(cell) for row in notes.iter_rows(values_only=True)
                    for cell in row if cell)
    assert all(label in text for label in RULES.labels.values()
               if label not in ("社会保障卡激活", "挂失", "解挂", "领卡"))
    assert "90天" in text and "16周岁" in text  # the rules' newborn window and minor age
    id_letter = "B"
    assert applicants[f"{id_letter}1"].value == "身份证号码"
    assert applicants[f"{id_letter}2"].number_format == "@"
    assert applicants.column_dimensions[id_letter].number_format == "@"
    offered = applicants.data_validations.dataValidation[0].formula1
    assert RULES.labels[BusinessType.NEWBORN] in offered


def test_a_template_that_cannot_be_written_says_so(tmp_path):
    with pytest.raises(TemplateError) as caught:  # a folder that is gone (a USB stick)
        write_template(tmp_path / "gone" / "template.xlsx", RULES)
    assert "choose another folder" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_save_leaves_no_half_template(tmp_path, monkeypatch):
    from counter_app.batches import template

    def full_disk(path, rules):
        path.write_bytes(b"PK half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(template, "_write_xlsx", full_disk)
    with pytest.raises(TemplateError, match="No space left"):
        write_template(tmp_path / "template.xlsx", RULES)
    assert list(tmp_path.iterdir()) == []


def test_the_csv_template_opens_in_excel_as_chinese(tmp_path):
    path = tmp_path / "template.csv"
    write_template(path, RULES)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    with path.open(encoding="utf-8-sig") as stream:
        header, example = list(csv.reader(stream))
    assert header[:3] == ["姓名", "身份证号码", "联系电话"] and example == example_row(RULES)
