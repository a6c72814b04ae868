"""The signed registration form comes back: read its QR code, check it belongs to the
application, keep the scan with it (an Attachment of kind "signed_form")."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from counter_app.documents.matching import check_page_belongs_to
from counter_app.documents.scan import read_application_number
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.lifecycle import Status, check_transition
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.closed_days import ensure_day_open
from counter_app.services.context import AppContext
from counter_app.services.intake import load_application
from counter_app.store.models import Application, Attachment

log = logging.getLogger(__name__)

KIND = "signed_form"
MAX_FILE_BYTES = 40 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"
NOT_PRINTED = frozenset({Status.DRAFT, Status.EXAMINED, Status.PHOTO_OK})
CLOSED = frozenset({Status.REJECTED, Status.WITHDRAWN})
_MEDIA_TYPES = (  # (file signature, media type, file suffix)
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"II*\x00", "image/tiff", ".tif"),
    (b"MM\x00*", "image/tiff", ".tif"),
    (b"BM", "image/bmp", ".bmp"),
    (PDF_SIGNATURE, "application/pdf", ".pdf"),  # a scanner's PDF, kept whole (every page)
)

MSG_FILE = QT_TRANSLATE_NOOP(
    "messages", "The file cannot be opened. Check that it exists and is not too large "
                "(at most 40 MB).")
MSG_NOT_PRINTED = QT_TRANSLATE_NOOP(
    "messages", "The registration form of this application has not been printed yet, so "
                "there is no signed form to attach.")
MSG_CLOSED = QT_TRANSLATE_NOOP(
    "messages", "The application was rejected or withdrawn; a signed form cannot be "
                "attached to it.")
MSG_PDF_UNREAD = QT_TRANSLATE_NOOP(
    "messages", "The first page of the PDF cannot be read. Scan the signed form again, or "
                "save the scan as a picture (JPEG or PNG).")
MSG_UNKNOWN_NUMBER = QT_TRANSLATE_NOOP(
    "messages", "The page belongs to application {number}, which is not in this counter's "
                "records.")


class SignedCopyError(CounterError):
    code = "signed_copy"


@dataclass(frozen=True)
class SignedCopy:
    """The application (id, number, status, as intake.Step has them) and the scan kept."""

    id: uuid.UUID
    number: str
    status: Status
    attachment_id: uuid.UUID
    already_attached: bool = False


def attach_signed_copy(ctx: AppContext, operator: CurrentOperator,
                       application_id: uuid.UUID | None, path: Path,
                       page_image: bytes | None = None) -> SignedCopy:
    """Attach a scan or photo of the signed form. Without ``application_id`` the page's
    QR code says which application it is. A form still waiting for its signature is
    then marked signed. Refused, with the reason, when the page cannot be read or
    belongs to another application.

    A PDF from a scanner is kept whole (the agreement may be its second page); the core
    cannot render PDF, so the caller passes its first page as a picture in
    ``page_image`` and the QR code is read from that."""
    operator.require(Permission.INTAKE)
    content = _read(path)
    if page_image is None and content.startswith(PDF_SIGNATURE):
        raise SignedCopyError(MSG_PDF_UNREAD)
    page_number = read_application_number(page_image or content)  # slow: no transaction
    digest = hashlib.sha256(content).hexdigest()
    media_type, suffix = _media_type(content)
    relative = Path("signed_forms") / f"{digest}{suffix}"
    with ctx.sessions.begin() as session:
        app = (load_application(session, application_id) if application_id
               else _application_numbered(session, page_number))
        check_page_belongs_to(page_number, app.number)
        ensure_day_open(session, app)
        _check_signable(app)
        existing = session.scalar(select(Attachment).where(
            Attachment.application_id == app.id, Attachment.kind == KIND,
            Attachment.sha256 == digest))
        if existing is not None:
            return SignedCopy(app.id, app.number, Status(app.status), existing.id, True)
        if not ctx.files.path(relative).exists():  # named by content: written once
            ctx.files.write(relative, content)
        attachment = Attachment(application_id=app.id, kind=KIND, sha256=digest,
                                path=str(relative), media_type=media_type,
                                operator_id=operator.id)
        session.add(attachment)
        session.flush()
        _record(session, operator, app, attachment.id)
        return SignedCopy(app.id, app.number, Status(app.status), attachment.id)


def signed_copies(ctx: AppContext, operator: CurrentOperator,
                  application_id: uuid.UUID) -> list[Path]:
    """Files of the signed copies kept for the application, oldest first (sealed: read
    them with ctx.files.read)."""
    operator.require(Permission.INTAKE)
    with ctx.sessions() as session:
        rows = session.scalars(select(Attachment).where(
            Attachment.application_id == application_id, Attachment.kind == KIND
        ).order_by(Attachment.created_at)).all()
        return [ctx.settings.protected_dir / row.path for row in rows]


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SignedCopyError(MSG_FILE)
        return path.read_bytes()
    except OSError as exc:
        raise SignedCopyError(MSG_FILE) from exc


def _media_type(content: bytes) -> tuple[str, str]:
    for signature, media_type, suffix in _MEDIA_TYPES:
        if content.startswith(signature):
            return media_type, suffix
    return "application/octet-stream", ".bin"  # decodable by OpenCV, yet unusual


def _application_numbered(session, number: str) -> Application:
    app = session.scalar(select(Application).where(Application.number == number))
    if app is None:
        raise SignedCopyError(MSG_UNKNOWN_NUMBER, number=number)
    return app


def _check_signable(app: Application) -> None:
    status = Status(app.status)
    if status in CLOSED:
        raise SignedCopyError(MSG_CLOSED)
    if status in NOT_PRINTED:
        raise SignedCopyError(MSG_NOT_PRINTED)


def _record(session, operator: CurrentOperator, app: Application,
            attachment_id: uuid.UUID) -> None:
    audit.record(session, action="signed_copy_attached", entity="application",
                 entity_id=app.id, operator_id=operator.id, site_id=operator.site_id,
                 detail=f"attachment={attachment_id}")
    if app.status == Status.FORM_PRINTED:  # the scan shows the signature: it is signed
        app.status = check_transition(Status.FORM_PRINTED, Status.SIGNED)
        audit.record(session, action="signed", entity="application", entity_id=app.id,
                     operator_id=operator.id, site_id=operator.site_id,
                     from_status=Status.FORM_PRINTED, to_status=Status.SIGNED,
                     detail="signed copy attached")
    log.info("signed copy %s attached to application %s", attachment_id, app.id)

