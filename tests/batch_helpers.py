"""Spreadsheets of applicants, as a village committee would send them."""

from __future__ import annotations

import datetime as dt
import random

from counter_app.batches.spreadsheet import template_header
from counter_app.domain.idnumber import make_check_char
from tests.helpers import GUARDIAN_ID


def applicant_rows(count: int, bad_every: int = 0, seed: int = 7) -> tuple[list[list[str]], set[int]]:
    """Rows under the template header; every *bad_every*-th row has a wrong check character.

    Returns the rows and the spreadsheet row numbers (header = 1) that are bad.
    """
    rng = random.Random(seed)
    rows, bad = [], set()
    for index in range(count):  # a different birth date per row: no duplicates
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=index * 3 + rng.randrange(3))
        first17 = f"110105{birth:%Y%m%d}{rng.randrange(1000):03d}"
        number = first17 + make_check_char(first17)
        if bad_every and index % bad_every == bad_every - 1:
            number = first17 + ("0" if number[-1] != "0" else "1")
            bad.add(index + 2)
        rows.append(["张𠮷" if index % 2 else "李䶮", number, f"139{index:08d}", "汉族",
                     "某村某组", "", "", "", "", ""])
    return rows, bad


def child_row(name: str = "王䶮") -> list[str]:
    first17 = "11010520200315004"
    return [name, first17 + make_check_char(first17), "13800138000", "汉族", "某村", "",
            "王建国", "父亲", GUARDIAN_ID, "13800138001"]


def write_xlsx(path, rows, header=None) -> None:
    from openpyxl import Workbook
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header or template_header())
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def write_csv(path, rows, encoding="utf-8-sig", header=None) -> None:
    import csv
    with open(path, "w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header or template_header())
        writer.writerows(rows)


def batch_applications(ctx, batch_id) -> list:
    """(id, number, name) of the batch's applications, in application-number order."""
    from sqlalchemy import select

    from counter_app.store.models import Application
    with ctx.sessions() as session:
        return list(session.execute(select(Application.id, Application.number,
                                           Application.name)
                                    .where(Application.batch_id == batch_id)
                                    .order_by(Application.number)).all())


def examine(ctx, operator, application_id) -> None:
    """Every material in, examination passed: the batch application's form can print."""
    from counter_app.services import intake
    from counter_app.store.models import MaterialRecord
    from sqlalchemy import select
    with ctx.sessions() as session:
        codes = set(session.scalars(select(MaterialRecord.code)
                                    .where(MaterialRecord.application_id == application_id)))
    intake.record_materials(ctx, operator, application_id, codes)
    intake.examine(ctx, operator, application_id, passed=True)
