"""Fees recorded with the application (issue 16): worked out when it is saved and kept as
recorded when the rules change; paid by a method of the rules' list, when and by whom,
audited; a fee of 0 needs no payment; sent with the application; printed on the voucher."""

import datetime as dt

import pytest
from sqlalchemy import delete, select

from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services import batches, documents, fees, intake
from counter_app.services.auth import Forbidden
from counter_app.services.fees import FeeError
from counter_app.store.models import (Application, ApplicationFee, AuditRecord, OutboxEntry,
                                      utcnow)
from tests.fee_helpers import CHILD, replacement_at, set_fees
from tests.helpers import (GUARDIAN_ID, add_operator, application_at, child_details, opened)
from tests.unit.documents.support import needs_poppler, run


def _audits(ctx, action: str) -> list[AuditRecord]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def test_the_fee_is_recorded_when_the_application_is_saved(ctx, admin, tmp_path):
    newborn = application_at(ctx, admin, Status.DRAFT, tmp_path)
    replacement = replacement_at(ctx, admin, Status.DRAFT, tmp_path, first17=CHILD)
    free, due = fees.fee_due(ctx, newborn), fees.fee_due(ctx, replacement)
    assert (free.recorded, free.amount_fen, free.payable, free.outstanding) == (
        True, 0, False, False)
    assert (due.recorded, due.business_type, due.currency) == (True, "replacement", "CNY")
    assert (due.standard_fen, due.amount_fen, due.waiver) == (2000, 2000, "")
    assert due.outstanding and not due.paid and due.method == "" and due.paid_by == ""


def test_a_draft_saved_again_as_another_type_gets_that_types_fee(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.LATER, child_details(first17=CHILD))
    assert fees.fee_due(ctx, step.id).amount_fen == 0
    intake.save_applicant(ctx, admin, BusinessType.REPLACEMENT, child_details(first17=CHILD),
                          application_id=step.id)
    assert fees.fee_due(ctx, step.id).amount_fen == 2000
    with ctx.sessions() as session:  # one row per application, updated in place
        assert len(session.scalars(select(ApplicationFee)).all()) == 1


def test_the_recorded_fee_stays_when_the_rules_change_later(ctx, admin, tmp_path):
    before = replacement_at(ctx, admin, Status.EXAMINED, tmp_path)
    set_fees(ctx, amounts={**ctx.rules.fees.amounts, "replacement": 5000})
    assert fees.fee_due(ctx, before).amount_fen == 2000
    paid = fees.record_payment(ctx, admin, before, "cash")
    assert paid.amount_fen == 2000
    (record,) = _audits(ctx, "fee_paid")
    assert record.detail == "amount_fen=2000 currency=CNY method=cash"
    after = replacement_at(ctx, admin, Status.DRAFT, tmp_path, first17="11010520160315011")
    assert fees.fee_due(ctx, after).amount_fen == 5000  # saved under the new rules


def test_a_payment_is_recorded_with_how_when_and_by_whom_and_audited(ctx, admin, site_id,
                                                                      tmp_path):
    clerk = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    app_id = replacement_at(ctx, clerk, Status.SIGNED, tmp_path)
    before = utcnow()
    paid = fees.record_payment(ctx, clerk, app_id, "card")
    assert paid.paid and not paid.outstanding
    assert (paid.method, paid.paid_by, paid.amount_fen) == ("card", "clerk", 2000)
    assert before <= paid.paid_at <= utcnow()
    assert fees.fee_due(ctx, app_id) == paid  # as stored
    with ctx.sessions() as session:
        row = session.get(ApplicationFee, app_id)
        assert (row.paid_by, row.method) == (clerk.id, "card")
    (record,) = _audits(ctx, "fee_paid")
    assert (record.entity, record.entity_id, record.operator_id, record.site_id) == (
        "application", str(app_id), clerk.id, site_id)
    assert record.detail == "amount_fen=2000 currency=CNY method=card"
    with pytest.raises(FeeError, match="has been paid"):
        fees.record_payment(ctx, clerk, app_id, "cash")
    assert fees.fee_due(ctx, app_id).method == "card" and len(_audits(ctx, "fee_paid")) == 1


def test_a_photo_station_may_not_take_fees(ctx, admin, site_id, tmp_path):
    app_id = replacement_at(ctx, admin, Status.DRAFT, tmp_path)
    photographer = add_operator(ctx, admin, site_id, "photo", {Role.PHOTO_STATION})
    with pytest.raises(Forbidden):
        fees.record_payment(ctx, photographer, app_id, "cash")
    assert not fees.fee_due(ctx, app_id).paid


def test_a_fee_of_nothing_needs_no_payment(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    with pytest.raises(FeeError, match="No fee is due"):
        fees.record_payment(ctx, admin, app_id, "cash")
    assert not fees.fee_due(ctx, app_id).paid and _audits(ctx, "fee_paid") == []


def test_only_the_citys_methods_are_taken(ctx, admin, tmp_path):
    app_id = replacement_at(ctx, admin, Status.DRAFT, tmp_path)
    with pytest.raises(FeeError, match="bitcoin"):
        fees.record_payment(ctx, admin, app_id, "bitcoin")
    set_fees(ctx, methods={"cash": "现金", "wechat": "微信支付"})
    assert fees.record_payment(ctx, admin, app_id, "wechat").method == "wechat"


def test_a_rejected_or_withdrawn_application_takes_no_fee(ctx, admin, tmp_path):
    app_id = replacement_at(ctx, admin, Status.DRAFT, tmp_path)
    intake.withdraw(ctx, admin, app_id)
    with pytest.raises(FeeError, match="rejected or withdrawn"):
        fees.record_payment(ctx, admin, app_id, "cash")


def test_a_waiver_for_the_young_is_recorded_as_such(ctx, admin, tmp_path):
    set_fees(ctx, free_under_age={"replacement": 16})
    child = replacement_at(ctx, admin, Status.DRAFT, tmp_path)
    due = fees.fee_due(ctx, child)
    assert (due.standard_fen, due.amount_fen, due.waiver) == (2000, 0, "under_age:16")
    with pytest.raises(FeeError, match="No fee is due"):
        fees.record_payment(ctx, admin, child, "cash")
    adult = intake.save_applicant(ctx, admin, BusinessType.REPLACEMENT, _adult())
    assert fees.fee_due(ctx, adult.id).amount_fen == 2000


def _adult():
    from tests.card_helpers import ADULT_ID
    from counter_app.domain.people import ApplicantDetails

    return ApplicantDetails(name="李四", id_number=ADULT_ID, phone="13800138002")


def test_once_paid_the_business_type_stays(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.REPLACEMENT,
                                 child_details(first17=CHILD))
    fees.record_payment(ctx, admin, step.id, "online")
    with pytest.raises(FeeError, match="business type can no longer be changed"):
        intake.save_applicant(ctx, admin, BusinessType.LATER, child_details(first17=CHILD),
                              application_id=step.id)
    intake.save_applicant(ctx, admin, BusinessType.REPLACEMENT,  # a typo corrected
                          child_details(name="王小䶮", first17=CHILD), application_id=step.id)
    due = fees.fee_due(ctx, step.id)
    assert (due.business_type, due.paid, due.method) == ("replacement", True, "online")
    with ctx.sessions() as session:
        assert session.get(Application, step.id).business_type == "replacement"


def test_an_application_saved_before_fees_were_recorded_gets_todays_rules(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.REPLACEMENT,
                                 child_details(first17=CHILD))
    with ctx.sessions.begin() as session:  # as local migration 0011 found it
        session.execute(delete(ApplicationFee))
    due = fees.fee_due(ctx, step.id)
    assert (due.recorded, due.amount_fen, due.paid) == (False, 2000, False)
    paid = fees.record_payment(ctx, admin, step.id, "cash")
    assert paid.recorded and fees.fee_due(ctx, step.id).recorded


def test_a_batch_records_each_applications_fee(ctx, admin, tmp_path):
    from tests.batch_helpers import write_xlsx
    from tests.unit.batches.test_row_report import person_id, sheet_row

    today = dt.date(2025, 6, 1)
    path = tmp_path / "village.xlsx"
    write_xlsx(path, [
        sheet_row(id_number=person_id(today - dt.timedelta(days=20), "023"), name="王小",
                  guardian_name="王建国", guardian_relation="父亲",
                  guardian_id_number=GUARDIAN_ID),
        sheet_row(id_number=person_id(dt.date(1970, 1, 1)), name="赵六", business_type="补卡")])
    accepted = batches.accept_batch(ctx, admin, path, "幸福村村委会", today=today)
    with ctx.sessions() as session:
        apps = dict(session.execute(select(Application.name, Application.id).where(
            Application.batch_id == accepted.id)).all())
    due = {name: fees.fee_due(ctx, app_id) for name, app_id in apps.items()}
    assert {name: (d.recorded, d.amount_fen) for name, d in due.items()} == {
        "王小": (True, 0), "赵六": (True, 2000)}


def test_the_outbox_sends_the_fee_with_the_application(ctx, admin, tmp_path):
    paid = replacement_at(ctx, admin, Status.SIGNED, tmp_path)
    fees.record_payment(ctx, admin, paid, "cash")
    intake.submit(ctx, admin, paid)
    free = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    with ctx.sessions() as session:
        payloads = {entry.entity_id: entry.payload for entry in session.scalars(
            select(OutboxEntry).where(OutboxEntry.kind == "application_submitted"))}
    fee = payloads[str(paid)]["fee"]
    assert {k: fee[k] for k in ("currency", "standard_fen", "amount_fen", "paid", "method",
                                "paid_by", "waiver")} == {
        "currency": "CNY", "standard_fen": 2000, "amount_fen": 2000, "paid": True,
        "method": "cash", "paid_by": str(admin.id), "waiver": None}
    assert dt.datetime.fromisoformat(fee["paid_at"]) <= utcnow()
    assert payloads[str(free)]["fee"] == {
        "currency": "CNY", "standard_fen": 0, "amount_fen": 0, "waiver": None, "paid": False,
        "paid_at": None, "method": None, "paid_by": None}


def _voucher_text(ctx, operator, app_id) -> str:
    pdf = opened(ctx, documents.voucher(ctx, operator, app_id))
    return "".join(run("pdftotext", "-layout", str(pdf), "-").split())


@needs_poppler
def test_the_voucher_prints_the_fee_and_whether_it_was_paid(ctx, admin, tmp_path):
    app_id = replacement_at(ctx, admin, Status.SIGNED, tmp_path)
    text = _voucher_text(ctx, admin, app_id)
    assert text.count("费用¥20.00") == 2 and text.count("缴费情况未缴费") == 2  # both copies
    fees.record_payment(ctx, admin, app_id, "card")
    text = _voucher_text(ctx, admin, app_id)
    assert text.count("费用¥20.00") == 2 and text.count("缴费情况已缴费（银行卡）") == 2
    assert "未缴费" not in text


@needs_poppler
def test_the_voucher_of_a_free_or_waived_card_says_nothing_is_due(ctx, admin, tmp_path):
    newborn = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    text = _voucher_text(ctx, admin, newborn)
    assert "费用免费" in text and "缴费情况无需缴费" in text and "¥" not in text
    set_fees(ctx, free_under_age={"replacement": 16})
    waived = replacement_at(ctx, admin, Status.SIGNED, tmp_path, first17="11010520160315011")
    text = _voucher_text(ctx, admin, waived)
    assert "费用¥0.00（未满16周岁免收，原¥20.00）" in text and "缴费情况无需缴费" in text
