"""Instant issuance's plain values: blocks of card numbers, the rules section, the stock,
and the lifecycle's instant moves (the same in Python, in the central functions and in the
card-status guard)."""

import re
import textwrap

import pytest

from counter_app.central import device_instant
from counter_app.central.migrations.versions import c0007_instant_issuance as c0007
from counter_app.domain.business import RulesError
from counter_app.domain.errors import ValidationError
from counter_app.domain.lifecycle import (INSTANT_MOVES, TRANSITIONS, Actor, IllegalTransition,
                                          Status, actor_of, check_instant_move,
                                          check_transition)
from counter_app.issuance.numbers import (BLOCK_MAX, MSG_RANGE, MSG_RANGE_SIZE, NumberRange,
                                          overlaps, parse_range)
from counter_app.issuance.rules import IssuanceRules, load_issuance_rules, parse_issuance_rules
from counter_app.issuance.stock import Stock


# --- numbers ------------------------------------------------------------------------------

def test_a_block_is_read_with_its_prefix_and_width_and_makes_its_numbers():
    block = parse_range(" a0000 0001 - A00000100 ")
    assert block == NumberRange("A", 1, 100, 8)
    assert len(block) == 100 and block.text == "A00000001-A00000100"
    assert [block.number(n) for n in (1, 2, 100)] == ["A00000001", "A00000002", "A00000100"]
    assert block.running_of("a0000-0042") == 42 and "A00000100" in block
    for outside in ("A00000000", "A00000101", "B00000001", "A0000001", "A000000001", "", 7):
        assert outside not in block
    with pytest.raises(ValueError):
        block.number(101)


def test_digits_only_and_prefixes_ending_in_a_letter():
    assert parse_range("440100000001-440100000500") == NumberRange("", 440100000001,
                                                                   440100000500, 12)
    assert parse_range("GD1X000001-GD1X000009") == NumberRange("GD1X", 1, 9, 6)


@pytest.mark.parametrize("text", ["", "A00000001", "A00000002-A00000001",
                                  "A00000001-B00000002", "A0000001-A00000002",
                                  "A00000001-A0000000X", "AB-AC", "A1-A9",  # too short
                                  "A00000001~A00000002", "A00000001-A00000002-A3"])
def test_anything_else_is_refused_in_words(text):
    with pytest.raises(ValidationError) as caught:
        parse_range(text, "numbers")
    assert caught.value.template == MSG_RANGE and caught.value.field == "numbers"


def test_a_block_has_a_size_limit():
    assert len(parse_range(f"A{1:08d}-A{BLOCK_MAX:08d}")) == BLOCK_MAX
    with pytest.raises(ValidationError) as caught:
        parse_range(f"A{1:08d}-A{BLOCK_MAX + 1:08d}")
    assert caught.value.template == MSG_RANGE_SIZE


def test_overlaps_only_with_the_same_prefix_and_width():
    block = NumberRange("A", 100, 200, 8)
    assert overlaps(block, NumberRange("A", 200, 300, 8))
    assert overlaps(block, NumberRange("A", 1, 100, 8))
    assert not overlaps(block, NumberRange("A", 201, 300, 8))
    assert not overlaps(block, NumberRange("B", 100, 200, 8))
    assert not overlaps(block, NumberRange("A", 100, 200, 9))


# --- the rules section --------------------------------------------------------------------

def test_the_shipped_rules_and_the_defaults():
    assert load_issuance_rules() == IssuanceRules(activate_at_issue=False, reserve_count=20,
                                                  reserve_below=10)
    assert parse_issuance_rules({}) == IssuanceRules()
    assert parse_issuance_rules({"activate_at_issue": True, "reserve_count": 5,
                                 "reserve_below": 5}).activate_at_issue


@pytest.mark.parametrize(("section", "words"), [
    ({"activate_at_issue": "yes"}, "true or false"),
    ({"reserve_count": 0}, "reserve_count"),
    ({"reserve_count": 10, "reserve_below": 11}, "reserve_below"),
    ({"reserve_count": 2.5}, "reserve_count"),
    ({"reserve_cuont": 3}, "unknown key 'reserve_cuont'"),
])
def test_a_wrong_value_names_its_key(section, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        parse_issuance_rules(section)


def test_a_broken_rules_file_names_the_file(tmp_path):
    path = tmp_path / "city.toml"
    path.write_text(textwrap.dedent("""
        [instant_issuance]
        reserve_count = -1
    """), encoding="utf-8")
    with pytest.raises(RulesError, match="city.toml"):
        load_issuance_rules(path)
    path.write_text("[instant_issuance]\nactivate_at_issue = true\n", encoding="utf-8")
    assert load_issuance_rules(path).activate_at_issue


# --- stock ----------------------------------------------------------------------------------

def test_expected_stock_is_received_minus_issued_spoiled_and_in_the_printer():
    stock = Stock(received=100, issued=7, spoiled=2, pending=1)
    assert (stock.used, stock.expected) == (10, 90)
    moved = stock.plus(issued=2, pending=-1, spoiled=1)
    assert moved == Stock(100, 9, 3, 0) and moved.expected == 88


# --- the lifecycle's instant moves ------------------------------------------------------------

CHAIN = [Status.SIGNED, Status.SUBMITTED, Status.IN_PRODUCTION, Status.PRODUCED,
         Status.COLLECTED, Status.ACTIVATED]


def test_the_instant_chain_is_the_counters_at_an_instant_site_and_the_card_centres_elsewhere():
    for current, target in zip(CHAIN[1:], CHAIN[2:]):
        assert check_instant_move(current, target) is target
    for current, target in ((Status.IN_PRODUCTION, Status.PRODUCTION_FAILED),
                            (Status.PRODUCTION_FAILED, Status.IN_PRODUCTION)):
        assert check_instant_move(current, target) is target
        assert actor_of(current, target) is Actor.CARD_CENTRE  # unchanged for a batch card
        with pytest.raises(IllegalTransition):
            check_transition(current, target, Actor.COUNTER)
    # a produced card is handed over at the window only when made there
    assert Status.COLLECTED not in TRANSITIONS[Status.PRODUCED]
    for current, target in ((Status.SUBMITTED, Status.PRODUCED),
                            (Status.PRODUCED, Status.AT_SITE),
                            (Status.PRODUCTION_FAILED, Status.REJECTED),
                            (Status.DRAFT, Status.IN_PRODUCTION),
                            (Status.SIGNED, Status.IN_PRODUCTION)):
        with pytest.raises(IllegalTransition):
            check_instant_move(current, target)


def pairs(sql: str) -> set[tuple[str, str]]:
    return set(re.findall(r"\('([a-z_]+)', '([a-z_]+)'\)", sql))


def test_the_central_functions_and_the_card_status_guard_say_the_same():
    expected = {(a.value, b.value) for a, b in INSTANT_MOVES}
    may = re.search(r"central_instant_may.*?\$\$(.*?)\$\$", device_instant.functions(),
                    re.S).group(1)
    assert pairs(may) == expected
    # the guard: the counters' own moves after submission, and the instant ones after them
    counters = {(a.value, b.value) for a, targets in TRANSITIONS.items() for b in targets
                if actor_of(a, b) is Actor.COUNTER and a not in (
                    Status.DRAFT, Status.EXAMINED, Status.PHOTO_OK, Status.FORM_PRINTED,
                    Status.SIGNED)}
    head, instant = c0007.GUARD.split("-- instant issuance", 1)
    assert pairs(head) == counters
    assert pairs(instant) == expected
