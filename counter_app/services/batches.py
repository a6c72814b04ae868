"""Batch intake for village committees and communities: check a spreadsheet, accept its
good rows as one batch of draft applications, hand the batch over to a bank outlet."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select

from counter_app.batches.spreadsheet import read_rows
from counter_app.batches.template import write_template
from counter_app.batches.validate import BatchReport, GoodRow, check_rows
from counter_app.domain.cells import neutralise_row
from counter_app.domain.clock import local_date
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.closed_days import ensure_site_day_open
from counter_app.services.context import AppContext
from counter_app.domain.lifecycle import Status
from counter_app.services.intake import (applicant_columns, guardian_columns, known_old_card,
                                         material_columns, next_numbers)
from counter_app.services import fees
from counter_app.store.models import (Application, ApplicationFee, AuditRecord, Batch, Guardian,
                                      MaterialRecord, utcnow)

MSG_NOTHING_GOOD = QT_TRANSLATE_NOOP(
    "messages", "No row of the spreadsheet can be accepted; see the report.")
MSG_NO_BATCH = QT_TRANSLATE_NOOP("messages", "The batch cannot be found.")
MSG_COMMITTEE = QT_TRANSLATE_NOOP("messages", "Please name the committee or community.")
EXPORT_COLUMNS = ("申请编号", "姓名", "身份证号码", "性别", "出生日期", "联系电话",
                  "监护人姓名", "监护人身份证号码", "户籍地址")


class BatchError(CounterError):
    code = "batch"


@dataclass(frozen=True)
class AcceptedBatch:
    id: uuid.UUID
    number: str
    accepted: int
    report: BatchReport


def check_file(ctx: AppContext, path: Path, today: dt.date | None = None) -> BatchReport:
    """Read and check every row; raises SpreadsheetError for a file that is not usable."""
    return check_rows(read_rows(path), ctx.rules, today)


def save_template(ctx: AppContext, out: Path) -> Path:
    """Write the template for committees (xlsx, or CSV when *out* ends in .csv), with the
    business types of this city's rules; TemplateError when it cannot be written."""
    write_template(out, ctx.rules)
    return out


def accept_batch(ctx: AppContext, operator: CurrentOperator, path: Path, committee: str,
                 today: dt.date | None = None) -> AcceptedBatch:
    """Take in the good rows as one batch of draft applications (one transaction), each
    with the business type its row names or its age gives (validate.py)."""
    operator.require(Permission.INTAKE)
    if not committee.strip():
        raise BatchError(MSG_COMMITTEE)
    report = check_file(ctx, path, today)
    if not report.good:
        raise BatchError(MSG_NOTHING_GOOD)
    with ctx.sessions.begin() as session:
        ensure_site_day_open(session, operator.site_id, local_date(utcnow()))
        batch = Batch(number=_batch_number(session, operator), site_id=operator.site_id,
                      operator_id=operator.id, committee=committee.strip(),
                      source_file=path.name[:200])
        session.add(batch)
        session.flush()
        numbers = next_numbers(session, operator, len(report.good))
        _insert_applications(session, ctx, operator, batch.id, zip(numbers, report.good),
                             today)
        audit.record(session, action="batch_accepted", entity="batch", entity_id=batch.id,
                     operator_id=operator.id, site_id=operator.site_id,
                     detail=f"accepted={len(report.good)} refused={len(report.problems)}")
        return AcceptedBatch(batch.id, batch.number, len(report.good), report)


def _insert_applications(session, ctx: AppContext, operator: CurrentOperator,
                         batch_id: uuid.UUID, numbered: Iterable[tuple[str, GoodRow]],
                         today: dt.date | None = None) -> None:
    """Bulk INSERTs: building thousands of ORM objects costs more than the SQL itself. Each
    application's fee is recorded for the applicant's age on *today*."""
    now, today = utcnow(), today or dt.date.today()
    apps, guardians, materials, fee_rows, audits = [], [], [], [], []
    for number, good in numbered:
        app_id, checked, business = uuid.uuid4(), good.checked, good.business
        apps.append({**applicant_columns(checked), "id": app_id, "number": number,
                     "site_id": operator.site_id, "operator_id": operator.id,
                     "business_type": business.value, "status": Status.DRAFT.value,
                     "replaces_card": good.old_card or known_old_card(
                         session, business, checked.resident_id.number),
                     "batch_id": batch_id, "created_at": now, "updated_at": now})
        if checked.is_minor:
            guardians.append({**guardian_columns(checked.details.guardian),
                              "id": uuid.uuid4(), "application_id": app_id})
        materials.extend({**columns, "id": uuid.uuid4(), "application_id": app_id}
                         for columns in material_columns(ctx, business, checked))
        fee = ctx.rules.fees.fee_for(business, checked.resident_id.age_on(today))
        fee_rows.append({**fees.fee_columns(fee, business.value, now),
                         "application_id": app_id})
        audits.append({"action": "application_created", "entity": "application",
                       "entity_id": str(app_id), "operator_id": operator.id,
                       "site_id": operator.site_id, "to_status": Status.DRAFT.value,
                       "detail": f"batch {batch_id}", "at": now})
    for model, rows in ((Application, apps), (Guardian, guardians), (MaterialRecord, materials),
                        (ApplicationFee, fee_rows), (AuditRecord, audits)):
        if rows:
            session.execute(insert(model), rows)


def hand_over(ctx: AppContext, operator: CurrentOperator, batch_id: uuid.UUID,
              bank_outlet: str, out: Path) -> int:
    """Write the handover file for the bank outlet and record the handover."""
    operator.require(Permission.INTAKE)
    with ctx.sessions.begin() as session:
        batch = session.get(Batch, batch_id)
        if batch is None:
            raise BatchError(MSG_NO_BATCH)
        apps = session.scalars(select(Application).where(Application.batch_id == batch_id)
                               .order_by(Application.number)).all()
        _write_export(out, apps)
        batch.handed_to, batch.handed_over_at = bank_outlet.strip(), utcnow()
        audit.record(session, action="batch_handed_over", entity="batch", entity_id=batch.id,
                     operator_id=operator.id, site_id=operator.site_id,
                     detail=f"applications={len(apps)}")
        return len(apps)


def _write_export(out: Path, apps: list[Application]) -> None:
    partial = out.with_name(out.name + ".part")
    with partial.open("w", encoding="utf-8-sig", newline="") as stream:  # BOM: Excel reads it
        # Every cell quoted, and none starts a formula (OWASP CSV injection): an address
        # like =HYPERLINK(...) reaches the bank as text. Every column is text by design.
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL)
        writer.writerow(neutralise_row(EXPORT_COLUMNS))
        for app in apps:
            guardian = app.guardian
            writer.writerow(neutralise_row([
                app.number, app.name, app.id_number, "男" if app.sex == "M" else "女",
                app.birth_date.isoformat(), app.phone, guardian.name if guardian else "",
                guardian.id_number if guardian else "", app.household_address]))
    partial.replace(out)


def _batch_number(session, operator: CurrentOperator) -> str:
    prefix = f"B{operator.site_code}-{dt.date.today():%Y%m%d}-"
    taken = session.scalar(select(func.count()).where(Batch.number.startswith(prefix)))
    return f"{prefix}{(taken or 0) + 1:03d}"
