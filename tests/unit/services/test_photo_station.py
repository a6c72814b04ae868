"""The photo step through the service: a capture kept with its original, overrides only
with the right role and a reason (audited), studio receipts by number."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from counter_app.domain.business import BusinessType
from counter_app.domain.errors import ValidationError
from counter_app.domain.lifecycle import Status
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.photo.decoding import PhotoError
from counter_app.security.roles import Role
from counter_app.services import intake, photo_station
from counter_app.services.auth import Forbidden
from counter_app.services.intake import IntakeError
from counter_app.store.models import Attachment, AuditRecord, Photo
from tests.helpers import GUARDIAN_ID, add_operator, child_id
from tests.unit.photo import portraits

CHILD = ApplicantDetails(
    name="王䶮", id_number=child_id(), phone="13800138000",
    guardian=GuardianDetails("王建国", "父亲", GUARDIAN_ID, "13800138001"))
NEWBORN_REQUIRED = {"household_register", "birth_certificate", "guardian_id_card",
                    "insurance_enrolment"}


@pytest.fixture
def examined(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD)
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
    assert hashlib.sha256(final.read_bytes()).hexdigest() == photo.sha256
    assert 14 * 1024 <= final.stat().st_size <= 20 * 1024
    assert (kept.kind, kept.media_type, kept.operator_id) == (
        "photo_original", "image/jpeg", window_staff.id)
    assert (ctx.settings.protected_dir / kept.path).read_bytes() == original
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


def test_a_role_without_photos_is_refused(ctx, admin, site_id, examined):
    card_centre = add_operator(ctx, admin, site_id, "centre", {Role.CARD_CENTRE})
    with pytest.raises(Forbidden):
        photo_station.record_receipt(ctx, card_centre, examined, "ZP20240315001")


def test_a_studio_receipt_is_recorded_for_the_card_centre(ctx, window_staff, examined):
    step = photo_station.record_receipt(ctx, window_staff, examined, "zp-2024 0315 001")
    assert step.status is Status.PHOTO_OK
    [photo] = rows(ctx, Photo, examined)
    assert (photo.source, photo.receipt_number, photo.path) == ("receipt", "ZP20240315001", "")
    record = photo_station.current_photo(ctx, examined)
    assert record.path is None and record.receipt_number == "ZP20240315001"
    [audit] = [a for a in audit_of(ctx, examined) if a.action == "photo_receipt_recorded"]
    assert audit.detail == "lookup=pending"


def test_a_receipt_number_in_the_wrong_format_is_refused(ctx, window_staff, examined):
    with pytest.raises(ValidationError) as caught:
        photo_station.record_receipt(ctx, window_staff, examined, "12-34")
    assert caught.value.field == "receipt_number"
    assert photo_station.current_photo(ctx, examined) is None


def test_the_photo_step_is_closed_once_signed(ctx, admin, examined, tmp_path):
    from counter_app.services import printing

    photo_station.record_receipt(ctx, admin, examined, "ZP20240315001")
    intake.record_form_printed(ctx, admin, examined, printing.render_form(ctx, admin, examined))
    intake.mark_signed(ctx, admin, examined)
    with pytest.raises(IntakeError):
        photo_station.record_receipt(ctx, admin, examined, "ZP20240315002")
