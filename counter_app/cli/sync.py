"""`counter-app central ...`, `counter-app enrol` and `counter-app sync ...`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from counter_app.cli.audit import add_audit_command, run_audit
from counter_app.cli.lookups import add_lookup_commands, run_lookups
from counter_app.cli.words import error_text, listing, say
from counter_app.config import Settings
from counter_app.domain.errors import MSG_FILE_INVALID, QT_TRANSLATE_NOOP, ConfigFileError

CODE_FILE_MAX = 64 * 1024  # an enrolment code is a few hundred characters
# What `sync once` pulled, by feed (sync/pull.py's FEEDS)
FEED_NAMES = {"card_records": QT_TRANSLATE_NOOP("cli", "card records"),
              "invalid_list": QT_TRANSLATE_NOOP("cli", "invalid list")}


def add_sync_commands(commands) -> None:
    central = commands.add_parser("central", help=say(QT_TRANSLATE_NOOP(
        "cli", "set up and administer the central database")))
    actions = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help=say(QT_TRANSLATE_NOOP(
        "cli", "create or upgrade the schema, roles and policies")))
    site = actions.add_parser("add-site", help=say(QT_TRANSLATE_NOOP(
        "cli", "register a handling point")))
    site.add_argument("code")
    site.add_argument("name")
    site.add_argument("--kind", type=_site_kind, default="service_centre", help=say(
        QT_TRANSLATE_NOOP("cli", "the kind of handling point (default: service_centre)")))
    device = actions.add_parser("add-device", help=say(QT_TRANSLATE_NOOP(
        "cli", "register a counter; prints its enrolment code once")))
    device.add_argument("site_code", metavar="SITE")
    device.add_argument("name")
    code = actions.add_parser("new-code", help=say(QT_TRANSLATE_NOOP(
        "cli", "a new enrolment code for a device that has not enrolled yet")))
    code.add_argument("device_id", metavar="DEVICE_ID")
    for parser in (device, code):
        parser.add_argument("--code-file", metavar="FILE", help=say(QT_TRANSLATE_NOOP(
            "cli", "write the enrolment code to FILE (mode 0600) instead of printing")))
        parser.add_argument("--valid-hours", type=int, default=24, metavar="HOURS",
                            help=say(QT_TRANSLATE_NOOP(
                                "cli", "the code expires after HOURS (default 24); single use")))
    revoke = actions.add_parser("revoke-device", help=say(QT_TRANSLATE_NOOP(
        "cli", "withdraw a counter's access at once")))
    revoke.add_argument("device_id", metavar="DEVICE_ID")
    drop = actions.add_parser("drop", help=say(QT_TRANSLATE_NOOP(
        "cli", "drop the central database named in --url and the roles made for it")))
    drop.add_argument("--yes", action="store_true", help=say(QT_TRANSLATE_NOOP(
        "cli", "do not ask (asked on a terminal; refused elsewhere without it)")))
    instant = actions.add_parser("set-instant", help=say(QT_TRANSLATE_NOOP(
        "cli", "let a handling point make cards at the window (instant issuance), or stop it")))
    instant.add_argument("site_code", metavar="SITE")
    instant.add_argument("state", choices=("on", "off"))
    url_help = say(QT_TRANSLATE_NOOP("cli", "administrator's URL of the central PostgreSQL"))
    for parser in (init, site, device, code, revoke, drop, instant,
                   *add_lookup_commands(actions), add_audit_command(actions)):
        parser.add_argument("--url", required=True, help=url_help)
    from counter_app.cli.updates import add_central_update_commands
    add_central_update_commands(actions)  # publish-update, withdraw-update, updates
    from counter_app.cli.carry import add_carry_commands
    add_carry_commands(commands, actions)  # export, import-receipt; central import, carry-key

    enrol = commands.add_parser("enrol", help=say(QT_TRANSLATE_NOOP(
        "cli", "connect this counter with its enrolment code")))
    enrol.add_argument("code", help=say(QT_TRANSLATE_NOOP(
        "cli", "the enrolment code, or @FILE to read it from a file")))

    sync = commands.add_parser("sync", help=say(QT_TRANSLATE_NOOP(
        "cli", "exchange data with the central database")))
    sync_actions = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    once = sync_actions.add_parser("once", help=say(QT_TRANSLATE_NOOP(
        "cli", "send everything queued and pull, once")))
    once.add_argument("--central", metavar="URL", help=central_url_help())
    sync_actions.add_parser("status", help=say(QT_TRANSLATE_NOOP(
        "cli", "what waits to be sent, and the last sync")))


def _site_kind(text: str) -> str:
    # Checked here rather than as argparse choices: the schema (and SQLAlchemy) loads only
    # when a site is added, not for every command (`id check` stays quick).
    from counter_app.central.schema import SITE_KINDS

    if text not in SITE_KINDS:
        raise argparse.ArgumentTypeError(say(QT_TRANSLATE_NOOP("cli", "one of: {kinds}"),
                                             kinds=listing(SITE_KINDS)))
    return text


def central_url_help() -> str:
    """--central's help (sync once, inquiry)."""
    return say(QT_TRANSLATE_NOOP(
        "cli", "central database URL (default: this counter's enrolment, else the "
               "configured one)"))


def run_central(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.central import admin
    from counter_app.cli.updates import CENTRAL_UPDATE_COMMANDS, run_central_update

    if args.central_command in CENTRAL_UPDATE_COMMANDS:
        return run_central_update(args)
    from counter_app.cli.carry import CENTRAL_CARRY_COMMANDS, run_central_carry
    if args.central_command in CENTRAL_CARRY_COMMANDS:
        return run_central_carry(args)

    if args.central_command in ("lookups", "lookup-budget"):
        return run_lookups(args)
    if args.central_command == "audit":
        return run_audit(args)
    if args.central_command == "drop":
        return _drop(args)
    if args.central_command == "set-instant":
        from counter_app.central.card_blocks import set_instant
        set_instant(args.url, args.site_code, args.state == "on")
        print(say(QT_TRANSLATE_NOOP("cli", "site {site}: instant issuance on") if
                  args.state == "on" else
                  QT_TRANSLATE_NOOP("cli", "site {site}: instant issuance off"),
                  site=args.site_code))
        return 0
    if args.central_command == "init":
        print(say(QT_TRANSLATE_NOOP("cli", "central database at revision {revision}"),
                  revision=admin.init_central(args.url)))
    elif args.central_command == "add-site":
        site_id = admin.add_site(args.url, args.code, args.name, args.kind)
        print(say(QT_TRANSLATE_NOOP("cli", "site {site} ({kind}): {id}"), site=args.code,
                  kind=args.kind, id=site_id))
    elif args.central_command == "add-device":
        code = admin.add_device(args.url, args.site_code, args.name,
                                dt.timedelta(hours=args.valid_hours))
        # the device's id second in every language: scripts take it from there
        print(say(QT_TRANSLATE_NOOP("cli", "device {device} for site {site}"),
                  device=code.device_id, site=args.site_code))
        _hand_out(code, args.code_file)
    elif args.central_command == "new-code":
        _hand_out(admin.new_code(args.url, args.device_id, dt.timedelta(hours=args.valid_hours)),
                  args.code_file)
    else:
        admin.revoke_device(args.url, args.device_id)
        print(say(QT_TRANSLATE_NOOP("cli", "device {device} revoked"), device=args.device_id))
    return 0


def _drop(args: argparse.Namespace) -> int:
    """`central drop`: the database and its roles, once confirmed (--yes, or its name typed
    on a terminal); 1 when not confirmed."""
    from counter_app.central import admin

    target = admin.central_roles(args.url)  # AdminError (exit 1) if not a central database
    print(say(QT_TRANSLATE_NOOP("cli", "central database {database}: {count} roles named "
                                       "{prefix}_*"),
              database=target.database, count=len(target.roles), prefix=target.prefix))
    if not args.yes:
        if not sys.stdin.isatty():
            print(say(QT_TRANSLATE_NOOP(
                "cli", "not dropped: confirm with --yes (no terminal to ask on)")),
                file=sys.stderr)
            return 1
        try:
            answer = input(say(QT_TRANSLATE_NOOP(
                "cli", "Drop {database} and its roles for good? Type its name to confirm: "),
                database=target.database))
        except EOFError:
            answer = ""
        if answer.strip() != target.database:
            print(say(QT_TRANSLATE_NOOP("cli", "not dropped")), file=sys.stderr)
            return 1
    dropped = admin.drop_central(args.url)
    print(say(QT_TRANSLATE_NOOP("cli", "database {database} dropped, and {count} roles"),
              database=dropped.database, count=len(dropped.roles)))
    if dropped.kept:
        print(say(QT_TRANSLATE_NOOP("cli", "kept {count} roles another database still uses: "
                                           "{roles}"),
                  count=len(dropped.kept), roles=listing(dropped.kept)))
    return 0


def _hand_out(code, code_file: str | None) -> None:
    """Print the enrolment code, or write it to *code_file* (mode 0600)."""
    print(say(QT_TRANSLATE_NOOP("cli", "the code enrols once, until {time} UTC"),
              time=code.expires_at))
    if code_file:
        _write_private(code_file, code.code())
        print(say(QT_TRANSLATE_NOOP("cli", "enrolment code written to {file}; on the counter "
                                           "run: counter-app enrol @{file}"), file=code_file))
    else:
        print(say(QT_TRANSLATE_NOOP("cli", "enrolment code (shown once; on the counter run: "
                                           "counter-app enrol CODE):")))
        print(code.code())  # alone on the last line: scripts take it from there


def run_enrol(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services.context import open_context
    from counter_app.services.enrolment import enrol

    code = args.code
    if code.startswith("@"):  # the code in a file (as `central add-device --code-file` wrote)
        code = _read_code_file(Path(code[1:]))  # ConfigFileError: exit 2 (cli/main.py)
    enrolment = enrol(open_context(settings), code)
    print(say(QT_TRANSLATE_NOOP("cli", "enrolled as device {device} of site {site}"),
              device=enrolment.device_id, site=enrolment.site_code))
    return 0


def _read_code_file(path: Path) -> str:
    """The enrolment code in *path*: a small regular file of text (a FIFO or device is
    refused without waiting on it); ConfigFileError naming the file otherwise."""
    from counter_app.security.input_files import InputFileError, read_input_file

    try:
        data = read_input_file(path, CODE_FILE_MAX)
    except InputFileError as exc:
        raise ConfigFileError(MSG_FILE_INVALID, file=str(path),
                              problem=error_text(exc)) from exc
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise ConfigFileError(MSG_FILE_INVALID, file=str(path), problem=say(
            QT_TRANSLATE_NOOP("cli", "not an enrolment code file"))) from exc


def run_sync(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services import syncing
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    if args.sync_command == "status":
        _print_status(syncing.sync_status(ctx))
        return 0
    result = syncing.sync_now(ctx, args.central)
    print(say(QT_TRANSLATE_NOOP("cli", "sent {sent}, files {files}, already there "
                                       "{duplicates}, rejected {rejected}, pending {pending}"),
              sent=result.sent, files=result.files, duplicates=result.duplicates,
              rejected=result.rejected, pending=result.pending))
    print(say(QT_TRANSLATE_NOOP("cli", "pulled: {feeds}"), feeds=listing(
        say(QT_TRANSLATE_NOOP("cli", "{feed} {count}"), feed=_feed_name(name), count=count)
        for name, count in result.pulled.items())))
    from counter_app.qt.sync_reasons import kind_name, reason_text

    for rejection in syncing.rejections(ctx)[:20]:
        print(say(QT_TRANSLATE_NOOP("cli", "rejected #{seq} {kind}: {reason}"),
                  seq=rejection.seq, kind=kind_name(rejection.kind),
                  reason=reason_text(rejection.reason)), file=sys.stderr)
    return 0


def _print_status(status) -> None:
    if status.last_success:
        print(say(QT_TRANSLATE_NOOP("cli", "pending {pending}, rejected {rejected}, last "
                                           "success {when} (UTC)"),
                  pending=status.pending, rejected=status.rejected, when=status.last_success))
    else:
        print(say(QT_TRANSLATE_NOOP("cli", "pending {pending}, rejected {rejected}, never "
                                           "synced"),
                  pending=status.pending, rejected=status.rejected))
    if status.last_error:
        print(say(QT_TRANSLATE_NOOP("cli", "last error: {error}"),
                  error=error_text(status.last_error)))
    if status.audit_flags:
        print(say(QT_TRANSLATE_NOOP("cli", "audit log flagged by the central database "
                                           "({count}): tell the supervisor"),
                  count=status.audit_flags))


def _feed_name(feed: str) -> str:
    return say(FEED_NAMES[feed]) if feed in FEED_NAMES else feed


def _write_private(path: str, content: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(content + "\n")
