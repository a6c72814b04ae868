import csv
import datetime as dt

import pytest
from sqlalchemy import func, select

from counter_app.batches.spreadsheet import SpreadsheetError
from counter_app.cli import main
from counter_app.domain.lifecycle import Status
from counter_app.services import batches
from counter_app.store.models import Application, AuditRecord, Batch
from tests.batch_helpers import applicant_rows, child_row, write_csv, write_xlsx
from tests.helpers import GUARDIAN_ID
from tests.unit.batches.test_row_report import person_id, sheet_row


def test_good_rows_become_one_batch_and_bad_rows_stay_in_the_report(ctx, admin, tmp_path):
    rows, bad = applicant_rows(60, bad_every=20)
    path = tmp_path / "village.xlsx"
    write_xlsx(path, rows + [child_row()])
    accepted = batches.accept_batch(ctx, admin, path, "幸福村村委会")
    assert accepted.accepted == 61 - len(bad) and {p.row for p in accepted.report.problems} == bad
    with ctx.sessions() as session:
        apps = session.scalars(select(Application).where(Application.batch_id == accepted.id)).all()
        assert len(apps) == accepted.accepted
        assert {a.status for a in apps} == {Status.DRAFT}
        assert len({a.number for a in apps}) == len(apps)
        child = next(a for a in apps if a.guardian is not None)
        assert child.name == "王䶮" and "household_register" in {m.code for m in child.materials}
        assert session.scalar(select(func.count()).select_from(AuditRecord)
                              .where(AuditRecord.action == "batch_accepted")) == 1
        created = session.scalars(select(AuditRecord.entity_id)
                                  .where(AuditRecord.action == "application_created")).all()
        assert set(created) == {str(a.id) for a in apps}


def test_handover_writes_the_bank_file(ctx, admin, tmp_path):
    path = tmp_path / "community.csv"
    write_csv(path, [child_row()])
    accepted = batches.accept_batch(ctx, admin, path, "阳光社区")
    out = tmp_path / "handover.csv"
    assert batches.hand_over(ctx, admin, accepted.id, "工商银行某支行", out) == 1
    with out.open(encoding="utf-8-sig") as stream:
        header, row = list(csv.reader(stream))
    assert header[1] == "姓名" and row[1] == "王䶮" and row[6] == "王建国"
    with ctx.sessions() as session:
        assert session.get(Batch, accepted.id).handed_to == "工商银行某支行"


def test_a_file_without_any_good_row_creates_nothing(ctx, admin, tmp_path):
    rows, _ = applicant_rows(3, bad_every=1)
    path = tmp_path / "bad.csv"
    write_csv(path, rows)
    with pytest.raises(batches.BatchError):
        batches.accept_batch(ctx, admin, path, "幸福村村委会")
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"\x89PNG not a spreadsheet")
    with pytest.raises(SpreadsheetError):
        batches.accept_batch(ctx, admin, garbage, "幸福村村委会")
    with ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Batch)) == 0


def test_batch_check_on_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("COUNTER_LANGUAGE", "en")  # the report's English words below
    good, mixed, garbage = tmp_path / "good.csv", tmp_path / "mixed.xlsx", tmp_path / "x.xlsx"
    write_csv(good, [child_row()])
    rows, bad = applicant_rows(10, bad_every=5)
    write_xlsx(mixed, rows)
    garbage.write_bytes(b"\x00" * 100)
    assert main(["batch", "check", str(good)]) == 0
    assert main(["batch", "check", str(mixed)]) == 1
    out = capsys.readouterr().out
    assert all(f"row {number} (" in out for number in bad) and "身份证号码" in out
    assert "110105********" in out  # the rows' ID numbers, masked
    assert main(["batch", "check", str(garbage)]) == 2
    assert main(["batch", "check", str(tmp_path / "missing.csv")]) == 2


def test_each_row_is_taken_in_with_its_own_business_type(ctx, admin, tmp_path):
    """Issue 14: not every row 补办申领: a newborn, a first application, a replacement and a
    renewal (with the card it replaces), each with its type's materials."""
    today = dt.date(2025, 6, 1)
    newborn = sheet_row(id_number=person_id(today - dt.timedelta(days=20), "023"),
                        name="王小", guardian_name="王建国", guardian_relation="父亲",
                        guardian_id_number=GUARDIAN_ID)
    path = tmp_path / "village.xlsx"
    write_xlsx(path, [
        newborn, sheet_row(),
        sheet_row(id_number=person_id(dt.date(1970, 1, 1)), name="赵六", business_type="补卡"),
        sheet_row(id_number=person_id(dt.date(1971, 1, 1)), name="钱七", business_type="换卡",
                  old_card_number="A12345678")])
    accepted = batches.accept_batch(ctx, admin, path, "幸福村村委会", today=today)
    assert accepted.accepted == 4
    with ctx.sessions() as session:
        apps = {a.name: a for a in session.scalars(
            select(Application).where(Application.batch_id == accepted.id))}
        assert {name: a.business_type for name, a in apps.items()} == {
            "王小": "newborn", "李四": "later", "赵六": "replacement", "钱七": "renewal"}
        assert "insurance_enrolment" in {m.code for m in apps["王小"].materials}
        assert "old_card" in {m.code for m in apps["钱七"].materials}
        assert apps["钱七"].replaces_card == "A12345678" and apps["赵六"].replaces_card == ""


def test_the_template_is_saved_by_the_service_and_the_command_line(ctx, tmp_path, monkeypatch,
                                                                   capsys):
    monkeypatch.setenv("COUNTER_LANGUAGE", "en")  # the command line's English words below
    saved = batches.save_template(ctx, tmp_path / "for-the-village.xlsx")
    assert [p.field for p in batches.check_file(ctx, saved).problems] == ["id_number"]
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(tmp_path / "config"))
    out = tmp_path / "template.csv"
    assert main(["batch", "template", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("姓名,身份证号码,联系电话")
    assert main(["batch", "template", "--out", str(tmp_path / "gone" / "t.xlsx")]) == 2
    assert "choose another folder" in capsys.readouterr().err


def test_the_command_lines_report_never_prints_a_full_id_number(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COUNTER_LANGUAGE", "en")
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(tmp_path / "config"))
    rows, bad = applicant_rows(10, bad_every=3)
    path = tmp_path / "mixed.csv"
    write_csv(path, rows)
    assert main(["batch", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert not any(row[1] in out for row in rows)
    assert all(f"row {n} ({rows[n - 2][0]} {rows[n - 2][1][:6]}********" in out for n in bad)
