"""The bank's handover file never carries a formula, and a committee's spreadsheet or the
window cannot bring in an address that would start one (OWASP CSV injection)."""

import csv
import dataclasses

import pytest
from sqlalchemy import select

from counter_app.domain.business import BusinessType
from counter_app.domain.errors import ValidationError
from counter_app.domain.people import MSG_ADDRESS_START, ApplicantDetails, GuardianDetails
from counter_app.services import batches, intake
from counter_app.store.models import Application
from tests.batch_helpers import applicant_rows, child_row, write_csv, write_xlsx
from tests.helpers import GUARDIAN_ID, child_id

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\t=1+1"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_a_spreadsheet_would(rows):
    """The cells put into a worksheet the way a spreadsheet program takes CSV text in:
    openpyxl, like Excel, makes a formula of text that starts with '='."""
    from openpyxl import Workbook
    sheet = Workbook().active
    for row in rows:
        sheet.append(row)
    return [cell for row in sheet.iter_rows() for cell in row]


def test_the_check_has_teeth():
    assert any(cell.data_type == "f" for cell in as_a_spreadsheet_would([HOSTILE]))


def hostile_batch(ctx, admin, tmp_path):
    """A batch taken in, then given hostile text as an older version or another way in
    could have left it (intake now refuses such an address)."""
    rows, _ = applicant_rows(len(HOSTILE) - 1)
    path = tmp_path / "village.csv"
    write_csv(path, rows + [child_row()])
    accepted = batches.accept_batch(ctx, admin, path, "幸福村村委会")
    with ctx.sessions.begin() as session:
        apps = session.scalars(select(Application).where(Application.batch_id == accepted.id)
                               .order_by(Application.number)).all()
        for app, text in zip(apps, HOSTILE, strict=True):
            app.household_address, app.name, app.phone = text, text, text
            app.number = text + app.number  # numbers stay unique
            if app.guardian is not None:
                app.guardian.name = app.guardian.id_number = text
    return accepted


def test_the_handover_file_has_no_cell_that_starts_a_formula(ctx, admin, tmp_path):
    accepted = hostile_batch(ctx, admin, tmp_path)
    out = tmp_path / "handover.csv"
    assert batches.hand_over(ctx, admin, accepted.id, "工商银行某支行", out) == len(HOSTILE)
    raw = out.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(raw.splitlines(keepends=True)))
    assert rows[0] == list(batches.EXPORT_COLUMNS) and len(rows) == 1 + len(HOSTILE)
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    addresses = {row[batches.EXPORT_COLUMNS.index("户籍地址")] for row in rows[1:]}
    assert addresses == {"'" + text for text in HOSTILE}  # kept, shown as text
    names = {row[1] for row in rows[1:]}
    assert names == {"'" + text for text in HOSTILE}
    assert "'" + HOSTILE[-1] in {row[6] for row in rows[1:]}  # the guardian's name
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in raw  # every cell quoted, as OWASP asks
    assert all(cell.data_type != "f" for cell in as_a_spreadsheet_would(rows))


def test_ordinary_values_reach_the_bank_unchanged(ctx, admin, tmp_path):
    path = tmp_path / "community.csv"
    write_csv(path, [child_row()])
    accepted = batches.accept_batch(ctx, admin, path, "阳光社区")
    out = tmp_path / "handover.csv"
    batches.hand_over(ctx, admin, accepted.id, "工商银行某支行", out)
    with out.open(encoding="utf-8-sig") as stream:
        _, row = list(csv.reader(stream))
    assert row[1:] == ["王䶮", child_row()[1], "女", "2020-03-15", "13800138000", "王建国",
                       GUARDIAN_ID, "某村"]


@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_a_committee_spreadsheet_with_formula_addresses_is_refused_row_by_row(
        ctx, admin, tmp_path, write):
    rows, _ = applicant_rows(len(HOSTILE) + 1)
    for row, text in zip(rows, HOSTILE):
        row[4] = text  # 户籍地址
    rows[len(HOSTILE) - 1][4], rows[len(HOSTILE) - 1][5] = "某村", "@SUM(A1)"  # 居住地址
    path = tmp_path / f"village.{'csv' if write is write_csv else 'xlsx'}"
    write(path, rows)
    report = batches.check_file(ctx, path)
    refused = {*((index + 2, "household_address") for index in range(len(HOSTILE) - 1)),
               (len(HOSTILE) + 1, "residence_address")}
    if write is write_xlsx:
        # An xlsx stores =HYPERLINK(...) as a real formula: it is read as its value
        # (none here), never as formula text, so that row comes in without an address.
        refused.discard((2, "household_address"))
        [good_formula_row] = [good.checked for good in report.good if good.row == 2]
        assert good_formula_row.details.household_address == ""
    assert len(report.good) == 1 + (write is write_xlsx)
    assert {(p.row, p.field) for p in report.problems} == refused
    messages = {p.error.template for p in report.problems}
    assert messages == {MSG_ADDRESS_START}


@pytest.mark.parametrize("address", ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)"])
def test_the_window_intake_refuses_a_formula_address(ctx, admin, address):
    child = ApplicantDetails(
        name="王䶮", id_number=child_id(), phone="13800138000",
        guardian=GuardianDetails("王建国", "父亲", GUARDIAN_ID, "13800138001"))
    for field in ("household_address", "residence_address", "mailing_address"):
        with pytest.raises(ValidationError) as error:
            intake.save_applicant(ctx, admin, BusinessType.NEWBORN,
                                  dataclasses.replace(child, **{field: address}))
        assert error.value.field == field and error.value.template == MSG_ADDRESS_START
    with pytest.raises(ValidationError) as error:  # a name cannot carry one either
        intake.save_applicant(ctx, admin, BusinessType.NEWBORN,
                              dataclasses.replace(child, name=address))
    assert error.value.field == "name"
    with ctx.sessions() as session:
        assert session.scalars(select(Application)).all() == []
