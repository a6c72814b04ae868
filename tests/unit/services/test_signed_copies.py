"""The signed form comes back: matched by its QR code, attached, or refused with a reason."""

import hashlib

import numpy as np
import pytest
from sqlalchemy import select

from counter_app.documents import NoCodeFound, WrongApplication
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services import auth, signed_copies
from counter_app.services.signed_copies import SignedCopyError, attach_signed_copy
from counter_app.store.models import Attachment, AuditRecord
from tests.helpers import add_operator
from tests.unit.documents.support import application_at, as_scan, needs_poppler, page_image
from tests.helpers import opened

pytestmark = needs_poppler


def scan_of_form(ctx, application_id, tmp_path, angle=3.0):
    pdf = ctx.settings.protected_dir / "forms" / f"{application_id}.pdf"
    path = tmp_path / f"scan-{application_id}.jpg"
    path.write_bytes(as_scan(page_image(opened(ctx, pdf)), angle=angle, noise=10))
    return path


def actions(ctx, application_id):
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord.action).where(
            AuditRecord.entity_id == str(application_id)).order_by(AuditRecord.id)))


def attachments(ctx):
    with ctx.sessions() as session:
        return session.scalars(select(Attachment)).all()


def test_a_scan_of_the_printed_form_is_attached_and_the_form_counts_as_signed(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    scan = scan_of_form(ctx, app_id, tmp_path)
    copy = attach_signed_copy(ctx, admin, app_id, scan)
    assert copy.id == app_id and copy.status == Status.SIGNED and not copy.already_attached
    [row] = attachments(ctx)
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert (row.kind, row.sha256, row.media_type) == ("signed_form", digest, "image/jpeg")
    stored = ctx.settings.protected_dir / row.path
    assert stored.name == f"{digest}.jpg" and ctx.files.read(stored) == scan.read_bytes()
    assert actions(ctx, app_id)[-2:] == ["signed_copy_attached", "signed"]
    assert signed_copies.signed_copies(ctx, admin, app_id) == [stored]


def test_the_same_scan_twice_is_kept_once(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    scan = scan_of_form(ctx, app_id, tmp_path)
    first = attach_signed_copy(ctx, admin, app_id, scan)
    again = attach_signed_copy(ctx, admin, app_id, scan)
    assert again.already_attached and again.attachment_id == first.attachment_id
    assert len(attachments(ctx)) == 1 and first.status == Status.SUBMITTED


def test_without_an_application_the_qr_code_finds_it(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    copy = attach_signed_copy(ctx, admin, None, scan_of_form(ctx, app_id, tmp_path, angle=-4))
    assert copy.id == app_id


def test_a_page_of_another_application_is_refused_and_nothing_is_kept(ctx, admin, tmp_path):
    mine = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    other = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path, first17="11010520240315005")
    with pytest.raises(WrongApplication) as caught:
        attach_signed_copy(ctx, admin, mine, scan_of_form(ctx, other, tmp_path))
    assert "belongs to application" in str(caught.value)
    assert attachments(ctx) == []
    assert "signed_copy_attached" not in actions(ctx, mine)
    assert not (ctx.settings.protected_dir / "signed_forms").exists()


def test_a_page_without_a_readable_code_is_refused(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    blank = tmp_path / "blank.jpg"
    blank.write_bytes(as_scan(np.full((1600, 1200), 250, np.uint8)))
    with pytest.raises(NoCodeFound):
        attach_signed_copy(ctx, admin, app_id, blank)
    assert attachments(ctx) == []


def test_an_application_whose_form_was_never_printed_is_refused(ctx, admin, tmp_path):
    printed = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    scan = scan_of_form(ctx, printed, tmp_path)
    with ctx.sessions.begin() as session:  # as if the form had been printed elsewhere
        from counter_app.store.models import Application
        session.get(Application, printed).status = Status.PHOTO_OK
    with pytest.raises(SignedCopyError) as caught:
        attach_signed_copy(ctx, admin, printed, scan)
    assert "not been printed" in str(caught.value)


def test_a_missing_file_gives_a_clear_message(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    with pytest.raises(SignedCopyError) as caught:
        attach_signed_copy(ctx, admin, app_id, tmp_path / "nowhere.jpg")
    assert "cannot be opened" in str(caught.value)


def test_a_role_without_intake_may_not_attach(ctx, admin, site_id, tmp_path):
    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    photographer = add_operator(ctx, admin, site_id, "photo", {Role.PHOTO_STATION})
    with pytest.raises(auth.Forbidden):
        attach_signed_copy(ctx, photographer, app_id, scan_of_form(ctx, app_id, tmp_path))


def test_a_pdf_is_read_from_the_picture_of_its_first_page_and_kept_whole(ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    pdf = opened(ctx, ctx.settings.protected_dir / "forms" / f"{app_id}.pdf")  # as scanned
    with pytest.raises(SignedCopyError) as caught:  # the core renders no PDF
        attach_signed_copy(ctx, admin, app_id, pdf)
    assert caught.value.template == signed_copies.MSG_PDF_UNREAD
    first_page = scan_of_form(ctx, app_id, tmp_path).read_bytes()
    copy = attach_signed_copy(ctx, admin, None, pdf, page_image=first_page)
    assert copy.id == app_id and copy.status == Status.SIGNED
    [row] = attachments(ctx)
    assert (row.media_type, row.sha256) == ("application/pdf",
                                           hashlib.sha256(pdf.read_bytes()).hexdigest())
    assert (ctx.settings.protected_dir / row.path).suffix == ".pdf"
