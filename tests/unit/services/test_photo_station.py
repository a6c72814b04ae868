"""The photo step through the service: a capture kept with its original, an image file
checked the same way, overrides only with the right role and a reason (audited).
Photo receipts: test_photo_receipts.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import cv2
import numpy as np
import pytest
from sqlalchemy import select

from counter_app.domain.business import BusinessType
from counter_app.domain.errors import ValidationError
from counter_app.domain.lifecycle import Status
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.photo.decoding import PhotoError
from counter_app.security.roles import Role
from counter_app.services import intake, photo_station, printing
from counter_app.services.auth import Forbidden
from counter_app.services.intake import IntakeError
from counter_app.store.models import Attachment, AuditRecord, Photo
from tests.helpers import GUARDIAN_ID, add_operator, child_id, newborn_day, write_photo
from tests.unit.photo import portraits

CHILD = ApplicantDetails(
    name="王䶮", id_number=child_id(), phone="13800138000",
    guardian=GuardianDetails("王建国", "父亲", GUARDIAN_ID, "13800138001"))
NEWBORN_REQUIRED = {"household_register", "birth_certificate", "guardian_id_card",
                    "insurance_enrolment"}


@pytest.fixture
def examined(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, today=newborn_day())
    intake.record_materials(ctx, admin, step.id, NEWBORN_REQUIRED)
    return intake.examine(ctx, admin, step.id, passed=True).id


@pytest.fixture
def window_staff(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "window", {Role.WINDOW_STAFF})


@pytest.fixture
def supervisor(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "super", {Role.SUPERVISOR})


def audit_of(ctx, application_id) -> list[AuditRecord]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord).where(
            AuditRecord.entity_id == str(application_id)).order_by(AuditRecord.id)))


def rows(ctx, model, application_id):
    with ctx.sessions() as session:
        return list(session.scalars(select(model).where(model.application_id == application_id)))


def test_a_passing_capture_is_kept_with_its_original(ctx, window_staff, examined):
    original = portraits.jpeg(portraits.passing())
    step = photo_station.save_capture(ctx, window_staff, examined, original)

    assert step.status is Status.PHOTO_OK
    [photo] = rows(ctx, Photo, examined)
    [kept] = rows(ctx, Attachment, examined)
    assert (photo.source, photo.width, photo.height) == ("camera", 358, 441)
    final = ctx.settings.protected_dir / photo.path
    assert final.name == f"{photo.sha256}.jpg"
    assert hashlib.sha256(ctx.files.read(final)).hexdigest() == photo.sha256
    assert 14 * 1024 <= len(ctx.files.read(final)) <= 20 * 1024
    assert (kept.kind, kept.media_type, kept.operator_id) == (
        "photo_original", "image/jpeg", window_staff.id)
    assert ctx.files.read(kept.path) == original
    assert kept.path == f"photo_originals/{hashlib.sha256(original).hexdigest()}.jpg"
    [record] = [a for a in audit_of(ctx, examined) if a.action == "photo_captured"]
    assert (record.from_status, record.to_status) == ("examined", "photo_ok")
    assert photo_station.current_photo(ctx, examined).path == final


def test_names_and_id_numbers_never_reach_file_names_or_the_audit(ctx, window_staff,
                                                                  examined):
    photo_station.save_capture(ctx, window_staff, examined, portraits.jpeg(portraits.passing()))
    names = [p.name for p in ctx.settings.protected_dir.rglob("*")]
    details = " ".join(a.detail for a in audit_of(ctx, examined))
    for secret in ("王", CHILD.id_number, GUARDIAN_ID):
        assert not any(secret in name for name in names) and secret not in details


def test_a_failing_capture_is_refused_to_window_staff(ctx, window_staff, examined):
    with pytest.raises(Forbidden) as caught:
        photo_station.save_capture(ctx, window_staff, examined,
                                   portraits.jpeg(portraits.tilted()), override_reason="ok")
    assert caught.value.params == {"count": 1}
    assert rows(ctx, Photo, examined) == []


def test_an_override_needs_a_reason(ctx, supervisor, examined):
    with pytest.raises(ValidationError) as caught:
        photo_station.save_capture(ctx, supervisor, examined,
                                   portraits.jpeg(portraits.tilted()), override_reason="  ")
    assert caught.value.field == "override_reason"


def test_an_override_with_a_reason_is_audited(ctx, supervisor, examined):
    reason = "颈部支具，无法摆正头部 (see 11010519491231002X)"
    step = photo_station.save_capture(ctx, supervisor, examined,
                                      portraits.jpeg(portraits.tilted()), reason)
    assert step.status is Status.PHOTO_OK
    [override] = [a for a in audit_of(ctx, examined) if a.action == "photo_check_overridden"]
    assert override.operator_id == supervisor.id
    assert override.detail.startswith("profile=ga461; failed=roll; reason=颈部支具")
    assert "11010519491231002X" not in override.detail  # numbers in free text are masked


def test_no_override_can_pass_a_capture_without_a_single_face(ctx, admin, examined):
    with pytest.raises(PhotoError):
        photo_station.save_capture(ctx, admin, examined, portraits.jpeg(portraits.no_face()),
                                   override_reason="the child is asleep")


def test_an_unreadable_capture_is_a_photo_error(ctx, window_staff, examined):
    with pytest.raises(PhotoError):
        photo_station.save_capture(ctx, window_staff, examined, b"\xff\xd8 broken")


def test_a_second_capture_replaces_the_first_and_keeps_the_state(ctx, window_staff, examined):
    photo_station.save_capture(ctx, window_staff, examined, portraits.jpeg(portraits.passing()))
    again = photo_station.save_capture(ctx, window_staff, examined,
                                       portraits.jpeg(portraits.compose(seed=9)))
    assert again.status is Status.PHOTO_OK
    assert len(rows(ctx, Photo, examined)) == 2 and len(rows(ctx, Attachment, examined)) == 2
    assert [a.action for a in audit_of(ctx, examined)][-1] == "photo_replaced"


def test_a_role_without_photos_is_refused(ctx, admin, site_id, examined, tmp_path):
    card_centre = add_operator(ctx, admin, site_id, "centre", {Role.CARD_CENTRE})
    with pytest.raises(Forbidden):
        photo_station.import_photo_file(ctx, card_centre, examined,
                                        write_photo(tmp_path / "photo.jpg"))


def test_an_imported_file_is_checked_and_finished_like_a_capture(ctx, window_staff, examined,
                                                                 tmp_path):
    original = portraits.jpeg(portraits.passing())
    path = tmp_path / "from the phone.jpg"
    path.write_bytes(original)
    step = photo_station.import_photo_file(ctx, window_staff, examined, path)

    assert step.status is Status.PHOTO_OK
    [photo] = rows(ctx, Photo, examined)
    assert (photo.source, photo.width, photo.height) == ("file", 358, 441)  # cut to GA 461
    final = ctx.settings.protected_dir / photo.path
    assert 14 * 1024 <= final.stat().st_size <= 20 * 1024
    assert rows(ctx, Attachment, examined) == []  # the file stays where it came from...
    [record] = [a for a in audit_of(ctx, examined) if a.action == "photo_attached"]
    assert record.detail.startswith("profile=ga461; quality=")
    assert f"original={hashlib.sha256(original).hexdigest()}" in record.detail  # ...named


def test_an_imported_file_that_fails_a_check_needs_the_override_of_a_capture(
        ctx, window_staff, supervisor, examined, tmp_path):
    path = tmp_path / "tilted.jpg"
    path.write_bytes(portraits.jpeg(portraits.tilted()))
    with pytest.raises(Forbidden) as caught:
        photo_station.import_photo_file(ctx, window_staff, examined, path)
    assert caught.value.template == photo_station.MSG_NEEDS_OVERRIDE
    with pytest.raises(ValidationError):
        photo_station.import_photo_file(ctx, supervisor, examined, path)
    assert rows(ctx, Photo, examined) == []

    photo_station.import_photo_file(ctx, supervisor, examined, path, "颈部支具")
    [photo] = rows(ctx, Photo, examined)
    assert photo.source == "file"
    [override] = [a for a in audit_of(ctx, examined) if a.action == "photo_check_overridden"]
    assert override.detail == "profile=ga461; failed=roll; reason=颈部支具"


def test_a_file_without_a_face_is_refused_whoever_imports_it(ctx, admin, examined, tmp_path):
    oval = np.full((441, 358, 3), 255, np.uint8)  # what the import took before it checked
    cv2.ellipse(oval, (179, 200), (100, 130), 0, 0, 360, (150, 180, 225), -1)
    path = tmp_path / "oval.png"
    cv2.imwrite(str(path), oval)
    with pytest.raises(PhotoError) as caught:
        photo_station.import_photo_file(ctx, admin, examined, path, override_reason="demo")
    assert caught.value.template == photo_station.MSG_NO_FACE
    assert photo_station.current_photo(ctx, examined) is None


def test_reviewing_a_file_keeps_nothing(ctx, examined, tmp_path):
    path = tmp_path / "tilted.jpg"
    path.write_bytes(portraits.jpeg(portraits.tilted()))
    raw, assessment = photo_station.review_photo_file(ctx, path)
    assert raw == path.read_bytes() and [c.name for c in assessment.failed] == ["roll"]
    assert not (ctx.settings.protected_dir / "photos").exists()


def test_the_photo_step_is_closed_once_signed(ctx, admin, examined, tmp_path):
    from counter_app.services import printing

    photo = write_photo(tmp_path / "photo.jpg")
    photo_station.import_photo_file(ctx, admin, examined, photo)
    intake.record_form_printed(ctx, admin, examined, printing.render_form(ctx, admin, examined))
    intake.mark_signed(ctx, admin, examined)
    with pytest.raises(IntakeError):
        photo_station.import_photo_file(ctx, admin, examined, photo)


# --- no photo for young children (rules photo_optional_under_age) ------------------------

TODAY = dt.date(2026, 12, 7)  # CHILD, born 2024-03-15, is 2 years old


def photo_age(ctx, age: int) -> None:
    ctx.rules = dataclasses.replace(ctx.rules, photo_optional_under_age=age)


def test_a_child_under_the_photo_age_goes_on_without_a_photo_audited(
        ctx, admin, window_staff, examined):
    photo_age(ctx, 3)
    assert photo_station.photo_optional_under(ctx, examined, TODAY) == 3
    step = photo_station.waive_photo(ctx, window_staff, examined, TODAY)

    assert step.status is Status.PHOTO_OK and rows(ctx, Photo, examined) == []
    [waived] = [a for a in audit_of(ctx, examined) if a.action == "photo_waived"]
    assert waived.detail == "no photo: under 3 years"
    assert (waived.from_status, waived.to_status) == (Status.EXAMINED, Status.PHOTO_OK)
    assert photo_station.waive_photo(ctx, window_staff, examined, TODAY).status is Status.PHOTO_OK
    assert [a.action for a in audit_of(ctx, examined)].count("photo_waived") == 1  # once

    form = printing.render_form(ctx, admin, examined)  # the form prints without a photo
    intake.record_form_printed(ctx, admin, examined, form)
    intake.mark_signed(ctx, admin, examined)
    assert intake.submit(ctx, admin, examined).status is Status.SUBMITTED


@pytest.mark.parametrize("age, words", [(2, "only children under 2 may go without one"),
                                        (0, "Every applicant needs a photo")])
def test_a_child_at_or_above_the_photo_age_needs_a_photo(ctx, window_staff, examined, age,
                                                         words):
    photo_age(ctx, age)
    assert photo_station.photo_optional_under(ctx, examined, TODAY) == 0
    with pytest.raises(ValidationError, match=words) as caught:
        photo_station.waive_photo(ctx, window_staff, examined, TODAY)
    assert caught.value.field == "photo"
    assert not [a for a in audit_of(ctx, examined) if a.action == "photo_waived"]
    with ctx.sessions() as session:  # still examined, waiting for a photo
        assert intake.load_application(session, examined).status == Status.EXAMINED


def test_the_default_city_needs_a_photo_of_everyone(ctx, window_staff, examined):
    assert ctx.rules.photo_optional_under_age == 0
    with pytest.raises(ValidationError, match="Every applicant needs a photo"):
        photo_station.waive_photo(ctx, window_staff, examined)


def test_no_waiver_over_a_photo_or_without_the_photo_role(ctx, admin, site_id, window_staff,
                                                          examined):
    photo_age(ctx, 7)
    clerk = add_operator(ctx, admin, site_id, "card_centre_clerk", {Role.CARD_CENTRE})
    with pytest.raises(Forbidden):
        photo_station.waive_photo(ctx, clerk, examined, TODAY)
    photo_station.save_capture(ctx, window_staff, examined, portraits.jpeg(portraits.passing()))
    with pytest.raises(IntakeError):
        photo_station.waive_photo(ctx, window_staff, examined, TODAY)
