"""`counter-app operator ...`: operator administration without the window.

    list                         every operator: roles, disabled, locked, password to change
    add USER --name NAME --roles ROLES [--site CODE]
                                 a new operator (must change the password at first login);
                                 on a counter without any operator: its first administrator
                                 (with --site CODE --site-name NAME when the site is new)
    disable USER | enable USER   no login any more / again (enabling ends a lockout)
    reset-password USER          a new password, to be changed at the next login
    roles USER ROLES             assign roles (comma-separated)
    passwd                       change your own password

Every action but `passwd` (and the first administrator) needs an administrator, signed in
as cli.signin says. New passwords are never arguments: COUNTER_NEW_PASSWORD, else typed
twice on the terminal, else the first line of standard input.
"""

from __future__ import annotations

import argparse
import sys

from counter_app.cli import signin
from counter_app.cli.words import error_line, say
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.security.roles import Role

ROLE_NAMES = ", ".join(role.value for role in Role)


def add_operator_commands(commands) -> None:
    parser = commands.add_parser(
        "operator", help=say(QT_TRANSLATE_NOOP(
            "cli", "operators: list, add, disable, enable, reset-password, roles, passwd")),
        description=say(QT_TRANSLATE_NOOP(
            "cli", "Operator administration (administrators; passwd: anyone). {sign_in} New "
                   "passwords: {new_password}, else typed twice on the terminal, else the "
                   "first line of standard input; never an argument."),
            sign_in=signin.help_text(), new_password=signin.NEW_PASSWORD_ENV))
    actions = parser.add_subparsers(dest="operator_command", metavar="ACTION", required=True)
    actions.add_parser("list", help=say(QT_TRANSLATE_NOOP(
        "cli", "every operator with roles and state")))
    add = actions.add_parser("add", help=say(QT_TRANSLATE_NOOP(
        "cli", "a new operator, who changes the password at the first login (the first "
               "administrator when there is no operator yet)")))
    add.add_argument("username", metavar="USER")
    add.add_argument("--name", required=True, help=say(QT_TRANSLATE_NOOP(
        "cli", "the name shown on forms and screens")))
    roles_help = say(QT_TRANSLATE_NOOP("cli", "comma-separated: {roles}"), roles=ROLE_NAMES)
    add.add_argument("--roles", type=roles_argument, required=True, help=roles_help)
    add.add_argument("--site", metavar="CODE", help=say(QT_TRANSLATE_NOOP(
        "cli", "the handling point (default: the administrator's)")))
    add.add_argument("--site-name", metavar="NAME", help=say(QT_TRANSLATE_NOOP(
        "cli", "first administrator only: the name of a new handling point")))
    for name, text in (
            ("disable", QT_TRANSLATE_NOOP(
                "cli", "no login any more (not yourself, not the last administrator)")),
            ("enable", QT_TRANSLATE_NOOP("cli", "log in again (ends a lockout)")),
            ("reset-password", QT_TRANSLATE_NOOP(
                "cli", "a new password, to be changed at the next login (ends a lockout)"))):
        actions.add_parser(name, help=say(text)).add_argument("username", metavar="USER")
    roles = actions.add_parser("roles", help=say(QT_TRANSLATE_NOOP(
        "cli", "assign an operator's roles")))
    roles.add_argument("username", metavar="USER")
    roles.add_argument("roles", type=roles_argument, metavar="ROLES", help=roles_help)
    actions.add_parser("passwd", help=say(QT_TRANSLATE_NOOP(
        "cli", "change your own password (also when it must change)")))


def roles_argument(text: str) -> frozenset[Role]:
    try:
        roles = frozenset(Role(part.strip()) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say(QT_TRANSLATE_NOOP(
            "cli", "roles are: {roles}"), roles=ROLE_NAMES)) from None
    if not roles:
        raise argparse.ArgumentTypeError(say(QT_TRANSLATE_NOOP(
            "cli", "at least one of: {roles}"), roles=ROLE_NAMES))
    return roles


def run_operator(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    command = args.operator_command
    if command == "passwd":
        return _passwd(ctx)
    if command == "add":
        from counter_app.services import auth
        if auth.needs_first_administrator(ctx):
            return _first_administrator(ctx, args)
    actor = signin.sign_in(ctx)
    return _COMMANDS[command](ctx, actor, args)


def _list(ctx, actor, args) -> int:
    from counter_app.domain.clock import local_text
    from counter_app.services import operators

    # Tab-separated for scripts: the states are the same words in every language.
    for view in operators.list_operators(ctx, actor):
        state = [] if view.active else ["disabled"]
        if view.locked:
            state.append(f"locked until {local_text(view.locked_until)}")
        if view.must_change_password:
            state.append("must change password")
        print("\t".join((view.username, view.display_name, view.site_code,
                         ",".join(sorted(view.roles)), "; ".join(state) or "active")))
    return 0


def _add(ctx, actor, args) -> int:
    from counter_app.services import operators

    password = signin.new_password(_password_for(args.username))
    operators.create(ctx, actor, username=args.username, display_name=args.name,
                     password=password, roles=args.roles, site_code=args.site)
    print(say(QT_TRANSLATE_NOOP("cli", "operator {user} added ({roles}); the password must be "
                                       "changed at the first login"),
              user=args.username.strip(), roles=",".join(sorted(args.roles))))
    return 0


def _first_administrator(ctx, args) -> int:
    from counter_app.services import auth

    if Role.ADMINISTRATOR not in args.roles:
        print(error_line(say(QT_TRANSLATE_NOOP(
            "cli", "the first operator must have the administrator role"))), file=sys.stderr)
        return 1
    site_id = _site_id(ctx, args.site)
    if site_id is None:
        if not (args.site and args.site_name):
            print(error_line(say(QT_TRANSLATE_NOOP(
                "cli", "no handling point yet: give --site CODE and --site-name NAME"))),
                file=sys.stderr)
            return 1
        site_id = auth.ensure_site(ctx, args.site.strip(), args.site_name.strip())
    password = signin.new_password(_password_for(args.username))
    auth.create_operator(ctx, site_id=site_id, username=args.username, display_name=args.name,
                         password=password, roles=set(args.roles))
    print(say(QT_TRANSLATE_NOOP("cli", "first administrator {user} added; the password must be "
                                       "changed at the first login (counter-app operator "
                                       "passwd)"), user=args.username.strip()))
    return 0


def _password_for(username: str) -> str:
    return say(QT_TRANSLATE_NOOP("cli", "Password for {user}: "), user=username)


def _site_id(ctx, code: str | None):
    from sqlalchemy import select

    from counter_app.store.models import Site

    with ctx.sessions() as session:
        statement = select(Site.id).order_by(Site.code).limit(1)
        if code:
            statement = select(Site.id).where(Site.code == code.strip())
        return session.scalar(statement)


def _set_active(active: bool):
    def run(ctx, actor, args) -> int:
        from counter_app.services import operators

        target = operators.find(ctx, actor, args.username)
        operators.set_active(ctx, actor, target.id, active)
        done = (QT_TRANSLATE_NOOP("cli", "operator {user} enabled") if active
                else QT_TRANSLATE_NOOP("cli", "operator {user} disabled"))
        print(say(done, user=target.username))
        return 0
    return run


def _reset(ctx, actor, args) -> int:
    from counter_app.services import operators

    target = operators.find(ctx, actor, args.username)
    operators.reset_password(ctx, actor, target.id, signin.new_password(say(
        QT_TRANSLATE_NOOP("cli", "New password for {user}: "), user=target.username)))
    print(say(QT_TRANSLATE_NOOP("cli", "password of {user} reset; it must be changed at the "
                                       "next login"), user=target.username))
    return 0


def _roles(ctx, actor, args) -> int:
    from counter_app.services import operators

    target = operators.find(ctx, actor, args.username)
    operators.set_roles(ctx, actor, target.id, args.roles)
    print(say(QT_TRANSLATE_NOOP("cli", "operator {user}: {roles}"), user=target.username,
              roles=",".join(sorted(args.roles))))
    return 0


def _passwd(ctx) -> int:
    from counter_app.services import auth, operators

    username, current = signin.credentials(say(QT_TRANSLATE_NOOP("cli", "Current password: ")))
    try:
        operator = auth.login(ctx, username, current)
    except auth.LoginFailed as exc:
        raise signin.SignInError(exc.template, **exc.params) from None
    operators.change_own_password(ctx, operator, current, signin.new_password())
    print(say(QT_TRANSLATE_NOOP("cli", "password of {user} changed"), user=operator.username))
    return 0


_COMMANDS = {"list": _list, "add": _add, "disable": _set_active(False),
             "enable": _set_active(True), "reset-password": _reset, "roles": _roles}
