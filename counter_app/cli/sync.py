"""`counter-app central ...`, `counter-app enrol` and `counter-app sync ...`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from counter_app.central.schema import SITE_KINDS
from counter_app.cli.audit import add_audit_command, run_audit
from counter_app.cli.lookups import add_lookup_commands, run_lookups
from counter_app.config import Settings
from counter_app.domain.errors import MSG_FILE_INVALID, ConfigFileError

CODE_FILE_MAX = 64 * 1024  # an enrolment code is a few hundred characters


def add_sync_commands(commands) -> None:
    central = commands.add_parser("central", help="set up and administer the central database")
    actions = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="create or upgrade the schema, roles and policies")
    site = actions.add_parser("add-site", help="register a handling point")
    site.add_argument("code")
    site.add_argument("name")
    site.add_argument("--kind", choices=SITE_KINDS, default="service_centre")
    device = actions.add_parser(
        "add-device", help="register a counter; prints its enrolment code once")
    device.add_argument("site_code", metavar="SITE")
    device.add_argument("name")
    code = actions.add_parser(
        "new-code", help="a new enrolment code for a device that has not enrolled yet")
    code.add_argument("device_id", metavar="DEVICE_ID")
    for parser in (device, code):
        parser.add_argument("--code-file", metavar="FILE",
                            help="write the enrolment code to FILE (mode 0600) instead of "
                                 "printing")
        parser.add_argument("--valid-hours", type=int, default=24, metavar="HOURS",
                            help="the code expires after HOURS (default 24); single use")
    revoke = actions.add_parser("revoke-device", help="withdraw a counter's access at once")
    revoke.add_argument("device_id", metavar="DEVICE_ID")
    drop = actions.add_parser(
        "drop", help="drop the central database named in --url and the roles made for it")
    drop.add_argument("--yes", action="store_true",
                      help="do not ask (asked on a terminal; refused elsewhere without it)")
    for parser in (init, site, device, code, revoke, drop, *add_lookup_commands(actions),
                   add_audit_command(actions)):
        parser.add_argument("--url", required=True,
                            help="administrator's URL of the central PostgreSQL")

    enrol = commands.add_parser("enrol", help="connect this counter with its enrolment code")
    enrol.add_argument("code", help="the enrolment code, or @FILE to read it from a file")

    sync = commands.add_parser("sync", help="exchange data with the central database")
    sync_actions = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    once = sync_actions.add_parser("once", help="send everything queued and pull, once")
    once.add_argument("--central", metavar="URL",
                      help="central database URL (default: this counter's enrolment, else the "
                           "configured one)")
    sync_actions.add_parser("status", help="what waits to be sent, and the last sync")


def run_central(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.central import admin

    if args.central_command in ("lookups", "lookup-budget"):
        return run_lookups(args)
    if args.central_command == "audit":
        return run_audit(args)
    if args.central_command == "drop":
        return _drop(args)
    if args.central_command == "init":
        print(f"central database at revision {admin.init_central(args.url)}")
    elif args.central_command == "add-site":
        site_id = admin.add_site(args.url, args.code, args.name, args.kind)
        print(f"site {args.code} ({args.kind}): {site_id}")
    elif args.central_command == "add-device":
        code = admin.add_device(args.url, args.site_code, args.name,
                                dt.timedelta(hours=args.valid_hours))
        print(f"device {code.device_id} for site {args.site_code}")
        _hand_out(code, args.code_file)
    elif args.central_command == "new-code":
        _hand_out(admin.new_code(args.url, args.device_id, dt.timedelta(hours=args.valid_hours)),
                  args.code_file)
    else:
        admin.revoke_device(args.url, args.device_id)
        print(f"device {args.device_id} revoked")
    return 0


def _drop(args: argparse.Namespace) -> int:
    """`central drop`: the database and its roles, once confirmed (--yes, or its name typed
    on a terminal); 1 when not confirmed."""
    from counter_app.central import admin

    target = admin.central_roles(args.url)  # AdminError (exit 1) if not a central database
    print(f"central database {target.database}: {len(target.roles)} roles named "
          f"{target.prefix}_*")
    if not args.yes:
        if not sys.stdin.isatty():
            print("not dropped: confirm with --yes (no terminal to ask on)", file=sys.stderr)
            return 1
        try:
            answer = input(f"Drop {target.database} and its roles for good? "
                           f"Type its name to confirm: ")
        except EOFError:
            answer = ""
        if answer.strip() != target.database:
            print("not dropped", file=sys.stderr)
            return 1
    dropped = admin.drop_central(args.url)
    print(f"database {dropped.database} dropped, and {len(dropped.roles)} roles")
    if dropped.kept:
        print(f"kept {len(dropped.kept)} roles another database still uses: "
              f"{', '.join(dropped.kept)}")
    return 0


def _hand_out(code, code_file: str | None) -> None:
    """Print the enrolment code, or write it to *code_file* (mode 0600)."""
    print(f"the code enrols once, until {code.expires_at} UTC")
    if code_file:
        _write_private(code_file, code.code())
        print(f"enrolment code written to {code_file}; on the counter run: "
              f"counter-app enrol @{code_file}")
    else:
        print("enrolment code (shown once; on the counter run: counter-app enrol CODE):")
        print(code.code())


def run_enrol(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services.context import open_context
    from counter_app.services.enrolment import enrol

    code = args.code
    if code.startswith("@"):  # the code in a file (as `central add-device --code-file` wrote)
        code = _read_code_file(Path(code[1:]))  # ConfigFileError: exit 2 (cli/main.py)
    enrolment = enrol(open_context(settings), code)
    print(f"enrolled as device {enrolment.device_id} of site {enrolment.site_code}")
    return 0


def _read_code_file(path: Path) -> str:
    """The enrolment code in *path*: a small regular file of text (a FIFO or device is
    refused without waiting on it); ConfigFileError naming the file otherwise."""
    from counter_app.security.input_files import InputFileError, read_input_file

    try:
        data = read_input_file(path, CODE_FILE_MAX)
    except InputFileError as exc:
        raise ConfigFileError(MSG_FILE_INVALID, file=str(path), problem=str(exc)) from exc
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise ConfigFileError(MSG_FILE_INVALID, file=str(path),
                              problem="not an enrolment code file") from exc


def run_sync(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services import syncing
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    if args.sync_command == "status":
        status = syncing.sync_status(ctx)
        print(f"pending {status.pending}, rejected {status.rejected}, "
              f"last success {status.last_success or 'never'} (UTC)")
        if status.last_error:
            print(f"last error: {status.last_error}")
        if status.audit_flags:
            print(f"audit log flagged by the central database ({status.audit_flags}): "
                  "tell the supervisor")
        return 0
    result = syncing.sync_now(ctx, args.central)
    print(f"sent {result.sent}, files {result.files}, already there {result.duplicates}, "
          f"rejected {result.rejected}, pending {result.pending}")
    pulled = ", ".join(f"{name} {count}" for name, count in result.pulled.items())
    print(f"pulled: {pulled}")
    from counter_app.domain.errors import reason_words

    for rejection in syncing.rejections(ctx)[:20]:
        print(f"rejected #{rejection.seq} {rejection.kind}: {reason_words(rejection.reason)}",
              file=sys.stderr)
    return 0


def _write_private(path: str, content: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(content + "\n")
