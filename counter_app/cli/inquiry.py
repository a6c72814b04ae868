"""`counter-app inquiry NUMBER` and `counter-app report end-of-day`: the inquiry and the
end-of-day report without the window.

Wired into cli.py:
    add_inquiry_commands(commands)          # in build_parser
    COMMANDS["inquiry"], COMMANDS["report"] = run_inquiry, run_report
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from counter_app.cli import signin
from counter_app.cli.words import error_text, say, status_word
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP

# Exit codes of `counter-app inquiry` (and cli.signin's 3 and 4).
FOUND, NOTHING_FOUND, INVALID_NUMBER = 0, 1, 2
PROMISE_WORDS = {"due_soon": QT_TRANSLATE_NOOP("cli", "due soon"),
                 "overdue": QT_TRANSLATE_NOOP("cli", "overdue")}


def add_inquiry_commands(commands) -> None:
    from counter_app.cli.sync import central_url_help

    sign_in = signin.help_text()
    inquiry = commands.add_parser(
        "inquiry", help=say(QT_TRANSLATE_NOOP(
            "cli", "what is known about an ID number or card number: applications, card, "
                   "invalid list (exit 0 found, 1 nothing found, 2 invalid number, 3 not "
                   "signed in, 4 not allowed)")),
        description=sign_in)
    inquiry.add_argument("number", metavar="NUMBER", help=say(QT_TRANSLATE_NOOP(
        "cli", "resident ID number or card number")))
    inquiry.add_argument("--json", action="store_true",
                         help=say(QT_TRANSLATE_NOOP("cli", "machine-readable output")))
    inquiry.add_argument("--central", metavar="URL", help=central_url_help())
    inquiry.add_argument("--offline", action="store_true", help=say(QT_TRANSLATE_NOOP(
        "cli", "answer from this counter's own data only")))
    inquiry.add_argument("--pdf", type=Path, metavar="FILE.pdf", help=say(QT_TRANSLATE_NOOP(
        "cli", "also write the printable result to FILE.pdf")))

    report = commands.add_parser("report", help=say(QT_TRANSLATE_NOOP(
        "cli", "reports of this handling point (supervisors)")), description=sign_in)
    actions = report.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    day = actions.add_parser("end-of-day", help=say(QT_TRANSLATE_NOOP(
        "cli", "the day's applications, collections and overdue cards, as a PDF with a "
               "chart")), description=sign_in)
    day.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                     help=say(QT_TRANSLATE_NOOP("cli", "the day (default: today)")))
    day.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    day.add_argument("--site", metavar="CODE", help=say(QT_TRANSLATE_NOOP(
        "cli", "handling point (default: the operator's)")))


def run_inquiry(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.domain.errors import ValidationError
    from counter_app.services import inquiry
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    operator = signin.sign_in(ctx)
    try:
        result = inquiry.inquire(ctx, args.number, operator=operator, central_url=args.central,
                                 offline=args.offline)
    except ValidationError as exc:
        if args.json:  # for scripts: the English text in every language
            print(json.dumps({"valid": False, "error": str(exc)}, ensure_ascii=False))
        else:
            print(say(QT_TRANSLATE_NOOP("cli", "invalid: {reason}"), reason=error_text(exc)),
                  file=sys.stderr)
        return INVALID_NUMBER
    if args.pdf:  # an export staff asked for: in clear where they said, this user's alone
        kept = inquiry.render_result(ctx, result, operator)
        args.pdf.write_bytes(ctx.files.read(kept))
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        print("\n".join(as_lines(result, ctx.rules.labels)))
    return FOUND if result.found else NOTHING_FOUND


def run_report(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services import reports
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    operator = signin.sign_in(ctx)
    report = reports.end_of_day(ctx, operator, site_code=args.site, day=args.date)
    out = reports.render_end_of_day(ctx, report, args.out, operator=operator)
    print(say(QT_TRANSLATE_NOOP("cli", "end-of-day report of {site} for {day}: {applications} "
                                       "applications, {collected} cards collected, {overdue} "
                                       "overdue; written to {file}"),
              site=report.site_code, day=report.day, applications=report.applications,
              collected=len(report.collected), overdue=len(report.overdue), file=out))
    return 0


def as_json(result) -> dict:
    def plain(value):
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        return value

    return {
        "valid": True, "found": result.found, "kind": result.kind.value,
        "number": result.masked_number, "source": result.source,
        "note": str(result.note) if result.note else None, "reference": str(result.id),
        "applications": [{
            "number": a.number, "site": a.site_name, "business_type": a.business_type,
            "status": a.status, "received_on": plain(a.received_on),
            "due_date": plain(a.due_date), "promise": a.promise.value if a.promise else None,
            "sent": a.sent,
            "card": None if a.card is None else {
                "number": a.card.number, "bank": a.card.bank, "status": a.card.status,
                "issued_on": plain(a.card.issued_on),
                "collected_at": plain(a.card.collected_at),
                "activated_at": plain(a.card.activated_at)},
        } for a in result.applications],
        "invalid": [{
            "card_number": e.card_number, "kind": e.kind, "level": e.level, "state": e.state,
            "in_force": e.in_force, "listed_at": plain(e.listed_at),
            "expires_at": plain(e.expires_at), "released_at": plain(e.released_at),
            "site": e.site_name,
        } for e in result.invalid],
    }


def as_lines(result, business_labels: dict | None = None) -> list[str]:
    """The answer for a person, in the language in effect: statuses and invalid-list
    entries in words, business types by the city's labels (as the window shows them)."""
    lines = [_heading(result)]
    if result.note:
        lines.append(say(QT_TRANSLATE_NOOP("cli", "note: {note}"), note=error_text(result.note)))
    if not result.found:
        lines.append(say(QT_TRANSLATE_NOOP("cli", "nothing found")))
    for app in result.applications:
        lines.append(_application_line(app, business_labels or {}))
        if app.card is not None and app.card.number:
            lines.append("  " + say(QT_TRANSLATE_NOOP("cli", "card {card} ({bank}): {status}"),
                                    card=app.card.number, bank=app.card.bank or "-",
                                    status=status_word(app.card.status)))
    lines.extend(_invalid_line(entry) for entry in result.invalid)
    return lines


def _heading(result) -> str:
    if result.kind.value == "id_number":
        kind = say(QT_TRANSLATE_NOOP("cli", "ID number"))
    else:
        kind = say(QT_TRANSLATE_NOOP("cli", "card number"))
    if result.source == "central":
        source = say(QT_TRANSLATE_NOOP("cli", "central database"))
    else:
        source = say(QT_TRANSLATE_NOOP("cli", "this counter only"))
    return say(QT_TRANSLATE_NOOP("cli", "{kind} {number} ({source})"), kind=kind,
               number=result.masked_number, source=source)


def _application_line(app, business_labels: dict) -> str:
    due = ""
    if app.due_date:
        due = say(QT_TRANSLATE_NOOP("cli", ", due {date}"), date=app.due_date)
        if app.promise and app.promise.value in PROMISE_WORDS:
            due += " " + say(QT_TRANSLATE_NOOP("cli", "({promise})"),
                             promise=say(PROMISE_WORDS[app.promise.value]))
    sent = "" if app.sent else " " + say(QT_TRANSLATE_NOOP(
        "cli", "[not yet at the central database]"))
    return say(QT_TRANSLATE_NOOP("cli", "application {number}: {business}, {status} at {site}, "
                                        "received {received}"),
               number=app.number, business=_business_name(business_labels, app.business_type),
               status=status_word(app.status), site=app.site_name,
               received=app.received_on or "-") + due + sent


def _business_name(labels: dict, code: str) -> str:
    from counter_app.domain.business import BusinessType

    try:
        return labels[BusinessType(code)]
    except (ValueError, KeyError):
        return code


def _invalid_line(entry) -> str:
    from counter_app.qt.card_names import entry_state_name, invalid_kind_name, level_name

    line = say(QT_TRANSLATE_NOOP("cli", "invalid list: card {card} {kind} ({level} level): "
                                        "{state}, listed {listed} UTC"),
               card=entry.card_number, kind=invalid_kind_name(entry.kind),
               level=level_name(entry.level), state=entry_state_name(entry.state),
               listed=f"{entry.listed_at:%Y-%m-%d %H:%M}")
    until = entry.released_at or entry.expires_at
    if until:
        line += say(QT_TRANSLATE_NOOP("cli", ", until {until} UTC"),
                    until=f"{until:%Y-%m-%d %H:%M}")
    return line


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(say(QT_TRANSLATE_NOOP(
            "cli", "not a date (YYYY-MM-DD): {text}"), text=text)) from exc
