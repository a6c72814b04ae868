"""Fees in the end-of-day report (issue 16): the day's payments per operator and method,
the day's total, what the day's applications still owe; the PDF's text."""

import datetime as dt
import subprocess

import pytest
from sqlalchemy import update

from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services import fees, reports
from counter_app.store.models import ApplicationFee
from tests.fee_helpers import replacement_at, set_fees
from tests.helpers import add_operator, application_at
from tests.unit.documents.support import needs_poppler


@pytest.fixture
def day_of_fees(ctx, admin, site_id, tmp_path):
    """Two clerks' payments today: 甲 cash twice and card once, 乙 online once; one paid
    yesterday (not today's); one unpaid replacement and one free newborn taken in today."""
    clerks = {name: add_operator(ctx, admin, site_id, name, {Role.WINDOW_STAFF})
              for name in ("甲", "乙")}
    paid = [("甲", "cash"), ("甲", "cash"), ("甲", "card"), ("乙", "online"), ("乙", "cash")]
    ids = []
    for n, (clerk, method) in enumerate(paid):
        app_id = replacement_at(ctx, clerks[clerk], Status.DRAFT, tmp_path,
                                first17=f"110105201603150{n + 11:02d}")
        fees.record_payment(ctx, clerks[clerk], app_id, method)
        ids.append(app_id)
    yesterday = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=1, hours=1)
    with ctx.sessions.begin() as session:  # 乙's cash payment was yesterday's
        session.execute(update(ApplicationFee).where(ApplicationFee.application_id == ids[-1])
                        .values(paid_at=yesterday))
    replacement_at(ctx, admin, Status.DRAFT, tmp_path, first17="11010520160315031")
    application_at(ctx, admin, Status.DRAFT, tmp_path)
    return clerks


def test_the_days_fees_per_operator_and_method(ctx, admin, day_of_fees):
    report = reports.end_of_day(ctx, admin)
    assert [(f.operator, f.method, f.payments, f.amount_fen) for f in report.fees] == [
        ("乙", "online", 1, 2000), ("甲", "cash", 2, 4000), ("甲", "card", 1, 2000)]
    assert report.fees_fen == 8000 and report.currency == "CNY"
    assert report.fees_by_method() == {"online": 2000, "cash": 4000, "card": 2000}
    assert report.fees_by_operator() == {"乙": 2000, "甲": 6000}
    # taken in today and still owing: the admin's replacement (the newborn owes nothing;
    # the application paid yesterday was taken in today, and paid)
    assert (report.unpaid, report.unpaid_fen) == (1, 2000)


def test_another_day_has_its_own_payments(ctx, admin, day_of_fees):
    yesterday = reports.end_of_day(ctx, admin, day=dt.date.today() - dt.timedelta(days=1))
    assert [(f.operator, f.method, f.amount_fen) for f in yesterday.fees] == [
        ("乙", "cash", 2000)]
    assert yesterday.unpaid == 0
    tomorrow = reports.end_of_day(ctx, admin, day=dt.date.today() + dt.timedelta(days=1))
    assert tomorrow.fees == () and tomorrow.fees_fen == 0


def test_a_payment_recorded_at_another_site_is_not_counted(ctx, admin, day_of_fees):
    from counter_app.services import auth

    auth.ensure_site(ctx, "SC002", "另一网点")
    assert reports.end_of_day(ctx, admin, site_code="SC002").fees == ()


def _pdf_text(ctx, admin, tmp_path) -> str:
    report = reports.end_of_day(ctx, admin)
    pdf = reports.render_end_of_day(ctx, report, tmp_path / "eod.pdf", operator=admin)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


@needs_poppler
def test_the_pdf_totals_the_fees_per_operator_and_method(ctx, admin, day_of_fees, tmp_path):
    flat = _pdf_text(ctx, admin, tmp_path)
    assert "五、当日收费（按经办人和收费方式）" in flat
    assert "经办人 现金 银行卡 网上支付 笔数 金额合计" in flat
    assert "乙 ¥0.00 ¥0.00 ¥20.00 1 ¥20.00" in flat
    assert "甲 ¥40.00 ¥20.00 ¥0.00 3 ¥60.00" in flat
    assert "合计 ¥40.00 ¥20.00 ¥20.00 4 ¥80.00" in flat
    assert "当日受理申请中应缴未缴：1 件，¥20.00" in flat
    assert "当日收费" in flat and "¥80.00" in flat.split("一、")[0]  # in the summary


@needs_poppler
def test_a_method_no_longer_in_the_rules_keeps_its_column(ctx, admin, day_of_fees, tmp_path):
    set_fees(ctx, methods={"cash": "现金", "wechat": "微信支付"})
    flat = _pdf_text(ctx, admin, tmp_path)
    assert "经办人 现金 微信支付 card online 笔数 金额合计" in flat
    assert "合计 ¥40.00 ¥0.00 ¥20.00 ¥20.00 4 ¥80.00" in flat


@needs_poppler
def test_a_day_without_fees_says_so(ctx, admin, tmp_path):
    flat = _pdf_text(ctx, admin, tmp_path)
    assert "合计 ¥0.00 ¥0.00 ¥0.00 0 ¥0.00" in flat
    assert "当日受理申请中应缴未缴：0 件，¥0.00" in flat
