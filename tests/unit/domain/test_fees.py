"""Fees as data (issue 16): the rules' [fees] section, in whole fen, range-checked with the
line named; a waiver for young applicants; amounts printed in yuan."""

from pathlib import Path

import pytest

from counter_app.domain.business import BusinessType, RulesError, load_rules
from counter_app.domain.fees import Fee, FeeRules, format_amount, waiver_age

DEFAULT = Path(__file__).parents[3] / "resources" / "rules" / "default.toml"
CITY_B = Path(__file__).parents[2] / "data" / "city_b.toml"


def _rules_with(tmp_path, old: str, new: str) -> tuple[Path, str]:
    text = DEFAULT.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "city.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, path.read_text(encoding="utf-8")


def _line(text: str, starts: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(starts))


def test_the_default_city_charges_for_a_new_card_only_after_the_first():
    fees = load_rules(DEFAULT).fees
    assert fees.currency == "CNY"
    assert fees.amounts == {"newborn": 0, "later": 0, "replacement": 2000, "renewal": 2000}
    assert list(fees.methods) == ["cash", "card", "online"]
    assert fees.method_label("cash") == "现金"
    for business in (BusinessType.NEWBORN, BusinessType.LATER, BusinessType.ACTIVATION):
        assert not fees.fee_for(business, 30).payable
    assert fees.fee_for(BusinessType.REPLACEMENT, 5) == Fee("CNY", 2000, 2000)
    assert fees.fee_for(BusinessType.RENEWAL, 40).amount_fen == 2000


def test_a_city_without_a_fees_section_charges_nothing():
    fees = load_rules(CITY_B).fees
    assert fees == FeeRules()
    assert fees.fee_for(BusinessType.REPLACEMENT, 30) == Fee("CNY", 0, 0)
    assert "cash" in fees.methods  # the default ways to pay


def test_a_waiver_for_the_young_is_data(tmp_path):
    path, _ = _rules_with(tmp_path, "[fees.free_under_age]\n",
                          "[fees.free_under_age]\nreplacement = 16\n")
    fees = load_rules(path).fees
    child, adult = fees.fee_for(BusinessType.REPLACEMENT, 15), fees.fee_for("replacement", 16)
    assert (child.standard_fen, child.amount_fen, child.waiver) == (2000, 0, "under_age:16")
    assert not child.payable and waiver_age(child.waiver) == 16
    assert adult == Fee("CNY", 2000, 2000)  # 16 and older pay
    assert fees.fee_for(BusinessType.RENEWAL, 3).amount_fen == 2000  # only the type named


@pytest.mark.parametrize("value, problem", [
    ("20.0", "replacement must be a whole number from 0 to 1000000"),  # no floats: fen
    ("-2000", "from 0 to 1000000"), ("1000001", "from 0 to 1000000"),
    ('"2000"', "whole number"), ("true", "whole number"), ("nan", "whole number"),
])
def test_amounts_are_whole_fen_in_range(tmp_path, value, problem):
    path, text = _rules_with(tmp_path, "replacement = 2000", f"replacement = {value}")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert problem in message and "[fees.amounts]" in message
    assert f"line {_line(text, '[fees.amounts]')}" in message


def test_the_edges_of_the_amounts_are_accepted(tmp_path):
    path, _ = _rules_with(tmp_path, "replacement = 2000", "replacement = 1000000")
    assert load_rules(path).fees.amounts["replacement"] == 1_000_000
    path, _ = _rules_with(tmp_path, "renewal = 2000", "renewal = 0")
    assert not load_rules(path).fees.fee_for(BusinessType.RENEWAL, 30).payable


@pytest.mark.parametrize("old, new, problem, line_of", [
    ("replacement = 2000", "replacment = 2000", "unknown business type 'replacment'",
     "[fees.amounts]"),
    ("[fees.free_under_age]\n", "[fees.free_under_age]\nreplacement = 0\n",
     "[fees.free_under_age] replacement must be a whole number from 1 to 150",
     "[fees.free_under_age]"),
    ('currency = "CNY"', 'currency = "yuan"', "currency must be a code of three capital",
     "currency = "),
    ('currency = "CNY"', 'currency = "CNY"\nprice = 5', "[fees]: unknown key 'price'",
     "price = "),
    ('cash = "现金"', 'Cash! = "现金"', None, None),  # not even TOML: the parser's message
    ('cash = "现金"', '"Cash!" = "现金"', "a code is lower-case letters", "[fees.methods]"),
    ('cash = "现金"', 'cash = ""', "needs the word to print", "[fees.methods]"),
    ('cash = "现金"\ncard = "银行卡"\nonline = "网上支付"\n', "", "at least one way to pay",
     "[fees.methods]"),
])
def test_a_wrong_fees_section_is_refused_with_its_line(tmp_path, old, new, problem, line_of):
    path, text = _rules_with(tmp_path, old, new)
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert "city.toml" in message
    if problem is not None:
        assert problem in message and f"line {_line(text, line_of)}" in message


def test_fees_must_be_a_section(tmp_path):
    text = DEFAULT.read_text(encoding="utf-8")
    start = text.index("[fees]")
    path = tmp_path / "city.toml"
    path.write_text(text[:start].replace('city = "默认城市"', 'city = "默认城市"\nfees = 20'),
                    encoding="utf-8")
    with pytest.raises(RulesError, match=r"\[fees\] must be a section"):
        load_rules(path)


@pytest.mark.parametrize("fen, currency, printed", [
    (2000, "CNY", "¥20.00"), (0, "CNY", "¥0.00"), (5, "CNY", "¥0.05"),
    (123456789, "CNY", "¥1,234,567.89"), (-2000, "CNY", "-¥20.00"),
    (1050, "HKD", "10.50 HKD"),
])
def test_amounts_print_in_yuan_from_whole_fen(fen, currency, printed):
    assert format_amount(fen, currency) == printed
