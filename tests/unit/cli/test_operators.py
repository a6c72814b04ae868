"""Issue 13 at the command line, run through its entry point with the environment and
standard input a script gives it (in this process: the password hashes are the tests'
cheap ones): commands that read personal data need an operator (exit 3 without one or
with a wrong password, 4 when the role does not allow it), and the operator
administration (`counter-app operator ...`)."""

from __future__ import annotations

import io
import os
import sys

import pytest

from counter_app.cli.main import main
from counter_app.cli.signin import EXIT_FORBIDDEN, EXIT_SIGN_IN

CARD = "A12345678"
NOTHING_FOUND = 1


@pytest.fixture
def counter(tmp_path, monkeypatch, capsys):
    """Runs `counter-app ARGS` on a counter of its own; returns (exit code, out, err)."""
    base = {"COUNTER_DATA_DIR": str(tmp_path / "data"),
            "COUNTER_CONFIG_DIR": str(tmp_path / "config"),
            "COUNTER_CENTRAL_URL": "postgresql://not-configured@127.0.0.1:1/none",
            "COUNTER_LANGUAGE": "en"}  # the English these tests read
    monkeypatch.chdir(tmp_path)

    def run(*args: str, stdin: str = "", **env: str) -> tuple[int, str, str]:
        for key in [key for key in os.environ if key.startswith("COUNTER_")]:
            monkeypatch.delenv(key)
        for key, value in (base | env).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))  # a pipe: nobody to ask
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse refusing the arguments
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    # the counter's first administrator, who then chooses their own password
    code, out, err = run("operator", "add", "chief", "--name", "张主任", "--roles",
                         "administrator", "--site", "SC001", "--site-name", "示范中心",
                         stdin="initial-secret\n")
    assert code == 0, err
    assert run("operator", "passwd", COUNTER_OPERATOR="chief",
               COUNTER_PASSWORD="initial-secret", COUNTER_NEW_PASSWORD="chief-secret")[0] == 0
    return run


def as_chief(**extra):
    return {"COUNTER_OPERATOR": "chief", "COUNTER_PASSWORD": "chief-secret", **extra}


def test_inquiry_without_credentials_is_refused_with_exit_3(counter):
    code, out, err = counter("inquiry", CARD, "--offline")  # stdin a pipe: nobody to ask
    assert code == EXIT_SIGN_IN and out == ""
    assert "COUNTER_OPERATOR and COUNTER_PASSWORD" in err


def test_inquiry_with_the_operator_in_the_environment_works(counter):
    code, out, err = counter("inquiry", CARD, "--offline", **as_chief())
    assert code == NOTHING_FOUND, err
    assert "card number A****5678 (this counter only)" in out and "nothing found" in out


def test_a_wrong_password_is_refused_and_counted_to_the_lockout(counter):
    for _ in range(4):
        code, out, err = counter("inquiry", CARD, "--offline",
                                 COUNTER_OPERATOR="chief", COUNTER_PASSWORD="guess")
        assert code == EXIT_SIGN_IN and "Wrong user name or password" in err and out == ""
    code, _out, err = counter("report", "end-of-day", "--out", "x.pdf",
                              COUNTER_OPERATOR="chief", COUNTER_PASSWORD="guess")
    assert code == EXIT_SIGN_IN and "locked until" in err
    code, _out, err = counter("inquiry", CARD, "--offline", **as_chief())  # right one, too
    assert code == EXIT_SIGN_IN and "locked until" in err


def test_the_first_administrator_must_change_the_password_first(tmp_path, counter):
    code, _out, err = counter("operator", "add", "clerk", "--name", "李四", "--roles",
                              "window_staff", stdin="clerk-initial\n", **as_chief())
    assert code == 0, err
    code, out, err = counter("inquiry", CARD, "--offline", COUNTER_OPERATOR="clerk",
                             COUNTER_PASSWORD="clerk-initial")
    assert code == EXIT_SIGN_IN and "operator passwd" in err and out == ""
    assert counter("operator", "passwd", COUNTER_OPERATOR="clerk",
                   COUNTER_PASSWORD="clerk-initial", stdin="clerk-own-pw\n")[0] == 0
    assert counter("inquiry", CARD, "--offline", COUNTER_OPERATOR="clerk",
                   COUNTER_PASSWORD="clerk-own-pw")[0] == NOTHING_FOUND


def test_operator_add_disable_enable_reset_and_roles(counter):
    code, out, err = counter("operator", "add", "centre", "--name", "卡中心", "--roles",
                             "card_centre", stdin="centre-initial\n", **as_chief())
    assert code == 0 and "centre added (card_centre)" in out, err
    code, out, _err = counter("operator", "list", **as_chief())
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()}
    assert rows["centre"][1:] == ["卡中心", "SC001", "card_centre", "must change password"]
    assert rows["chief"][3:] == ["administrator", "active"]

    assert counter("operator", "disable", "centre", **as_chief())[0] == 0
    code, _out, err = counter("operator", "passwd", COUNTER_OPERATOR="centre",
                              COUNTER_PASSWORD="centre-initial", stdin="whatever-new\n")
    assert code == EXIT_SIGN_IN and "Wrong user name or password" in err  # disabled
    assert "disabled" in counter("operator", "list", **as_chief())[1]
    assert counter("operator", "enable", "centre", **as_chief())[0] == 0

    assert counter("operator", "reset-password", "centre", stdin="reset-by-chief\n",
                   **as_chief())[0] == 0
    code, _out, err = counter("card-centre", "incoming", COUNTER_OPERATOR="centre",
                              COUNTER_PASSWORD="reset-by-chief")
    assert code == EXIT_SIGN_IN and "must be changed" in err
    assert counter("operator", "passwd", COUNTER_OPERATOR="centre",
                   COUNTER_PASSWORD="reset-by-chief", stdin="centre-own-pw\n")[0] == 0

    assert counter("operator", "roles", "centre", "window_staff,supervisor",
                   **as_chief())[0] == 0
    code, out, _err = counter("operator", "list", **as_chief())
    assert "centre\t卡中心\tSC001\tsupervisor,window_staff\tactive" in out.splitlines()


def test_only_an_administrator_administers_and_the_last_one_stays(counter):
    assert counter("operator", "add", "staff", "--name", "员工", "--roles", "window_staff",
                   stdin="staff-initial\n", **as_chief())[0] == 0
    assert counter("operator", "passwd", COUNTER_OPERATOR="staff",
                   COUNTER_PASSWORD="staff-initial", stdin="staff-own-pw\n")[0] == 0
    staff = {"COUNTER_OPERATOR": "staff", "COUNTER_PASSWORD": "staff-own-pw"}
    for args in (("list",), ("disable", "chief"), ("reset-password", "chief"),
                 ("roles", "staff", "administrator")):
        code, _out, err = counter("operator", *args, stdin="taken-over-pw\n", **staff)
        assert code == EXIT_FORBIDDEN and "role does not allow" in err, args
    code, _out, err = counter("operator", "disable", "chief", **as_chief())
    assert code == EXIT_FORBIDDEN and "your own account" in err
    code, _out, err = counter("operator", "roles", "chief", "supervisor", **as_chief())
    assert code == EXIT_FORBIDDEN and "last active administrator" in err
    # the report needs a supervisor: window staff are refused, the administrator may
    code, _out, err = counter("report", "end-of-day", "--out", "r.pdf", **staff)
    assert code == EXIT_FORBIDDEN


def test_passwords_are_never_arguments(counter):
    code, _out, err = counter("operator", "add", "x", "--name", "x", "--roles",
                              "window_staff", "--password", "visible-in-ps", **as_chief())
    assert code == 2 and "unrecognized arguments" in err
    code, _out, err = counter("operator", "add", "x", "--name", "x", "--roles",
                              "window_staff", stdin="", **as_chief())  # nothing piped
    assert code == EXIT_SIGN_IN and "No new password was given" in err
