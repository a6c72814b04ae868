"""The `[operators]` section of a rules file (issue 13): the lockout's wrong passwords and
minutes, range-checked like every number there; and the site's idle-lock minutes in
settings.toml."""

from pathlib import Path

import pytest

from counter_app.config import load_settings
from counter_app.domain.business import RulesError, load_rules
from counter_app.domain.errors import ConfigFileError

DEFAULT = Path(__file__).parents[3] / "resources" / "rules" / "default.toml"


def rules_with(tmp_path, section: str):
    path = tmp_path / "city.toml"
    text = DEFAULT.read_text(encoding="utf-8").split("\n[operators]")[0]
    path.write_text(text + "\n" + section, encoding="utf-8")
    return load_rules(path)


def test_the_defaults_are_five_wrong_passwords_and_fifteen_minutes(tmp_path):
    assert (load_rules(DEFAULT).operators.failed_logins_limit,
            load_rules(DEFAULT).operators.lockout_minutes) == (5, 15)
    assert rules_with(tmp_path, "").operators.failed_logins_limit == 5  # section optional
    city = rules_with(tmp_path, "[operators]\nfailed_logins_limit = 3\nlockout_minutes = 60\n")
    assert (city.operators.failed_logins_limit, city.operators.lockout_minutes) == (3, 60)


@pytest.mark.parametrize("line, message", [
    ("failed_logins_limit = 0", "failed_logins_limit must be a whole number from 1 to 100"),
    ("failed_logins_limit = 101", "failed_logins_limit must be a whole number from 1 to 100"),
    ('failed_logins_limit = "5"', "failed_logins_limit must be a whole number"),
    ("lockout_minutes = 0", "lockout_minutes must be a whole number from 1 to 1440"),
    ("lockout_minutes = 1441", "lockout_minutes must be a whole number from 1 to 1440"),
    ("lockout_minutes = 15.5", "lockout_minutes must be a whole number"),
    ("lockout_minutes = true", "lockout_minutes must be a whole number"),
])
def test_out_of_range_values_are_refused_with_the_line(tmp_path, line, message):
    with pytest.raises(RulesError) as caught:
        rules_with(tmp_path, f"[operators]\n{line}\n")
    text = str(caught.value)
    assert message in text and "city.toml" in text and "line " in text


@pytest.mark.parametrize("value, good", [("1", True), ("240", True), ("0", False),
                                          ("241", False), ('"10"', False)])
def test_the_idle_lock_minutes_are_range_checked(tmp_path, value, good):
    (tmp_path / "settings.toml").write_text(f"idle_lock_minutes = {value}\n")
    env = {"COUNTER_DATA_DIR": str(tmp_path), "COUNTER_CONFIG_DIR": str(tmp_path)}
    if good:
        assert load_settings(env).idle_lock_minutes == int(value)
    else:
        with pytest.raises(ConfigFileError, match="idle_lock_minutes"):
            load_settings(env)
    assert load_settings({"COUNTER_CONFIG_DIR": str(tmp_path / "none")}).idle_lock_minutes == 10
