import cv2
import pytest
from sqlalchemy import select

from counter_app.domain.business import BusinessType
from counter_app.photo.importer import PhotoError
from counter_app.services import intake, queue, scanning
from counter_app.store.models import Attachment
from tests.unit.documents.test_rectify import page_on_desk
from tests.helpers import newborn_day
from tests.unit.services.test_intake import CHILD


def test_a_scanned_material_is_kept_and_ticked(ctx, admin, tmp_path):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, today=newborn_day())
    capture = tmp_path / "desk.jpg"
    cv2.imwrite(str(capture), page_on_desk(9))
    straightened = scanning.straighten_file(capture, "birth_certificate")
    assert straightened.acceptable and straightened.outline_found
    scanning.accept_scan(ctx, admin, step.id, "birth_certificate", straightened.image)
    detail = queue.application_detail(ctx, step.id)
    assert {m.code for m in detail.materials if m.received} == {"birth_certificate"}
    assert "出生医学证明" not in detail.missing
    with ctx.sessions() as session:
        attachment = session.scalars(select(Attachment)).one()
    stored = ctx.settings.protected_dir / attachment.path
    assert attachment.kind == "material_scan" and ctx.files.read(stored)[:2] == b"\xff\xd8"
    assert attachment.sha256 in stored.name  # named by content, never by person


def test_a_corrupt_capture_is_refused(tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    with pytest.raises(PhotoError):
        scanning.straighten_file(broken, "household_register")
