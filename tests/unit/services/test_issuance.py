"""Instant issuance at the window (issue 16): a child's signed application at a site that
makes cards itself, from the next card number to the card handed over; a failed chip and
a retry with the next number; a failed print; an encoder that cannot be used (the same
blank again); a card left in the printer by a crash; and every refusal. The statuses, the
invalid list, the stock and the central records are checked after a sync."""

import datetime as dt

import pytest
from sqlalchemy import select

from counter_app.central import card_blocks, database
from counter_app.central.schema import status_history
from counter_app.central.transitions import history
from counter_app.domain.cards import card_expires
from counter_app.domain.errors import read_reason
from counter_app.domain.lifecycle import Status
from counter_app.encoders import EncoderUnavailable, EncodingFailed, SimulatedEncoder
from counter_app.encoders.base import REASON_SIMULATED
from counter_app.issuance.rules import IssuanceRules
from counter_app.issuance.stock import Stock
from counter_app.services import issuance
from counter_app.services.issuance import IssuanceError
from counter_app.store.models import (AuditRecord, CardRecord, InvalidEntry, IssuedCardNumber,
                                      OutboxEntry)
from tests.helpers import application_at, child_id
from tests.issuance_helpers import (FacePrinter, central_card, issue, make_instant, status_of,
                                    sync)

pytestmark = pytest.mark.postgres


@pytest.fixture
def instant_site(ctx, central):
    """The test's counter (SC001, enrolled) at a site that makes cards at the window, with 50
    blanks and the block A00000001-A00000100; synced, so it holds 20 numbers of it."""
    make_instant(central)
    sync(ctx)
    return central


def _kinds(ctx) -> list[str]:
    with ctx.sessions() as session:
        return list(session.scalars(select(OutboxEntry.kind).order_by(OutboxEntry.seq)))


def _actions(ctx, app_id) -> list[str]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord.action).where(
            AuditRecord.entity_id == str(app_id)).order_by(AuditRecord.id)))


def _card(ctx, app_id) -> CardRecord:
    with ctx.sessions() as session:
        return session.get(CardRecord, app_id)


def _numbers(ctx) -> list[tuple[str, str]]:
    with ctx.sessions() as session:
        return [tuple(row) for row in session.execute(select(
            IssuedCardNumber.card_number, IssuedCardNumber.outcome).order_by(
            IssuedCardNumber.card_number))]


def _site_stock(admin_url) -> Stock:
    engine = database.create_central_engine(admin_url)
    try:
        with engine.connect() as connection:
            [row] = [s for s in card_blocks.site_stocks(connection) if s.code == "SC001"]
            return row.stock
    finally:
        engine.dispose()


def test_a_childs_card_is_made_and_handed_over_at_the_window(ctx, admin, instant_site,
                                                               tmp_path):
    assert issuance.instant_here(ctx)
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    printer, encoder = FacePrinter(), SimulatedEncoder()
    done = issue(ctx, admin, app_id, encoder, printer)
    assert (done.ok, done.card_number, done.attempt, done.status) == (
        True, "A00000001", 1, Status.COLLECTED)
    today = dt.date.today()
    # the face and the chip: the child's, with the block's bank and today's date
    [face], [chip] = printer.faces, encoder.personalised
    assert (face.card_number, face.name, face.social_security_number, face.bank,
            face.issue_date) == ("A00000001", "王䶮", child_id(), "中国工商银行", today)
    assert face.photo[:2] == b"\xff\xd8"  # the card photo, a JPEG
    assert (chip.card_number, chip.social_security_number, chip.sex) == (
        "A00000001", child_id(), "1")
    assert chip.valid_until == card_expires(today, ctx.rules.cards)
    # the counter's records: submitted, made, handed over to the guardian; not activated
    assert status_of(ctx, app_id) == Status.COLLECTED
    card = _card(ctx, app_id)
    assert (card.card_number, card.status, card.issued_on, card.collector,
            card.activated_at) == ("A00000001", "collected", today, "guardian", None)
    assert _numbers(ctx) == [("A00000001", "issued")]
    assert _actions(ctx, app_id)[-4:] == ["submitted", "card_instant_started",
                                          "card_instant_produced", "card_collected"]
    assert [k for k in _kinds(ctx) if k != "blob"] == [
        "application_submitted", "card_instant_started", "card_instant_produced",
        "card_collected"]
    # the central side after a sync: the same card, the same moves, each by the counter
    assert sync(ctx).rejected == 0
    found = central_card(instant_site, app_id)
    assert found["status"] == "collected" and found["used"] == [("A00000001", "issued")]
    assert (found["card"]["card_number"], found["card"]["bank"], found["card"]["issued_on"],
            found["card"]["collector"]) == ("A00000001", "中国工商银行", today, "guardian")
    engine = database.create_central_engine(instant_site)
    with engine.connect() as connection:
        site = connection.execute(select(status_history.c.site_id).where(
            status_history.c.application_id == app_id)).scalar()
        moves = [(row["from_status"], row["to_status"], row["actor"])
                 for row in history(connection, site, app_id)]
    engine.dispose()
    assert moves == [("signed", "submitted", "counter"),
                     ("submitted", "in_production", "counter"),
                     ("in_production", "produced", "counter"),
                     ("produced", "collected", "counter")]
    assert _site_stock(instant_site) == Stock(received=50, issued=1, spoiled=0, pending=0)
    assert status_of(ctx, app_id) == Status.COLLECTED  # the pull agrees


def test_a_failed_chip_spoils_the_blank_and_a_retry_takes_the_next_number(
        ctx, admin, instant_site, tmp_path):
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    encoder, printer = SimulatedEncoder(fail_next=1), FacePrinter()
    failed = issue(ctx, admin, app_id, encoder, printer)
    assert (failed.ok, failed.card_number, failed.status, failed.same_blank) == (
        False, "A00000001", Status.PRODUCTION_FAILED, False)
    assert read_reason(failed.reason)[0] == REASON_SIMULATED
    assert printer.faces == []  # the chip first: nothing printed on a spoiled blank
    assert status_of(ctx, app_id) == Status.PRODUCTION_FAILED
    assert _card(ctx, app_id).status == "production_failed"
    with ctx.sessions() as session:
        [entry] = session.scalars(select(InvalidEntry)).all()
    assert (entry.card_number, entry.reason, entry.state, entry.application_id) == (
        "A00000001", "damage", "active", app_id)
    with ctx.sessions() as session:
        assert issuance.local_stock(session) == Stock(50, 0, 1, 0)

    retried = issue(ctx, admin, app_id, encoder, printer)
    assert (retried.ok, retried.card_number, retried.attempt, retried.status) == (
        True, "A00000002", 2, Status.COLLECTED)
    assert [face.card_number for face in printer.faces] == ["A00000002"]
    assert _numbers(ctx) == [("A00000001", "spoiled"), ("A00000002", "issued")]
    assert "card_instant_failed" in _actions(ctx, app_id)

    assert sync(ctx).rejected == 0
    found = central_card(instant_site, app_id)
    assert found["status"] == "collected"
    assert found["card"]["card_number"] == "A00000002"
    assert found["used"] == [("A00000001", "spoiled"), ("A00000002", "issued")]
    assert found["listed"] == [("A00000001", "damage")]
    assert _site_stock(instant_site) == Stock(received=50, issued=1, spoiled=1, pending=0)
    with ctx.sessions() as session:  # the pulled entry is the same one, not a second
        assert session.scalar(select(InvalidEntry.card_number)) == "A00000001"
        assert len(session.scalars(select(InvalidEntry)).all()) == 1
        assert issuance.local_stock(session) == Stock(50, 1, 1, 0)
    inquiry = issuance.counter_stock(ctx, admin)
    assert inquiry.unsent == 0 and inquiry.numbers_left == 18
    assert [(u.card_number, u.outcome) for u in inquiry.used] == [
        ("A00000002", "issued"), ("A00000001", "spoiled")]


def test_the_city_may_activate_the_card_when_it_is_handed_over(ctx, admin, instant_site,
                                                                tmp_path):
    app_id = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    done = issue(ctx, admin, app_id, rules=IssuanceRules(activate_at_issue=True))
    assert done.status == Status.ACTIVATED and _card(ctx, app_id).activated_at is not None
    assert sync(ctx).rejected == 0
    assert central_card(instant_site, app_id)["status"] == "activated"


def test_a_failed_print_spoils_the_written_blank(ctx, admin, instant_site, tmp_path):
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    encoder = SimulatedEncoder()
    failed = issue(ctx, admin, app_id, encoder, FacePrinter(fail_next=1))
    assert not failed.ok and failed.status == Status.PRODUCTION_FAILED
    assert read_reason(failed.reason) == (issuance.MSG_PRINT_FAILED, {"error": "OSError"})
    assert [card.card_number for card in encoder.personalised] == ["A00000001"]
    assert issue(ctx, admin, app_id, encoder).card_number == "A00000002"


class Unplugged:
    """An encoder that is not there the first time (nothing written), then works."""

    def __init__(self) -> None:
        self.calls = []

    def personalise(self, card) -> None:
        self.calls.append(card.card_number)
        if len(self.calls) == 1:
            raise EncoderUnavailable(issuance.MSG_NOT_FOUND)


def test_an_encoder_that_cannot_be_used_spoils_nothing_and_the_same_blank_is_tried_again(
        ctx, admin, instant_site, tmp_path):
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    encoder = Unplugged()
    first = issue(ctx, admin, app_id, encoder)
    assert (first.ok, first.same_blank, first.status) == (False, True, Status.IN_PRODUCTION)
    assert _numbers(ctx) == [("A00000001", "in_production")]
    again = issue(ctx, admin, app_id, encoder, same_blank=True)
    assert (again.ok, again.card_number, again.attempt) == (True, "A00000001", 1)
    assert encoder.calls == ["A00000001", "A00000001"]
    assert _numbers(ctx) == [("A00000001", "issued")]
    assert _kinds(ctx).count("card_instant_started") == 1
    assert "card_encoder_unavailable" in _actions(ctx, app_id)
    assert sync(ctx).rejected == 0
    assert central_card(instant_site, app_id)["used"] == [("A00000001", "issued")]


class PowerCut:
    def personalise(self, card) -> None:
        raise SystemExit("the computer went off")


def test_a_card_left_in_the_printer_by_a_crash_is_spoiled_when_the_next_attempt_starts(
        ctx, admin, instant_site, tmp_path):
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    with pytest.raises(SystemExit):
        issue(ctx, admin, app_id, PowerCut())
    assert status_of(ctx, app_id) == Status.IN_PRODUCTION  # the number taken, durably
    done = issue(ctx, admin, app_id)
    assert (done.ok, done.card_number, done.attempt) == (True, "A00000002", 2)
    assert _numbers(ctx) == [("A00000001", "spoiled"), ("A00000002", "issued")]
    with ctx.sessions() as session:
        spoiled = session.get(IssuedCardNumber, "A00000001")
        assert read_reason(spoiled.reason)[0] == issuance.MSG_INTERRUPTED
    assert sync(ctx).rejected == 0
    assert central_card(instant_site, app_id)["listed"] == [("A00000001", "damage")]


def test_a_site_that_does_not_issue_instantly_refuses_and_takes_no_number(ctx, admin, central,
                                                                           tmp_path):
    sync(ctx)  # the site's setting pulled: off
    assert not issuance.instant_here(ctx)
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    with pytest.raises(IssuanceError) as caught:
        issue(ctx, admin, app_id)
    assert caught.value.template == issuance.MSG_NOT_INSTANT
    assert status_of(ctx, app_id) == Status.SIGNED and _numbers(ctx) == []
    assert "card_instant_started" not in _kinds(ctx)


def test_refusals_before_a_number_is_taken(ctx, admin, central, tmp_path):
    make_instant(central, blanks=2, numbers="A00000001-A00000003")
    sync(ctx)
    draft = application_at(ctx, admin, Status.EXAMINED, tmp_path, first17="11010520240315011")
    with pytest.raises(IssuanceError) as caught:
        issue(ctx, admin, draft)
    assert caught.value.template == issuance.MSG_NOT_READY
    first, second, third = (application_at(ctx, admin, Status.SIGNED, tmp_path,
                                           first17=f"1101052024031500{n}") for n in (4, 5, 6))
    assert issue(ctx, admin, first).ok
    assert not issue(ctx, admin, second, SimulatedEncoder(fail_next=1)).ok
    with pytest.raises(IssuanceError) as caught:  # two blanks: one issued, one spoiled
        issue(ctx, admin, second)
    assert caught.value.template == issuance.MSG_NO_BLANKS
    assert caught.value.params == {"received": 2, "used": 2}
    make_instant(central, blanks=10, numbers="")
    sync(ctx)
    assert issue(ctx, admin, second).card_number == "A00000003"
    with pytest.raises(IssuanceError) as caught:  # the block of three is used up
        issue(ctx, admin, third)
    assert caught.value.template == issuance.MSG_NO_NUMBERS
    assert status_of(ctx, third) == Status.SIGNED


def test_the_chip_refusing_a_value_spoils_the_blank(ctx, admin, instant_site, tmp_path):
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)

    class Refusing:
        def personalise(self, card) -> None:
            raise EncodingFailed(REASON_SIMULATED)

    assert issue(ctx, admin, app_id, Refusing()).status == Status.PRODUCTION_FAILED
