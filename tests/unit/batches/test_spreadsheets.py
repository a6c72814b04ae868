import pytest

from counter_app.batches import spreadsheet
from counter_app.batches.spreadsheet import SpreadsheetError, read_rows
from counter_app.batches.validate import check_rows
from counter_app.domain.business import load_rules
from counter_app.domain.idnumber import MSG_BIRTH, MSG_CHECKSUM
from tests.batch_helpers import applicant_rows, child_row, write_csv, write_xlsx


def test_every_bad_row_is_reported_with_its_row_number(tmp_path):
    rows, bad = applicant_rows(200, bad_every=33)
    path = tmp_path / "village.xlsx"
    write_xlsx(path, rows)
    report = check_rows(read_rows(path), load_rules())
    assert {p.row for p in report.problems} == bad and len(report.good) == 200 - len(bad)
    assert all(p.field == "id_number" and p.error.template == MSG_CHECKSUM
               for p in report.problems)
    names = {good.checked.details.name for good in report.good}
    assert names == {"张𠮷", "李䶮"}  # rare characters survive the round trip


def test_a_gbk_csv_from_excel_reads_like_the_xlsx(tmp_path):
    path = tmp_path / "community.csv"
    write_csv(path, [child_row()], encoding="gb18030")
    report = check_rows(read_rows(path), load_rules())
    assert report.all_good
    good, = report.good
    assert good.checked.is_minor and good.checked.details.guardian.name == "王建国"


def test_duplicates_and_impossible_dates_are_row_errors(tmp_path):
    impossible = child_row()
    impossible[1] = "110105202002300040"  # 30 February
    path = tmp_path / "rows.csv"
    write_csv(path, [child_row(), child_row("王二"), impossible])
    report = check_rows(read_rows(path), load_rules())
    problems = {p.row: p.error for p in report.problems}
    assert problems[3].params == {"row": 2}
    assert problems[4].template == MSG_BIRTH


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "wrong.csv"
    write_csv(path, [["王五", "x"]], header=["姓名", "地址"])
    with pytest.raises(SpreadsheetError) as caught:
        read_rows(path)
    assert "身份证号码" in str(caught.value) and "联系电话" in str(caught.value)
    assert "Save template" in str(caught.value)  # where to get the template it asks for
    assert "counter-app batch template --out FILE" in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02garbage" * 100,
                                     b"PK\x03\x04 this is no zip"])
def test_empty_and_garbage_files_are_refused(tmp_path, content):
    path = tmp_path / "applicants.xlsx"
    path.write_bytes(content)
    with pytest.raises(SpreadsheetError):
        read_rows(path)


def test_a_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:  # 100 MB, sparse: nothing is written
        stream.truncate(100 * 1024 * 1024)
    monkeypatch.setattr(spreadsheet.Path, "read_bytes", lambda self: pytest.fail("read it"))
    with pytest.raises(SpreadsheetError) as caught:
        read_rows(path)
    assert caught.value.params["megabytes"] == 100
