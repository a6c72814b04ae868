"""Submitted applications and a look into the central database, for the sync tests."""

from __future__ import annotations

import cv2
import numpy as np
from sqlalchemy import func, select

from counter_app.domain.business import BusinessType
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.services import intake, printing
from counter_app.sync import central
from tests.helpers import GUARDIAN_ID, child_id

NEWBORN_REQUIRED = {"household_register", "birth_certificate", "guardian_id_card",
                    "insurance_enrolment"}


def submit_child(ctx, operator, tmp_path, name="王䶮", sequence=3) -> str:
    """Take one child's application through the whole flow; return its UUID as text."""
    photo = tmp_path / "photo.jpg"
    if not photo.exists():
        cv2.imwrite(str(photo), np.full((441, 358, 3), 230, np.uint8))
    details = ApplicantDetails(
        name=name, id_number=child_id(f"11010520240315{sequence:03d}"), phone="13800138000",
        guardian=GuardianDetails("王建国", "父亲", GUARDIAN_ID, "13800138001"))
    step = intake.save_applicant(ctx, operator, BusinessType.NEWBORN, details)
    intake.record_materials(ctx, operator, step.id, NEWBORN_REQUIRED)
    intake.examine(ctx, operator, step.id, passed=True)
    intake.attach_photo_file(ctx, operator, step.id, photo)
    intake.record_form_printed(ctx, operator, step.id, printing.render_form(ctx, operator, step.id))
    intake.mark_signed(ctx, operator, step.id)
    intake.submit(ctx, operator, step.id)
    return str(step.id)


def central_rows(url: str) -> dict[str, dict]:
    engine = central.open_central(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(central.applications)).mappings().all()
            return {row["id"]: dict(row) for row in rows}
    finally:
        engine.dispose()


def applied_count(url: str) -> int:
    engine = central.open_central(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(
                select(func.count()).select_from(central.applied_operations))
    finally:
        engine.dispose()
