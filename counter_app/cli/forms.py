"""`counter-app form ...`: check printers, fonts and scans without the window.

Wired into cli.py by the lead:
    add_form_commands(form_commands)        # in build_parser, for the "form" sub-parsers
    COMMANDS["form"] = run_form_command
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from counter_app.cli.words import listing, say
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP

DOCUMENTS = ("registration", "voucher", "notice", "agreement", "guide", "batch")


def add_form_commands(form_commands: argparse._SubParsersAction) -> None:
    sample = form_commands.add_parser("sample", help=say(QT_TRANSLATE_NOOP(
        "cli", "render a document from built-in sample data (rare characters included) to "
               "check printers and fonts")))
    sample.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    sample.add_argument("--document", choices=DOCUMENTS, default="registration",
                        help=say(QT_TRANSLATE_NOOP(
                            "cli", "which document (default: the registration form)")))
    scan = form_commands.add_parser("read-scan", help=say(QT_TRANSLATE_NOOP(
        "cli", "read the application number from a scanned or photographed form")))
    scan.add_argument("image", type=Path, metavar="FILE")
    form_commands.add_parser("fonts", help=say(QT_TRANSLATE_NOOP(
        "cli", "list the fonts forms are printed in")))


def run_form_command(settings: Settings, args: argparse.Namespace) -> int:
    handlers = {"sample": _sample, "read-scan": _read_scan, "fonts": _fonts}
    return handlers[args.form_command](settings, args)


def _fonts_of(settings: Settings):
    from counter_app.forms.fonts import find_fonts
    return find_fonts(list(settings.font_paths) or None,
                      cache_dir=settings.data_dir / "cache" / "fonts")


def _sample(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.forms.city_config import load_form_config
    fonts = _fonts_of(settings)  # FontsMissingError: cli.main prints it
    _render_sample(getattr(args, "document", "registration"), args.out, fonts, load_form_config())
    print(say(QT_TRANSLATE_NOOP("cli", "Sample {document} written to {file} (fonts: {fonts})"),
              document=getattr(args, "document", "registration"), file=args.out,
              fonts=listing(fonts.names)))
    return 0


def _render_sample(document: str, out: Path, fonts, config) -> None:
    from counter_app.forms import batch, guide, registration, slips
    from counter_app.forms.data import ApplicationSlip, BatchData, BatchEntry, GuideData
    from counter_app.forms.sample import sample_form_data

    form = sample_form_data()
    slip = ApplicationSlip(form.application_number, form.business_type, form.name,
                           form.id_type, form.id_number, form.site_name, form.operator_name,
                           form.date, ready_by=form.date, reasons=("材料不齐全", "照片不符合要求"),
                           guardian_name=form.guardian.name if form.guardian else "")
    if document == "registration":
        registration.render_registration_form(form, out, fonts)
    elif document == "voucher":
        slips.render_voucher(slip, config, out, fonts)
    elif document == "notice":
        slips.render_rejection_notice(slip, config, out, fonts)
    elif document == "agreement":
        slips.render_agreement(slip, config, out, fonts)
    elif document == "guide":
        notes = config.guide_by_business.get("newborn", ())
        guide.render_guide(GuideData(form.business_type, form.materials, (), notes,
                                     form.site_name, form.date), config, out, fonts)
    else:
        prefix = form.application_number[:-4]
        entries = tuple(BatchEntry(dataclasses.replace(form, application_number=f"{prefix}{i:04d}"))
                        for i in range(1, 4))
        data = BatchData(entries, form.site_name, form.operator_name, form.date, "PL-SAMPLE")
        batch.render_batch(data, config, out, fonts)


def _read_scan(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.documents.scan import read_application_number
    from counter_app.photo.decoding import read_image_file

    # InputFileError and ScanError: cli.main prints the reason. The number alone, for
    # scripts: the same in every language.
    print(read_application_number(read_image_file(args.image)))
    return 0


def _fonts(settings: Settings, args: argparse.Namespace) -> int:
    fonts = _fonts_of(settings)
    role = {True: say(QT_TRANSLATE_NOOP("cli", "primary")),
            False: say(QT_TRANSLATE_NOOP("cli", "fallback"))}
    for name in fonts.names:
        print(f"{role[name == fonts.primary]:8s} {name:24s} {fonts.paths[name]}")
    return 0
