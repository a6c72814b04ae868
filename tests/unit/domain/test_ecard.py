"""The electronic social security card (issue 16): whether it can be claimed on a card,
over every status of the lifecycle and every kind of the invalid list, and the city's
channels as data (resources/ecard/*.toml), refused in words when wrong."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from counter_app.domain import ecard
from counter_app.domain.business import load_rules
from counter_app.domain.cards import EntryState, InvalidKind, Listing, new_listing, settle
from counter_app.domain.ecard import (ChannelKind, EcardConfigError, EcardReason,
                                      ecard_eligibility, load_ecard_guide, report_note)
from counter_app.domain.errors import ConfigFileError
from counter_app.domain.lifecycle import Status

NOW = dt.datetime(2026, 12, 1, 9, 30)
TODAY = NOW.date()
CITY_B = load_rules(Path(__file__).parents[2] / "data" / "city_b.toml").cards
DEFAULT_FILE = ecard.ECARD_DIR / "default.toml"


def listed(kind: InvalidKind, state: EntryState = EntryState.ACTIVE) -> Listing:
    return Listing(kind, NOW - dt.timedelta(days=1), state=state)


# --- the card's status ---------------------------------------------------------------------

PENDING = [s for s in Status if s not in (Status.ACTIVATED, Status.COLLECTED,
                                          Status.REJECTED, Status.WITHDRAWN)]


def test_an_activated_valid_card_not_listed_allows_the_ecard():
    answer = ecard_eligibility(Status.ACTIVATED, [], today=TODAY)
    assert answer.claimable and answer.reason is EcardReason.CLAIMABLE
    assert answer.message.template == ecard.MSG_CLAIMABLE
    assert "family-member" in str(answer.message)


def test_a_collected_card_must_be_activated_first():
    answer = ecard_eligibility(Status.COLLECTED)
    assert not answer.claimable and answer.reason is EcardReason.NOT_ACTIVATED
    assert "Activate the card first" in str(answer.message)


@pytest.mark.parametrize("status", PENDING)
def test_a_card_not_yet_in_the_holders_hands_is_named_with_its_status(status):
    answer = ecard_eligibility(status.value)
    assert answer.reason is EcardReason.CARD_PENDING and not answer.claimable
    assert answer.message.params == {"status": status.value}
    assert "Collect and activate the card first" in str(answer.message)


@pytest.mark.parametrize("status", [None, "", Status.REJECTED, Status.WITHDRAWN])
def test_without_a_card_the_applicant_is_told_to_apply_first(status):
    answer = ecard_eligibility(status)
    assert answer.reason is EcardReason.NO_CARD and not answer.claimable
    assert "Apply for the card first" in str(answer.message)


def test_every_status_has_an_answer():
    reasons = {status: ecard_eligibility(status).reason for status in Status}
    assert [s for s, r in reasons.items() if r is EcardReason.CLAIMABLE] == [Status.ACTIVATED]


def test_a_card_past_its_validity_is_expired_even_before_the_list_says_so():
    issued = dt.date(2016, 12, 1)
    assert ecard_eligibility(Status.ACTIVATED, issued_on=issued,
                             today=dt.date(2026, 11, 30)).claimable
    answer = ecard_eligibility(Status.ACTIVATED, issued_on=issued, today=dt.date(2026, 12, 1))
    assert (answer.reason, answer.kind) == (EcardReason.NOT_VALID, "expiry")
    assert answer.message.params == {"kind": "expiry"}
    assert ecard_eligibility(Status.ACTIVATED, issued_on=issued, today=dt.date(2026, 12, 1),
                             validity_years=20).claimable  # a city's own validity


# --- the invalid list ------------------------------------------------------------------------

@pytest.mark.parametrize("kind, reason, template", [
    (InvalidKind.TEMPORARY_LOSS, EcardReason.SUSPENDED, ecard.MSG_SUSPENDED_TEMPORARY),
    (InvalidKind.FORMAL_LOSS, EcardReason.SUSPENDED, ecard.MSG_SUSPENDED_FORMAL),
    (InvalidKind.CANCELLATION, EcardReason.CANCELLED, ecard.MSG_CANCELLED),
    (InvalidKind.DAMAGE, EcardReason.NOT_VALID, ecard.MSG_NOT_VALID),
    (InvalidKind.EXPIRY, EcardReason.NOT_VALID, ecard.MSG_NOT_VALID),
    (InvalidKind.REPLACED, EcardReason.NOT_VALID, ecard.MSG_NOT_VALID),
])
def test_an_entry_in_force_stops_the_ecard_whatever_the_status(kind, reason, template):
    for status in (Status.ACTIVATED, Status.COLLECTED, None):
        answer = ecard_eligibility(status, [listed(kind)], today=TODAY)
        assert (answer.reason, answer.kind, answer.message.template) == (
            reason, kind.value, template)
        assert not answer.claimable
    assert len(ecard.EcardReason) == 8  # a new reason needs a row here


def test_every_invalid_kind_is_decided():
    assert {kind: ecard_eligibility(Status.ACTIVATED, [listed(kind)]).reason
            for kind in InvalidKind} == {
        InvalidKind.TEMPORARY_LOSS: EcardReason.SUSPENDED,
        InvalidKind.FORMAL_LOSS: EcardReason.SUSPENDED,
        InvalidKind.DAMAGE: EcardReason.NOT_VALID,
        InvalidKind.EXPIRY: EcardReason.NOT_VALID,
        InvalidKind.CANCELLATION: EcardReason.CANCELLED,
        InvalidKind.REPLACED: EcardReason.NOT_VALID}


def test_the_suspension_says_the_ecard_goes_with_the_card_and_what_to_do():
    temporary = ecard_eligibility(Status.ACTIVATED, [listed(InvalidKind.TEMPORARY_LOSS)])
    assert "suspended with the card" in str(temporary.message)
    assert "undo the report" in str(temporary.message)
    formal = ecard_eligibility(Status.ACTIVATED, [listed(InvalidKind.TEMPORARY_LOSS),
                                                  listed(InvalidKind.FORMAL_LOSS)])
    assert formal.message.template == ecard.MSG_SUSPENDED_FORMAL  # made formal: replace it
    assert "replacement" in str(formal.message)


def test_a_released_report_no_longer_counts():
    found = listed(InvalidKind.TEMPORARY_LOSS, EntryState.RELEASED)
    assert ecard_eligibility(Status.ACTIVATED, [found]).claimable


def test_a_temporary_report_run_out_where_that_cancels_the_card_cancels_the_ecard():
    listing, _level = new_listing(InvalidKind.TEMPORARY_LOSS, NOW, CITY_B)
    before = settle(listing, NOW + dt.timedelta(days=14), CITY_B)
    assert ecard_eligibility(Status.ACTIVATED, [before]).reason is EcardReason.SUSPENDED
    after = settle(listing, NOW + dt.timedelta(days=15), CITY_B)
    assert after.state is EntryState.CANCELLED
    assert ecard_eligibility(Status.ACTIVATED, [after]).reason is EcardReason.CANCELLED


class _Feed:  # a view of an entry as a newer central version may send it
    def __init__(self, kind: str, state: str) -> None:
        self.kind, self.state = kind, state


def test_an_unknown_kind_in_force_is_not_taken_for_a_valid_card():
    answer = ecard_eligibility(Status.ACTIVATED, [_Feed("stolen", "active")])
    assert (answer.reason, answer.message.params) == (EcardReason.NOT_VALID, {"kind": "stolen"})
    assert ecard_eligibility(Status.ACTIVATED, [_Feed("stolen", "released")]).claimable


def test_a_card_only_the_invalid_list_knows_cannot_be_told():
    answer = ecard_eligibility(None, [listed(InvalidKind.TEMPORARY_LOSS, EntryState.RELEASED)])
    assert answer.reason is EcardReason.UNKNOWN and not answer.claimable


@pytest.mark.parametrize("kind, words", [
    (InvalidKind.TEMPORARY_LOSS, "suspended with the card"),
    (InvalidKind.FORMAL_LOSS, "suspended with the card"),
    (InvalidKind.DAMAGE, "suspended with the damaged card"),
    (InvalidKind.CANCELLATION, "cancelled with the card"),
    ("cancellation", "cancelled with the card"),
    (None, "works again"),
])
def test_a_report_says_what_becomes_of_the_ecard(kind, words):
    assert words in str(report_note(kind))


def test_the_templates_hold_no_personal_data_placeholders():
    templates = [value for name, value in vars(ecard).items() if name.startswith("MSG_")]
    assert len(templates) >= 15
    for template in templates:
        assert not {"name", "id_number", "card_number"} & set(
            part.split("}")[0] for part in template.split("{")[1:])


# --- the city's channels ------------------------------------------------------------------

def test_the_default_city_names_its_channels_the_family_route_and_the_lost_card():
    guide = load_ecard_guide("默认城市")
    assert [c.kind for c in guide.channels] == [ChannelKind.NATIONAL, ChannelKind.CITY,
                                                ChannelKind.BANK]
    assert "掌上12333" in guide.channels[0].name
    assert guide.channels[2].banks == ("中国工商银行", "中国农业银行", "中国银行", "中国建设银行")
    steps = " ".join(guide.steps.items)  # seed 003's steps
    assert "电子社保卡" in steps and "添加社保卡" in steps and "身份证号码" in steps
    assert "亲情服务" in guide.family.title
    assert any("孩子的姓名和身份证号码" in item for item in guide.family.items)
    assert any("暂停使用" in item for item in guide.lost_card.items)
    assert any("重新申领" in item for item in guide.lost_card.items)
    assert guide.page_url.startswith("https://")


def _city_dir(tmp_path: Path, text: str, name: str = "city_b.toml") -> Path:
    folder = tmp_path / "ecard"
    folder.mkdir(exist_ok=True)
    shutil.copy(DEFAULT_FILE, folder / "default.toml")
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _city_b() -> str:
    return DEFAULT_FILE.read_text(encoding="utf-8").replace('city = "默认城市"',
                                                            'city = "第二城市（测试）"')


def test_a_city_file_is_chosen_by_the_rules_city_else_the_default(tmp_path):
    text = _city_b().replace("https://si.12333.gov.cn/", "https://rsj.example.gov.cn/ecard")
    folder = _city_dir(tmp_path, text)
    assert load_ecard_guide("第二城市（测试）", folder).page_url == (
        "https://rsj.example.gov.cn/ecard")
    assert load_ecard_guide("第三城市", folder).city == "默认城市"
    assert load_ecard_guide("", folder).city == "默认城市"


@pytest.mark.parametrize("old, new, words, line_has", [
    ('url = "https://si.12333.gov.cn/"', 'url = "si.12333.gov.cn"', "web address", "url ="),
    ('url = "https://si.12333.gov.cn/"', '', "[page] url is missing", "[page]"),
    ('kind = "bank"', 'kind = "post office"', "kind must be one of national, city, bank",
     '"post office"'),
    ('title = "申领步骤"', 'title = "申领步骤"\ncolour = "red"', "unknown key 'colour'",
     "colour ="),
    ('banks = [', 'banks = ["", ', "banks must be a list of texts", "banks ="),
    ('[lost_card]', '[lost_cards]', "unknown key 'lost_cards'", "[lost_cards]"),
    ('name = "银行App"', 'name = 3', "name must be a text", None),
])
def test_a_wrong_city_file_is_refused_naming_the_file_key_and_line(tmp_path, old, new, words,
                                                                   line_has):
    text = _city_b().replace(old, new, 1)
    with pytest.raises(EcardConfigError) as raised:
        load_ecard_guide("第二城市（测试）", _city_dir(tmp_path, text))
    error = raised.value
    assert isinstance(error, ConfigFileError)  # the window and the CLI say it in words
    assert error.params["file"] == "city_b.toml"
    problem = str(error.params["problem"])
    assert words in problem
    if line_has:  # the line named is the wrong one's
        line = int(problem.split(":")[0].removeprefix("line "))
        assert line_has in text.splitlines()[line - 1]


def test_a_family_route_without_steps_is_refused(tmp_path):
    text = _city_b()
    start = text.index("[family]")
    text = text[:start] + '[family]\ntitle = "为孩子申领"\nitems = []\n\n' + text[
        text.index("[lost_card]"):]
    with pytest.raises(EcardConfigError, match="items must be a list of texts"):
        load_ecard_guide("第二城市（测试）", _city_dir(tmp_path, text))


def test_a_broken_file_is_refused_with_its_line(tmp_path):
    folder = _city_dir(tmp_path, 'city = "默认城市"\n[page\n', "default.toml")
    with pytest.raises(EcardConfigError, match=r"default.toml is not valid: .*line 2"):
        load_ecard_guide("", folder)
