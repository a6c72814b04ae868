"""Numbers in a rules file are range-checked: ages 0-150, day counts 0-366, validity years
1-100; text, true/false, fractions, inf and nan refused with the key and line named."""

from pathlib import Path

import pytest

from counter_app.domain.business import RulesError, load_rules
from counter_app.domain.errors import ConfigFileError

DEFAULT = Path(__file__).parents[3] / "resources" / "rules" / "default.toml"
CITY_B = Path(__file__).parents[2] / "data" / "city_b.toml"


def _rules_with(tmp_path, source: Path, old: str, new: str) -> tuple[Path, int]:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    return path, text.splitlines().index(next(
        line for line in text.splitlines() if line.startswith(new))) + 1


@pytest.mark.parametrize("key, value", [
    ("minor_age", "-1"), ("minor_age", '"sixteen"'), ("minor_age", "1e999"),
    ("minor_age", "nan"), ("minor_age", "-inf"), ("minor_age", "16.5"), ("minor_age", "true"),
    ("minor_age", "151"), ("minor_age", "99999999999999999999"),
    ("photo_optional_under_age", "-7"), ("photo_optional_under_age", '"7"'),
])
def test_ages_out_of_range_are_refused(tmp_path, key, value):
    old = {"minor_age": "minor_age = 16", "photo_optional_under_age":
           "photo_optional_under_age = 7"}[key]
    path, line = _rules_with(tmp_path, CITY_B, old, f"{key} = {value}")
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert "city.toml" in message and f"line {line}" in message
    assert f"{key} must be a whole number from 0 to 150" in message
    assert isinstance(caught.value, ConfigFileError)  # exit 2 at the command line


@pytest.mark.parametrize("key, value, bounds", [
    ("promise_days", "-1", "0 to 366"), ("promise_days", "100000", "0 to 366"),
    ("due_soon_days", '"five"', "0 to 366"), ("temporary_loss_days", "nan", "0 to 366"),
    ("validity_years", "0", "1 to 100"), ("validity_years", "1e999", "1 to 100"),
])
def test_day_counts_and_years_out_of_range_are_refused(tmp_path, key, value, bounds):
    text = DEFAULT.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith(f"{key} = "))
    path, line = _rules_with(tmp_path, DEFAULT, old, f"{key} = {value}")
    with pytest.raises(RulesError, match=rf"line {line}: \[cards\]: {key} must be a whole "
                                         rf"number from {bounds}"):
        load_rules(path)


def test_the_edges_of_the_ranges_are_accepted(tmp_path):
    path, _ = _rules_with(tmp_path, CITY_B, "minor_age = 16", "minor_age = 0")
    assert load_rules(path).minor_age == 0
    text = path.read_text(encoding="utf-8").replace("temporary_loss_days = 15",
                                                     "temporary_loss_days = 0")
    path.write_text(text, encoding="utf-8")
    assert load_rules(path).cards.temporary_loss_days == 0


@pytest.mark.parametrize("old, new", [
    ("temporary_loss_days = 15", "temporary_loss_days = 15\nlevels = 3"),
    ('minors_only = true', 'minors_only = true\nwhen = 5'),
])
def test_a_value_of_the_wrong_kind_is_refused_not_a_traceback(tmp_path, old, new):
    text = CITY_B.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "city.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(RulesError, match="city.toml"):
        load_rules(path)
