"""`counter-app`: the window by default, and headless operations as subcommands."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from counter_app import __version__
from counter_app.cli.signin import EXIT_FORBIDDEN, EXIT_SIGN_IN
from counter_app.config import Settings, load_settings
from counter_app.domain.errors import ConfigFileError, CounterError

log = logging.getLogger(__name__)

# A settings, credentials or rules file that cannot be used, an input file that cannot be
# read: the message on stderr and this exit code (README.md), never a traceback.
EXIT_CONFIG = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app", description="Counter: social-security-card intake at the window.")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help="start the window (the default)")
    gui.add_argument("--exit-when-shown", action="store_true",
                     help="quit once the first window is shown (start-up checks)")
    gui.add_argument("--screenshot", type=Path, help="save the first window as PNG and quit")

    demo = commands.add_parser("demo", help="seed a demo site and operator")
    demo.add_argument("--applications", type=int, default=0, metavar="N",
                      help="also take N applications through to submitted")
    demo.add_argument("--queue", type=int, default=0, metavar="N",
                      help="seed today's queue with N applications stopped at the counter's "
                           "steps in turn (draft, examined, photo_ok, form_printed, signed, "
                           "submitted), unless today's queue holds some already")

    db = commands.add_parser("db", help="local database")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="apply the schema migrations")

    id_parser = commands.add_parser("id", help="resident ID numbers")
    id_commands = id_parser.add_subparsers(dest="id_command", metavar="ACTION", required=True)
    check = id_commands.add_parser("check", help="check an ID number and show what it tells")
    check.add_argument("number")
    check.add_argument("--json", action="store_true", help="machine-readable output")

    form = commands.add_parser("form", help="printed forms")
    form_commands = form.add_subparsers(dest="form_command", metavar="ACTION", required=True)
    from counter_app.cli.forms import add_form_commands
    add_form_commands(form_commands)

    batch = commands.add_parser("batch", help="spreadsheets of applicants from committees")
    batch_commands = batch.add_subparsers(dest="batch_command", metavar="ACTION", required=True)
    batch_check = batch_commands.add_parser(
        "check", help="check every row and print a report (exit 0 all good, 1 some rows bad, "
                      "2 unreadable file)")
    batch_check.add_argument("file", type=Path, metavar="FILE")

    from counter_app.cli.photo import add_photo_commands  # OpenCV loads only when run
    add_photo_commands(commands)

    from counter_app.cli.sync import add_sync_commands
    add_sync_commands(commands)

    from counter_app.cli.card_centre import add_card_centre_commands
    add_card_centre_commands(commands)

    from counter_app.cli.inquiry import add_inquiry_commands  # inquiry, report
    add_inquiry_commands(commands)

    from counter_app.cli.operators import add_operator_commands
    add_operator_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigFileError as exc:  # settings.toml broken: no command can run
        print(f"error: {exc}", file=sys.stderr)
        if (args.command or "gui") == "gui":
            from counter_app.qt.app import show_start_error
            show_start_error(load_settings(read_file=False), exc)
        return EXIT_CONFIG
    from counter_app.logs import setup_logging
    setup_logging(settings.log_dir)
    handler = COMMANDS[args.command or "gui"]
    try:
        return handler(settings, args)
    except ConfigFileError as exc:  # credentials or rules broken
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except CounterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return _EXIT_FOR.get(exc.code, 1)


# No operator signed in (none given, wrong password, locked out, password to change) and
# a role that does not allow the work: cli/signin.py's exit codes.
_EXIT_FOR = {"sign_in": EXIT_SIGN_IN, "login": EXIT_SIGN_IN, "login_locked": EXIT_SIGN_IN,
             "forbidden": EXIT_FORBIDDEN}


def _gui(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.qt.app import run_gui
    return run_gui(settings, exit_when_shown=getattr(args, "exit_when_shown", False),
                   screenshot=getattr(args, "screenshot", None))


def _demo(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services.context import open_context
    from counter_app.services.demo import (DEMO_PREAPPLICATION_GUARDIAN, add_demo_applications,
                                           seed_demo, seed_demo_preapplication)
    ctx = open_context(settings)
    login = seed_demo(ctx)
    if number := seed_demo_preapplication(ctx):
        print(f"Demo online pre-application number: {number}, found with the guardian's "
              f"ID number {DEMO_PREAPPLICATION_GUARDIAN} (F3)")
    if login.created:
        print(f"Demo login: user {login.username}  password {login.password}")
        if not settings.id_card_reader:  # the demo gets a simulated ID-card reader (F2)
            from counter_app.config import save_setting
            save_setting(settings, "id_card_reader", "simulated")
    else:
        print(f"Operators exist already; the demo login is user {login.username}  "
              f"password {login.password} (unless it was changed).")
    if args.queue:  # first: --applications adds to today's queue too
        _demo_queue(ctx, args.queue)
    if args.applications:
        numbers = add_demo_applications(ctx, args.applications)
        print(f"{len(numbers)} demo applications submitted.")
    print(f"Data directory: {settings.data_dir}")
    return 0


def _demo_queue(ctx, count: int) -> None:
    from counter_app.services.demo import seed_demo_queue
    try:
        made = seed_demo_queue(ctx, count)
    except CounterError as exc:  # e.g. the demo password was changed: the window starts anyway
        print(f"No demo queue: {exc}")
        return
    if made:
        steps = ", ".join(f"{n} {status.value}" for status, n in made.items())
        print(f"Today's queue: {made.total()} demo applications ({steps}).")
    else:
        print("Today's queue holds applications already: no demo applications added.")


def _db(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services.context import open_context
    from counter_app.store import migrate
    ctx = open_context(settings)  # encrypts an older plain database, then migrates
    print(f"Local database at revision {', '.join(migrate.current(ctx.sessions.kw['bind']))}:"
          f" {settings.local_db_path}")
    return 0


def _id(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.domain.idnumber import IdNumberError, parse_resident_id
    try:
        resident = parse_resident_id(args.number)
    except IdNumberError as exc:
        if args.json:
            print(json.dumps({"valid": False, "error": str(exc)}))
        else:
            print(f"invalid: {exc}")
        return 1
    facts = {"valid": True, "number": resident.number,
             "birth_date": resident.birth_date.isoformat(), "sex": resident.sex,
             "region": resident.region}
    if args.json:
        print(json.dumps(facts, ensure_ascii=False))
    else:
        print(f"valid: born {facts['birth_date']}, sex {resident.sex}, region {resident.region}")
    return 0


def _batch(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.batches.spreadsheet import read_rows
    from counter_app.batches.validate import check_rows
    from counter_app.domain.business import load_rules
    try:
        report = check_rows(read_rows(args.file), load_rules().minor_age)
    except (CounterError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(f"row {problem.row}: {problem.field}: {problem.error}")
    print(f"{len(report.good)} rows good, {len(report.problems)} rows with problems")
    return 0 if report.all_good else 1


def _photo(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.photo import run_photo_command
    return run_photo_command(settings, args)


def _sync(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.sync import run_sync
    return run_sync(settings, args)


def _central(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.sync import run_central
    return run_central(settings, args)


def _enrol(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.sync import run_enrol
    return run_enrol(settings, args)


def _card_centre(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.card_centre import run_card_centre
    return run_card_centre(settings, args)


def _form(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.forms import run_form_command
    return run_form_command(settings, args)


COMMANDS = {"gui": _gui, "demo": _demo, "db": _db, "id": _id, "form": _form, "batch": _batch,
            "photo": _photo, "sync": _sync, "central": _central, "enrol": _enrol,
            "card-centre": _card_centre}


def _inquiry(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.inquiry import run_inquiry
    return run_inquiry(settings, args)


def _report(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.inquiry import run_report
    return run_report(settings, args)


def _operator(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.operators import run_operator
    return run_operator(settings, args)


COMMANDS.update({"inquiry": _inquiry, "report": _report, "operator": _operator})
