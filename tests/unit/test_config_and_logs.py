import logging

from counter_app.config import load_settings, save_setting
from counter_app.logs import MaskIdNumbers


def test_xdg_variables_move_data_and_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xd"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xc"))
    monkeypatch.delenv("COUNTER_DATA_DIR", raising=False)
    monkeypatch.delenv("COUNTER_CONFIG_DIR", raising=False)
    settings = load_settings()
    assert settings.data_dir == tmp_path / "xd" / "counter-app"
    assert settings.config_dir == tmp_path / "xc" / "counter-app"
    assert settings.local_db_url.endswith("xd/counter-app/counter.sqlite3")


def test_settings_file_and_environment(tmp_path):
    env = {"COUNTER_DATA_DIR": str(tmp_path / "d"), "COUNTER_CONFIG_DIR": str(tmp_path / "c")}
    settings = load_settings(env)
    assert settings.language == "zh_CN" and settings.central_url == ""  # the built-in central
    save_setting(settings, "language", "en")
    save_setting(settings, "central_url", 'postgresql://u@h/db?x="1"')
    reloaded = load_settings(env)
    assert reloaded.language == "en" and reloaded.central_url == 'postgresql://u@h/db?x="1"'
    assert load_settings({**env, "COUNTER_LANGUAGE": "zh_CN"}).language == "zh_CN"


def test_log_lines_never_hold_a_full_id_number():
    record = logging.LogRecord("x", logging.INFO, __file__, 1,
                               "applicant %s at %s", ("11010519491231002X", "SC001"), None)
    MaskIdNumbers().filter(record)
    assert record.getMessage() == "applicant 110105********002X at SC001"
