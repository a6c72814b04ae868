"""`counter-app photo check|prepare`: the station's checks and finishing for a file.

Exit codes: 0 every check passed, 1 a check failed, 2 the input is no readable image
(or the profile is unknown). `prepare` writes the photo only when every check passed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.cli.words import error_line, listing, message_words, say
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.photo.checks import Outcome
from counter_app.photo.profiles import DEFAULT_PROFILE, load_profile, profile_names

if TYPE_CHECKING:
    from counter_app.photo.assessment import Assessment

PASSED, FAILED, UNREADABLE = 0, 1, 2
MARKS = {Outcome.PASS: "ok  ", Outcome.FAIL: "FAIL", Outcome.SKIP: "--  "}


def add_photo_commands(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    photo = subparsers.add_parser("photo", help=say(QT_TRANSLATE_NOOP(
        "cli", "check and prepare card photos")))
    actions = photo.add_subparsers(dest="photo_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help=say(QT_TRANSLATE_NOOP(
        "cli", "check an image against the photo standard")))
    check.add_argument("image", type=Path, metavar="IMAGE")
    check.add_argument("--json", action="store_true",
                       help=say(QT_TRANSLATE_NOOP("cli", "machine-readable output")))
    prepare = actions.add_parser("prepare", help=say(QT_TRANSLATE_NOOP(
        "cli", "crop, scale and encode an image as the card photo")))
    prepare.add_argument("image", type=Path, metavar="IMAGE")
    prepare.add_argument("--out", type=Path, required=True, metavar="OUT.jpg")
    profile_help = say(QT_TRANSLATE_NOOP(
        "cli", "spec profile: {profiles} (default: the configured one, else {default})"),
        profiles=listing(profile_names()), default=DEFAULT_PROFILE)
    for parser in (check, prepare):
        parser.add_argument("--profile", metavar="NAME", default=None, help=profile_help)
    return photo


def run_photo_command(settings: Settings, args: argparse.Namespace) -> int:
    # OpenCV loads here, not when the parser is built: other commands start faster.
    from counter_app.photo.assessment import assess_bytes
    from counter_app.photo.decoding import read_image_file

    name = args.profile or settings.extra.get("photo_profile", DEFAULT_PROFILE)
    try:
        assessment = assess_bytes(read_image_file(args.image), load_profile(name))
    except CounterError as exc:
        print(error_line(exc), file=sys.stderr)
        return UNREADABLE
    if args.photo_command == "check":
        print(_as_json(assessment) if args.json else _as_text(assessment))
    else:
        print(_as_text(assessment))
        if assessment.passed:
            args.out.write_bytes(assessment.photo.jpeg)
            print(say(QT_TRANSLATE_NOOP("cli", "photo written to {file}"), file=args.out))
        else:
            print(say(QT_TRANSLATE_NOOP(
                "cli", "no photo written: the capture fails the checks above")), file=sys.stderr)
    return PASSED if assessment.passed else FAILED


def _as_text(assessment: Assessment) -> str:
    """The checks for a person, in the language in effect (the checks' names stay: they
    are the --json output's)."""
    lines = [say(QT_TRANSLATE_NOOP("cli", "profile {name}"), name=assessment.profile)]
    not_measured = say(QT_TRANSLATE_NOOP("cli", "not measured"))
    for check in assessment.checks:
        words = (message_words(check.template, **check.params)
                 if check.outcome != Outcome.SKIP else not_measured)
        lines.append(f"{MARKS[check.outcome]} {check.name:<17} {words}")
    if assessment.passed:
        lines.append(say(QT_TRANSLATE_NOOP("cli", "passed")))
    else:
        hint = (message_words(assessment.hint) if assessment.hint
                else say(QT_TRANSLATE_NOOP("cli", "see above")))
        lines.append(say(QT_TRANSLATE_NOOP("cli", "failed: {hint}"), hint=hint))
    return "\n".join(lines)


def _as_json(assessment: Assessment) -> str:
    return json.dumps({
        "profile": assessment.profile,
        "passed": assessment.passed,
        "hint": assessment.hint,
        "photo": None if assessment.photo is None else {
            "width": assessment.photo.width, "height": assessment.photo.height,
            "bytes": len(assessment.photo.jpeg), "quality": assessment.photo.quality},
        "checks": [{"name": c.name, "outcome": c.outcome.value, "measured": _plain(c.measured),
                    "low": _plain(c.low), "high": _plain(c.high),
                    "message": c.message() if c.outcome != Outcome.SKIP else ""}
                   for c in assessment.checks],
    }, ensure_ascii=False, indent=2)


def _plain(value: object) -> object:
    return round(float(value), 4) if isinstance(value, float) else value
