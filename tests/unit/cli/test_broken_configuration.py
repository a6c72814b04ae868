"""A broken settings, credentials or rules file, or a missing enrolment code file: a message
naming the file on stderr and exit code 2, never a traceback (counter_app/cli/main.py)."""

from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain import business

RULES = Path(__file__).parents[3] / "resources" / "rules" / "default.toml"
ID_NUMBER = "11010519491231002X"

@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("COUNTER_CENTRAL_URL", "postgresql://not-configured@127.0.0.1:1/none")

def test_a_broken_settings_file_stops_even_id_check(tmp_path, capsys):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text(
        '# the office\nlanguage = "en"\nid_card_reader = True\n', encoding="utf-8")
    assert main(["id", "check", ID_NUMBER]) == 2
    captured = capsys.readouterr()
    assert "settings.toml" in captured.err and "line 3" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""

def test_a_setting_the_program_wrote_does_not_break_the_next_start(tmp_path, capsys):
    assert main(["demo"]) == 0  # writes id_card_reader = "simulated" to settings.toml
    assert 'id_card_reader = "simulated"' in (tmp_path / "config" / "settings.toml").read_text()
    assert main(["id", "check", ID_NUMBER]) == 0

@pytest.mark.parametrize("content", ['{"url": "postgresql://dev:secret@central/db",\n',
                                     "[1, 2]", '{"url": "x"}'])
def test_broken_credentials_stop_sync_with_the_file_named(tmp_path, capsys, content):
    protected = tmp_path / "data" / "protected"
    protected.mkdir(parents=True)
    (protected / "central-credentials.json").write_text(content, encoding="utf-8")
    assert main(["sync", "once"]) == 2
    err = capsys.readouterr().err
    assert "central-credentials.json" in err and "Traceback" not in err
    assert "secret" not in err  # the content is never quoted
    if content.endswith("\n"):
        assert "line 2" in err

@pytest.mark.parametrize("value", ["-1", '"sixteen"', "1e999", "nan", "151"])
def test_rules_out_of_range_stop_with_the_key_and_line(tmp_path, monkeypatch, capsys, value):
    text = RULES.read_text(encoding="utf-8")
    assert text.count("\nminor_age = 16\n") == 1
    text = text.replace("\nminor_age = 16\n", f"\nminor_age = {value}\n")
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "default.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(business, "RULES_DIR", rules_dir)
    assert main(["demo", "--applications", "1"]) == 2  # the checklist needs the rules
    err = capsys.readouterr().err
    line = text.splitlines().index(f"minor_age = {value}") + 1
    assert "default.toml" in err and "minor_age" in err and f"line {line}" in err
    assert "Traceback" not in err

@pytest.mark.parametrize("name", ["nonexistent", "a-folder"])
def test_enrol_from_a_missing_file_says_so(tmp_path, capsys, name):
    (tmp_path / "a-folder").mkdir()
    assert main(["enrol", f"@{tmp_path / name}"]) == 2
    err = capsys.readouterr().err
    assert name in err and "Traceback" not in err

def test_enrol_from_a_fifo_does_not_wait(tmp_path, capsys):
    import os
    os.mkfifo(tmp_path / "code")
    assert main(["enrol", f"@{tmp_path / 'code'}"]) == 2
    assert "not an ordinary file" in capsys.readouterr().err


def test_the_enrolment_code_file_is_still_read(tmp_path, capsys):
    (tmp_path / "code.txt").write_text("not a code\n", encoding="utf-8")
    assert main(["enrol", f"@{tmp_path / 'code.txt'}"]) == 1  # read, then refused as a code
    assert "not a valid enrolment code" in capsys.readouterr().err


def test_the_window_shows_a_broken_settings_file_instead_of_starting(tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("COUNTER_LANGUAGE", "en")
    from counter_app.qt import dialogs
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: shown.append(message))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text("language = \n", encoding="utf-8")
    assert main(["gui"]) == 2
    assert len(shown) == 1 and "settings.toml" in shown[0] and "line 1" in shown[0]
