"""The command line's tests: a counter the environment points at, as a script's would."""

import pytest


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The command line in English, the source language its tests read; Chinese, the
    default, is test_language.py's."""
    monkeypatch.setenv("COUNTER_LANGUAGE", "en")


@pytest.fixture
def counter_env(settings, monkeypatch):
    """The test's counter (its data, configuration and key) as the environment names it."""
    monkeypatch.setenv("COUNTER_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(settings.config_dir))
    monkeypatch.setenv("COUNTER_KEY_FILE", settings.key_file)
    return settings
