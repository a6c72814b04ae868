"""The rules' `[day_close.reasons]`: the reasons a supervisor leaves an open item with, a
flag for continuing on a later day, a flag wanting a note; a mistake named with its line."""

from pathlib import Path

import pytest

from counter_app.domain.business import RULES_DIR, RulesError, load_rules
from counter_app.domain.day_close import DEFAULT_REASONS

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
])
def test_a_wrong_reason_is_refused_with_its_line(tmp_path, entry, problem):
    path, text = _rules_with(tmp_path, SECTION + 'fine = "好"\n' + entry + "\n")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert problem in message and f"line {_line(text, entry.split(' ')[0])}" in message


def test_an_empty_section_is_refused(tmp_path):
    path, _text = _rules_with(tmp_path, SECTION)
    with pytest.raises(RulesError, match="at least one reason"):
        load_rules(path)
