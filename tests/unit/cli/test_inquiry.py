"""`counter-app inquiry NUMBER` (exit 0 found, 1 nothing found, 2 invalid number) and
`counter-app report end-of-day`."""

import datetime as dt
import json
import subprocess

import pytest
from sqlalchemy import select

from counter_app.cli import main
from counter_app.config import load_settings
from counter_app.services.context import open_context
from counter_app.store.models import Application, AuditRecord

UNREACHABLE = "postgresql://postgres@127.0.0.1:1/x"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def demo_number(capsys, monkeypatch) -> str:
    """The demo's site with one submitted application; its applicant's ID number. The
    commands run as the demo operator (issue 13)."""
    monkeypatch.setenv("COUNTER_OPERATOR", "demo")
    monkeypatch.setenv("COUNTER_PASSWORD", "demo1234")
    assert main(["demo", "--applications", "1"]) == 0
    capsys.readouterr()
    with open_context(load_settings()).sessions() as session:
        return session.scalar(select(Application.id_number))


def test_found_is_0_with_the_statuses_and_audited_masked(capsys, demo_number):
    assert main(["inquiry", demo_number, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["found"] and answer["kind"] == "id_number"
    assert answer["number"] == demo_number[:6] + "********" + demo_number[-4:]
    (app,) = answer["applications"]
    assert app["status"] == "submitted" and app["business_type"] == "newborn"
    assert answer["source"] == "central"  # the embedded central of the demo
    assert demo_number not in json.dumps(answer)
    with open_context(load_settings()).sessions() as session:
        detail = session.scalar(select(AuditRecord.detail).where(
            AuditRecord.action == "inquiry"))
    assert demo_number not in detail and answer["number"] in detail


def test_nothing_found_is_1_and_offline_says_so(capsys, demo_number):
    assert main(["inquiry", "A12345678", "--central", UNREACHABLE]) == 1
    out = capsys.readouterr().out
    assert "card number A****5678 (this counter only)" in out
    assert "cannot be reached" in out and "nothing found" in out


def test_an_invalid_number_is_2_with_the_reason(capsys, demo_number):
    assert main(["inquiry", "11010519491231002Y"]) == 2
    assert "invalid:" in capsys.readouterr().err
    assert main(["inquiry", "11010519491231003X", "--json"]) == 2
    answer = json.loads(capsys.readouterr().out)
    assert answer["valid"] is False and "check character" in answer["error"]
    assert main(["inquiry", "what?"]) == 2


def test_the_text_answer_and_the_printed_result(capsys, demo_number, tmp_path):
    pdf = tmp_path / "result.pdf"
    assert main(["inquiry", demo_number, "--offline", "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "application SC001-" in out and "新生儿参保申领, Submitted" in out  # the city's label
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "社会保障卡信息查询结果" in text and "已提交" in text


def test_end_of_day_report_from_the_command_line(capsys, demo_number, tmp_path):
    out = tmp_path / "eod.pdf"
    assert main(["report", "end-of-day", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "1 applications, 0 cards collected, 0 overdue" in said
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "社会保障卡业务日终报表" in text and dt.date.today().isoformat() in text
    assert main(["report", "end-of-day", "--date", "2020-01-01", "--out", str(out)]) == 0
    assert "0 applications" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["report", "end-of-day", "--date", "2020-13-01", "--out", str(out)])
    assert main(["report", "end-of-day", "--site", "NOPE", "--out", str(out)]) == 1
    assert "NOPE" in capsys.readouterr().err
