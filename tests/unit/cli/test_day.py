"""`counter-app day`: a supervisor closes the day at a terminal, as in the window: the
open items listed with their keys, a close refused until each is explained, the report
written, a reopen refused to a supervisor."""

from __future__ import annotations

import datetime as dt

from counter_app.cli.main import main
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services import day_close
from tests.helpers import add_operator, application_at
from tests.operator_helpers import operator_for_commands
from tests.unit.documents.support import needs_poppler
from tests.unit.forms.test_documents import text_of


@needs_poppler
def test_a_day_closed_from_the_command_line(ctx, site_id, counter_env, tmp_path, capsys,
                                            monkeypatch):
    boss = operator_for_commands(monkeypatch, "boss", {Role.ADMINISTRATOR})
    supervisor = add_operator(ctx, boss, site_id, "super", {Role.SUPERVISOR})
    unsigned = application_at(ctx, boss, Status.FORM_PRINTED, tmp_path)
    monkeypatch.setenv("COUNTER_OPERATOR", "super")

    assert main(["day", "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("open, 1 open items")
    key, kind, _number, masked, status = lines[1].split("\t")
    assert (key, kind, status) == (str(unsigned), "unsigned", "form_printed")
    assert "*" * 8 in masked
    assert main(["day", "close"]) == 1
    assert "explain" in capsys.readouterr().err.lower()
    assert day_close.closed_day(ctx, supervisor, dt.date.today()) is None

    assert main(["day", "close", "--explain", f"{key}=applicant_returns:明天来签字"]) == 0
    assert "1 items explained" in capsys.readouterr().out
    out = tmp_path / "closed.pdf"
    assert main(["day", "report", "--out", str(out)]) == 0
    assert "明天来签字" in text_of(out)
    assert main(["day", "reopen", "--reason", "补录"]) == 4  # a supervisor may not
    monkeypatch.setenv("COUNTER_OPERATOR", "boss")
    capsys.readouterr()
    assert main(["day", "reopen", "--reason", "补录"]) == 0
    assert day_close.closed_day(ctx, supervisor, dt.date.today()) is None
