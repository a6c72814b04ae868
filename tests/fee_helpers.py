"""Applications with a fee (issue 16): a child's replacement (¥20 in the default rules)
taken through the counter flow, and the rules' fees changed for a test."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from counter_app.domain.business import BusinessType
from counter_app.domain.fees import FeeRules
from counter_app.domain.lifecycle import Status
from counter_app.services import intake, photo_station, printing
from tests.helpers import child_details, write_photo

CHILD = "11010520160315003"  # ten years old in 2026: a minor, no newborn


def replacement_at(ctx, operator, status: Status, tmp_path: Path, name: str = "王䶮",
                   first17: str = CHILD):
    """A child's replacement (a lost card whose number is not known) taken up to *status*
    (draft to submitted); returns its id."""
    step = intake.save_applicant(ctx, operator, BusinessType.REPLACEMENT,
                                 child_details(name, first17))
    codes = {m.code for m in ctx.rules.materials_for(BusinessType.REPLACEMENT, True)}
    steps = [
        lambda: intake.record_materials(ctx, operator, step.id, codes)
        and intake.examine(ctx, operator, step.id, passed=True),
        lambda: photo_station.import_photo_file(ctx, operator, step.id,
                                                write_photo(tmp_path / f"{step.id}.jpg")),
        lambda: intake.record_form_printed(ctx, operator, step.id,
                                           printing.render_form(ctx, operator, step.id)),
        lambda: intake.mark_signed(ctx, operator, step.id),
        lambda: intake.submit(ctx, operator, step.id),
    ]
    current = step.status
    for next_step in steps:
        if current == status:
            break
        current = next_step().status
    assert current == status
    return step.id


def set_fees(ctx, **changes) -> FeeRules:
    """The counter's rules from now on with these [fees] values (the rules changed)."""
    fees = dataclasses.replace(ctx.rules.fees, **changes)
    ctx.__dict__["rules"] = dataclasses.replace(ctx.rules, fees=fees)
    return fees
