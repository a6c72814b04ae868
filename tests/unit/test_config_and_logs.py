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


def test_a_database_error_with_an_id_number_and_a_name_leaves_neither_in_the_log(tmp_path):
    """The log file itself, after a real SQLite error on a row holding a child's ID
    number and name, and an exception whose text carries a phone and a card number."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from counter_app.logs import setup_logging
    from counter_app.store.db import make_sqlite_engine

    root = logging.getLogger()
    kept = root.handlers[:]
    root.handlers = []
    try:
        setup_logging(tmp_path / "logs")
        engine = make_sqlite_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
        child, name = "110105201605045070", "张诗琪"
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE people (id_number TEXT UNIQUE, name TEXT)"))
            connection.execute(text("INSERT INTO people VALUES (:i, :n)"), {"i": child, "n": name})
        log = logging.getLogger("counter_app.test")
        try:
            with engine.begin() as connection:
                connection.execute(text("INSERT INTO people VALUES (:i, :n)"),
                                   {"i": child, "n": name})
        except IntegrityError:
            log.exception("saving the applicant failed")
        try:
            raise ValueError(f"card B23456789 of {child}, phone 13800138000")
        except ValueError:
            log.exception("a check failed")
        for handler in root.handlers:
            handler.flush()
        engine.dispose()
        written = (tmp_path / "logs" / "counter.log").read_text(encoding="utf-8")
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers = kept
    assert "IntegrityError" in written and "Traceback" in written  # the error is there...
    for personal in (child, name, "13800138000", "B23456789"):
        assert personal not in written  # ...nothing personal
    assert "110105********5070" in written and "138****8000" in written
