"""Who runs a command that reads or changes personal data: an operator, signed in as at the
window (the same lockout, audit and roles).

The user name and password come from COUNTER_OPERATOR and COUNTER_PASSWORD (scripts),
else they are asked for on the terminal (the password without echo). Without either, or
when the login is refused, the command stops with EXIT_SIGN_IN; an operator whose
password must be changed is told to change it with `counter-app operator passwd` first.
A role that does not allow the work stops it with EXIT_FORBIDDEN (cli.main).
"""

from __future__ import annotations

import getpass
import os
import sys

from counter_app.cli.words import say
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

OPERATOR_ENV, PASSWORD_ENV = "COUNTER_OPERATOR", "COUNTER_PASSWORD"
NEW_PASSWORD_ENV = "COUNTER_NEW_PASSWORD"  # a new password (operator add, reset, passwd)
# Exit codes (README.md): no operator could be signed in; the operator's role does not allow it.
EXIT_SIGN_IN, EXIT_FORBIDDEN = 3, 4

MSG_HELP = QT_TRANSLATE_NOOP(
    "cli", "Runs as an operator: {operator} and {password} for scripts, else asked on the "
           "terminal; exit {sign_in} when no operator can be signed in, {forbidden} when the "
           "operator's role does not allow it.")

MSG_NO_CREDENTIALS = QT_TRANSLATE_NOOP(
    "messages", "This command runs as an operator: set COUNTER_OPERATOR and COUNTER_PASSWORD, "
                "or run it on a terminal to be asked.")
MSG_NO_NEW_PASSWORD = QT_TRANSLATE_NOOP(
    "messages", "No new password was given: type it on the terminal, pipe it on standard "
                "input or set COUNTER_NEW_PASSWORD.")
MSG_CHANGE_FIRST = QT_TRANSLATE_NOOP(
    "messages", "Your password must be changed first: run `counter-app operator passwd`.")


def help_text() -> str:
    """How a command that needs an operator gets one, for its --help."""
    return say(MSG_HELP, operator=OPERATOR_ENV, password=PASSWORD_ENV, sign_in=EXIT_SIGN_IN,
               forbidden=EXIT_FORBIDDEN)


class SignInError(CounterError):
    """No operator signed in: cli.main prints it and exits with EXIT_SIGN_IN."""

    code = "sign_in"


def credentials(prompt_password: str = "") -> tuple[str, str]:
    """(user name, password) from the environment, else from the terminal (asked with
    *prompt_password*, else "Password: ")."""
    username = os.environ.get(OPERATOR_ENV, "")
    password = os.environ.get(PASSWORD_ENV)
    if username and password is not None:
        return username, password
    if not _on_a_terminal():
        raise SignInError(MSG_NO_CREDENTIALS)
    try:
        if not username:
            print(say(QT_TRANSLATE_NOOP("cli", "Operator: ")), end="", file=sys.stderr,
                  flush=True)
            username = sys.stdin.readline().strip()
        password = getpass.getpass(prompt_password
                                   or say(QT_TRANSLATE_NOOP("cli", "Password: ")))
    except (EOFError, KeyboardInterrupt) as exc:
        raise SignInError(MSG_NO_CREDENTIALS) from exc
    return username, password


def sign_in(ctx, *, allow_password_change: bool = False):
    """The signed-in operator (services.auth.CurrentOperator); SignInError when none. An
    operator who must change the password is refused unless *allow_password_change* (the
    command that changes it)."""
    from counter_app.services import auth

    username, password = credentials()
    try:
        operator = auth.login(ctx, username, password)
    except auth.LoginFailed as exc:
        raise SignInError(exc.template, **exc.params) from None
    if operator.must_change_password and not allow_password_change:
        raise SignInError(MSG_CHANGE_FIRST)
    return operator


def new_password(prompt: str = "") -> str:
    """A new password: COUNTER_NEW_PASSWORD (scripts), else typed twice on the terminal
    (asked with *prompt*, else "New password: "), else one line of standard input (a pipe).
    Never an argument: argv is visible to every user of the computer."""
    from counter_app.domain.errors import ValidationError
    from counter_app.services.auth import MSG_PASSWORDS_DIFFER

    given = os.environ.get(NEW_PASSWORD_ENV)
    if given is not None:
        return given
    if _on_a_terminal():
        try:
            first = getpass.getpass(prompt or say(QT_TRANSLATE_NOOP("cli", "New password: ")))
            again = getpass.getpass(say(QT_TRANSLATE_NOOP("cli", "Again: ")))
        except (EOFError, KeyboardInterrupt) as exc:
            raise SignInError(MSG_NO_NEW_PASSWORD) from exc
        if first != again:
            raise ValidationError("password", MSG_PASSWORDS_DIFFER)
        return first
    line = sys.stdin.readline()
    if not line:
        raise SignInError(MSG_NO_NEW_PASSWORD)
    return line.rstrip("\r\n")


def _on_a_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
