"""The 30-day promise and the invalid list's rules, with the clock passed in."""

import datetime as dt
from pathlib import Path

import pytest

from counter_app.domain.business import RulesError, load_rules
from counter_app.domain.cards import (MSG_CARD_NUMBER, CardRules, CardsError, EntryState,
                                      InvalidKind, Level, Promise, card_expires,
                                      compact_card_number, due_date, is_card_number,
                                      new_listing, parse_card_number, promise_state, settle,
                                      unreport)
from counter_app.domain.errors import ValidationError

CITY_A = load_rules().cards
CITY_B = load_rules(Path(__file__).parents[2] / "data" / "city_b.toml").cards
NOW = dt.datetime(2026, 11, 22, 10, 0)


def test_cities_set_their_own_loss_report_rules():
    assert (CITY_A.temporary_loss_days, CITY_A.temporary_loss_at_expiry) == (
        7, EntryState.RELEASED)
    assert (CITY_B.temporary_loss_days, CITY_B.temporary_loss_at_expiry) == (
        15, EntryState.CANCELLED)


def test_a_temporary_loss_report_expires_after_the_citys_days():
    listing, level = new_listing(InvalidKind.TEMPORARY_LOSS, NOW, CITY_A)
    assert level is Level.CITY and listing.expires_at == NOW + dt.timedelta(days=7)
    assert settle(listing, NOW + dt.timedelta(days=6, hours=23), CITY_A).state is (
        EntryState.ACTIVE)
    released = settle(listing, NOW + dt.timedelta(days=7), CITY_A)
    assert released.state is EntryState.RELEASED and released.released_at == listing.expires_at
    in_city_b, _ = new_listing(InvalidKind.TEMPORARY_LOSS, NOW, CITY_B)
    assert settle(in_city_b, NOW + dt.timedelta(days=14), CITY_B).state is EntryState.ACTIVE
    assert settle(in_city_b, NOW + dt.timedelta(days=15), CITY_B).state is (
        EntryState.CANCELLED)


def test_only_a_temporary_report_in_force_can_be_undone():
    temporary, _ = new_listing(InvalidKind.TEMPORARY_LOSS, NOW, CITY_A)
    undone = unreport(temporary, NOW + dt.timedelta(days=1), CITY_A)
    assert undone.state is EntryState.RELEASED
    formal, level = new_listing(InvalidKind.FORMAL_LOSS, NOW, CITY_A)
    assert level is Level.NATIONAL
    with pytest.raises(CardsError, match="cannot be undone"):
        unreport(formal, NOW + dt.timedelta(days=1), CITY_A)
    with pytest.raises(CardsError, match="no temporary loss report in force"):
        unreport(temporary, NOW + dt.timedelta(days=8), CITY_A)  # run out already


def test_a_listed_card_can_only_go_from_temporary_to_formal_or_be_replaced():
    temporary, _ = new_listing(InvalidKind.TEMPORARY_LOSS, NOW, CITY_A)
    formal, _ = new_listing(InvalidKind.FORMAL_LOSS, NOW, CITY_A, [temporary])
    assert formal.kind is InvalidKind.FORMAL_LOSS
    with pytest.raises(CardsError, match="already on the invalid list"):
        new_listing(InvalidKind.DAMAGE, NOW, CITY_A, [formal])
    assert new_listing(InvalidKind.REPLACED, NOW, CITY_A, [formal])[0].kind is (
        InvalidKind.REPLACED)
    # once the temporary report has run out (released), the card may be listed afresh
    later = NOW + dt.timedelta(days=30)
    assert new_listing(InvalidKind.DAMAGE, later, CITY_A, [temporary])[0].kind is (
        InvalidKind.DAMAGE)


def test_the_promise_counts_from_receipt():
    due = due_date(dt.date(2026, 11, 1), CITY_A)
    assert due == dt.date(2026, 12, 1)
    assert promise_state(due, dt.date(2026, 11, 25), CITY_A) is Promise.ON_TIME
    assert promise_state(due, dt.date(2026, 11, 26), CITY_A) is Promise.DUE_SOON
    assert promise_state(due, dt.date(2026, 12, 1), CITY_A) is Promise.DUE_SOON
    assert promise_state(due, dt.date(2026, 12, 2), CITY_A) is Promise.OVERDUE


def test_cards_expire_after_ten_years_even_from_29_february():
    assert card_expires(dt.date(2016, 2, 29), CardRules()) == dt.date(2026, 2, 28)
    assert card_expires(dt.date(2016, 3, 1), CardRules()) == dt.date(2026, 3, 1)


def test_a_wrong_cards_section_names_its_problem(tmp_path):
    text = (Path(__file__).parents[3] / "resources/rules/default.toml").read_text("utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('temporary_loss_at_expiry = "released"',
                                'temporary_loss_at_expiry = "active"'), "utf-8")
    with pytest.raises(RulesError, match=r"\[cards\]"):
        load_rules(bad)


# --- the card number ---------------------------------------------------------------------

@pytest.mark.parametrize("typed, number", [
    ("A12345678", "A12345678"),
    (" a1234 5678 ", "A12345678"),      # typed in lower case, with the spaces on the card
    ("A1234-5678", "A12345678"),
    ("123456", "123456"),               # the shortest
    ("B" + "0" * 29, "B" + "0" * 29),   # the longest the columns hold
])
def test_a_card_number_is_compacted_and_checked(typed, number):
    assert compact_card_number(typed) == number
    assert parse_card_number(typed) == number


@pytest.mark.parametrize("typed", [
    "", "A1234",                        # too short
    "B" + "0" * 30,                     # too long
    "ABCDEFGH",                         # no digit: a name, not a number
    "A12#45678", "卡号123456", "Ａ12345678",  # not ASCII letters and digits
])
def test_anything_else_is_refused_with_the_one_message(typed):
    assert not is_card_number(compact_card_number(typed))
    with pytest.raises(ValidationError) as caught:
        parse_card_number(typed, "old_card_number")
    assert (caught.value.field, caught.value.template) == ("old_card_number", MSG_CARD_NUMBER)
