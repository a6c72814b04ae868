"""Photo receipts: a number standing for a photo taken elsewhere.

At the window: the number a designated studio, or one of our own photo stations, printed
on the applicant's slip is checked for its form (resources/photo_receipts/formats.toml),
looked up in the central receipt registry when scanned (one budgeted look-up: the city's
receipts are not copied to every counter; the receipt is kept here once attached), and
its photo attached after the same checks as any photo (a failing one only with OVERRIDE
and a reason). A number not in the registry (yet), or asked while the central database
cannot answer, is recorded as pending: it travels with the application and the card
centre resolves it. Receipts never expire.

At a photo station of ours: a finished capture issues a receipt number (site code, date,
the station's mark, the day's sequence), the photo joins the local registry, and the
outbox entry that takes it to the central registry is written in the same transaction;
the slip is a PDF (forms/receipt_slip.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.central.device_push import RECEIPT_PHOTO_MAX_BYTES, receipt_site_part
from counter_app.domain.clock import local_date
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.domain.lifecycle import Status
from counter_app.forms.data import ReceiptSlipData
from counter_app.forms.receipt_slip import render_receipt_slip
from counter_app.photo.assessment import Assessment
from counter_app.photo.receipts import STATION, ReceiptNumber, check_receipt
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services import photo_station
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.services.intake import Step
from counter_app.services.printing import form_config, form_fonts
from counter_app.store.models import Meta, OutboxEntry, Photo, PhotoReceipt, utcnow

log = logging.getLogger(__name__)

RECEIPT_DIR = "receipts"  # the photos of receipts issued here or looked up and used
SLIP_DIR = "receipt_slips"
OUTBOX_KIND = "photo_receipt_issued"
MARK_LENGTH = 6           # hex digits of the device id in our own numbers
SEQUENCE_DIGITS = 4

MSG_DAY_FULL = QT_TRANSLATE_NOOP(
    "messages", "This photo station has issued {count} receipts today, the most a day "
                "can number.")
MSG_OWN_FORMAT = QT_TRANSLATE_NOOP(
    "messages", "The receipt number {number} made here does not fit the format of our own "
                "receipts in the receipt formats file: correct the file.")
MSG_DAMAGED_PHOTO = QT_TRANSLATE_NOOP(
    "messages", "The central registry's photo for receipt {number} is damaged or too large; "
                "the receipt is recorded for the card centre to resolve.")
MSG_UNKNOWN_RECEIPT = QT_TRANSLATE_NOOP(
    "messages", "There is no photo receipt {number} on this computer.")


class ReceiptError(CounterError):
    code = "photo_receipt"


@dataclass(frozen=True)
class ReceiptLookup:
    """What the registry on this computer knows of a receipt number."""

    number: str
    kind: str                        # station (ours) or studio, from the number's form
    issuer: str = ""                 # "" when the number is not in the registry
    created_at: dt.datetime | None = None
    photo: bytes | None = None       # the registry's photo, as the issuer sent it
    assessment: Assessment | None = None  # the photo checked against this station's profile
    note: CounterError | None = None  # why the central registry was not asked or not used

    @property
    def found(self) -> bool:
        return self.photo is not None


@dataclass(frozen=True)
class AttachedReceipt:
    step: Step
    number: str
    found: bool                      # False: recorded as pending for the card centre
    issuer: str = ""


@dataclass(frozen=True)
class IssuedReceipt:
    number: str
    issuer: str
    photo_sha256: str
    photo_path: Path                 # absolute, inside the protected directory
    created_at: dt.datetime          # UTC


def look_up(ctx: AppContext, number: str, operator: str = "") -> ReceiptLookup:
    """Check the number's form (ValidationError), then find it here or in the central
    registry (kept here when found) and check its photo."""
    checked = check_receipt(number)
    return _look_up(ctx, checked, operator)


def attach_receipt(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                   number: str, override_reason: str = "", ask_central: bool = True
                   ) -> AttachedReceipt:
    """The receipt as the application's photo: its registry photo, checked and finished
    like a capture, when the registry has it; else the number, pending. *ask_central*
    False: the caller just looked it up (look_up keeps what it found)."""
    operator.require(Permission.PHOTO)
    found = _look_up(ctx, check_receipt(number), operator.username if ask_central else None)
    if not found.found:
        return _record_pending(ctx, operator, application_id, found)
    assessment = found.assessment
    photo_station.allow(operator, assessment, override_reason)
    with ctx.sessions.begin() as session:
        app = photo_station.photo_step_open(session, application_id)
        step = photo_station.record_photo(
            ctx, session, operator, app, assessment, override_reason, source="receipt",
            action="photo_receipt_attached", receipt_number=found.number,
            detail=f"; receipt={found.kind}; lookup=found")
    return AttachedReceipt(step, found.number, True, found.issuer)


def _station_mark(session, device_id: uuid.UUID) -> str:
    """An enrolled station's counter number within its site (unique, given centrally);
    else the first hex digits of its device id."""
    counter_no = session.get(Meta, "counter_no")
    if counter_no is not None:
        return f"{int(counter_no.value):0{MARK_LENGTH}d}"
    return device_id.hex[:MARK_LENGTH].upper()


def issue_receipt(ctx: AppContext, operator: CurrentOperator, original: bytes,
                  override_reason: str = "", today: dt.date | None = None) -> IssuedReceipt:
    """A photo station of ours: check and finish the capture, give it a receipt number,
    keep it in the local registry and queue it for the central one, in one transaction."""
    operator.require(Permission.PHOTO)
    assessment = photo_station.assess_capture(ctx, original)
    photo_station.allow(operator, assessment, override_reason)
    original_sha, _ = photo_station.keep_file(ctx, "photo_originals", original,
                                              photo_station.suffix_of(original))
    jpeg = assessment.photo.jpeg
    sha, relative = photo_station.keep_file(ctx, RECEIPT_DIR, jpeg, ".jpg")
    issuer = operator.site_name or operator.site_code
    now = utcnow()
    device_id = ctx.device_id  # outside the transaction: made on first use, in its own
    with ctx.sessions.begin() as session:
        prefix = f"{_site_part(operator.site_code)}{(today or dt.date.today()):%Y%m%d}" \
                 f"{_station_mark(session, device_id)}"
        number = _next_number(session, prefix)
        session.add(PhotoReceipt(number=number, issuer=issuer, photo_sha256=sha,
                                 photo_path=relative, created_at=now))
        session.add(OutboxEntry(kind=OUTBOX_KIND, entity_id=number, payload={
            "number": number, "issuer": issuer, "photo_sha256": sha,
            "photo_base64": base64.b64encode(jpeg).decode("ascii")}))
        detail = f"profile={assessment.profile}; quality={assessment.photo.quality}; " \
                 f"original={original_sha}"
        audit.record(session, action="photo_receipt_issued", entity="photo_receipt",
                     entity_id=number, operator_id=operator.id, site_id=operator.site_id,
                     detail=detail)
        if assessment.failed:
            audit.record(session, action="photo_check_overridden", entity="photo_receipt",
                         entity_id=number, operator_id=operator.id,
                         site_id=operator.site_id,
                         detail=photo_station.override_detail(assessment, override_reason))
    return IssuedReceipt(number, issuer, sha, ctx.settings.protected_dir / relative, now)


def receipt_slip(ctx: AppContext, operator: CurrentOperator, number: str) -> Path:
    """The slip of a receipt in the local registry, as a PDF to print (audited)."""
    operator.require(Permission.PHOTO)
    with ctx.sessions() as session:
        receipt = session.get(PhotoReceipt, number)
        if receipt is None:
            raise ReceiptError(MSG_UNKNOWN_RECEIPT, number=number)
        data = ReceiptSlipData(number=receipt.number, issuer=receipt.issuer,
                               date=local_date(receipt.created_at).isoformat(),
                               photo_jpeg=_read(ctx, receipt.photo_path))
    config, fonts = form_config(ctx), form_fonts(ctx)
    out = ctx.files.write_with(f"{SLIP_DIR}/{number}.pdf",
                               lambda stream: render_receipt_slip(data, config, stream, fonts))
    with ctx.sessions.begin() as session:
        audit.record(session, action="photo_receipt_printed", entity="photo_receipt",
                     entity_id=number, operator_id=operator.id, site_id=operator.site_id)
    return out


def _look_up(ctx: AppContext, checked: ReceiptNumber, operator: str | None
             ) -> ReceiptLookup:
    """Here first (issued here, or attached before); else, unless *operator* is None, the
    central registry."""
    with ctx.sessions() as session:
        receipt = session.get(PhotoReceipt, checked.number)
        if receipt is not None:
            issuer, created_at, path = receipt.issuer, receipt.created_at, receipt.photo_path
    if receipt is None:
        if operator is None:
            return ReceiptLookup(checked.number, checked.kind)
        return _ask_central(ctx, checked, operator)
    photo = _read(ctx, path)
    if photo is None:  # in the registry without a photo (yet): still the card centre's
        return ReceiptLookup(checked.number, checked.kind, issuer, created_at)
    assessment = photo_station.assess_capture(ctx, photo)
    return ReceiptLookup(checked.number, checked.kind, issuer, created_at, photo, assessment)


def _ask_central(ctx: AppContext, checked: ReceiptNumber, operator: str) -> ReceiptLookup:
    """The central registry's receipt, kept here when its photo is whole; a refusal or an
    unreachable central database comes back as the lookup's note (pending)."""
    from counter_app.central import lookup
    from counter_app.services import central_access

    try:
        found = central_access.ask(
            ctx, lambda connection: lookup.photo_receipt(connection, checked.number, operator))
    except CounterError as unanswered:  # SyncError, LookupRefused
        return ReceiptLookup(checked.number, checked.kind, note=unanswered)
    if found is None:
        return ReceiptLookup(checked.number, checked.kind)
    photo, sha = found["photo"], found["photo_sha256"]
    if photo is None:
        return ReceiptLookup(checked.number, checked.kind, found["issuer"], found["created_at"])
    # the registry refuses bigger photos: a bigger one means a damaged or forged registry
    if (len(photo) > RECEIPT_PHOTO_MAX_BYTES or not sha
            or hashlib.sha256(photo).hexdigest() != sha):
        return ReceiptLookup(checked.number, checked.kind, found["issuer"], found["created_at"],
                             note=ReceiptError(MSG_DAMAGED_PHOTO, number=checked.number))
    _, relative = photo_station.keep_file(ctx, RECEIPT_DIR, photo, ".jpg")
    with ctx.sessions.begin() as session:
        session.merge(PhotoReceipt(number=checked.number, issuer=found["issuer"],
                                   photo_sha256=sha, photo_path=relative,
                                   created_at=found["created_at"]))
    assessment = photo_station.assess_capture(ctx, photo)
    return ReceiptLookup(checked.number, checked.kind, found["issuer"], found["created_at"],
                         photo, assessment)


def _record_pending(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                    lookup: ReceiptLookup) -> AttachedReceipt:
    with ctx.sessions.begin() as session:
        app = photo_station.photo_step_open(session, application_id)
        session.add(Photo(application_id=app.id, sha256="", path="", source="receipt",
                          receipt_number=lookup.number))
        photo_station.record_step(session, operator, app, "photo_receipt_recorded",
                                  f"receipt={lookup.kind}; lookup=pending")
        step = Step(app.id, app.number, Status(app.status))
    return AttachedReceipt(step, lookup.number, False, lookup.issuer)


def _next_number(session: Session, prefix: str) -> str:
    """The next number of the day for this station; the local registry holds every one it
    issued (BEGIN IMMEDIATE: no other writer can take the same number meanwhile)."""
    taken = session.scalars(select(PhotoReceipt.number).where(
        PhotoReceipt.number.startswith(prefix))).all()
    sequences = [int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()]
    sequence = max(sequences, default=0) + 1
    if sequence >= 10 ** SEQUENCE_DIGITS:
        raise ReceiptError(MSG_DAY_FULL, count=sequence - 1)
    number = f"{prefix}{sequence:0{SEQUENCE_DIGITS}d}"
    try:
        kind = check_receipt(number).kind
    except ValidationError:
        kind = ""
    if kind != STATION:  # the formats file and this code must agree, or the window refuses it
        raise ReceiptError(MSG_OWN_FORMAT, number=number)
    return number


def _site_part(site_code: str) -> str:
    """The site code as a receipt number holds it: capitals and digits only (the central
    side checks the same, and refuses a new site whose part another site has)."""
    return receipt_site_part(site_code)


def _read(ctx: AppContext, relative: str | None) -> bytes | None:
    if not relative:
        return None
    try:
        return ctx.files.read(relative)
    except (OSError, CounterError):
        log.warning("the photo of a receipt in the registry is missing or damaged")
        return None
