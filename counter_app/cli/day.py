"""`counter-app day status|close|reopen|report`: closing the day without the window
(issue 17), for a supervisor at a terminal or a script. The same service as the window's
dialog: every open item explained by a reason code of the rules, the report sealed."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from counter_app.cli import signin
from counter_app.cli.words import say
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP


def add_day_commands(commands) -> None:
    sign_in = signin.help_text()
    day = commands.add_parser("day", help=say(QT_TRANSLATE_NOOP(
        "cli", "close the day: its open items, the close, the report (supervisors)")),
        description=sign_in)
    actions = day.add_subparsers(dest="day_command", metavar="ACTION", required=True)
    status = actions.add_parser("status", help=say(QT_TRANSLATE_NOOP(
        "cli", "the day's open items and the reasons they may be explained with, or its "
               "close")))
    close = actions.add_parser("close", help=say(QT_TRANSLATE_NOOP(
        "cli", "close the day once every open item is explained")))
    close.add_argument("--explain", action="append", default=[], metavar="KEY=REASON[:NOTE]",
                       help=say(QT_TRANSLATE_NOOP(
                           "cli", "explain one open item (its key from day status)")))
    close.add_argument("--all", metavar="REASON[:NOTE]", help=say(QT_TRANSLATE_NOOP(
        "cli", "explain every item not explained otherwise with this reason")))
    reopen = actions.add_parser("reopen", help=say(QT_TRANSLATE_NOOP(
        "cli", "let a closed day's records change again (administrators)")))
    reopen.add_argument("--reason", required=True)
    report = actions.add_parser("report", help=say(QT_TRANSLATE_NOOP(
        "cli", "the closed day's report (PDF)")))
    report.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    for parser in (status, close, reopen, report):
        parser.add_argument("--day", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                            help=say(QT_TRANSLATE_NOOP("cli", "the day (default: today)")))


def run_day(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    operator = signin.sign_in(ctx)
    day = args.day or dt.date.today()
    return {"status": _status, "close": _close, "reopen": _reopen,
            "report": _report}[args.day_command](ctx, operator, day, args)


def _status(ctx, operator, day: dt.date, _args) -> int:
    from counter_app.domain.clock import local_text
    from counter_app.services import day_close

    closed = day_close.closed_day(ctx, operator, day)
    if closed is not None:
        print(say(QT_TRANSLATE_NOOP("cli", "{day}: closed by {operator} at {at}; {count} "
                                           "items explained"),
                  day=day, operator=closed.closed_by, at=local_text(closed.closed_at),
                  count=len(closed.explained)))
        return 0
    items = day_close.open_items(ctx, operator, day)
    print(say(QT_TRANSLATE_NOOP("cli", "{day}: open, {count} open items"), day=day,
              count=len(items)))
    for item in items:  # tab-separated, the same in every language: scripts read it
        print("\t".join((item.key, item.kind, item.number, item.masked_id, item.status)))
    print(say(QT_TRANSLATE_NOOP("cli", "reasons:")))
    for reason in day_close.reasons(ctx):
        print("\t".join(("", reason.code, reason.label, ",".join(reason.kinds) or "*")))
    return 0


def _close(ctx, operator, day: dt.date, args) -> int:
    from counter_app.services import day_close

    given = dict(_explanation(text) for text in args.explain)
    if args.all:
        fallback = _explanation("*=" + args.all)[1]
        for item in day_close.open_items(ctx, operator, day):
            given.setdefault(item.key, fallback)
    closed = day_close.close_day(ctx, operator, day, given)
    print(say(QT_TRANSLATE_NOOP("cli", "{day}: closed; {count} items explained"), day=day,
              count=len(closed.explained)))
    return 0


def _explanation(text: str):
    from counter_app.services.day_close import Explanation

    key, _, rest = text.partition("=")
    reason, _, note = rest.partition(":")
    return key.strip(), Explanation(reason.strip(), note.strip())


def _reopen(ctx, operator, day: dt.date, args) -> int:
    from counter_app.services import day_close

    day_close.reopen_day(ctx, operator, day, args.reason)
    print(say(QT_TRANSLATE_NOOP("cli", "{day}: reopened"), day=day))
    return 0


def _report(ctx, operator, day: dt.date, args) -> int:
    from counter_app.security.protected_files import write_atomically
    from counter_app.services import day_close

    path = day_close.closed_report(ctx, operator, day)
    write_atomically(args.out, ctx.files.read(path))
    print(say(QT_TRANSLATE_NOOP("cli", "report of {day} written to {file}"), day=day,
              file=args.out))
    return 0
