"""The end-of-day report: the day's applications by business type and status, cards
collected, the promise lists (clock passed in), and the PDF with its chart."""

import datetime as dt
import subprocess
import uuid

import numpy as np
import pytest
from sqlalchemy import select

from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services import intake, reports
from counter_app.services.auth import Forbidden
from counter_app.store.models import AuditRecord, CardRecord, utcnow
from tests.helpers import add_operator, application_at, child_details
from tests.unit.documents.support import needs_poppler, page_image

DAY = dt.date.today()


@pytest.fixture
def day_of_work(ctx, admin, tmp_path):
    """Four applications taken in today and the card records pulled for this site:
    one card collected today, one overdue by 3 days, one due within 5 days (an
    application another counter of the site took in), one waiting for collection."""
    collected = application_at(ctx, admin, Status.SUBMITTED, tmp_path, first17="11010520240315001")
    late = application_at(ctx, admin, Status.SUBMITTED, tmp_path, first17="11010520240315002")
    application_at(ctx, admin, Status.REJECTED, tmp_path, first17="11010520240315003")
    intake.save_applicant(ctx, admin, BusinessType.LATER,
                          child_details(first17="11010520240315005"))
    now = utcnow()
    later = now + dt.timedelta(seconds=5)  # the card centre's word came after the counter's
    with ctx.sessions.begin() as session:
        session.add_all([
            CardRecord(application_id=collected, card_number="A12345678", bank="工商银行",
                       status="collected", updated_at=later, due_date=DAY,
                       collected_at=now, collector="guardian"),
            CardRecord(application_id=late, status="in_production", updated_at=later,
                       due_date=DAY - dt.timedelta(days=3)),
            CardRecord(application_id=uuid.uuid4(), status="produced", updated_at=later,
                       due_date=DAY + dt.timedelta(days=2)),
            CardRecord(application_id=uuid.uuid4(), status="at_site", updated_at=later,
                       due_date=DAY - dt.timedelta(days=9), card_number="A87654321"),
        ])
    return {"collected": collected, "late": late}


def test_the_days_figures(ctx, admin, day_of_work):
    report = reports.end_of_day(ctx, admin)
    assert (report.site_code, report.day, report.applications) == ("SC001", DAY, 4)
    by_type = {b.business_type: b.by_status for b in report.businesses if b.total}
    assert by_type == {"newborn": {"collected": 1, "in_production": 1, "rejected": 1},
                       "later": {"draft": 1}}
    assert [b.business_type for b in report.businesses][:2] == ["newborn", "later"]
    assert report.by_status() == {"collected": 1, "in_production": 1, "rejected": 1,
                                  "draft": 1}
    (collected,) = report.collected
    assert collected.application_number.startswith("SC001-") and collected.collector == "guardian"
    (overdue,) = report.overdue
    assert (overdue.status, overdue.days_late) == ("in_production", 3)
    assert (report.due_soon, report.ready) == (1, 1)


def test_another_day_counts_its_own_applications_and_its_own_overdue(ctx, admin, day_of_work):
    report = reports.end_of_day(ctx, admin, day=DAY - dt.timedelta(days=1))
    assert report.applications == 0 and report.collected == ()
    (overdue,) = report.overdue
    assert overdue.days_late == 2  # as of that day
    later = reports.end_of_day(ctx, admin, day=DAY + dt.timedelta(days=3))
    assert sorted(o.days_late for o in later.overdue) == [1, 6]  # the due-soon one ran out


def test_window_staff_may_not_make_it(ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    with pytest.raises(Forbidden):
        reports.end_of_day(ctx, staff)
    supervisor = add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    assert reports.end_of_day(ctx, supervisor).applications == 0


def test_an_unknown_site_is_named(ctx, admin):
    with pytest.raises(reports.ReportError, match="XX9"):
        reports.end_of_day(ctx, admin, site_code="XX9")


@needs_poppler
def test_the_pdf_has_the_figures_and_a_chart(ctx, admin, day_of_work, tmp_path):
    report = reports.end_of_day(ctx, admin)
    pdf = reports.render_end_of_day(ctx, report, tmp_path / "eod.pdf", operator=admin)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "社会保障卡业务日终报表" in flat and f"报表日期：{DAY.isoformat()}" in flat
    # applications 4, collected 1, overdue 1, due within 5 days 1, waiting 1
    assert "4件1张1件1件1张" in "".join(text.split())
    assert "新生儿参保申领" in flat and "补办申领（服务网点/银行网点）" in flat
    # by business type and status group: newborn 0 at the window, 1 sent, 0 waiting,
    # 1 collected, 1 rejected, 0 withdrawn, 3 in all; the total row 4
    assert "新生儿参保申领 0 1 0 1 1 0 3" in flat
    assert "合计 1 1 0 1 1 0 4" in flat
    for status, count in (("录入中", 1), ("制卡中", 1), ("已领取", 1), ("不予受理", 1)):
        assert f"{status} {count}" in flat
    overdue = report.overdue[0]
    due = (DAY - dt.timedelta(days=3)).isoformat()
    assert f"{overdue.application_number} 新生儿参保申领 制卡中 {due} 3" in flat
    assert f"{report.collected[0].application_number} 新生儿参保申领" in flat and "监护人" in flat
    assert "王䶮" not in flat and "110105" not in flat  # numbers of applications only
    page = page_image(pdf)
    # The chart: the newborn bar (3, dark) is drawn in the chart's band of the page.
    band = page[int(page.shape[0] * 0.22):int(page.shape[0] * 0.45),
                int(page.shape[1] * 0.35):int(page.shape[1] * 0.9)]
    assert np.count_nonzero(band < 110) > 2000
    with ctx.sessions() as session:
        record = session.scalar(select(AuditRecord).where(
            AuditRecord.action == "end_of_day_report"))
    assert record.detail == f"day={DAY.isoformat()} applications=4 collected=1 overdue=1"
