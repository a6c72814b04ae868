"""`counter-app card-centre ...`: the factory file's exit codes (0 applied, 1 refused with
a report per line, 2 unreadable), and the day's work from batch to notice."""

import datetime as dt
import json

import pytest

from counter_app.cli import main
from counter_app.security.roles import Role
from tests.cardcentre_helpers import city_at
from tests.operator_helpers import operator_for_commands

HEADER = "申请编号,社会保障卡号,发卡银行,制卡结果,失败原因\n"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(tmp_path / "config"))
    # the commands run as an operator of the card centre (issue 13)
    operator_for_commands(monkeypatch, "limin", {Role.CARD_CENTRE}, "李敏")


@pytest.fixture
def city(tmp_path, fresh_central):
    city = city_at(fresh_central)
    city.url = str(city.engine.url)
    yield city
    city.engine.dispose()


def test_import_applies_a_good_file_and_exits_0(city, tmp_path, capsys):
    key = city.add("SC001", "SC001-1", status="in_production")
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + "SC001-1,A12345678,工行,成功,\n", encoding="utf-8")
    assert main(["card-centre", "import", str(path), "--url", city.url]) == 0
    assert "1 cards produced, 0 failed" in capsys.readouterr().out
    assert city.status(key) == "produced"


def test_import_refuses_a_bad_file_line_by_line_and_exits_1(city, tmp_path, capsys):
    good = city.add("SC001", "SC001-1", status="in_production")
    city.add("SC001", "SC001-2", status="withdrawn")
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "SC001-1,A12345678,工行,成功,\nSC001-1,A12345679,工行,成功,\n"
                             "SC001-2,A12345670,工行,成功,\nSC009-1,A12345671,工行,成功,\n",
                    encoding="utf-8")
    assert main(["card-centre", "import", str(path), "--url", city.url]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["line 3: Application SC001-1 is also on line 2.",
                   "line 4: Application SC001-2 was withdrawn; no card is to be made for it.",
                   "line 5: No application has the number SC009-1.",
                   "refused: 3 of 4 lines have problems; nothing was applied"]
    assert city.status(good) == "in_production"


def test_import_of_an_unreadable_file_exits_2(city, tmp_path, capsys):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x00\xff\x00binary")
    assert main(["card-centre", "import", str(path), "--url", city.url]) == 2
    assert "not a readable spreadsheet" in capsys.readouterr().err
    assert main(["card-centre", "import", str(tmp_path / "missing.csv"),
                 "--url", city.url]) == 2


def test_a_days_work_from_the_command_line(city, tmp_path, capsys):
    old = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=40)
    first = city.add("SC001", "SC001-1", received=old, name="张𠮷")
    city.add("SP002", "SP002-1")
    url = ["--url", city.url]
    assert main(["card-centre", "incoming", *url]) == 0
    out = capsys.readouterr().out
    assert "SC001" in out and "30+ d" in out
    assert main(["card-centre", "overdue", *url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 applications overdue") and "SC001-1" in out and "张" not in out
    template = tmp_path / "template.csv"
    assert main(["card-centre", "batch", "--site", "SC001", "--template", str(template),
                 *url]) == 0
    assert "batch " in capsys.readouterr().out and city.status(first) == "in_production"
    assert "SC001-1" in template.read_text(encoding="utf-8")
    assert main(["card-centre", "mark", "SC001-1", "--card", "A12345678", "--bank", "工行",
                 *url]) == 0
    assert main(["card-centre", "dispatch", *url]) == 0
    assert "1 cards sent" in capsys.readouterr().out
    assert main(["card-centre", "notify", *url]) == 0
    assert "sent 2" in capsys.readouterr().out   # the SMS to a file, the letter as a PDF
    assert city.status(first) == "notified"
    from counter_app.config import load_settings
    from counter_app.services.context import open_context

    files = open_context(load_settings()).files  # the texts and letters, sealed
    [sms] = (tmp_path / "data" / "protected" / "notices").glob("sms-*.json")
    assert "SC001-1" in json.loads(files.read(sms))["number"]
    [letter] = (tmp_path / "data" / "protected" / "letters").glob("SC001-1-*.pdf")
    assert files.read(letter).startswith(b"%PDF") and b"%PDF" not in letter.read_bytes()


def test_unknown_sites_and_refused_marks_are_errors_in_words(city, capsys):
    city.add("SC001", "SC001-1", status="submitted")
    assert main(["card-centre", "incoming", "--site", "NOPE", "--url", city.url]) == 1
    assert "no site with the code NOPE" in capsys.readouterr().err
    assert main(["card-centre", "mark", "SC001-1", "--failed", "芯片损坏",
                 "--url", city.url]) == 1
    assert "cannot move" in capsys.readouterr().err


def test_the_card_centre_commands_need_a_card_centre_operator(city, monkeypatch, capsys,
                                                               tmp_path):
    """Issue 13: no operator, a wrong password or another role: refused before any work."""
    key = city.add("SC001", "SC001-1", status="in_production")
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + "SC001-1,A12345678,工行,成功,\n", encoding="utf-8")
    monkeypatch.setenv("COUNTER_PASSWORD", "not the password")
    assert main(["card-centre", "import", str(path), "--url", city.url]) == 3
    assert "Wrong user name or password" in capsys.readouterr().err
    monkeypatch.delenv("COUNTER_PASSWORD")
    monkeypatch.setattr("sys.stdin", open(path))  # not a terminal: nobody to ask
    assert main(["card-centre", "incoming", "--url", city.url]) == 3
    assert "COUNTER_OPERATOR and COUNTER_PASSWORD" in capsys.readouterr().err
    assert city.status(key) == "in_production"
