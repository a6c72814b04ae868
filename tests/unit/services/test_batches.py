import csv

import pytest
from sqlalchemy import func, select

from counter_app.batches.spreadsheet import SpreadsheetError
from counter_app.cli import main
from counter_app.domain.lifecycle import Status
from counter_app.services import batches
from counter_app.store.models import Application, AuditRecord, Batch
from tests.batch_helpers import applicant_rows, child_row, write_csv, write_xlsx


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
    good, mixed, garbage = tmp_path / "good.csv", tmp_path / "mixed.xlsx", tmp_path / "x.xlsx"
    write_csv(good, [child_row()])
    rows, bad = applicant_rows(10, bad_every=5)
    write_xlsx(mixed, rows)
    garbage.write_bytes(b"\x00" * 100)
    assert main(["batch", "check", str(good)]) == 0
    assert main(["batch", "check", str(mixed)]) == 1
    out = capsys.readouterr().out
    assert all(f"row {number}: id_number" in out for number in bad)
    assert main(["batch", "check", str(garbage)]) == 2
    assert main(["batch", "check", str(tmp_path / "missing.csv")]) == 2
