"""`counter-app card-centre ...`: the card centre's work from the command line.

    import FILE     the card factory's result file: exit 0 applied, 1 refused (the
                    problems per line are printed, nothing applied), 2 unreadable file
    incoming        what waits, by handling point and age
    batch           put waiting applications into a production batch
    mark NUMBER     one card produced (--card, --bank) or failed (--failed REASON)
    dispatch        send the produced cards to their handling points (notices queued)
    notify          send the notices that are due, once
    overdue         the 30-day promise: overdue (or --due-soon) with counts per site
    stock           instant issuance: every site's blank cards, blocks and used numbers
    top-up SITE     give a site blank cards (--blanks) and card numbers (--numbers A-B)

Every command works on the central database given by --url, else this computer's
enrolment (on the built-in central server: as its administrator), as an operator with the
card centre role (cli/signin.py: COUNTER_OPERATOR and COUNTER_PASSWORD, else asked), whose
name goes into the status history. Personal data (names, phones) is never printed:
applications show as their numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from counter_app.cli import signin
from counter_app.cli.words import error_line, message_words, say, status_word
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.security.roles import Permission

OK, REFUSED, UNREADABLE = 0, 1, 2


def add_card_centre_commands(commands) -> None:
    parser = commands.add_parser(
        "card-centre", help=say(QT_TRANSLATE_NOOP(
            "cli", "the card centre: production, dispatch, notices, the 30-day promise")),
        description=say(QT_TRANSLATE_NOOP(
            "cli", "The card centre's work, as an operator with the card centre role. "
                   "{sign_in}"), sign_in=signin.help_text()))
    actions = parser.add_subparsers(dest="card_centre_command", metavar="ACTION",
                                    required=True)
    result = actions.add_parser("import", help=say(QT_TRANSLATE_NOOP(
        "cli", "apply the card factory's result file (exit 0 applied, 1 refused with a "
               "report per line, 2 unreadable file)")))
    result.add_argument("file", type=Path, metavar="FILE",
                        help=say(QT_TRANSLATE_NOOP("cli", "CSV or xlsx")))
    incoming = actions.add_parser("incoming", help=say(QT_TRANSLATE_NOOP(
        "cli", "waiting applications by handling point and age")))
    batch = actions.add_parser("batch", help=say(QT_TRANSLATE_NOOP(
        "cli", "put waiting applications into a production batch")))
    batch.add_argument("--older-than", type=int, default=0, metavar="DAYS",
                       help=say(QT_TRANSLATE_NOOP(
                           "cli", "only those received at least DAYS days ago")))
    batch.add_argument("--limit", type=int, default=2000, metavar="N")
    batch.add_argument("--template", type=Path, metavar="FILE", help=say(QT_TRANSLATE_NOOP(
        "cli", "write the factory's result file to fill in (CSV)")))
    mark = actions.add_parser("mark", help=say(QT_TRANSLATE_NOOP(
        "cli", "mark one card produced or failed by hand")))
    mark.add_argument("number", metavar="NUMBER",
                      help=say(QT_TRANSLATE_NOOP("cli", "the application number")))
    how = mark.add_mutually_exclusive_group(required=True)
    how.add_argument("--card", metavar="CARD_NUMBER", help=say(QT_TRANSLATE_NOOP(
        "cli", "produced, with this card number")))
    how.add_argument("--failed", metavar="REASON", help=say(QT_TRANSLATE_NOOP(
        "cli", "could not be made, for this reason")))
    mark.add_argument("--bank", default="", help=say(QT_TRANSLATE_NOOP(
        "cli", "the issuing bank (with --card)")))
    dispatch = actions.add_parser("dispatch", help=say(QT_TRANSLATE_NOOP(
        "cli", "send produced cards to their handling points and queue the notices")))
    notify = actions.add_parser("notify", help=say(QT_TRANSLATE_NOOP(
        "cli", "send the notices that are due, once")))
    notify.add_argument("--gateway", metavar="URL", help=say(QT_TRANSLATE_NOOP(
        "cli", "SMS gateway URL (default: the settings' notice_gateway_url, else a file in "
               "the data folder)")))
    overdue = actions.add_parser("overdue", help=say(QT_TRANSLATE_NOOP(
        "cli", "the 30-day promise: overdue applications (or due soon) with counts per site")))
    overdue.add_argument("--due-soon", action="store_true", help=say(QT_TRANSLATE_NOOP(
        "cli", "due within the next days instead of overdue")))
    overdue.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    overdue.add_argument("--limit", type=int, default=50, metavar="N")
    from counter_app.cli.cards import add_card_centre_stock_commands
    stock, top_up = add_card_centre_stock_commands(actions)  # instant issuance
    url_help = say(QT_TRANSLATE_NOOP(
        "cli", "central database URL (default: this computer's enrolment)"))
    for action in (result, incoming, batch, mark, dispatch, notify, overdue, stock, top_up):
        action.add_argument("--url", help=url_help)
    site_help = say(QT_TRANSLATE_NOOP("cli", "one handling point only"))
    for action in (incoming, batch, dispatch, overdue, stock):
        action.add_argument("--site", metavar="CODE", help=site_help)


def run_card_centre(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cardcentre.factory import FactoryFileError
    from counter_app.services import card_centre
    from counter_app.services.context import open_context

    command = args.card_centre_command
    ctx = open_context(settings)
    operator = signin.sign_in(ctx)
    operator.require(Permission.CARD_CENTRE)  # before any file is read or connection made
    if command == "import":  # an unreadable file says so before any connection is made
        from counter_app.cardcentre.factory import read_lines
        try:
            read_lines(args.file)
        except FactoryFileError as exc:
            print(error_line(exc), file=sys.stderr)
            return UNREADABLE
    centre = card_centre.for_operator(ctx, operator, args.url)
    try:
        return _COMMANDS[command](centre, ctx, args)
    except FactoryFileError as exc:
        print(error_line(exc), file=sys.stderr)
        return UNREADABLE
    finally:
        centre.close()


def _site_id(centre, code: str | None):
    if not code:
        return None
    for site in centre.sites():
        if site.code == code:
            return site.id
    from counter_app.central.admin import MSG_UNKNOWN_SITE, AdminError
    raise AdminError(MSG_UNKNOWN_SITE, code=code)


def _import(centre, ctx, args) -> int:
    report = centre.import_results(args.file)
    if report.applied:
        print(say(QT_TRANSLATE_NOOP("cli", "applied: {lines} lines, {produced} cards produced, "
                                           "{failed} failed"),
                  lines=report.lines, produced=report.produced, failed=report.failed))
        return OK
    for problem in report.problems:
        print(say(QT_TRANSLATE_NOOP("cli", "line {line}: {problem}"), line=problem.line,
                  problem=_problem_words(problem)))
    lines = len({p.line for p in report.problems})
    print(say(QT_TRANSLATE_NOOP("cli", "refused: {bad} of {lines} lines have problems; "
                                       "nothing was applied"), bad=lines, lines=report.lines))
    return REFUSED


def _problem_words(problem) -> str:
    """A line's problem in the language in effect, a status among its values in words."""
    values = dict(problem.params)
    if "status" in values:
        values["status"] = status_word(values["status"])
    return message_words(problem.template, **values)


def _incoming(centre, ctx, args) -> int:
    bands = centre.age_bands()
    site_id = _site_id(centre, args.site)
    site = say(QT_TRANSLATE_NOOP("cli", "site"))
    failed = say(QT_TRANSLATE_NOOP("cli", "failed"))
    days = [say(QT_TRANSLATE_NOOP("cli", "{days} d"), days=band.label) for band in bands]
    print(f"{site:<10}" + "".join(f"{band:>9}" for band in days) + f"{failed:>9}")
    for row in centre.incoming_summary():
        if site_id is None or row.site.id == site_id:
            print(f"{row.site.code:<10}" + "".join(f"{n:>9}" for n in row.by_age)
                  + f"{row.failed:>9}")
    return OK


def _batch(centre, ctx, args) -> int:
    waiting = centre.incoming(_site_id(centre, args.site), min_age_days=args.older_than,
                              limit=args.limit)
    if not waiting:
        print(say(QT_TRANSLATE_NOOP("cli", "nothing waits to be made")))
        return OK
    batch = centre.make_batch([a.key for a in waiting])
    print(say(QT_TRANSLATE_NOOP("cli", "batch {name}: {count} applications"), name=batch.name,
              count=batch.size))
    for left in batch.left_out:
        print(say(QT_TRANSLATE_NOOP("cli", "left out: {application} ({status})"),
                  application=left.move.application_id, status=_now(left)), file=sys.stderr)
    if args.template:
        from counter_app.cardcentre.production import result_template
        args.template.write_text(result_template(batch.numbers), encoding="utf-8")
        print(say(QT_TRANSLATE_NOOP("cli", "result file to fill in: {file}"),
                  file=args.template))
    return OK


def _now(left) -> str:
    """Where an application left out of a batch or dispatch stands (the status it was
    found in; none when the central database no longer has it)."""
    if left.from_status:
        return status_word(left.from_status)
    return say(QT_TRANSLATE_NOOP("cli", "not in the central database"))


def _mark(centre, ctx, args) -> int:
    if args.card:
        centre.mark_produced(args.number, args.card, args.bank)
        print(say(QT_TRANSLATE_NOOP("cli", "{number}: produced, card {card}"),
                  number=args.number, card=args.card.strip()))
    else:
        centre.mark_failed(args.number, args.failed)
        print(say(QT_TRANSLATE_NOOP("cli", "{number}: production failed"), number=args.number))
    return OK


def _dispatch(centre, ctx, args) -> int:
    cards = centre.produced(_site_id(centre, args.site))
    if not cards:
        print(say(QT_TRANSLATE_NOOP("cli", "no produced cards wait to be sent")))
        return OK
    result = centre.dispatch([card.key for card in cards])
    print(say(QT_TRANSLATE_NOOP("cli", "{sent} cards sent to their handling points, "
                                       "{notices} notices queued"),
              sent=result.sent, notices=result.notices))
    for left in result.left_out:
        print(say(QT_TRANSLATE_NOOP("cli", "not sent: {application} ({status})"),
                  application=left.move.application_id, status=_now(left)))
    return OK


def _notify(centre, ctx, args) -> int:
    from counter_app.cardcentre.sending import HttpSender
    from counter_app.services.card_centre import default_senders

    senders = default_senders(ctx.settings, ctx.files)
    if args.gateway:
        senders["sms"] = HttpSender(args.gateway)
    report = centre.send_notices(senders)
    print(say(QT_TRANSLATE_NOOP("cli", "sent {sent}, to retry {failed}, given up {gave_up}, "
                                       "applicants notified {notified}"),
              sent=report.sent, failed=report.failed, gave_up=report.gave_up,
              notified=report.notified))
    return OK


def _overdue(centre, ctx, args) -> int:
    from counter_app.services.card_centre import Kind

    kind = Kind.DUE_SOON if args.due_soon else Kind.OVERDUE
    found = centre.promise(kind, args.today, site_id=_site_id(centre, args.site),
                           limit=args.limit)
    if kind is Kind.OVERDUE:
        total = QT_TRANSLATE_NOOP("cli", "{total} applications overdue on {date}")
        days = QT_TRANSLATE_NOOP("cli", "{days} days over")
    else:
        total = QT_TRANSLATE_NOOP("cli", "{total} applications due soon on {date}")
        days = QT_TRANSLATE_NOOP("cli", "{days} days left")
    print(say(total, total=found.total, date=found.today.isoformat()))
    for count in found.counts:
        print(f"  {count.site.code:<10} {count.count:>8}  {count.site.name}")
    for row in found.rows:
        due = say(QT_TRANSLATE_NOOP("cli", "due {date}"), date=row.due_date)
        print(f"{row.number:<24} {row.site.code:<10} {due}  {say(days, days=row.days)}  "
              f"{status_word(row.status)}")
    return OK


def _stock(centre, ctx, args) -> int:
    from counter_app.cli.cards import print_card_centre_stock
    return print_card_centre_stock(centre, _site_id(centre, args.site), args.used)


def _top_up(centre, ctx, args) -> int:
    from counter_app.cli.cards import top_up
    return top_up(centre, args)


_COMMANDS = {"import": _import, "incoming": _incoming, "batch": _batch, "mark": _mark,
             "dispatch": _dispatch, "notify": _notify, "overdue": _overdue, "stock": _stock,
             "top-up": _top_up}
