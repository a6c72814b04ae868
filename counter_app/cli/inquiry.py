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
from counter_app.config import Settings

# Exit codes of `counter-app inquiry` (and cli.signin's 3 and 4).
FOUND, NOTHING_FOUND, INVALID_NUMBER = 0, 1, 2


def add_inquiry_commands(commands) -> None:
    inquiry = commands.add_parser(
        "inquiry", help="what is known about an ID number or card number: applications, "
                        "card, invalid list (exit 0 found, 1 nothing found, 2 invalid "
                        "number, 3 not signed in, 4 not allowed)",
        description=signin.HELP)
    inquiry.add_argument("number", metavar="NUMBER", help="resident ID number or card number")
    inquiry.add_argument("--json", action="store_true", help="machine-readable output")
    inquiry.add_argument("--central", metavar="URL",
                         help="central database URL (default: this counter's enrolment, else "
                              "the configured one)")
    inquiry.add_argument("--offline", action="store_true",
                         help="answer from this counter's own data only")
    inquiry.add_argument("--pdf", type=Path, metavar="FILE.pdf",
                         help="also write the printable result to FILE.pdf")

    report = commands.add_parser("report", help="reports of this handling point "
                                                 "(supervisors)", description=signin.HELP)
    actions = report.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    day = actions.add_parser("end-of-day", help="the day's applications, collections and "
                                                "overdue cards, as a PDF with a chart",
                             description=signin.HELP)
    day.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                     help="the day (default: today)")
    day.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    day.add_argument("--site", metavar="CODE",
                     help="handling point (default: the operator's)")


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
        if args.json:
            print(json.dumps({"valid": False, "error": str(exc)}, ensure_ascii=False))
        else:
            print(f"invalid: {exc}", file=sys.stderr)
        return INVALID_NUMBER
    if args.pdf:  # an export staff asked for: in clear where they said, this user's alone
        kept = inquiry.render_result(ctx, result, operator)
        args.pdf.write_bytes(ctx.files.read(kept))
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        print("\n".join(as_lines(result)))
    return FOUND if result.found else NOTHING_FOUND


def run_report(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services import reports
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    operator = signin.sign_in(ctx)
    report = reports.end_of_day(ctx, operator, site_code=args.site, day=args.date)
    out = reports.render_end_of_day(ctx, report, args.out, operator=operator)
    print(f"end-of-day report of {report.site_code} for {report.day}: "
          f"{report.applications} applications, {len(report.collected)} cards collected, "
          f"{len(report.overdue)} overdue; written to {out}")
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


def as_lines(result) -> list[str]:
    kind = "ID number" if result.kind.value == "id_number" else "card number"
    source = "central database" if result.source == "central" else "this counter only"
    lines = [f"{kind} {result.masked_number} ({source})"]
    if result.note:
        lines.append(f"note: {result.note}")
    if not result.found:
        lines.append("nothing found")
    for app in result.applications:
        due = f", due {app.due_date}" + (f" ({app.promise.value})" if app.promise else "") \
            if app.due_date else ""
        sent = "" if app.sent else " [not yet at the central database]"
        lines.append(f"application {app.number}: {app.business_type}, {app.status} at "
                     f"{app.site_name}, received {app.received_on or '-'}{due}{sent}")
        if app.card is not None and app.card.number:
            lines.append(f"  card {app.card.number} ({app.card.bank or '-'}): {app.card.status}")
    for entry in result.invalid:
        until = entry.released_at or entry.expires_at
        lines.append(f"invalid list: card {entry.card_number} {entry.kind} ({entry.level} "
                     f"level): {entry.state}, listed {entry.listed_at:%Y-%m-%d %H:%M} UTC"
                     + (f", until {until:%Y-%m-%d %H:%M} UTC" if until else ""))
    return lines


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc
