"""A photo station of ours in the main window: Ctrl+R takes the photo (a video file plays
the camera), a finished photo issues a receipt, and its slip comes out of the printer."""

from __future__ import annotations

import cv2
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app.photo.sources import SourceSpec
from counter_app.qt import dialogs, photo_capture
from counter_app.qt.main_window import MainWindow
from counter_app.security.roles import Role
from counter_app.store.models import OutboxEntry, PhotoReceipt
from tests.helpers import PASSWORD, add_operator
from tests.qt.qt_helpers import log_in, pdf_printer, printed_pages
from tests.unit.documents.support import needs_poppler, page_image
from tests.unit.photo import portraits

FPS = 30


@pytest.fixture(scope="module")
def arrival_video(tmp_path_factory):
    path = tmp_path_factory.mktemp("videos") / "arrival.avi"
    return portraits.write_video(path, portraits.arrival(2.0, FPS), FPS)


@needs_poppler
def test_ctrl_r_takes_the_photo_issues_a_receipt_and_prints_its_slip(
        qtbot, ctx, admin, site_id, arrival_video, tmp_path, monkeypatch):
    add_operator(ctx, admin, site_id, "photo", {Role.PHOTO_STATION})
    operator = log_in(qtbot, ctx, "photo", PASSWORD)
    window = MainWindow(ctx, operator)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    assert window.ui.action_issue_receipt.isEnabled()
    assert not window.ui.action_new.isEnabled()  # a photo station takes in nothing
    monkeypatch.setattr(photo_capture, "station_source",
                        lambda ctx: SourceSpec(kind="video", path=arrival_video))
    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialogs, "setup_printer",
                        lambda printer, parent, title="": pdf_printer(printer, printed) is printer)

    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.receipt_station.dialog
    assert dialog is not None and not dialog.reviewing
    qtbot.waitUntil(lambda: dialog.assessment is not None, timeout=20000)
    assert dialog.assessment.passed
    qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.receipt_station.last is not None, timeout=20000)

    number = window.receipt_station.last.receipt.number
    assert printed_pages(printed) == 1
    assert window.statusBar().currentMessage() == (
        f"Photo receipt {number} issued and printed.")
    page = page_image(printed)  # what came out of the printer: a picture of the slip
    text, _points, _ = cv2.QRCodeDetector().detectAndDecode(page)
    assert text == number
    with ctx.sessions() as session:
        assert session.get(PhotoReceipt, number) is not None
        [entry] = session.scalars(select(OutboxEntry)).all()
    assert (entry.kind, entry.entity_id) == ("photo_receipt_issued", number)


def test_a_role_without_photo_rights_cannot_issue(qtbot, ctx, admin, site_id):
    add_operator(ctx, admin, site_id, "centre", {Role.CARD_CENTRE})
    window = MainWindow(ctx, log_in(qtbot, ctx, "centre", PASSWORD))
    qtbot.addWidget(window)
    assert not window.ui.action_issue_receipt.isEnabled()
    window.receipt_station.take_photo()
    assert window.receipt_station.dialog is None
