"""`counter-app`: the window by default, and headless operations as subcommands.

The command line answers in the configured language (settings.language: Chinese by
default, COUNTER_LANGUAGE=en for English): cli/words.py says how.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from counter_app import __version__
from counter_app.cli.signin import EXIT_FORBIDDEN, EXIT_SIGN_IN
from counter_app.cli.words import error_line, error_text, listing, say, status_word
from counter_app.config import Settings, load_settings
from counter_app.domain.errors import (MSG_FILE_UNREADABLE, QT_TRANSLATE_NOOP, ConfigFileError,
                                       CounterError)

log = logging.getLogger(__name__)

# A settings, credentials or rules file that cannot be used, an input file that cannot be
# read: the message on stderr and this exit code (README.md), never a traceback.
EXIT_CONFIG = 2


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help texts in the language in effect (cli.main installs it first)."""
    parser = argparse.ArgumentParser(prog="counter-app", description=say(QT_TRANSLATE_NOOP(
        "cli", "Counter: social-security-card intake at the window.")))
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help=say(QT_TRANSLATE_NOOP(
        "cli", "start the window (the default)")))
    gui.add_argument("--exit-when-shown", action="store_true", help=say(QT_TRANSLATE_NOOP(
        "cli", "quit once the first window is shown (start-up checks)")))
    gui.add_argument("--screenshot", type=Path, help=say(QT_TRANSLATE_NOOP(
        "cli", "save the first window as PNG and quit")))

    demo = commands.add_parser("demo", help=say(QT_TRANSLATE_NOOP(
        "cli", "seed a demo site and operator")))
    demo.add_argument("--applications", type=int, default=0, metavar="N",
                      help=say(QT_TRANSLATE_NOOP(
                          "cli", "also take N applications through to submitted")))
    demo.add_argument("--queue", type=int, default=0, metavar="N", help=say(QT_TRANSLATE_NOOP(
        "cli", "seed today's queue with N applications stopped at the counter's steps in "
               "turn (draft, examined, photo_ok, form_printed, signed, submitted), unless "
               "today's queue holds some already")))

    db = commands.add_parser("db", help=say(QT_TRANSLATE_NOOP("cli", "local database")))
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help=say(QT_TRANSLATE_NOOP(
        "cli", "apply the schema migrations")))

    id_parser = commands.add_parser("id", help=say(QT_TRANSLATE_NOOP(
        "cli", "resident ID numbers")))
    id_commands = id_parser.add_subparsers(dest="id_command", metavar="ACTION", required=True)
    check = id_commands.add_parser("check", help=say(QT_TRANSLATE_NOOP(
        "cli", "check an ID number and show what it tells")))
    check.add_argument("number")
    check.add_argument("--json", action="store_true",
                       help=say(QT_TRANSLATE_NOOP("cli", "machine-readable output")))

    form = commands.add_parser("form", help=say(QT_TRANSLATE_NOOP("cli", "printed forms")))
    form_commands = form.add_subparsers(dest="form_command", metavar="ACTION", required=True)
    from counter_app.cli.forms import add_form_commands
    add_form_commands(form_commands)

    batch = commands.add_parser("batch", help=say(QT_TRANSLATE_NOOP(
        "cli", "spreadsheets of applicants from committees")))
    batch_commands = batch.add_subparsers(dest="batch_command", metavar="ACTION", required=True)
    batch_check = batch_commands.add_parser("check", help=say(QT_TRANSLATE_NOOP(
        "cli", "check every row and print a report (exit 0 all good, 1 some rows bad, 2 "
               "unreadable file)")))
    batch_check.add_argument("file", type=Path, metavar="FILE")
    batch_template = batch_commands.add_parser("template", help=say(QT_TRANSLATE_NOOP(
        "cli", "write the spreadsheet template for committees (xlsx with notes; CSV when "
               "FILE ends in .csv)")))
    batch_template.add_argument("--out", type=Path, required=True, metavar="FILE")

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

    from counter_app.cli.doctor import add_doctor_command
    add_doctor_command(commands)

    from counter_app.cli.updates import add_update_commands
    add_update_commands(commands)

    from counter_app.cli.cards import add_card_commands
    add_card_commands(commands)

    from counter_app.cli.day import add_day_commands
    add_day_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Qt loads here, not when counter_app.cli is imported (tests/unit/test_layering.py)
    from counter_app.qt.i18n import command_line_language

    settings, broken = _settings()
    with command_line_language(settings):  # before the parser: its help texts are translated
        args = build_parser().parse_args(argv)
        command = args.command or "gui"
        if broken is not None:  # settings.toml broken: no command can run
            print(error_line(broken), file=sys.stderr)
            if command != "gui":
                return EXIT_CONFIG
        elif command != "gui":
            return _run(COMMANDS[command], settings, args)
    # The window makes its own application once the command line's is gone: a QApplication
    # must be the only one.
    if broken is not None:
        from counter_app.qt.app import show_start_error
        show_start_error(settings, broken)
        return EXIT_CONFIG
    from counter_app.cli.updates import apply_update_at_start
    apply_update_at_start(settings)  # a staged update: installed (and restarted into) first
    return _gui(settings, args)


def _settings() -> tuple[Settings, ConfigFileError | None]:
    """The settings, logging into their folder; when settings.toml cannot be used, the
    environment's alone (whose language says so) and the error."""
    try:
        settings = load_settings()
    except ConfigFileError as exc:
        return load_settings(read_file=False), exc
    from counter_app.logs import setup_logging
    setup_logging(settings.log_dir)  # before the translators: their warnings go to the log
    return settings, None


def _run(handler, settings: Settings, args: argparse.Namespace) -> int:
    try:
        return handler(settings, args)
    except ConfigFileError as exc:  # credentials or rules broken
        print(error_line(exc), file=sys.stderr)
        return EXIT_CONFIG
    except CounterError as exc:
        print(error_line(exc), file=sys.stderr)
        return _EXIT_FOR.get(exc.code, 1)


# No operator signed in (none given, wrong password, locked out, password to change) and
# a role that does not allow the work: cli/signin.py's exit codes.
_EXIT_FOR = {"sign_in": EXIT_SIGN_IN, "login": EXIT_SIGN_IN, "login_locked": EXIT_SIGN_IN,
             "forbidden": EXIT_FORBIDDEN, "carry": 2}  # a carried file refused


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
    if number := seed_demo_preapplication(ctx):  # the demo's made-up guardian: no one's data
        print(say(QT_TRANSLATE_NOOP("cli", "Demo online pre-application number: {number}, "
                                           "found with the guardian's ID number {id_number} "
                                           "(F3)"),
                  number=number, id_number=DEMO_PREAPPLICATION_GUARDIAN))
    if login.created:
        print(say(QT_TRANSLATE_NOOP("cli", "Demo login: user {user}  password {password}"),
                  user=login.username, password=login.password))
        if not settings.id_card_reader:  # the demo gets a simulated ID-card reader (F2)
            from counter_app.config import save_setting
            save_setting(settings, "id_card_reader", "simulated")
    else:
        print(say(QT_TRANSLATE_NOOP("cli", "Operators exist already; the demo login is user "
                                           "{user}  password {password} (unless it was "
                                           "changed)."),
                  user=login.username, password=login.password))
    if args.queue:  # first: --applications adds to today's queue too
        _demo_queue(ctx, args.queue)
    if args.applications:
        numbers = add_demo_applications(ctx, args.applications)
        print(say(QT_TRANSLATE_NOOP("cli", "{count} demo applications submitted."),
                  count=len(numbers)))
    print(say(QT_TRANSLATE_NOOP("cli", "Data directory: {folder}"), folder=settings.data_dir))
    return 0


def _demo_queue(ctx, count: int) -> None:
    from counter_app.services.demo import seed_demo_queue
    try:
        made = seed_demo_queue(ctx, count)
    except CounterError as exc:  # e.g. the demo password was changed: the window starts anyway
        print(say(QT_TRANSLATE_NOOP("cli", "No demo queue: {reason}"), reason=error_text(exc)))
        return
    if made:
        steps = listing(say(QT_TRANSLATE_NOOP("cli", "{count} {status}"), count=n,
                            status=status_word(status)) for status, n in made.items())
        print(say(QT_TRANSLATE_NOOP("cli", "Today's queue: {total} demo applications "
                                           "({steps})."), total=made.total(), steps=steps))
    else:
        print(say(QT_TRANSLATE_NOOP("cli", "Today's queue holds applications already: no demo "
                                           "applications added.")))


def _db(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services.context import open_context
    from counter_app.store import migrate
    ctx = open_context(settings)  # encrypts an older plain database, then migrates
    print(say(QT_TRANSLATE_NOOP("cli", "Local database at revision {revision}: {file}"),
              revision=listing(migrate.current(ctx.sessions.kw["bind"])),
              file=settings.local_db_path))
    return 0


def _id(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.domain.idnumber import IdNumberError, parse_resident_id
    try:
        resident = parse_resident_id(args.number)
    except IdNumberError as exc:
        if args.json:  # for scripts: the English text in every language
            print(json.dumps({"valid": False, "error": str(exc)}))
        else:
            print(say(QT_TRANSLATE_NOOP("cli", "invalid: {reason}"), reason=error_text(exc)))
        return 1
    facts = {"valid": True, "number": resident.number,
             "birth_date": resident.birth_date.isoformat(), "sex": resident.sex,
             "region": resident.region}
    if args.json:
        print(json.dumps(facts, ensure_ascii=False))
    else:
        sex = (say(QT_TRANSLATE_NOOP("cli", "female")) if resident.sex == "F"
               else say(QT_TRANSLATE_NOOP("cli", "male")))
        print(say(QT_TRANSLATE_NOOP("cli", "valid: born {birth_date}, sex {sex}, region "
                                           "{region}"),
                  birth_date=facts["birth_date"], sex=sex, region=resident.region))
    return 0


def _batch(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.batches.spreadsheet import column_title, read_rows
    from counter_app.batches.template import write_template
    from counter_app.batches.validate import check_rows
    from counter_app.domain.business import load_rules
    try:
        if args.batch_command == "template":
            write_template(args.out, load_rules())
            print(say(QT_TRANSLATE_NOOP("cli", "template written: {file}"), file=args.out))
            return 0
        report = check_rows(read_rows(args.file), load_rules())
    except CounterError as exc:
        print(error_line(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        file = args.file if args.batch_command == "check" else args.out
        print(error_line(CounterError(MSG_FILE_UNREADABLE, file=file,
                                      problem=exc.strerror or type(exc).__name__)),
              file=sys.stderr)
        return 2
    for problem in report.problems:  # name and masked ID number: staff find the row by them
        print(_problem_line(problem, column_title(problem.field)))
    print(say(QT_TRANSLATE_NOOP("cli", "{good} rows good, {bad} rows with {problems} problems"),
              good=len(report.good), bad=report.bad_rows, problems=len(report.problems)))
    return 0 if report.all_good else 1


def _problem_line(problem, column: str) -> str:
    if problem.applicant:
        return say(QT_TRANSLATE_NOOP("cli", "row {row} ({applicant}): {column}: {problem}"),
                   row=problem.row, applicant=problem.applicant, column=column,
                   problem=error_text(problem.error))
    return say(QT_TRANSLATE_NOOP("cli", "row {row}: {column}: {problem}"), row=problem.row,
               column=column, problem=error_text(problem.error))


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


def _doctor(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.doctor import run_doctor
    return run_doctor(settings, args)


def _card(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.cards import run_card
    return run_card(settings, args)


def _update(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.updates import run_update
    return run_update(settings, args)


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.carry import run_export
    return run_export(settings, args)


def _import_receipt(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.carry import run_import_receipt
    return run_import_receipt(settings, args)


def _day(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.day import run_day
    return run_day(settings, args)


COMMANDS.update({"export": _export, "import-receipt": _import_receipt, "day": _day})
COMMANDS.update({"inquiry": _inquiry, "report": _report, "operator": _operator,
                 "doctor": _doctor, "update": _update, "card": _card})
