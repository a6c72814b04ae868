"""`counter-app central lookups` and `counter-app central lookup-budget`."""

from __future__ import annotations

import argparse

from counter_app.cli.words import say
from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP


def add_lookup_commands(actions) -> list[argparse.ArgumentParser]:
    listing = actions.add_parser("lookups", help=say(QT_TRANSLATE_NOOP(
        "cli", "the counters' cross-site look-ups (numbers as keyed hashes)")))
    listing.add_argument("--site", metavar="CODE",
                         help=say(QT_TRANSLATE_NOOP("cli", "only this handling point's")))
    listing.add_argument("--hours", type=int, default=24,
                         help=say(QT_TRANSLATE_NOOP("cli", "how far back (default 24)")))
    budget = actions.add_parser("lookup-budget", help=say(QT_TRANSLATE_NOOP(
        "cli", "how many look-ups an hour each device of a site may make")))
    budget.add_argument("site_code", metavar="SITE")
    budget.add_argument("per_hour", type=_non_negative, metavar="PER_HOUR")
    return [listing, budget]


def run_lookups(args: argparse.Namespace) -> int:
    from counter_app.central import lookup_admin

    if args.central_command == "lookup-budget":
        lookup_admin.set_budget(args.url, args.site_code, args.per_hour)
        print(say(QT_TRANSLATE_NOOP("cli", "site {site}: {count} look-ups an hour per device"),
                  site=args.site_code, count=args.per_hour))
        return 0
    lines = lookup_admin.list_lookups(args.url, args.site, max(args.hours, 1))
    # Tab-separated for scripts, the same in every language; what a device sent is shown
    # as plain text: no line of its making.
    for line in lines:
        print("\t".join(_printable(field) for field in (
            local_text(line.at), line.site_code, line.device, line.operator, line.kind,
            line.number_hash[:16], "allowed" if line.allowed else "REFUSED")))
    refused = sum(not line.allowed for line in lines)
    print(say(QT_TRANSLATE_NOOP("cli", "{count} look-ups, {refused} refused"),
              count=len(lines), refused=refused))
    return 0


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(say(QT_TRANSLATE_NOOP("cli", "must be 0 or more")))
    return value
