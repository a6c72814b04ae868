"""`counter-app card issue|stock`, `counter-app card-centre stock|top-up` and `counter-app
central set-instant` (issue 16): a card made headless with the simulated encoder and its
face written to a PDF, a spoiled blank and the retry with the next number (exit codes 1
and 0), the stock as the counter and the card centre see it."""

import argparse
import importlib
import os

import pytest

from counter_app.cli import main
from counter_app.cli.cards import add_card_commands, run_card
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from tests.helpers import add_operator, application_at
from tests.operator_helpers import operator_for_commands
from tests.unit.documents.support import needs_poppler
from tests.unit.forms.test_documents import text_of

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def wired(monkeypatch):
    """`card` as cli/main.py wires it (added here while main.py does not yet)."""
    cli_main = importlib.import_module("counter_app.cli.main")  # the module, not main()
    if "card" in cli_main.COMMANDS:
        return
    original = cli_main.build_parser

    def build_parser():
        parser = original()
        commands = next(action for action in parser._actions
                        if isinstance(action, argparse._SubParsersAction))
        add_card_commands(commands)
        return parser

    monkeypatch.setattr(cli_main, "build_parser", build_parser)
    monkeypatch.setitem(cli_main.COMMANDS, "card", run_card)


@pytest.fixture
def clerk(ctx, site_id, counter_env, central, monkeypatch):
    """A window clerk signing the commands in, at SC001 (enrolled on `central`); the card
    centre's operator "centre" exists too (made by the administrator "boss")."""
    boss = operator_for_commands(monkeypatch, "boss", {Role.ADMINISTRATOR})
    add_operator(ctx, boss, site_id, "centre", {Role.CARD_CENTRE})
    clerk = add_operator(ctx, boss, site_id, "clerk", {Role.WINDOW_STAFF})
    _as(monkeypatch, "clerk")
    return clerk


def _as(monkeypatch, username: str) -> None:
    monkeypatch.setenv("COUNTER_OPERATOR", username)


@needs_poppler
def test_a_card_made_headless_a_spoiled_blank_and_the_stock(ctx, clerk, central, tmp_path,
                                                            capsys, monkeypatch):
    _as(monkeypatch, "centre")
    url = ["--url", central]
    assert main(["central", "set-instant", "SC001", "on", *url]) == 0
    assert capsys.readouterr().out.strip() == "site SC001: instant issuance on"
    assert main(["card-centre", "top-up", "SC001", "--blanks", "30", "--numbers",
                 "a0000 0001-A00000050", "--bank", "中国工商银行", *url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "SC001: 30 blank cards delivered", "SC001: card numbers A00000001-A00000050 given"]
    _as(monkeypatch, "clerk")
    assert main(["sync", "once"]) == 0
    capsys.readouterr()
    app_id = application_at(ctx, clerk, Status.SIGNED, tmp_path)
    with ctx.sessions() as session:
        from counter_app.store.models import Application
        number = session.get(Application, app_id).number
    face = tmp_path / "face.pdf"

    assert main(["card", "issue", number, "--face-pdf", str(face),
                 "--encoder", "simulated:fail=1"]) == 1
    err = capsys.readouterr().err
    assert f"{number}: card A00000001 failed, the blank is spoiled" in err
    assert "simulated card encoder was told to fail" in err and not face.exists()
    assert main(["card", "issue", number, "--face-pdf", str(face)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{number}: card A00000002 made and handed over (Collected), attempt 2"
    assert os.stat(face).st_mode & 0o777 == 0o600
    text = text_of(face)
    assert "A00000002" in text and "中国工商银行" in text
    assert main(["card", "issue", number, "--face-pdf", str(face)]) == 1  # made already
    assert "cannot be made here now" in capsys.readouterr().err

    assert main(["card", "stock"]) == 0
    out = capsys.readouterr().out
    assert ("blank cards at this handling point: received 30, issued 1, spoiled 1, in the "
            "printer 0, expected in stock 28") in out
    assert "numbers taken here since, not yet sent: 2" in out
    assert "card numbers left on this counter: 18" in out
    assert "A00000001-A00000020  next A00000003, 18 left  中国工商银行" in out
    assert f"A00000002  issued     {number}" in out and "A00000001  spoiled" in out

    assert main(["sync", "once"]) == 0
    _as(monkeypatch, "centre")
    capsys.readouterr()
    assert main(["card-centre", "stock", *url]) == 0
    out = capsys.readouterr().out
    assert "SC001" in out and "instant issuance on" in out
    assert ("blank cards: received 30, issued 1, spoiled 1, in the printer 0, expected in "
            "stock 28") in out
    assert "card numbers not yet reserved by a counter: 30" in out
    assert "A00000001-A00000050  30 of 50 not reserved  中国工商银行" in out
    assert f"SC001      A00000002  issued     {number}" in out
    assert "A00000001  spoiled" in out
    for name in ("王", "䶮", "11010520240315"):  # nobody's name or ID number on screen
        assert name not in out


def test_the_card_centre_is_told_why_a_top_up_is_refused(clerk, central, capsys,
                                                          monkeypatch):
    _as(monkeypatch, "centre")
    url = ["--url", central]
    assert main(["card-centre", "top-up", "SC001", "--numbers", "A00000001-A00000050",
                 *url]) == 0
    capsys.readouterr()
    assert main(["card-centre", "top-up", "SC001", "--numbers", "A00000050-A00000060",
                 *url]) == 1
    assert "shares card numbers with a block of site SC001" in capsys.readouterr().err
    assert main(["card-centre", "top-up", "SC001", "--numbers", "A50-B60", *url]) == 1
    assert "FIRST-LAST" in capsys.readouterr().err
    assert main(["card-centre", "top-up", "SC001", *url]) == 1
    assert "blank cards, a block of card numbers, or both" in capsys.readouterr().err
    assert main(["card-centre", "top-up", "SC404", "--blanks", "3", *url]) == 1
    assert "no site with the code SC404" in capsys.readouterr().err
    assert main(["central", "set-instant", "SC404", "on", *url]) == 1
    _as(monkeypatch, "clerk")  # a window clerk is not the card centre
    assert main(["card-centre", "top-up", "SC001", "--blanks", "3", *url]) == 4


def test_a_counter_of_a_site_without_instant_issuance_says_so(ctx, clerk, central, tmp_path,
                                                              capsys):
    assert main(["sync", "once"]) == 0
    app_id = application_at(ctx, clerk, Status.SIGNED, tmp_path)
    with ctx.sessions() as session:
        from counter_app.store.models import Application
        number = session.get(Application, app_id).number
    capsys.readouterr()
    assert main(["card", "issue", number, "--face-pdf", str(tmp_path / "f.pdf")]) == 1
    assert "does not make cards at the window" in capsys.readouterr().err
    assert main(["card", "stock"]) == 0
    out = capsys.readouterr().out
    assert "does not make cards at the window" in out
    assert "card numbers left on this counter: 0" in out
    assert main(["card", "issue", "SC001-NOPE", "--face-pdf", str(tmp_path / "f.pdf")]) == 1
    assert "cannot be found" in capsys.readouterr().err
