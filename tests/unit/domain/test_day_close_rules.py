"""The rules' `[day_close.reasons]`: the reasons a supervisor leaves an open item with, a
flag for continuing on a later day, a flag wanting a note, the kinds of item each fits; a
mistake named with its line."""

from pathlib import Path

import pytest

from counter_app.domain.business import RULES_DIR, RulesError, load_rules
from counter_app.domain.day_close import DEFAULT_REASONS, ITEM_KINDS

DEFAULT = Path(RULES_DIR / "default.toml")
SECTION = "[day_close.reasons]\n"


def _rules_with(tmp_path, section: str) -> tuple[Path, str]:
    text = DEFAULT.read_text(encoding="utf-8").split("\n" + SECTION)[0] + "\n" + section
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _line(text: str, starts: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(starts))


def test_the_default_reasons_with_their_flags():
    reasons = load_rules(DEFAULT).day_close.reasons
    assert reasons["applicant_returns"].continues and not reasons["network_down"].continues
    assert reasons["other"].needs_note and reasons["other"].label == "其他原因（见备注）"
    assert reasons["network_down"].kinds == ("unsent",)
    offline = reasons["network_down"]
    assert offline.fits("unsent") and not offline.fits("old_drafts")
    assert reasons["other"].kinds == () and all(reasons["other"].fits(k) for k in ITEM_KINDS)
    # every kind has a reason without a note, and one that lets its application continue
    # where there is an application to continue (a sent one is no longer edited)
    for kind in ITEM_KINDS:
        fitting = [r for r in reasons.values() if r.fits(kind)]
        assert any(not r.needs_note for r in fitting), kind
        if kind not in ("unsent",):
            assert any(r.continues for r in fitting), kind


def test_the_built_in_reasons_are_those_of_the_default_rules():
    assert tuple(load_rules(DEFAULT).day_close.reasons.values()) == DEFAULT_REASONS


def test_a_rules_file_without_the_section_has_the_built_in_reasons(tmp_path):
    path, _text = _rules_with(tmp_path, "")
    assert list(load_rules(path).day_close.reasons) == [r.code for r in DEFAULT_REASONS]


def test_plain_words_or_a_table(tmp_path):
    path, _text = _rules_with(tmp_path, SECTION + 'late = "申请人迟到"\n'
                                        'back = { label = "另日补签", continues = true }\n')
    reasons = load_rules(path).day_close.reasons
    assert (reasons["late"].label, reasons["late"].continues) == ("申请人迟到", False)
    assert reasons["back"].continues and not reasons["back"].needs_note


@pytest.mark.parametrize("entry, problem", [
    ('Bad-Code = "x"', "a code is lower-case"),
    ('empty = ""', "needs the words to print"),
    ('flag = { label = "x", continues = "yes" }', "continues must be true or false"),
    ('typo = { label = "x", contnues = true }', "unknown key 'contnues'"),
    ('which_kind = { label = "x", kinds = ["unsent", "drafts"] }', "unknown kind 'drafts'"),
    ('empty_kinds = { label = "x", kinds = [] }', "kinds must be a list"),
    ('text_kinds = { label = "x", kinds = "unsent" }', "kinds must be a list"),
])
def test_a_wrong_reason_is_refused_with_its_line(tmp_path, entry, problem):
    path, text = _rules_with(tmp_path, SECTION + 'fine = "好"\n' + entry + "\n")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert problem in message and f"line {_line(text, entry.split(' ')[0])}" in message


def test_a_reason_for_some_kinds_only(tmp_path):
    path, _text = _rules_with(tmp_path, SECTION + 'offline = { label = "断网", kinds = '
                                        '["unsent", "refused"] }\nother = "其他"\n')
    reasons = load_rules(path).day_close.reasons
    assert reasons["offline"].kinds == ("unsent", "refused")
    assert [k for k in ITEM_KINDS if reasons["offline"].fits(k)] == ["unsent", "refused"]
    assert reasons["other"].kinds == ()


def test_an_empty_section_is_refused(tmp_path):
    path, _text = _rules_with(tmp_path, SECTION)
    with pytest.raises(RulesError, match="at least one reason"):
        load_rules(path)
