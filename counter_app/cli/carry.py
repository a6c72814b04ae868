"""Carrying the outbox by hand: `counter-app export`, `counter-app import-receipt`,
`counter-app central import` and `counter-app central carry-key` (issue 17). A file or a
receipt that is refused exits with 2 and the reason; nothing is applied then."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from counter_app.cli import signin
from counter_app.cli.words import say
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP

EXIT_REFUSED = 2


def add_carry_commands(commands, central_actions) -> None:
    export = commands.add_parser("export", help=say(QT_TRANSLATE_NOOP(
        "cli", "write everything unsent into one file to carry by hand")), description=say(
        QT_TRANSLATE_NOOP("cli", "Everything this counter has not sent (applications, "
                                 "files, audit records) in one file, encrypted to the "
                                 "central database and signed by this counter. {sign_in}"),
        sign_in=signin.help_text()))
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help=say(
        QT_TRANSLATE_NOOP("cli", "the file to write (replaced if it exists)")))
    receipt = commands.add_parser("import-receipt", help=say(QT_TRANSLATE_NOOP(
        "cli", "mark what the central database received from a carried file as sent")))
    receipt.add_argument("file", type=Path, metavar="RECEIPT")

    carried = central_actions.add_parser("import", help=say(QT_TRANSLATE_NOOP(
        "cli", "apply a counter's carried file and write its receipt")))
    carried.add_argument("file", type=Path, metavar="FILE")
    carried.add_argument("--key", type=Path, required=True, metavar="KEY_FILE", help=say(
        QT_TRANSLATE_NOOP("cli", "the central carry key (from central carry-key)")))
    carried.add_argument("--receipt-out", type=Path, metavar="RECEIPT", help=say(
        QT_TRANSLATE_NOOP("cli", "where to write the receipt (default: FILE.receipt)")))
    carried.add_argument("--site", metavar="SITE", default="", help=say(QT_TRANSLATE_NOOP(
        "cli", "refuse a file of any other handling point")))
    key = central_actions.add_parser("carry-key", help=say(QT_TRANSLATE_NOOP(
        "cli", "make the key carried files are encrypted to; publish its public half")))
    key.add_argument("--out", type=Path, required=True, metavar="KEY_FILE", help=say(
        QT_TRANSLATE_NOOP("cli", "write the private key here (mode 0600; never on a counter)")))
    url_help = say(QT_TRANSLATE_NOOP("cli", "administrator's URL of the central PostgreSQL"))
    for parser in (carried, key):
        parser.add_argument("--url", required=True, help=url_help)


def run_export(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services import carrying
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    summary = carrying.export_outbox(ctx, signin.sign_in(ctx), args.out)
    print(say(QT_TRANSLATE_NOOP(
        "cli", "{file}: {applications} applications, {operations} operations, {files} files, "
               "{audit} audit records ({megabytes} MB)"),
        file=summary.path, applications=summary.applications, operations=summary.operations,
        files=summary.files, audit=summary.audit_rows,
        megabytes=f"{summary.size / 2**20:.1f}"))
    return 0


def run_import_receipt(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services import carrying
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    summary = carrying.import_receipt(ctx, signin.sign_in(ctx), args.file)
    print(say(QT_TRANSLATE_NOOP(
        "cli", "marked as sent: {marked}; refused by the central database: {rejected}; "
               "still to send: {waiting}"),
        marked=summary.marked_sent, rejected=summary.rejected, waiting=summary.waiting))
    return 0


def run_central_carry(args: argparse.Namespace) -> int:
    from counter_app.services import carrying

    if args.central_command == "carry-key":
        try:
            key_id = carrying.make_carry_key(args.url, args.out)
        except FileExistsError:
            print(say(QT_TRANSLATE_NOOP("cli", "{file} exists: a key is never written over "
                                               "another"), file=args.out))
            return EXIT_REFUSED
        print(say(QT_TRANSLATE_NOOP("cli", "carry key {key} published; private key in {file}"),
                  key=key_id, file=args.out))
        return 0
    receipt_out = args.receipt_out or args.file.with_name(args.file.name + ".receipt")
    outcome = carrying.central_import(args.url, args.file, args.key, receipt_out,
                                      expected_site=args.site, imported_by=getpass.getuser())
    print(say(QT_TRANSLATE_NOOP(
        "cli", "{operations} operations: {applied} applied, {duplicates} already there, "
               "{rejected} refused, {waiting} left for a later sync; {audit} audit records"),
        operations=outcome.operations, applied=outcome.applied,
        duplicates=outcome.duplicates, rejected=outcome.rejected, waiting=outcome.waiting,
        audit=outcome.audit_rows))
    print(say(QT_TRANSLATE_NOOP("cli", "receipt: {file}"), file=receipt_out))
    return 0


CENTRAL_CARRY_COMMANDS = ("import", "carry-key")
