"""Closing the day: only when each open item is resolved or explained; then the day's
applications no longer change (unless the reason lets one continue), while the card
centre's word and the hand-over of a finished card still go on; an administrator's
audited reopen; the closing report with the explanations, the supervisor and the time."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from counter_app.domain.business import BusinessType
from counter_app.domain.clock import local_text
from counter_app.domain.errors import ValidationError
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services import (batches, collection, day_close, fees, intake, photo_station,
                                  review)
from counter_app.services.auth import Forbidden
from counter_app.services.closed_days import DayClosed
from counter_app.services.day_close import DayCloseError, Explanation
from counter_app.services.worklists import WorkKind
from counter_app.store.models import (Application, AuditRecord, DayClosure, OutboxEntry,
                                      utcnow)
from counter_app.sync.pull import FEEDS
from tests.batch_helpers import child_row, write_xlsx
from tests.card_helpers import child_card
from tests.helpers import (GUARDIAN_ID, add_operator, application_at, child_details, opened,
                           write_photo)
from tests.review_helpers import require_review
from tests.unit.documents.support import needs_poppler
from tests.unit.forms.test_documents import text_of

TODAY = dt.date.today()


@pytest.fixture
def boss(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "主管张三", {Role.SUPERVISOR})


def _sent(ctx) -> None:
    """What a sync does to the outbox: everything queued is sent."""
    with ctx.sessions.begin() as session:
        session.execute(update(OutboxEntry).values(sent_at=utcnow(), result="applied"))


def _audits(ctx, action: str) -> list[AuditRecord]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def _status(ctx, application_id) -> str:
    with ctx.sessions() as session:
        return session.get(Application, application_id).status


def _close_all(ctx, boss, reason="other", note="申请人当日未返回") -> day_close.ClosedDay:
    return day_close.close_day(ctx, boss, TODAY, {
        item.key: Explanation(reason, note) for item in day_close.open_items(ctx, boss, TODAY)})


def test_the_day_cannot_close_with_an_unsigned_form_until_it_is_explained(
        ctx, admin, boss, tmp_path):
    unsigned = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    [item] = day_close.open_items(ctx, boss, TODAY)
    assert (item.kind, item.application_id, item.status) == (
        WorkKind.UNSIGNED, unsigned, "form_printed")
    with pytest.raises(ValidationError, match="1 open items"):
        day_close.close_day(ctx, boss, TODAY, {})
    with pytest.raises(ValidationError, match="needs a note") as no_note:
        day_close.close_day(ctx, boss, TODAY, {item.key: Explanation("other")})
    assert no_note.value.field == "note"
    with pytest.raises(ValidationError, match="not a reason"):
        day_close.close_day(ctx, boss, TODAY, {item.key: Explanation("no_such_reason")})
    assert day_close.closed_day(ctx, boss, TODAY) is None
    assert not list((ctx.settings.protected_dir / "reports").glob("closed-day-*"))

    closed = day_close.close_day(ctx, boss, TODAY, {
        item.key: Explanation("applicant_returns", "明天上午来签字，电话13800138001")})
    [explained] = closed.explained
    assert (explained.application_id, explained.reason, explained.continues) == (
        unsigned, "applicant_returns", True)
    assert explained.note == "明天上午来签字，电话******"  # a number in a note is masked
    assert closed.closed_by == "主管张三" and closed.report_path.exists()
    assert day_close.closed_day(ctx, boss, TODAY) == closed
    [closing] = _audits(ctx, "day_closed")
    assert closing.detail == (f"day={TODAY.isoformat()} closure={closed.id} explained=1 "
                              "continuing=1")
    [audited] = _audits(ctx, "day_item_explained")
    assert (audited.entity_id, audited.detail) == (str(unsigned), (
        f"day={TODAY.isoformat()} kind=unsigned reason=applicant_returns continues=yes "
        "note=yes"))
    with pytest.raises(DayCloseError, match="closed already"):
        day_close.close_day(ctx, boss, TODAY, {})


def test_a_reason_that_does_not_fit_the_item_is_refused(ctx, admin, boss, tmp_path):
    """"Network down" lets nothing continue: given to a printed form it would lock the
    applicant out of signing. The rules say which kinds each reason fits."""
    printed = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    sent = application_at(ctx, admin, Status.SUBMITTED, tmp_path, first17="11010520240315011")
    items = {item.application_id: item for item in day_close.open_items(ctx, boss, TODAY)}
    assert (items[printed].kind, items[sent].kind) == (WorkKind.UNSIGNED, WorkKind.UNSENT)
    assert [r.code for r in day_close.reasons(ctx, WorkKind.UNSENT)] == [
        "network_down", "other"]
    assert "network_down" not in [r.code for r in day_close.reasons(ctx, WorkKind.UNSIGNED)]
    with pytest.raises(ValidationError, match="does not fit this kind") as unfit:
        day_close.close_day(ctx, boss, TODAY, {
            items[printed].key: Explanation("network_down"),
            items[sent].key: Explanation("network_down")})
    assert unfit.value.field == "reason" and "11010520240315003" not in str(unfit.value)
    assert day_close.closed_day(ctx, boss, TODAY) is None
    closed = day_close.close_day(ctx, boss, TODAY, {
        items[printed].key: Explanation("applicant_returns"),
        items[sent].key: Explanation("network_down")})
    assert {(e.kind, e.reason) for e in closed.explained} == {
        ("unsigned", "applicant_returns"), ("unsent", "network_down")}


def test_a_returned_application_is_an_open_item_of_its_own_kind(ctx, admin, boss, site_id,
                                                                 tmp_path):
    require_review(ctx)
    clerk = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    waiting = application_at(ctx, clerk, Status.EXAMINED, tmp_path)
    returned = application_at(ctx, clerk, Status.EXAMINED, tmp_path,
                              first17="11010520240315011")
    review.return_to_staff(ctx, boss, returned, "data_mismatch", "电话号码少一位")
    items = day_close.open_items(ctx, boss, TODAY)
    assert [(i.kind, i.application_id) for i in items] == [
        (WorkKind.REVIEW, waiting), (WorkKind.RETURNED, returned)]
    assert [r.code for r in day_close.reasons(ctx, WorkKind.RETURNED)] == [
        "applicant_returns", "correction_next_day", "applicant_gave_up", "other"]
    closed = day_close.close_day(ctx, boss, TODAY, {
        items[0].key: Explanation("review_next_day"),
        items[1].key: Explanation("correction_next_day")})
    assert [(e.kind, e.continues) for e in closed.explained] == [
        ("review", True), ("returned", True)]
    assert not day_close.is_frozen(ctx, returned)  # staff correct it on a later day


def test_whether_today_is_closed(ctx, admin, boss):
    assert not day_close.is_day_closed(ctx, boss)
    day_close.close_day(ctx, boss, TODAY, {})
    assert day_close.is_day_closed(ctx, admin) and day_close.is_day_closed(ctx, boss, TODAY)
    assert not day_close.is_day_closed(ctx, boss, TODAY - dt.timedelta(days=1))
    day_close.reopen_day(ctx, admin, TODAY, "补录")
    assert not day_close.is_day_closed(ctx, boss)


def test_window_staff_cannot_close_and_a_day_to_come_cannot_be_closed(ctx, admin, boss,
                                                                     site_id):
    clerk = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    with pytest.raises(Forbidden):
        day_close.close_day(ctx, clerk, TODAY, {})
    with pytest.raises(DayCloseError, match="has not begun"):
        day_close.close_day(ctx, boss, TODAY + dt.timedelta(days=1), {})


def test_after_closing_the_days_applications_no_longer_change(ctx, admin, boss, tmp_path):
    unsigned = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    examined = application_at(ctx, admin, Status.EXAMINED, tmp_path,
                              first17="11010520240315011")
    sent = application_at(ctx, admin, Status.SUBMITTED, tmp_path, first17="11010520240315029")
    waiting = child_card(ctx, admin, tmp_path, first17="11010520240315037")
    _sent(ctx)
    closed = _close_all(ctx, boss)
    assert {e.application_id for e in closed.explained} == {unsigned, examined}

    day = TODAY.isoformat()
    for change in (
            lambda: intake.mark_signed(ctx, admin, unsigned),
            lambda: intake.withdraw(ctx, admin, examined),
            lambda: intake.record_materials(ctx, admin, examined, set()),
            lambda: photo_station.import_photo_file(ctx, admin, examined,
                                                    write_photo(tmp_path / "p.jpg")),
            lambda: fees.record_payment(ctx, admin, sent, "cash"),
            lambda: intake.save_applicant(ctx, admin, BusinessType.LATER,
                                          child_details(first17="11010520240315045"))):
        with pytest.raises(DayClosed, match=day):
            change()
    assert (_status(ctx, unsigned), _status(ctx, examined)) == ("form_printed", "examined")

    # Not edits: the card centre's word, pulled, and handing over a finished card.
    with ctx.sessions.begin() as session:
        FEEDS["card_records"].write(session, [{
            "application_id": sent, "card_number": "A00000042", "bank": "中国工商银行",
            "status": "in_production", "reason": "", "updated_at": utcnow(),
            "due_date": None, "issued_on": None, "collected_at": None, "collector": None,
            "activated_at": None}])
    assert _status(ctx, sent) == "in_production"
    done = collection.collect(ctx, admin, waiting, GUARDIAN_ID)
    assert done.collector == "guardian"


def test_nothing_new_is_added_to_a_closed_day(ctx, admin, boss, tmp_path):
    day_close.close_day(ctx, boss, TODAY, {})
    path = tmp_path / "village.xlsx"
    write_xlsx(path, [child_row()])
    with pytest.raises(DayClosed, match=TODAY.isoformat()):
        batches.accept_batch(ctx, admin, path, "幸福村村委会")
    with pytest.raises(DayClosed):
        intake.save_applicant(ctx, admin, BusinessType.LATER,
                              child_details(first17="11010520240315045"))
    with ctx.sessions() as session:
        assert session.scalar(select(Application.id)) is None


def test_an_item_that_opens_while_the_report_is_made_stops_the_close(
        ctx, admin, boss, tmp_path, monkeypatch):
    render = day_close._render

    def and_meanwhile(*args):
        path = render(*args)
        intake.save_applicant(ctx, admin, BusinessType.LATER,
                              child_details(first17="11010520240315045"))  # another window
        return path

    monkeypatch.setattr(day_close, "_render", and_meanwhile)
    with pytest.raises(DayCloseError, match="changed while it was being closed"):
        day_close.close_day(ctx, boss, TODAY, {})
    assert day_close.closed_day(ctx, boss, TODAY) is None
    assert not list((ctx.settings.protected_dir / "reports").glob("closed-day-*"))
    assert len(day_close.open_items(ctx, boss, TODAY)) == 1


def test_a_reason_that_continues_lets_that_application_be_finished_later(
        ctx, admin, boss, tmp_path):
    comes_back = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    left = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path,
                          first17="11010520240315011")
    items = day_close.open_items(ctx, boss, TODAY)
    day_close.close_day(ctx, boss, TODAY, {
        item.key: Explanation("applicant_returns") if item.application_id == comes_back
        else Explanation("other", "待查") for item in items})
    assert not day_close.is_frozen(ctx, comes_back) and day_close.is_frozen(ctx, left)
    with pytest.raises(DayClosed, match=TODAY.isoformat()):
        day_close.ensure_open(ctx, left)
    assert intake.mark_signed(ctx, admin, comes_back).status == Status.SIGNED
    with pytest.raises(DayClosed):
        intake.mark_signed(ctx, admin, left)


def test_only_an_administrator_reopens_a_closed_day_with_a_reason(ctx, admin, boss, tmp_path):
    unsigned = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    first = _close_all(ctx, boss)
    with pytest.raises(Forbidden):
        day_close.reopen_day(ctx, boss, TODAY, "签字漏录")
    [refused] = _audits(ctx, "day_reopen_refused")
    assert (refused.operator_id, refused.detail) == (boss.id, f"day={TODAY.isoformat()}")
    assert day_close.closed_day(ctx, boss, TODAY) is not None
    with pytest.raises(ValidationError, match="reason for reopening"):
        day_close.reopen_day(ctx, admin, TODAY, "  ")

    day_close.reopen_day(ctx, admin, TODAY, "申请人已签字，补录签字")
    [reopened] = _audits(ctx, "day_reopened")
    assert (reopened.operator_id, reopened.detail) == (
        admin.id, f"day={TODAY.isoformat()} closure={first.id}")
    assert "签字" not in reopened.detail  # the words stay with the close, not in the audit
    assert day_close.closed_day(ctx, boss, TODAY) is None
    assert intake.mark_signed(ctx, admin, unsigned).status == Status.SIGNED
    with pytest.raises(DayCloseError, match="not closed"):
        day_close.reopen_day(ctx, admin, TODAY, "再次")
    again = _close_all(ctx, boss)  # signed, never submitted: still open, explained again
    assert again.id != first.id
    assert [(item.application_id, item.status) for item in again.explained] == [
        (unsigned, Status.SIGNED.value)]
    with ctx.sessions() as session:
        rows = session.scalars(select(DayClosure).order_by(DayClosure.closed_at)).all()
        assert [(r.id, r.reopened_by, r.reopen_reason) for r in rows] == [
            (first.id, admin.id, "申请人已签字，补录签字"), (again.id, None, "")]


def test_an_earlier_day_closes_with_its_own_items_only(ctx, admin, boss, tmp_path):
    application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)  # today's
    yesterday = TODAY - dt.timedelta(days=1)
    assert day_close.open_items(ctx, boss, yesterday) == []
    closed = day_close.close_day(ctx, boss, yesterday, {})
    assert closed.day == yesterday and closed.explained == ()
    assert day_close.closed_day(ctx, boss, TODAY) is None


@needs_poppler
def test_the_closing_report_has_the_explanations_the_supervisor_and_the_time(
        ctx, admin, boss, tmp_path):
    unsigned = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    [item] = day_close.open_items(ctx, boss, TODAY)
    now = utcnow()
    closed = day_close.close_day(ctx, boss, TODAY, {
        item.key: Explanation("other", "监护人证件待核实")}, now=now)
    path = day_close.closed_report(ctx, boss, TODAY)
    assert path == closed.report_path
    flat = " ".join(text_of(opened(ctx, path)).split())
    with ctx.sessions() as session:
        number = session.get(Application, unsigned).number
    assert "社会保障卡业务日终报表" in flat and "日终结账：未办结事项及说明" in flat
    assert f"{number} {item.masked_id} 已打印未签字 其他原因（见备注）" in flat
    assert "备注：监护人证件待核实" in flat
    assert f"结账主管：主管张三 结账时间：{local_text(now)}" in flat
    assert "王䶮" not in flat and "11010520240315003" not in flat
    assert _audits(ctx, "day_close_report")
