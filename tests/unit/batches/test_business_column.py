"""Issue 14: each row's business type, from the 业务类型 column (the rules' labels) or,
when empty, from the applicant's age, instead of one type for the whole spreadsheet."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from counter_app.batches.business_column import (MSG_NOT_IN_BATCH, MSG_OLD_CARD_NEEDED,
                                                 MSG_UNKNOWN_BUSINESS, default_business,
                                                 spellings)
from counter_app.batches.spreadsheet import read_rows
from counter_app.batches.validate import check_rows
from counter_app.domain.business import (MSG_PAST_WINDOW, MSG_TOO_YOUNG, AgeLimits, BusinessType,
                                         load_rules)
from tests.batch_helpers import write_csv
from tests.unit.batches.test_row_report import TODAY, person_id, sheet_row

RULES = load_rules()
LABELS = RULES.labels
GUARDIAN = {"guardian_name": "王建国", "guardian_relation": "父亲",
            "guardian_id_number": "11010519491231002X", "guardian_phone": "13800138001"}


def child_row(days_old: int, **values: str) -> list[str]:
    born = TODAY - dt.timedelta(days=days_old)
    return sheet_row(id_number=person_id(born, "023"), name="王小", **GUARDIAN, **values)


def checked(tmp_path, rows, rules=RULES):
    path = tmp_path / "village.csv"
    write_csv(path, rows)
    return check_rows(read_rows(path), rules, TODAY)


def test_an_empty_cell_gives_newborn_only_within_the_window(tmp_path):
    window = RULES.businesses[BusinessType.NEWBORN].ages.max_age_days
    report = checked(tmp_path, [child_row(30), child_row(window + 1), sheet_row()])
    assert report.all_good
    assert [good.business for good in report.good] == [
        BusinessType.NEWBORN, BusinessType.LATER, BusinessType.LATER]
    assert BusinessType.REPLACEMENT not in report.business_counts()


def test_without_a_newborn_window_in_the_rules_nobody_defaults_to_newborn():
    rule = RULES.businesses[BusinessType.NEWBORN]
    no_window = dataclasses.replace(RULES, businesses={
        **RULES.businesses, BusinessType.NEWBORN: dataclasses.replace(rule, ages=AgeLimits())})
    born = TODAY - dt.timedelta(days=3)
    assert default_business(no_window, born, TODAY) is BusinessType.LATER
    assert default_business(RULES, born, TODAY) is BusinessType.NEWBORN
    assert default_business(RULES, None, TODAY) is BusinessType.LATER  # ID number wrong


@pytest.mark.parametrize("written, business", [
    (LABELS[BusinessType.LATER], BusinessType.LATER),
    ("补办申领", BusinessType.LATER),                      # without the bracketed part
    ("补办申领(服务网点/银行网点)", BusinessType.LATER),     # half-width brackets
    (" 补 卡 ", BusinessType.REPLACEMENT),
    ("replacement", BusinessType.REPLACEMENT),             # the code
])
def test_the_rules_labels_are_accepted_as_committees_type_them(tmp_path, written, business):
    report = checked(tmp_path, [sheet_row(business_type=written)])
    assert [good.business for good in report.good] == [business]


def test_an_unknown_type_is_a_row_problem_listing_the_types_to_write(tmp_path):
    report = checked(tmp_path, [sheet_row(business_type="办新卡")])
    problem, = report.problems
    assert (problem.field, problem.error.template) == ("business_type", MSG_UNKNOWN_BUSINESS)
    assert problem.error.params["labels"] == "、".join(
        LABELS[b] for b in (BusinessType.NEWBORN, BusinessType.LATER, BusinessType.REPLACEMENT,
                            BusinessType.RENEWAL))


def test_a_type_that_makes_no_card_is_refused_saying_why(tmp_path):
    report = checked(tmp_path, [sheet_row(business_type=LABELS[BusinessType.LOSS_REPORT])])
    problem, = report.problems
    assert problem.error.template == MSG_NOT_IN_BATCH
    assert problem.error.params["business"] == "挂失"


def test_an_age_the_type_is_not_for_is_refused_naming_the_type_instead(tmp_path):
    report = checked(tmp_path, [sheet_row(business_type=LABELS[BusinessType.NEWBORN])])
    problem, = report.problems
    assert (problem.field, problem.error.template) == ("business_type", MSG_PAST_WINDOW)
    assert problem.error.params["instead"] == LABELS[BusinessType.LATER]


def test_a_minimum_age_in_the_rules_is_checked_too(tmp_path):
    rule = RULES.businesses[BusinessType.REPLACEMENT]
    adults_only = dataclasses.replace(RULES, businesses={
        **RULES.businesses, BusinessType.REPLACEMENT: dataclasses.replace(
            rule, ages=AgeLimits(min_age=16, instead=BusinessType.LATER))})
    report = checked(tmp_path, [child_row(400, business_type="补卡")], adults_only)
    assert [p.error.template for p in report.problems] == [MSG_TOO_YOUNG]


def test_a_renewal_needs_the_old_cards_number_a_replacement_may_omit_it(tmp_path):
    report = checked(tmp_path, [
        sheet_row(business_type="换卡"),
        sheet_row(business_type="换卡", id_number=person_id(dt.date(1970, 1, 1)),
                  old_card_number="A1234 5678"),
        sheet_row(business_type="补卡", id_number=person_id(dt.date(1971, 1, 1)))])
    assert [(p.row, p.field, p.error.template) for p in report.problems] == [
        (2, "old_card_number", MSG_OLD_CARD_NEEDED)]
    assert [(good.business, good.old_card) for good in report.good] == [
        (BusinessType.RENEWAL, "A12345678"), (BusinessType.REPLACEMENT, "")]


def test_a_short_label_two_types_share_is_not_guessed():
    rules = dataclasses.replace(RULES, businesses={
        **RULES.businesses,
        BusinessType.RENEWAL: dataclasses.replace(RULES.businesses[BusinessType.RENEWAL],
                                                  label="补办申领（到期换卡）")})
    accepted = spellings(rules)
    assert "补办申领" not in accepted
    assert accepted["补办申领(到期换卡)"] is BusinessType.RENEWAL
