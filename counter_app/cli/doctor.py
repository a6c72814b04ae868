"""`counter-app doctor`: the counter's self-check on the command line (a technician's, an
installer's, a fleet's monitoring): every item with its state and reason, exit 1 when
something blocks new applications (even one a supervisor allowed for today: the condition
is still there), 0 otherwise. No operator signs in: it shows no personal data.
"""

from __future__ import annotations

import argparse
import json
import logging

from counter_app.cli.words import message_words, say
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

EXIT_OK, EXIT_BLOCKING = 0, 1

STATE_WORDS = {"ok": QT_TRANSLATE_NOOP("cli", "ok"),
               "warning": QT_TRANSLATE_NOOP("cli", "warning"),
               "blocking": QT_TRANSLATE_NOOP("cli", "BLOCKING")}
MSG_LINE = QT_TRANSLATE_NOOP("cli", "[{state}] {check}: {reason}")
MSG_ALLOWED = QT_TRANSLATE_NOOP("cli", "    allowed for today by the supervisor {name}")
MSG_STOPPED = QT_TRANSLATE_NOOP(
    "cli", "New applications are stopped: {count} blocking; {attention} need attention in all.")
MSG_BLOCKING_ALLOWED = QT_TRANSLATE_NOOP(
    "cli", "{count} blocking, allowed for today by a supervisor; {attention} need attention "
           "in all.")
MSG_ATTENTION = QT_TRANSLATE_NOOP("cli", "{attention} need attention; nothing blocks.")
MSG_ALL_FINE = QT_TRANSLATE_NOOP("cli", "All fine.")


def add_doctor_command(commands) -> None:
    doctor = commands.add_parser("doctor", help=say(QT_TRANSLATE_NOOP(
        "cli", "check this counter: disk space, clock, sync, printer, cameras, ID-card "
               "reader, version (exit 0 nothing blocks, 1 something blocks new "
               "applications)")))
    doctor.add_argument("--published", metavar="VERSION", help=say(QT_TRANSLATE_NOOP(
        "cli", "the published version to compare with (default: not known, not compared)")))
    doctor.add_argument("--json", action="store_true",
                        help=say(QT_TRANSLATE_NOOP("cli", "machine-readable output")))


def run_doctor(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.services import selfcheck
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    report = selfcheck.run_checks(ctx, printers=_printers,
                                  published_version=getattr(args, "published", None))
    if getattr(args, "json", False):
        print(json.dumps(as_json(report), ensure_ascii=False, indent=2))
    else:
        print("\n".join(as_lines(report)))
    return EXIT_BLOCKING if report.blocking else EXIT_OK


def as_lines(report) -> list[str]:
    from counter_app.selfcheck import CHECK_NAMES

    lines = []
    for item in report.items:
        lines.append(say(MSG_LINE, state=say(STATE_WORDS[item.state]),
                         check=message_words(CHECK_NAMES[item.check]),
                         reason=message_words(item.template, **item.params)))
        if item.allowed_by:
            lines.append(say(MSG_ALLOWED, name=item.allowed_by))
    counts = {"count": len(report.blocking), "attention": report.attention}
    if report.stopping:
        lines.append(say(MSG_STOPPED, **counts))
    elif report.blocking:
        lines.append(say(MSG_BLOCKING_ALLOWED, **counts))
    elif report.attention:
        lines.append(say(MSG_ATTENTION, **counts))
    else:
        lines.append(say(MSG_ALL_FINE))
    return lines


def as_json(report) -> dict:
    """The same in every language: codes and English reasons, for scripts."""
    return {
        "blocking": bool(report.blocking),
        "new_applications_stopped": bool(report.stopping),
        "checked_at": report.checked_at.isoformat(timespec="seconds") + "Z",
        "took_ms": round(report.took_ms, 1),
        "items": [{"check": str(item.check), "state": str(item.state), "reason": item.words,
                   "params": {key: str(value) for key, value in item.params.items()},
                   "allowed_by": item.allowed_by or None, "took_ms": round(item.took_ms, 1)}
                  for item in report.items],
    }


def _printers():
    """The printers as the window sees them (QPrinterInfo); None when Qt cannot tell here."""
    try:
        from counter_app.qt.self_check import probe_printers  # Qt is the window's
        return probe_printers()
    except Exception as exc:  # noqa: BLE001 - the other checks still count
        log.warning("printers could not be listed: %s", type(exc).__name__)
        return None
