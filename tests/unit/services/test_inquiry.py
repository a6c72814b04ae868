"""Inquiry by ID number or card number (Art. 15/19): local store, embedded central,
fallback with a note, the invalid list settled with the clock, audit without the number,
the printed result."""

import datetime as dt
import re
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.central import database
from counter_app.central.schema import applications as central_applications
from counter_app.central.schema import card_records as central_cards
from counter_app.central.schema import invalid_list as central_invalid
from counter_app.central.schema import sites as central_sites
from counter_app.domain.business import load_rules
from counter_app.domain.cards import Promise
from counter_app.domain.idnumber import IdNumberError
from counter_app.domain.inquiry import InquiryNumberError, NumberKind
from counter_app.domain.lifecycle import Status
from counter_app.services import inquiry, syncing
from counter_app.store.models import AuditRecord, CardRecord, InvalidEntry, utcnow
from counter_app.security.roles import Role
from counter_app.services.auth import Forbidden
from tests.helpers import GUARDIAN_ID, add_operator, application_at, child_id, opened

UNREACHABLE = "postgresql://postgres@127.0.0.1:1/x"
CARD = "A12345678"
NOW = dt.datetime(2026, 11, 22, 2, 0)  # UTC


def add_card(ctx, application_id, status="at_site", card_number=CARD, *, due=None,
             updated_at=None):
    with ctx.sessions.begin() as session:  # as a pull writes it (one may be there)
        session.merge(CardRecord(application_id=application_id, card_number=card_number,
                               bank="工商银行", status=status,
                               updated_at=updated_at or utcnow() + dt.timedelta(seconds=1),
                               due_date=due, issued_on=dt.date(2026, 11, 20)))


def add_listing(ctx, kind="temporary_loss", *, card_number=CARD,
                listed_at=NOW - dt.timedelta(days=2), expires_in=7, level="city"):
    """An invalid-list entry as pulled: the card's number, never its holder's ID number."""
    with ctx.sessions.begin() as session:
        session.add(InvalidEntry(
            id=uuid.uuid4(), card_number=card_number, reason=kind, level=level, listed_at=listed_at,
            expires_at=(listed_at + dt.timedelta(days=expires_in)
                        if kind == "temporary_loss" else None)))


def test_by_id_number_the_counters_own_application_answers_offline_with_a_note(
        ctx, admin, tmp_path, central):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    result = inquiry.look_up(ctx, child_id(), operator=admin, offline=True, now=NOW)
    assert result.source == inquiry.LOCAL and result.note.template == inquiry.MSG_OFFLINE
    assert result.kind is NumberKind.ID_NUMBER and result.found
    (app,) = result.applications
    assert (app.status, app.business_type, app.site_name) == ("submitted", "newborn",
                                                             "示范社保服务中心")
    assert app.card is None and app.promise is None and app.number.startswith("SC001-")
    assert result.masked_number == child_id()[:6] + "********" + child_id()[-4:]


def test_the_card_records_newer_word_and_the_promise_show(ctx, admin, tmp_path, central):
    app_id = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    add_card(ctx, app_id, "in_production", due=dt.date(2026, 11, 20))
    (app,) = inquiry.look_up(ctx, child_id(), operator=admin, offline=True, now=NOW).applications
    assert app.status == "in_production" and app.due_date == dt.date(2026, 11, 20)
    assert app.promise is Promise.OVERDUE  # due on the 20th, asked on the 22nd
    assert app.card.number == "A****5678" and app.card.bank == "工商银行"


def test_by_card_number_the_card_and_its_application_are_found(ctx, admin, tmp_path, central):
    app_id = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    add_card(ctx, app_id, "at_site")
    result = inquiry.look_up(ctx, " a1234 5678 ", operator=admin, offline=True, now=NOW)
    assert result.kind is NumberKind.CARD_NUMBER and result.masked_number == "A****5678"
    (app,) = result.applications
    assert app.status == "at_site" and app.card.status == "at_site"
    nothing = inquiry.look_up(ctx, "B87654321", operator=admin, offline=True, now=NOW)
    assert not nothing.found and nothing.applications == () and nothing.invalid == ()


def test_a_temporary_loss_report_past_its_days_shows_as_released(ctx, admin, central):
    add_listing(ctx, listed_at=NOW - dt.timedelta(days=2))
    (entry,) = inquiry.look_up(ctx, CARD, operator=admin, offline=True, now=NOW).invalid
    assert (entry.kind, entry.level, entry.state, entry.in_force) == (
        "temporary_loss", "city", "active", True)
    later = NOW + dt.timedelta(days=5, minutes=1)  # 7 days after listing
    (entry,) = inquiry.look_up(ctx, CARD, operator=admin, offline=True, now=later).invalid
    assert entry.state == "released" and not entry.in_force
    assert entry.released_at == NOW + dt.timedelta(days=5)  # when its days ran out


def test_where_the_city_cancels_a_card_whose_temporary_report_ran_out(ctx, admin, central):
    ctx.__dict__["rules"] = load_rules(Path(__file__).parents[2] / "data" / "city_b.toml")
    add_listing(ctx, listed_at=NOW - dt.timedelta(days=20), expires_in=15)
    (entry,) = inquiry.look_up(ctx, CARD, operator=admin, offline=True, now=NOW).invalid
    assert entry.state == "cancelled"


def test_a_formal_loss_report_stays_in_force_and_a_pulled_release_counts(ctx, admin, central):
    add_listing(ctx, "formal_loss", level="national", listed_at=NOW - dt.timedelta(days=400))
    add_listing(ctx, card_number="A99990000", listed_at=NOW - dt.timedelta(days=1))
    with ctx.sessions.begin() as session:  # undone at a counter, pulled without its state
        entry = session.scalar(select(InvalidEntry).where(
            InvalidEntry.card_number == "A99990000"))
        entry.released_at = NOW - dt.timedelta(hours=3)
    formal = inquiry.look_up(ctx, CARD, operator=admin, offline=True, now=NOW)
    assert [(e.card_number, e.kind, e.state) for e in formal.invalid] == [
        ("A****5678", "formal_loss", "active")]
    assert formal.invalid_in_force
    released = inquiry.look_up(ctx, "A99990000", operator=admin, offline=True, now=NOW)
    assert [(e.card_number, e.kind, e.state) for e in released.invalid] == [
        ("A****0000", "temporary_loss", "released")]


def test_offline_by_id_number_the_list_answers_for_this_counters_cards_of_the_holder(
        ctx, admin, tmp_path, central):
    """The list here holds no ID numbers: by ID number it finds the holder's cards this
    counter knows, not a card listed elsewhere."""
    app_id = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    add_card(ctx, app_id, "activated")
    add_listing(ctx, "formal_loss", level="national")
    add_listing(ctx, card_number="A99990000")
    result = inquiry.look_up(ctx, child_id(), operator=admin, offline=True, now=NOW)
    assert [(e.card_number, e.kind) for e in result.invalid] == [("A****5678", "formal_loss")]


@pytest.mark.parametrize("number, error", [
    ("11010520240315004", IdNumberError),     # 17 characters
    (child_id()[:-1] + "9", IdNumberError),   # check character wrong
    ("110105202403150", IdNumberError),       # old 15-digit number
    ("hello!", InquiryNumberError), ("ABCDEFG", InquiryNumberError), ("", IdNumberError)])
def test_a_number_that_is_neither_is_refused_before_any_lookup(ctx, admin, number, error,
                                                               central):
    with pytest.raises(error):
        inquiry.look_up(ctx, number, operator=admin, central_url=UNREACHABLE)


def test_online_the_central_database_answers_across_sites_and_unsent_ones_are_added(
        ctx, admin, tmp_path, central):
    """The embedded central: the sent application as the card centre has it, another
    site's application of the same person, and one still at this counter."""
    sent = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    syncing.sync_now(ctx)
    application_at(ctx, admin, Status.EXAMINED, tmp_path)  # a second one, at the window
    engine = database.open_central(central)
    other_site, other_app = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(central_applications.update().where(
            central_applications.c.id == sent).values(status="produced",
                                                       due_date=dt.date(2026, 12, 1)))
        connection.execute(central_sites.insert().values(
            id=other_site, code="SC002", name="另一服务网点", kind="street_point",
            created_at=NOW))
        connection.execute(central_applications.insert().values(
            site_id=other_site, id=other_app, number="SC002-20250101-0001",
            business_type="later", status="activated", id_number=child_id(),
            payload={"applicant": {"name": "王䶮"}}, received_at=NOW - dt.timedelta(days=300),
            updated_at=NOW))
        connection.execute(central_cards.insert().values(
            site_id=other_site, application_id=other_app, card_number="B11112222",
            bank="建设银行", status="activated", updated_at=NOW))
        connection.execute(central_invalid.insert().values(
            id=uuid.uuid4(), card_number="B11112222", id_number=child_id(), reason="damage",
            level="province", listed_at=NOW - dt.timedelta(days=1), site_id=other_site))
    engine.dispose()
    result = inquiry.look_up(ctx, child_id(), operator=admin, now=NOW)
    assert result.source == inquiry.CENTRAL and result.note is None
    found = {a.number: a for a in result.applications}
    assert len(found) == 3
    mine = next(a for a in result.applications if a.status == "produced")
    assert mine.sent and mine.promise is Promise.ON_TIME and mine.site_name == "示范社保服务中心"
    other = found["SC002-20250101-0001"]
    assert (other.site_name, other.status, other.card.number) == (
        "另一服务网点", "activated", "B****2222")
    at_window = next(a for a in result.applications if a.status == "examined")
    assert not at_window.sent
    (entry,) = result.invalid
    assert (entry.kind, entry.level, entry.state, entry.site_name) == (
        "damage", "province", "active", "另一服务网点")
    by_card = inquiry.look_up(ctx, "B11112222", operator=admin, now=NOW)
    assert [a.number for a in by_card.applications] == ["SC002-20250101-0001"]


def test_a_card_collected_here_after_the_central_word_shows_as_collected(ctx, admin,
                                                                           tmp_path, central):
    app_id = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    syncing.sync_now(ctx)  # central: submitted, received now
    add_card(ctx, app_id, "collected", updated_at=utcnow() + dt.timedelta(minutes=5))
    (app,) = inquiry.look_up(ctx, child_id(), operator=admin).applications
    assert app.status == "collected"


def test_with_the_central_database_down_the_counter_answers_with_a_note(ctx, admin,
                                                                        tmp_path, central):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    result = inquiry.look_up(ctx, child_id(), operator=admin, central_url=UNREACHABLE)
    assert result.source == inquiry.LOCAL and result.note is not None
    assert len(result.applications) == 1


def test_each_inquiry_is_audited_without_the_number_in_clear(ctx, admin, tmp_path, central):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    result = inquiry.inquire(ctx, child_id(), operator=admin, offline=True)
    assert result.site_name == "示范社保服务中心"
    centre = add_operator(ctx, admin, admin.site_id, "centre", {Role.CARD_CENTRE})
    inquiry.inquire(ctx, GUARDIAN_ID, operator=centre, offline=True)  # the card centre may
    with ctx.sessions() as session:
        records = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "inquiry").order_by(AuditRecord.id)).all()
    assert [r.entity_id for r in records][0] == str(result.id)
    assert records[0].operator_id == admin.id and records[1].operator_id == centre.id
    assert records[0].site_id == admin.site_id == records[1].site_id
    for record in records:
        assert child_id() not in record.detail and GUARDIAN_ID not in record.detail
        assert "王" not in record.detail
    assert records[0].detail == (f"id_number={result.masked_number} source=local "
                                 "applications=1 invalid=0")


def test_the_printed_result_has_the_statuses_and_no_personal_data(ctx, admin, tmp_path, central):
    app_id = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    add_card(ctx, app_id, "at_site", due=dt.date(2026, 12, 1))
    add_listing(ctx, "formal_loss", level="national")
    result = inquiry.inquire(ctx, child_id(), operator=admin, offline=True, now=NOW)
    pdf = inquiry.render_result(ctx, result, admin)
    assert pdf.parent == ctx.settings.protected_dir / "inquiries"
    text = subprocess.run(["pdftotext", "-layout", str(opened(ctx, pdf)), "-"], capture_output=True,
                          text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(opened(ctx, pdf))], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    for expected in ("社会保障卡信息查询结果", result.masked_number, "居民身份证号码",
                     result.applications[0].number, "待领取", "A****5678", "工商银行",
                     "2026-12-01", "正式挂失", "国家级", "在册",
                     "本网点数据", "中心数据库暂时无法连接", str(result.id)[:8].upper()):
        assert expected in text, expected
    assert child_id() not in text and "王䶮" not in text and "13800138001" not in text
    with ctx.sessions() as session:
        assert session.scalar(select(AuditRecord.entity_id).where(
            AuditRecord.action == "inquiry_printed")) == str(result.id)


def test_only_intake_staff_and_the_card_centre_may_inquire(ctx, admin, tmp_path):
    """Issue 13: the inquiry checks the operator's role, and audits nothing refused."""
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    photographer = add_operator(ctx, admin, admin.site_id, "photo", {Role.PHOTO_STATION})
    with pytest.raises(Forbidden):
        inquiry.inquire(ctx, child_id(), operator=photographer, offline=True)
    with pytest.raises(Forbidden):
        inquiry.look_up(ctx, child_id(), operator=photographer, offline=True)
    with pytest.raises(TypeError):  # no operator at all: not callable
        inquiry.inquire(ctx, child_id(), offline=True)
    staff = add_operator(ctx, admin, admin.site_id, "staff", {Role.WINDOW_STAFF})
    result = inquiry.inquire(ctx, child_id(), operator=staff, offline=True)
    with pytest.raises(Forbidden):
        inquiry.render_result(ctx, result, photographer)
    with ctx.sessions() as session:
        operators = session.scalars(select(AuditRecord.operator_id).where(
            AuditRecord.action == "inquiry")).all()
    assert operators == [staff.id]
