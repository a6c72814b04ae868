"""settings.toml written with tomlkit (comments and types kept), and refused in words
(file, line) when broken: counter_app/config.py."""

import stat

import pytest

from counter_app.config import load_settings, save_setting
from counter_app.domain.errors import ConfigFileError

WRITTEN_BY_STAFF = '''# settings of counter 3, changed by the office
language = "en"          # staff read English here
device_name = "counter-3"

[camera]                 # a table the program does not know: kept as it is
index = 2
'''


@pytest.fixture
def env(tmp_path):
    return {"COUNTER_DATA_DIR": str(tmp_path / "d"), "COUNTER_CONFIG_DIR": str(tmp_path / "c")}


def test_save_setting_keeps_comments_other_keys_and_types(env, tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "settings.toml").write_text(WRITTEN_BY_STAFF, encoding="utf-8")
    settings = load_settings(env)
    save_setting(settings, "language", "zh_CN")
    save_setting(settings, "id_card_reader", "simulated")
    save_setting(settings, "sync_interval_s", 30)
    save_setting(settings, "font_paths", ("/fonts/a.ttf", "/fonts/b.ttc"))
    save_setting(settings, "camera_device", 1)
    text = settings.config_file.read_text(encoding="utf-8")
    assert "# settings of counter 3, changed by the office" in text
    assert "# a table the program does not know" in text and "index = 2" in text
    assert 'language = "zh_CN"' in text and "sync_interval_s = 30" in text
    assert 'font_paths = ["/fonts/a.ttf", "/fonts/b.ttc"]' in text
    assert stat.S_IMODE(settings.config_file.stat().st_mode) == 0o600
    assert [p.name for p in settings.config_dir.iterdir()] == ["settings.toml"]  # no temporary
    reloaded = load_settings(env)  # a later start works
    assert (reloaded.language, reloaded.device_name, reloaded.id_card_reader) == (
        "zh_CN", "counter-3", "simulated")
    assert reloaded.sync_interval_s == 30 and reloaded.font_paths == ("/fonts/a.ttf",
                                                                       "/fonts/b.ttc")
    assert reloaded.extra["camera_device"] == 1


def test_booleans_are_written_as_toml_booleans(env):
    settings = load_settings(env)
    save_setting(settings, "some_switch", True)
    assert "some_switch = true" in settings.config_file.read_text(encoding="utf-8")
    load_settings(env)


@pytest.mark.parametrize("text, line", [
    ("language = True\n", 1),                        # what the old hand-written TOML made
    ('language = "en"\ncamera = {index = 2\n', 2),
    ('[table\n', 1),
])
def test_a_broken_settings_file_names_the_file_and_line(env, tmp_path, text, line):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "settings.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigFileError) as caught:
        load_settings(env)
    assert "settings.toml" in str(caught.value) and f"line {line}" in str(caught.value)
    with pytest.raises(ConfigFileError, match=f"line {line}"):  # nor is it overwritten
        save_setting(load_settings(env, read_file=False), "language", "en")
    assert (tmp_path / "c" / "settings.toml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("text, key", [
    ('sync_interval_s = "often"\n', "sync_interval_s"),
    ("sync_interval_s = -5\n", "sync_interval_s"),
    ("language = 7\n", "language"),
    ('font_paths = "a.ttf"\n', "font_paths"),
])
def test_a_setting_of_the_wrong_kind_is_named(env, tmp_path, text, key):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "settings.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigFileError, match=f"settings.toml is not valid: {key}"):
        load_settings(env)


def test_a_settings_file_not_in_utf8_is_refused_in_words(env, tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "settings.toml").write_bytes('language = "中文"\n'.encode("gb18030"))
    with pytest.raises(ConfigFileError, match="settings.toml is not valid: not UTF-8"):
        load_settings(env)
