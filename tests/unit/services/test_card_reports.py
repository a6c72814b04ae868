"""Invalid-list reports at the window: temporary loss running out (the clock moved, never
slept), formal loss for good, un-report, damage, cancellation, and what is refused."""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.domain import cards
from counter_app.domain.business import load_rules
from counter_app.domain.cards import CardsError, EntryState, InvalidKind
from counter_app.domain.errors import ValidationError
from counter_app.domain.lifecycle import Status
from counter_app.services import card_reports
from counter_app.store.models import AuditRecord, InvalidEntry, OutboxEntry
from tests.card_helpers import ADULT_ID, NOW, STRANGER_ID, adult_card

CITY_B = Path(__file__).resolve().parents[2] / "data" / "city_b.toml"
CARD = "B23456789"


@pytest.fixture
def card(ctx, admin):
    """An adult's card, handed over: reportable."""
    return adult_card(ctx, admin, Status.ACTIVATED, CARD)


def _outbox(ctx) -> list[tuple[str, dict]]:
    with ctx.sessions() as session:
        return [(e.kind, e.payload) for e in session.scalars(
            select(OutboxEntry).where(OutboxEntry.kind.like("card_%")).order_by(OutboxEntry.seq))]


def _state(ctx, op, at):
    [view] = card_reports.find_cards(ctx, op, CARD, now=at)
    return [(e.kind, e.state) for e in view.entries]


@pytest.fixture
def op(admin):
    return admin


def test_a_temporary_loss_report_holds_the_citys_days_then_is_released(ctx, op, card):
    entry = card_reports.report(ctx, op, CARD, ADULT_ID, InvalidKind.TEMPORARY_LOSS, now=NOW)
    assert entry.expires_at == NOW + dt.timedelta(days=7)
    assert (entry.level, entry.state) == ("city", EntryState.ACTIVE)
    just_before = NOW + dt.timedelta(days=7) - dt.timedelta(seconds=1)
    assert _state(ctx, op, just_before) == [(InvalidKind.TEMPORARY_LOSS, EntryState.ACTIVE)]
    assert _state(ctx, op, NOW + dt.timedelta(days=7)) == [
        (InvalidKind.TEMPORARY_LOSS, EntryState.RELEASED)]
    [(kind, payload)] = _outbox(ctx)
    assert kind == "card_reported"
    assert payload == {"id": str(entry.id), "card_number": CARD, "id_number": ADULT_ID,
                       "kind": "temporary_loss", "listed_at": NOW.isoformat(),
                       "application_id": str(card), "operator": "admin"}
    with ctx.sessions() as session:
        [record] = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "card_reported")).all()
    assert (record.entity_id, record.detail) == (str(entry.id), "kind=temporary_loss")
    # run out, a new report may be made
    card_reports.report(ctx, op, CARD, ADULT_ID, InvalidKind.TEMPORARY_LOSS,
                        now=NOW + dt.timedelta(days=8))


def test_in_another_city_it_holds_longer_and_then_cancels_the_card(ctx, op, card):
    ctx.__dict__["rules"] = load_rules(CITY_B)
    entry = card_reports.report(ctx, op, CARD, ADULT_ID, InvalidKind.TEMPORARY_LOSS, now=NOW)
    assert entry.expires_at == NOW + dt.timedelta(days=15)
    assert _state(ctx, op, NOW + dt.timedelta(days=14)) == [
        (InvalidKind.TEMPORARY_LOSS, EntryState.ACTIVE)]
    assert _state(ctx, op, NOW + dt.timedelta(days=15)) == [
        (InvalidKind.TEMPORARY_LOSS, EntryState.CANCELLED)]
    with pytest.raises(CardsError) as caught:
        card_reports.unreport_card(ctx, op, CARD, ADULT_ID, now=NOW + dt.timedelta(days=16))
    assert caught.value.template == cards.MSG_NOTHING_TO_UNREPORT


def test_the_card_found_in_time_the_report_is_undone(ctx, op, card):
    card_reports.report(ctx, op, CARD, ADULT_ID, InvalidKind.TEMPORARY_LOSS, now=NOW)
    found = NOW + dt.timedelta(days=2)
    entry = card_reports.unreport_card(ctx, op, CARD.lower(), ADULT_ID, now=found)
    assert (entry.state, entry.released_at) == (EntryState.RELEASED, found)
    assert _state(ctx, op, found) == [(InvalidKind.TEMPORARY_LOSS, EntryState.RELEASED)]
    kinds = [kind for kind, _payload in _outbox(ctx)]
    assert kinds == ["card_reported", "card_unreported"]
    assert _outbox(ctx)[1][1] == {"id": str(entry.id), "card_number": CARD,
                                  "id_number": ADULT_ID,  # the holder's proof
                                  "released_at": found.isoformat(), "operator": "admin"}
    with pytest.raises(CardsError) as caught:  # nothing left to undo
        card_reports.unreport_card(ctx, op, CARD, ADULT_ID, now=found)
    assert caught.value.template == cards.MSG_NOTHING_TO_UNREPORT


def test_a_formal_loss_report_cannot_be_undone(ctx, op, card):
    card_reports.report(ctx, op, CARD, ADULT_ID, InvalidKind.TEMPORARY_LOSS, now=NOW)
    formal = card_reports.report(ctx, op, CARD, ADULT_ID, InvalidKind.FORMAL_LOSS,
                                 now=NOW + dt.timedelta(days=1))  # made formal
    assert (formal.level, formal.expires_at) == ("national", None)
    for later in (2, 30, 400):
        with pytest.raises(CardsError) as caught:
            card_reports.unreport_card(ctx, op, CARD, ADULT_ID, now=NOW + dt.timedelta(days=later))
        assert caught.value.template == cards.MSG_FORMAL_IS_FINAL
    assert [kind for kind, _p in _outbox(ctx)] == ["card_reported", "card_reported"]


@pytest.mark.parametrize("kind, level", [(InvalidKind.DAMAGE, "province"),
                                         (InvalidKind.CANCELLATION, "national"),
                                         (InvalidKind.FORMAL_LOSS, "national")])
def test_damage_cancellation_and_formal_loss_are_listed_for_good(ctx, op, card, kind, level):
    entry = card_reports.report(ctx, op, CARD, ADULT_ID, kind, now=NOW)
    assert (entry.kind, entry.level, entry.expires_at) == (kind, level, None)
    assert _state(ctx, op, NOW + dt.timedelta(days=3650)) == [(kind, EntryState.ACTIVE)]
    for again in card_reports.REPORTABLE:  # nothing else while it is in force
        with pytest.raises(CardsError) as caught:
            card_reports.report(ctx, op, CARD, ADULT_ID, again, now=NOW)
        assert caught.value.template == cards.MSG_ALREADY_LISTED
    with pytest.raises(CardsError):
        card_reports.unreport_card(ctx, op, CARD, ADULT_ID, now=NOW)


def test_what_is_refused_at_the_window(ctx, op, card):
    with pytest.raises(ValidationError) as caught:  # the ID shown is not the holder's
        card_reports.report(ctx, op, CARD, STRANGER_ID, InvalidKind.FORMAL_LOSS, now=NOW)
    assert caught.value.template == card_reports.MSG_NOT_HOLDER
    for kind in (InvalidKind.EXPIRY, InvalidKind.REPLACED):  # not reported by staff
        with pytest.raises(CardsError) as caught:
            card_reports.report(ctx, op, CARD, ADULT_ID, kind, now=NOW)
        assert caught.value.template == card_reports.MSG_NOT_REPORTABLE
    for number, message in (("", card_reports.MSG_ENTER_CARD),
                            ("B-234", cards.MSG_CARD_NUMBER)):
        with pytest.raises(ValidationError) as caught:
            card_reports.report(ctx, op, number, ADULT_ID, InvalidKind.DAMAGE, now=NOW)
        assert caught.value.template == message
    with pytest.raises(ValidationError):
        card_reports.report(ctx, op, CARD, " ", InvalidKind.DAMAGE, now=NOW)
    assert _outbox(ctx) == []


def test_a_card_still_waiting_at_the_handling_point_is_not_reported(ctx, op):
    adult_card(ctx, op, Status.AT_SITE, "C34567890")
    with pytest.raises(CardsError) as caught:
        card_reports.report(ctx, op, "C34567890", ADULT_ID, InvalidKind.TEMPORARY_LOSS, now=NOW)
    assert caught.value.template == card_reports.MSG_NOT_HANDED_OVER


def test_a_card_taken_in_elsewhere_is_reported_with_the_holders_id(ctx, op):
    entry = card_reports.report(ctx, op, "Z99999999", STRANGER_ID, InvalidKind.TEMPORARY_LOSS,
                                now=NOW)
    [(kind, payload)] = _outbox(ctx)
    assert payload["application_id"] is None and payload["id_number"] == STRANGER_ID
    with ctx.sessions() as session:
        assert session.get(InvalidEntry, entry.id).application_id is None
    # the counter keeps no one's ID number with the list: found by the card number only,
    # whose card it is checked by the central side when the report arrives
    assert card_reports.find_cards(ctx, op, STRANGER_ID, now=NOW) == []
    [view] = card_reports.find_cards(ctx, op, "Z99999999", now=NOW)
    assert (view.card_number, view.name, view.status, view.id_number_masked) == (
        "Z99999999", "", "", "")
    assert [e.kind for e in view.in_force] == [InvalidKind.TEMPORARY_LOSS]
    undone = card_reports.unreport_card(ctx, op, "Z99999999", STRANGER_ID, now=NOW)
    assert undone.state is EntryState.RELEASED
    assert _outbox(ctx)[-1][1]["id_number"] == STRANGER_ID  # the proof goes with it


def test_find_cards_by_id_number_shows_this_counters_cards_with_their_entries(ctx, op, card):
    card_reports.report(ctx, op, CARD, ADULT_ID, InvalidKind.DAMAGE, now=NOW)
    [view] = card_reports.find_cards(ctx, op, ADULT_ID.lower(), now=NOW)
    assert (view.card_number, view.name, view.status, view.application_id) == (
        CARD, "李四", "activated", card)
    assert view.id_number_masked == "110105********0016"
    assert [(e.kind, e.level) for e in view.in_force] == [(InvalidKind.DAMAGE, "province")]
    assert card_reports.find_cards(ctx, op, "NOTHING1", now=NOW) == []
    with pytest.raises(ValidationError) as caught:  # undone only on the holder's ID too
        card_reports.unreport_card(ctx, op, CARD, STRANGER_ID, now=NOW)
    assert caught.value.template == card_reports.MSG_NOT_HOLDER
