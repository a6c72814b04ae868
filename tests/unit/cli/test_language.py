"""The command line answers in the configured language (issue 14): Chinese by default,
English with COUNTER_LANGUAGE=en (conftest.py's `english`, which the other tests of the
command line use); --json output is the same in both.

The Chinese of the command line's own words (context "cli": "invalid: …", "error: …",
the demo's and the batch report's lines, help texts) comes from the catalogue; the
errors' messages (context "messages") were translated before.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from counter_app.cli import main
from tests.batch_helpers import applicant_rows, write_csv

VALID = "11010519491231002X"
BAD_BIRTH_DATE = "11010519491331002X"
BIRTH_DATE_EN = "The birth date in the ID number (characters 7-14) is not a real date."
BIRTH_DATE_ZH = "身份证号码中的出生日期（第7至14位）不是有效日期。"
# Two English words in a row: words a person reads that were not translated
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,.:;]+[A-Za-z]{2,}")


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("COUNTER_CENTRAL_URL", "postgresql://not-configured@127.0.0.1:1/none")


@pytest.fixture
def chinese(monkeypatch):
    """No language set anywhere: the default."""
    monkeypatch.delenv("COUNTER_LANGUAGE")


def test_id_check_answers_in_chinese_by_default(chinese, capsys):
    assert main(["id", "check", BAD_BIRTH_DATE]) == 1
    assert capsys.readouterr().out == f"无效：{BIRTH_DATE_ZH}\n"
    assert main(["id", "check", VALID]) == 0
    assert capsys.readouterr().out == "有效：出生日期 1949-12-31，性别 女，地区 朝阳区\n"


def test_id_check_answers_in_english_when_asked(capsys):
    assert main(["id", "check", BAD_BIRTH_DATE]) == 1
    assert capsys.readouterr().out == f"invalid: {BIRTH_DATE_EN}\n"
    assert main(["id", "check", VALID]) == 0
    assert capsys.readouterr().out == "valid: born 1949-12-31, sex female, region 朝阳区\n"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_json_is_the_same_in_every_language(monkeypatch, capsys, language):
    monkeypatch.setenv("COUNTER_LANGUAGE", language)
    assert main(["id", "check", VALID, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "valid": True, "number": VALID, "birth_date": "1949-12-31", "sex": "F",
        "region": "朝阳区"}
    assert main(["id", "check", BAD_BIRTH_DATE, "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {"valid": False, "error": BIRTH_DATE_EN}


def test_an_error_reads_in_chinese_with_the_same_exit_code(chinese, capsys):
    assert main(["enrol", "CTR1.garbage"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "错误：这不是有效的注册码，请向管理员重新获取。\n"
    assert captured.out == ""
    assert main(["inquiry", "A12345678", "--offline"]) == 3  # no operator: nobody to ask
    assert capsys.readouterr().err.startswith("错误：此命令须以操作员身份运行")


def test_an_error_reads_in_english_when_asked(capsys):
    assert main(["enrol", "CTR1.garbage"]) == 1
    assert capsys.readouterr().err == ("error: This is not a valid enrolment code; copy it "
                                       "again from the administrator.\n")


def test_a_broken_settings_file_is_said_in_the_environments_language(chinese, tmp_path,
                                                                      capsys):
    """Its own language setting cannot be read: the environment's (else the default)."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text(
        'language = "en"\nid_card_reader = True\n', encoding="utf-8")
    assert main(["id", "check", VALID]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：文件 ") and "settings.toml 第 2 行" in err


def test_demo_answers_in_chinese(chinese, capsys):
    assert main(["demo", "--queue", "2"]) == 0
    out = capsys.readouterr().out
    assert "演示账号：用户名 demo  密码 demo1234" in out
    assert "今天的队列：2 份演示申请（录入中 1 份、已初审 1 份）。" in out
    assert "数据文件夹：" in out
    assert not ENGLISH_WORDS.findall(out)


def test_batch_check_reports_in_chinese(chinese, tmp_path, capsys):
    path = tmp_path / "rows.csv"
    rows, bad = applicant_rows(4, bad_every=2)
    write_csv(path, rows)
    assert main(["batch", "check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("（")[0] for line in lines[:-1]] == [f"第 {row} 行" for row in sorted(bad)]
    assert all(line.endswith("：身份证号码：身份证号码校验位不符，可能有数字录入错误。")
               for line in lines[:-1])
    assert "110105********" in lines[0]  # the row's ID number, masked
    assert lines[-1] == "2 行无误，2 行共有 2 处问题"
    assert not ENGLISH_WORDS.findall("\n".join(lines))
    assert main(["batch", "check", str(tmp_path / "missing.csv")]) == 2
    assert capsys.readouterr().err.startswith("错误：")


def test_help_texts_and_argument_errors_are_translated(chinese, capsys):
    """argparse's own words (usage:, options:, -h's help) stay English."""
    with pytest.raises(SystemExit) as exit_:
        main(["id", "check", "--help"])
    assert exit_.value.code == 0
    assert "输出机器可读格式（JSON）" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main(["central", "lookup-budget", "SC001", "-1", "--url", "postgresql://x"])
    assert exit_.value.code == 2
    assert "须为 0 或更大的数" in capsys.readouterr().err


def test_a_command_leaves_the_process_as_it_found_it(chinese, capsys):
    """The application made for the command is gone after it (a window's QApplication can
    still be made) and the translators with it: the next command, or test, starts afresh."""
    from PySide6.QtCore import QCoreApplication

    from counter_app.domain.idnumber import MSG_BIRTH

    before = QCoreApplication.instance(), QCoreApplication.translate("messages", MSG_BIRTH)
    assert main(["id", "check", BAD_BIRTH_DATE]) == 1
    assert BIRTH_DATE_ZH in capsys.readouterr().out
    assert (QCoreApplication.instance(), QCoreApplication.translate("messages", MSG_BIRTH)
            ) == before


def test_the_command_line_needs_no_display_and_no_gui_module(tmp_path):
    """QtCore alone, without a display: a server's or a script's command line."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "COUNTER_LANGUAGE")}
    env.update(COUNTER_DATA_DIR=str(tmp_path / "data"),
               COUNTER_CONFIG_DIR=str(tmp_path / "config"))
    program = ("import sys\n"
               "from counter_app.cli import main\n"
               "code = main(sys.argv[1:])\n"
               "print(sorted(name for name in sys.modules if name.startswith('PySide6.Qt')))\n"
               "sys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", program, "id", "check", BAD_BIRTH_DATE],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    said, loaded = done.stdout.splitlines()
    assert BIRTH_DATE_ZH in said and loaded == "['PySide6.QtCore']"
