import datetime as dt
from pathlib import Path

import pytest

from counter_app.domain.business import (BusinessType, Presenter, RulesError, Step, load_rules,
                                         missing_materials)
from counter_app.domain.idnumber import make_check_char, parse_resident_id

CITY_B = Path(__file__).resolve().parents[2] / "data" / "city_b.toml"
DEFAULT = load_rules()


def codes(materials):
    return {m.code for m in materials}


def test_default_rules_cover_every_business_type_and_presenter():
    assert set(DEFAULT.labels) == set(BusinessType)
    assert set(DEFAULT.presenters) == set(Presenter)
    assert DEFAULT.minor_age == 16 and "missing_material" in DEFAULT.rejection_reasons


@pytest.mark.parametrize("business", list(BusinessType))
def test_every_business_type_asks_a_child_for_the_register_and_an_adult_for_the_id_card(business):
    child = codes(DEFAULT.materials_for(business, is_minor=True))
    adult = codes(DEFAULT.materials_for(business, is_minor=False))
    assert "household_register" in child and "id_card" not in child
    assert "guardian_id_card" in child and "guardian_id_card" not in adult
    assert "household_register" not in adult


def test_the_sixteenth_birthday_is_the_boundary():
    first17 = "11010520100315001"
    resident = parse_resident_id(first17 + make_check_char(first17))
    day_before, birthday = dt.date(2026, 3, 14), dt.date(2026, 3, 15)
    assert resident.age_on(day_before) < DEFAULT.minor_age <= resident.age_on(birthday)


def test_birth_certificate_for_a_later_application_only_when_not_on_the_same_register():
    same = codes(DEFAULT.materials_for(BusinessType.LATER, True, same_register=True))
    other = codes(DEFAULT.materials_for(BusinessType.LATER, True, same_register=False))
    assert "birth_certificate" not in same and "birth_certificate" in other
    # a newborn always brings it
    assert "birth_certificate" in codes(DEFAULT.materials_for(BusinessType.NEWBORN, True))


def test_an_agent_brings_their_id_and_one_proof_of_authority():
    checklist = DEFAULT.materials_for(BusinessType.LATER, False, presenter=Presenter.AGENT)
    assert {"agent_id_card", "power_of_attorney", "relationship_proof"} <= codes(checklist)
    base = {m.code for m in checklist if m.required}
    assert missing_materials(checklist, base) == ["授权委托书 / 关系证明"]
    assert missing_materials(checklist, base | {"relationship_proof"}) == []
    assert "commitment_letter" not in codes(checklist)  # this city accepts no commitment letter


def test_guardian_presents_only_for_minors():
    assert Presenter.GUARDIAN in DEFAULT.presenters_for(is_minor=True)
    assert Presenter.GUARDIAN not in DEFAULT.presenters_for(is_minor=False)


def test_steps_per_business_type():
    assert DEFAULT.steps_for(BusinessType.NEWBORN, age=0) == tuple(Step)
    assert DEFAULT.steps_for(BusinessType.ACTIVATION, age=0) == (Step.EXAMINATION, Step.SUBMIT)


def test_a_second_city_is_configured_not_coded():
    city_b = load_rules(CITY_B)
    assert city_b.labels[BusinessType.NEWBORN] == "新生儿首次参保申领社保卡"
    assert Step.PHOTO not in city_b.steps_for(BusinessType.NEWBORN, age=6)
    assert Step.PHOTO in city_b.steps_for(BusinessType.NEWBORN, age=7)
    assert Step.PHOTO in DEFAULT.steps_for(BusinessType.NEWBORN, age=0)
    agent = city_b.materials_for(BusinessType.LATER, False, presenter=Presenter.AGENT)
    assert "commitment_letter" in codes(agent)
    newborn_by_agent = city_b.materials_for(BusinessType.NEWBORN, True, presenter=Presenter.AGENT)
    assert "guardian_id_card" in {m.code for m in newborn_by_agent if m.required}


@pytest.mark.parametrize("old, new, words", [
    ('required = ["id_card", "household_register", "old_card"]',
     'required = ["id_card", "household_register", "no_such_material"]', "no_such_material"),
    ('label = "领卡"\nsteps = ["examination", "submit"]',
     'label = "领卡"\nsteps = ["examination", "teleport"]', "teleport"),
    ('label = "换卡"', 'label = 换卡', "Invalid"),
])
def test_a_broken_rules_file_names_the_file_and_line(tmp_path, old, new, words):
    text = CITY_B.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    bad_line = text.splitlines().index(new.splitlines()[-1]) + 1
    assert "city.toml" in message and words in message and f"line {bad_line}" in message


# --- business types' ages -----------------------------------------------------------------

DEFAULT_FILE = Path(__file__).resolve().parents[3] / "resources" / "rules" / "default.toml"
NEWBORN_LIMITS = "max_age_days = 90\ninstead = \"later\"\n"


def _default_with(tmp_path, old: str, new: str) -> tuple[Path, str]:
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "city.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, text.replace(old, new)


def test_the_default_newborn_type_is_for_the_first_90_days_else_a_later_application():
    today = dt.date(2026, 12, 7)
    limits = DEFAULT.businesses[BusinessType.NEWBORN].ages
    assert (limits.max_age_days, limits.instead) == (90, BusinessType.LATER)
    assert DEFAULT.age_refusal(BusinessType.NEWBORN, dt.date(2026, 9, 8), today) is None
    template, params = DEFAULT.age_refusal(BusinessType.NEWBORN, dt.date(2026, 9, 7), today)
    assert params == {"days": 90, "business": "新生儿参保申领",
                      "instead": "补办申领（服务网点/银行网点）"}
    for business in set(BusinessType) - {BusinessType.NEWBORN}:  # no limits by default
        assert DEFAULT.age_refusal(business, dt.date(1930, 1, 1), today) is None
        assert DEFAULT.age_refusal(business, today, today) is None


def test_limits_in_years_count_whole_years(tmp_path):
    path, _ = _default_with(tmp_path, 'label = "换卡"\n',
                            'label = "换卡"\nmin_age = 16\nmax_age = 70\ninstead = "later"\n')
    rules = load_rules(path)
    today = dt.date(2026, 12, 7)
    assert rules.age_refusal(BusinessType.RENEWAL, dt.date(2010, 12, 7), today) is None  # 16
    young = rules.age_refusal(BusinessType.RENEWAL, dt.date(2010, 12, 8), today)
    assert young[1] == {"age": 16, "business": "换卡", "instead": "补办申领（服务网点/银行网点）"}
    assert "from {age} years old" in young[0]
    assert rules.age_refusal(BusinessType.RENEWAL, dt.date(1955, 12, 8), today) is None  # 70
    old = rules.age_refusal(BusinessType.RENEWAL, dt.date(1955, 12, 7), today)  # 71 today
    assert old[1]["age"] == 70 and "up to {age} years old" in old[0]


@pytest.mark.parametrize("new, words", [
    ("max_age_days = 0\ninstead = \"later\"\n", "max_age_days must be a whole number from 1"),
    ("max_age_days = 1097\ninstead = \"later\"\n", "a whole number from 1 to 1096"),
    ("max_age_days = -90\ninstead = \"later\"\n", "max_age_days must be a whole number"),
    ("max_age_days = \"90\"\ninstead = \"later\"\n", "max_age_days must be a whole number"),
    ("max_age_days = 90.5\ninstead = \"later\"\n", "max_age_days must be a whole number"),
    ("max_age = 151\ninstead = \"later\"\n", "max_age must be a whole number from 0 to 150"),
    ("min_age = 10\nmax_age = 5\ninstead = \"later\"\n", "min_age is above max_age"),
    ("max_age_days = 90\n", "needs `instead`"),
    ("max_age_days = 90\ninstead = \"first\"\n", "unknown business type 'first'"),
    ("max_age_days = 90\ninstead = \"newborn\"\n", "naming itself"),
    ("instead = \"later\"\n", "without age limits"),
    ("max_age_days = 90\ninstead = \"activation\"\n", "makes a card application"),
])
def test_age_limits_out_of_range_or_incomplete_are_refused_when_loading(tmp_path, new, words):
    path, text = _default_with(tmp_path, NEWBORN_LIMITS, new)
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert "city.toml" in message and words in message
    if "must be a whole number" in words:
        key = new.split(" =")[0]
        line = next(n for n, text_line in enumerate(text.splitlines(), 1)
                    if text_line.startswith(f"{key} ="))
        assert f"line {line}" in message
