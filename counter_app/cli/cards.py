"""`counter-app card ...`: instant issuance (即时制卡) without the window.

    issue NUMBER --face-pdf FILE   make the card of a signed (or submitted) application at
                                   this instant-issuance site: the next card number, the
                                   chip (the simulated encoder unless --encoder says
                                   otherwise), the face written to FILE as a PDF instead of
                                   a printer; exit 0 handed over, 1 the blank spoiled (run
                                   again: the next number), 5 the encoder could not be used
                                   (nothing written: run again with --same-blank)
    stock                          the site's blank cards as this counter knows them, its
                                   runs of card numbers and the numbers it used

Both run as an operator (cli/signin.py). Personal data is never printed: applications show
as their numbers.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from counter_app.cli import signin
from counter_app.cli.words import error_text, say, status_word
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP

ISSUED, SPOILED, ENCODER_UNAVAILABLE = 0, 1, 5

OUTCOMES = {"in_production": QT_TRANSLATE_NOOP("cli", "in the printer"),
            "issued": QT_TRANSLATE_NOOP("cli", "issued"),
            "spoiled": QT_TRANSLATE_NOOP("cli", "spoiled")}


def add_card_commands(commands) -> None:
    parser = commands.add_parser("card", help=say(QT_TRANSLATE_NOOP(
        "cli", "cards made at the window (instant issuance)")), description=say(
        QT_TRANSLATE_NOOP("cli", "Cards made at the window at a handling point the card "
                                 "centre lets issue instantly. {sign_in}"),
        sign_in=signin.help_text()))
    actions = parser.add_subparsers(dest="card_command", metavar="ACTION", required=True)
    issue = actions.add_parser("issue", help=say(QT_TRANSLATE_NOOP(
        "cli", "make an application's card now: number, chip, face (exit 0 handed over, 1 "
               "blank spoiled: run again for the next number, 5 encoder not usable: run "
               "again with --same-blank)")))
    issue.add_argument("number", metavar="APPLICATION_NUMBER")
    issue.add_argument("--face-pdf", type=Path, required=True, metavar="FILE",
                       help=say(QT_TRANSLATE_NOOP(
                           "cli", "write the card face to FILE (PDF) instead of a printer")))
    issue.add_argument("--encoder", metavar="SETTING", help=say(QT_TRANSLATE_NOOP(
        "cli", "the chip encoder: simulated (the default here), simulated:fail=N, pcsc or "
               "pcsc:READER")))
    issue.add_argument("--same-blank", action="store_true", help=say(QT_TRANSLATE_NOOP(
        "cli", "try the card in production again with the same blank (after the encoder "
               "could not be used)")))
    stock = actions.add_parser("stock", help=say(QT_TRANSLATE_NOOP(
        "cli", "blank cards, card numbers left and numbers used here")))
    stock.add_argument("--limit", type=int, default=50, metavar="N", help=say(
        QT_TRANSLATE_NOOP("cli", "list at most N used numbers (default 50)")))


def run_card(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    operator = signin.sign_in(ctx)
    if args.card_command == "issue":
        return _issue(ctx, operator, args)
    return _stock(ctx, operator, args)


def _issue(ctx, operator, args) -> int:
    from counter_app.encoders import open_encoder
    from counter_app.services import issuance

    application_id = issuance.find_application(ctx, operator, args.number)
    encoder = open_encoder(args.encoder or str(ctx.settings.extra.get("card_encoder", "")
                                               or "simulated"))
    result = issuance.issue_card(ctx, operator, application_id, encoder=encoder,
                                 print_face=pdf_printer(ctx, args.face_pdf),
                                 same_blank=args.same_blank)
    if result.ok:
        print(say(QT_TRANSLATE_NOOP("cli", "{number}: card {card} made and handed over "
                                           "({status}), attempt {attempt}"),
                  number=result.number, card=result.card_number,
                  status=status_word(result.status), attempt=result.attempt))
        print(say(QT_TRANSLATE_NOOP("cli", "card face: {file}"), file=args.face_pdf))
        return ISSUED
    words = _reason_words(result.reason)
    if result.same_blank:
        print(say(QT_TRANSLATE_NOOP("cli", "{number}: card {card} not made, nothing written: "
                                           "{reason}; run again with --same-blank"),
                  number=result.number, card=result.card_number, reason=words),
              file=sys.stderr)
        return ENCODER_UNAVAILABLE
    print(say(QT_TRANSLATE_NOOP("cli", "{number}: card {card} failed, the blank is spoiled and "
                                       "its number on the invalid list: {reason}; run again "
                                       "to make it with the next number"),
              number=result.number, card=result.card_number, reason=words), file=sys.stderr)
    return SPOILED


def pdf_printer(ctx, path: Path):
    """A face printer that writes the card face (the city's layout) to *path*, 0600: an
    export staff asked for, in clear (docs/SECURITY.md)."""
    from counter_app.cardface import card_fonts, load_card_layout, render_card_face

    layout = load_card_layout(ctx.rules.city)
    fonts = card_fonts(layout, ctx.settings.font_paths)

    def print_face(face) -> None:
        data = render_card_face(face, layout, fonts)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    return print_face


def _reason_words(stored: str) -> str:
    """A stored reason (template and values) in the language in effect."""
    from counter_app.domain.errors import CounterError, read_reason

    template, values = read_reason(stored)
    try:
        return error_text(CounterError(template, **values))
    except (KeyError, IndexError, ValueError):  # an older version's words: as they came
        from counter_app.domain.errors import reason_words
        return reason_words(stored)


def _stock(ctx, operator, args) -> int:
    from counter_app.services import issuance

    stock = issuance.counter_stock(ctx, operator, limit=max(0, args.limit))
    if not stock.instant:
        print(say(QT_TRANSLATE_NOOP("cli", "this handling point does not make cards at the "
                                           "window (as of the last sync)")))
    if stock.site is None:
        print(say(QT_TRANSLATE_NOOP("cli", "blank cards: not known yet (sync first)")))
    else:
        print(say(QT_TRANSLATE_NOOP("cli", "blank cards at this handling point: received "
                                           "{received}, issued {issued}, spoiled {spoiled}, "
                                           "in the printer {pending}, expected in stock "
                                           "{expected}"),
                  received=stock.site.received, issued=stock.site.issued,
                  spoiled=stock.site.spoiled, pending=stock.site.pending,
                  expected=stock.site.expected))
        print(say(QT_TRANSLATE_NOOP("cli", "counted centrally at {time} UTC; numbers taken "
                                           "here since, not yet sent: {unsent}"),
                  time=stock.as_of.isoformat(sep=" ") if stock.as_of else "-",
                  unsent=stock.unsent))
    print(say(QT_TRANSLATE_NOOP("cli", "card numbers left on this counter: {left}"),
              left=stock.numbers_left))
    for run in stock.runs:
        next_words = run.next_number or say(QT_TRANSLATE_NOOP("cli", "used up"))
        print(f"  {run.numbers.text}  "
              + say(QT_TRANSLATE_NOOP("cli", "next {next}, {left} left"), next=next_words,
                    left=run.left) + (f"  {run.bank}" if run.bank else ""))
    if stock.used:
        print(say(QT_TRANSLATE_NOOP("cli", "card numbers used here:")))
    for used in stock.used:
        outcome = say(OUTCOMES[used.outcome]) if used.outcome in OUTCOMES else used.outcome
        line = f"  {used.card_number}  {outcome:<10} {used.application_number:<24} " \
               f"{used.used_at.isoformat(sep=' ', timespec='minutes')}"
        if used.reason:
            line += f"  {_reason_words(used.reason)}"
        print(line)
    return 0


# --- the card centre's side (`counter-app card-centre stock`, `top-up`) --------------------

def add_card_centre_stock_commands(actions) -> tuple:
    """`card-centre stock` and `card-centre top-up` (cli/card_centre.py adds --url and
    --site); the two parsers."""
    stock = actions.add_parser("stock", help=say(QT_TRANSLATE_NOOP(
        "cli", "instant issuance: every site's blank cards, card number blocks and used "
               "numbers")))
    stock.add_argument("--used", type=int, default=20, metavar="N", help=say(
        QT_TRANSLATE_NOOP("cli", "list the N numbers used last (default 20; 0: none)")))
    top_up = actions.add_parser("top-up", help=say(QT_TRANSLATE_NOOP(
        "cli", "give a handling point blank cards and a block of card numbers")))
    top_up.add_argument("site_code", metavar="SITE")
    top_up.add_argument("--blanks", type=int, default=0, metavar="N", help=say(
        QT_TRANSLATE_NOOP("cli", "blank cards delivered")))
    top_up.add_argument("--numbers", default="", metavar="FIRST-LAST", help=say(
        QT_TRANSLATE_NOOP("cli", "a block of card numbers, e.g. A00000001-A00000500")))
    top_up.add_argument("--bank", default="", help=say(QT_TRANSLATE_NOOP(
        "cli", "the bank of the block's cards")))
    return stock, top_up


def print_card_centre_stock(centre, site_id, used: int) -> int:
    rows = centre.card_stocks(site_id)
    if not rows:
        print(say(QT_TRANSLATE_NOOP("cli", "no handling point makes cards at the window")))
    for row in rows:
        instant = (say(QT_TRANSLATE_NOOP("cli", "instant issuance on")) if row.instant
                   else say(QT_TRANSLATE_NOOP("cli", "instant issuance off")))
        print(f"{row.code:<10} {row.name}  ({instant})")
        print("  " + say(QT_TRANSLATE_NOOP(
            "cli", "blank cards: received {received}, issued {issued}, spoiled {spoiled}, in "
                   "the printer {pending}, expected in stock {expected}"),
            received=row.stock.received, issued=row.stock.issued, spoiled=row.stock.spoiled,
            pending=row.stock.pending, expected=row.stock.expected))
        print("  " + say(QT_TRANSLATE_NOOP(
            "cli", "card numbers not yet reserved by a counter: {free}"), free=row.unreserved))
        for block in row.blocks:
            print(f"    {block.numbers.text}  " + say(QT_TRANSLATE_NOOP(
                "cli", "{free} of {size} not reserved"), free=block.unreserved,
                size=len(block.numbers)) + (f"  {block.bank}" if block.bank else ""))
    if used > 0:
        numbers = centre.used_numbers(site_id, used)
        if numbers:
            print(say(QT_TRANSLATE_NOOP("cli", "card numbers used:")))
        for number in numbers:
            outcome = say(OUTCOMES[number.outcome]) if number.outcome in OUTCOMES \
                else number.outcome
            print(f"  {number.site_code:<10} {number.card_number}  {outcome:<10} "
                  f"{number.application_number:<24} "
                  f"{number.used_at.isoformat(sep=' ', timespec='minutes')}")
    return 0


def top_up(centre, args) -> int:
    from counter_app.issuance.numbers import parse_range

    done = centre.top_up(args.site_code, args.blanks, args.numbers, args.bank)
    if done.delivery_id:
        print(say(QT_TRANSLATE_NOOP("cli", "{site}: {blanks} blank cards delivered"),
                  site=args.site_code, blanks=args.blanks))
    if done.block_id:
        print(say(QT_TRANSLATE_NOOP("cli", "{site}: card numbers {numbers} given"),
                  site=args.site_code, numbers=parse_range(args.numbers).text))
    return 0
