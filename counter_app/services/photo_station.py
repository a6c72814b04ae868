"""The photo step of an application: a capture checked against the city's spec profile
and finished, an image file checked the same way, or a photo receipt
(services/photo_receipts.py).

The capture's original is kept as an attachment ("photo_original") beside the finished
photo, both in the protected directory named by their SHA-256. A photo that fails a
check is accepted only by a role with OVERRIDE and with a reason; the reason and the
failed checks go into the audit record of the same transaction.

A child under the city's photo age (rules `photo_optional_under_age`; 0: none) may go
without a photo: staff choose it (waive_photo), the step is audited as "photo_waived"
with the age limit, and the application goes on with no photo.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from counter_app.domain.lifecycle import Status, check_transition
from counter_app.photo.assessment import Assessment, assess_bytes
from counter_app.photo.decoding import PhotoError, read_header, read_image_file
from counter_app.photo.profiles import DEFAULT_PROFILE, Profile, load_profile
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services import review
from counter_app.services.auth import CurrentOperator, Forbidden
from counter_app.services.closed_days import ensure_day_open
from counter_app.services.context import AppContext
from counter_app.services.intake import MSG_LOCKED, IntakeError, Step, load_application
from counter_app.store.models import Application, Attachment, Photo

MSG_NO_FACE = QT_TRANSLATE_NOOP(
    "messages", "No single face was found, so the photo cannot be cut to the standard: "
                "please take it again.")
MSG_NEEDS_OVERRIDE = QT_TRANSLATE_NOOP(
    "messages", "The photo fails {count} check(s). Take it again, or ask a supervisor to "
                "accept it with a reason.")
MSG_REASON = QT_TRANSLATE_NOOP(
    "messages", "Please give the reason for accepting a photo that fails a check.")

MSG_PHOTO_NEEDED = QT_TRANSLATE_NOOP(
    "messages", "This applicant needs a photo: only children under {age} may go without one.")
MSG_PHOTO_ALWAYS = QT_TRANSLATE_NOOP(
    "messages", "Every applicant needs a photo in this city.")
MSG_HAS_PHOTO = QT_TRANSLATE_NOOP(
    "messages", "The application already has a photo.")

PHOTO_STEP = frozenset({Status.EXAMINED, Status.PHOTO_OK, Status.FORM_PRINTED})
MEDIA_TYPES = {"jpeg": ("image/jpeg", ".jpg"), "png": ("image/png", ".png"),
               "bmp": ("image/bmp", ".bmp")}


@dataclass(frozen=True)
class PhotoRecord:
    """The application's current photo: a file, or a receipt number still to resolve."""

    source: str               # camera, file, receipt
    path: Path | None         # absolute, inside the protected directory
    receipt_number: str


def station_profile(ctx: AppContext) -> Profile:
    """The spec profile this station works to (settings key `photo_profile`)."""
    return load_profile(ctx.settings.extra.get("photo_profile", DEFAULT_PROFILE))


def assess_capture(ctx: AppContext, original: bytes) -> Assessment:
    """Check and finish a capture without keeping anything (for the capture dialog)."""
    return assess_bytes(original, station_profile(ctx))


def save_capture(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                 original: bytes, override_reason: str = "", source: str = "camera") -> Step:
    """Check and finish *original* again, keep both files, record the photo."""
    operator.require(Permission.PHOTO)
    assessment = assess_capture(ctx, original)  # outside the transaction: it takes a while
    allow(operator, assessment, override_reason)
    header = read_header(original)
    media_type = MEDIA_TYPES[header.kind][0] if header else "image/jpeg"
    kept_sha, kept_path = keep_file(ctx, "photo_originals", original, suffix_of(original))
    with ctx.sessions.begin() as session:
        app = photo_step_open(session, application_id)
        session.add(Attachment(application_id=app.id, kind="photo_original", sha256=kept_sha,
                               path=kept_path, media_type=media_type, operator_id=operator.id))
        return record_photo(ctx, session, operator, app, assessment, override_reason,
                            source=source, action="photo_captured")


def import_photo_file(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                      path: Path, override_reason: str = "") -> Step:
    """An image file as the applicant's photo (see import_photo)."""
    operator.require(Permission.PHOTO)
    return import_photo(ctx, operator, application_id, read_image_file(path), override_reason)


def import_photo(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                 raw: bytes, override_reason: str = "") -> Step:
    """An image file's bytes as the applicant's photo, with the same checks, finishing and
    override rules as a capture. The file itself is not kept (a phone photo may be tens
    of megabytes, and it is still where it came from): the audit names its SHA-256."""
    operator.require(Permission.PHOTO)
    assessment = assess_capture(ctx, raw)
    allow(operator, assessment, override_reason)
    with ctx.sessions.begin() as session:
        app = photo_step_open(session, application_id)
        return record_photo(ctx, session, operator, app, assessment, override_reason,
                            source="file", action="photo_attached",
                            detail=f"; original={hashlib.sha256(raw).hexdigest()}")


def review_photo_file(ctx: AppContext, path: Path) -> tuple[bytes, Assessment]:
    """Read and check an image file without keeping anything (the window shows the result
    before a failing photo is accepted with a reason)."""
    raw = read_image_file(path)
    return raw, assess_capture(ctx, raw)


def record_photo(ctx: AppContext, session: Session, operator: CurrentOperator,
                 app: Application, assessment: Assessment, override_reason: str, *,
                 source: str, action: str, receipt_number: str = "", detail: str = "") -> Step:
    """Keep the finished photo of a checked *assessment* as the application's photo, in
    the caller's transaction; the step and, for a failing photo, the override audited."""
    photo = assessment.photo
    photo_sha, photo_path = keep_file(ctx, "photos", photo.jpeg, ".jpg")
    session.add(Photo(application_id=app.id, sha256=photo_sha, path=photo_path,
                      source=source, receipt_number=receipt_number, width=photo.width,
                      height=photo.height))
    record_step(session, operator, app, action,
                f"profile={assessment.profile}; quality={photo.quality}{detail}")
    if assessment.failed:
        audit.record(session, action="photo_check_overridden", entity="application",
                     entity_id=app.id, operator_id=operator.id, site_id=operator.site_id,
                     detail=override_detail(assessment, override_reason))
    return Step(app.id, app.number, Status(app.status))


def current_photo(ctx: AppContext, application_id: uuid.UUID) -> PhotoRecord | None:
    with ctx.sessions() as session:
        app = load_application(session, application_id)
        if not app.photos:
            return None
        photo = app.photos[-1]
        path = ctx.settings.protected_dir / photo.path if photo.path else None
        return PhotoRecord(photo.source, path, photo.receipt_number)


def photo_optional_under(ctx: AppContext, application_id: uuid.UUID,
                         today: dt.date | None = None) -> int:
    """The city's age under which this applicant may go without a photo when they are
    under it; 0 when they need one."""
    with ctx.sessions() as session:
        app = load_application(session, application_id)
        return _optional_under(ctx, app, today)


def waive_photo(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                today: dt.date | None = None) -> Step:
    """Complete the photo step without a photo: only for a child under the city's photo
    age (else ValidationError saying why), audited as "photo_waived"."""
    operator.require(Permission.PHOTO)
    with ctx.sessions.begin() as session:
        app = photo_step_open(session, application_id)
        if app.photos:
            raise IntakeError(MSG_HAS_PHOTO)
        if app.status != Status.EXAMINED:  # waived before: nothing more to record
            return Step(app.id, app.number, Status(app.status))
        under = _optional_under(ctx, app, today)
        if not under:
            limit = ctx.rules.photo_optional_under_age
            if limit:
                raise ValidationError("photo", MSG_PHOTO_NEEDED, age=limit)
            raise ValidationError("photo", MSG_PHOTO_ALWAYS)
        record_step(session, operator, app, "photo_waived", f"no photo: under {under} years")
        return Step(app.id, app.number, Status(app.status))


def _optional_under(ctx: AppContext, app: Application, today: dt.date | None) -> int:
    today = today or dt.date.today()
    born = app.birth_date
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return 0 if ctx.rules.photo_required(age) else ctx.rules.photo_optional_under_age


def allow(operator: CurrentOperator, assessment: Assessment, reason: str) -> None:
    if assessment.passed:
        return
    if not assessment.overridable:
        raise PhotoError(MSG_NO_FACE)
    if not operator.can(Permission.OVERRIDE):
        raise Forbidden(MSG_NEEDS_OVERRIDE, count=len(assessment.failed))
    if len(reason.strip()) < 2:
        raise ValidationError("override_reason", MSG_REASON)


def photo_step_open(session: Session, application_id: uuid.UUID) -> Application:
    app = load_application(session, application_id)
    ensure_day_open(session, app)
    if app.status not in PHOTO_STEP:
        raise IntakeError(MSG_LOCKED)
    review.check_may_continue(session, app)  # where a review is wanted: after the approval
    return app


def record_step(session: Session, operator: CurrentOperator, app: Application, action: str,
                detail: str) -> None:
    """Move an examined application on; a photo replaced later leaves the state as it is."""
    current = Status(app.status)
    target = Status.PHOTO_OK if current == Status.EXAMINED else current
    if target != current:
        app.status = check_transition(current, target)
    audit.record(session, action=action if target != current else "photo_replaced",
                 entity="application", entity_id=app.id, operator_id=operator.id,
                 site_id=operator.site_id, from_status=current, to_status=target,
                 detail=detail)


def suffix_of(image: bytes) -> str:
    """The file name suffix of an image's format (.jpg, .png, .bmp)."""
    header = read_header(image)
    return MEDIA_TYPES[header.kind][1] if header else ".jpg"


def keep_file(ctx: AppContext, folder: str, data: bytes, suffix: str) -> tuple[str, str]:
    """Write *data* once under protected/<folder>/<sha256><suffix>; (sha256, relative)."""
    return ctx.files.write_once(folder, data, suffix)


def override_detail(assessment: Assessment, reason: str) -> str:
    failed = ",".join(check.name for check in assessment.failed)
    # The reason is free text: long digit runs (ID or phone numbers) are masked.
    masked = re.sub(r"\d{6,}[0-9Xx]?", "******", reason.strip())
    return f"profile={assessment.profile}; failed={failed}; reason={masked}"
