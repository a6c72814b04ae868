"""Scanned materials: straighten a capture, let staff accept or retake, keep it with the
application (the material then counts as received)."""

from __future__ import annotations

import uuid
from pathlib import Path

import cv2
import numpy as np

from counter_app.documents.rectify import Rectified, rectify
from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.domain.lifecycle import Status
from counter_app.photo.decoding import decode_image, read_image_file
from counter_app.photo.importer import MSG_UNREADABLE, PhotoError
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.closed_days import ensure_day_open
from counter_app.services.context import AppContext
from counter_app.services.intake import IntakeError, Step, load_application
from counter_app.store.models import Attachment

MSG_UNKNOWN_MATERIAL = QT_TRANSLATE_NOOP("messages", "This material is not on the application's checklist.")
CARD_MATERIALS = frozenset({"id_card", "guardian_id_card", "agent_id_card"})


def kind_of(material_code: str) -> str:
    return "id_card" if material_code in CARD_MATERIALS else "page"


def straighten_file(path: Path, material_code: str) -> Rectified:
    """Read an image file (a scan, or a document-camera still) and straighten it."""
    # a regular file of bounded size, its pixels counted from the header before decoding
    return straighten(decode_image(read_image_file(path)), material_code)


def straighten(frame: np.ndarray, material_code: str) -> Rectified:
    return rectify(frame, kind_of(material_code))


def accept_scan(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                material_code: str, image: np.ndarray) -> Step:
    """Keep the straightened scan (JPEG, named by its hash) and tick the material."""
    operator.require(Permission.INTAKE)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    if not ok:
        raise PhotoError(MSG_UNREADABLE)
    digest, relative = ctx.files.write_once("scans", encoded.tobytes(), ".jpg")
    with ctx.sessions.begin() as session:
        app = load_application(session, application_id)
        ensure_day_open(session, app)
        material = next((m for m in app.materials if m.code == material_code), None)
        if material is None:
            raise IntakeError(MSG_UNKNOWN_MATERIAL)
        material.received = True
        session.add(Attachment(application_id=app.id, kind="material_scan",
                               material_code=material_code, sha256=digest, path=str(relative),
                               operator_id=operator.id))
        audit.record(session, action="material_scanned", entity="application", entity_id=app.id,
                     operator_id=operator.id, site_id=operator.site_id, detail=material_code)
        return Step(app.id, app.number, Status(app.status))
