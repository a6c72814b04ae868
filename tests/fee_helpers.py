"""Applications with a fee (issue 16): a child's replacement (¥20 in the default rules)
taken through the counter flow, and the rules' fees changed for a test."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from counter_app.domain.business import BusinessType
from counter_app.domain.fees import FeeRules
from counter_app.domain.lifecycle import Status
from counter_app.services import intake
from counter_app.store.models import Application
from tests.helpers import advance, child_details

CHILD = "11010520160315003"  # ten years old in 2026: a minor, no newborn


def replacement_at(ctx, operator, status: Status, tmp_path: Path, name: str = "王䶮",
                   first17: str = CHILD):
    """A child's replacement (a lost card whose number is not known) taken up to *status*
    (draft to submitted); returns its id."""
    step = intake.save_applicant(ctx, operator, BusinessType.REPLACEMENT,
                                 child_details(name, first17))
    advance(ctx, operator, step.id, BusinessType.REPLACEMENT, step.status, status, tmp_path)
    with ctx.sessions() as session:
        assert session.get(Application, step.id).status == status
    return step.id


def set_fees(ctx, **changes) -> FeeRules:
    """The counter's rules from now on with these [fees] values (the rules changed)."""
    fees = dataclasses.replace(ctx.rules.fees, **changes)
    ctx.__dict__["rules"] = dataclasses.replace(ctx.rules, fees=fees)
    return fees
