"""`counter-app central audit`: the counters whose audit log the central side flagged (a
missing record, an edited one, a rewritten chain head); exit 1 when there are any."""

from __future__ import annotations

import argparse

from counter_app.cli.words import say
from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP, reason_words

FLAGGED, CLEAN = 1, 0


def add_audit_command(actions) -> argparse.ArgumentParser:
    return actions.add_parser("audit", help=say(QT_TRANSLATE_NOOP(
        "cli", "counters whose audit log did not hold centrally (exit 1 when any)")))


def run_audit(args: argparse.Namespace) -> int:
    from counter_app.central import database, device_audit

    engine = database.open_central(args.url)
    try:
        with engine.connect() as connection:
            flags = device_audit.read_flags(connection)
    finally:
        engine.dispose()
    for flag in flags:  # tab-separated for scripts: the same in every language
        print("\t".join((flag.site_code, flag.device_name, str(flag.device_id), flag.reason,
                         local_text(flag.flagged_at), reason_words(flag.detail))))
    devices = len({flag.device_id for flag in flags})
    if devices:
        print(say(QT_TRANSLATE_NOOP("cli", "devices flagged: {count}"), count=devices))
    else:
        print(say(QT_TRANSLATE_NOOP("cli", "no device flagged")))
    return FLAGGED if flags else CLEAN
