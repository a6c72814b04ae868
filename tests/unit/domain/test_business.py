import pytest

from counter_app.domain.business import BusinessType, RulesError, load_rules


def test_default_rules_cover_every_business_type():
    rules = load_rules()
    assert set(rules.labels) == set(BusinessType)
    assert rules.minor_age == 16


def test_a_child_needs_household_register_and_birth_certificate_not_an_id_card():
    codes = {m.code for m in load_rules().materials_for(BusinessType.NEWBORN, is_minor=True)}
    assert {"household_register", "birth_certificate", "guardian_id_card"} <= codes
    assert "id_card" not in codes
    adult = {m.code for m in load_rules().materials_for(BusinessType.LATER, is_minor=False)}
    assert "id_card" in adult and "household_register" not in adult


def test_a_broken_rules_file_names_the_file(tmp_path):
    path = tmp_path / "city.toml"
    path.write_text('city = "x"\n[materials]\n[business.newborn]\nlabel = "n"\n'
                    'required = ["no_such_material"]\n', encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    assert "city.toml" in str(caught.value)
    assert "no_such_material" in str(caught.value)
