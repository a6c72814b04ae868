"""Small steps the window tests share: logging in, typing Chinese, photos, applications."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.qt.login import LoginDialog
from counter_app.services import intake, printing
from tests.helpers import GUARDIAN_ID, child_id


def log_in(qtbot, ctx, username: str, password: str):
    """Type into the login dialog and press Enter; returns the logged-in operator."""
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.username_edit, username)
    qtbot.keyClicks(dialog.ui.password_edit, password)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
    return dialog.operator


def write_photo(path: Path) -> Path:
    """A passport-style test photo: white background, a face-coloured oval."""
    image = np.full((441, 358, 3), 255, np.uint8)
    cv2.ellipse(image, (179, 200), (100, 130), 0, 0, 360, (150, 180, 225), -1)
    cv2.circle(image, (140, 180), 10, (40, 40, 40), -1)
    cv2.circle(image, (218, 180), 10, (40, 40, 40), -1)
    assert cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return path


def type_text(qtbot, widget, text: str) -> None:
    """Type like staff do: keys for ASCII, an input-method commit for Chinese.

    QTest can only press keys of Latin-1 characters; Chinese arrives from the IME.
    """
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def child_details(name: str = "王䶮", first17: str = "11010520240315003") -> ApplicantDetails:
    return ApplicantDetails(
        name=name, id_number=child_id(first17), phone="13800138001",
        guardian=GuardianDetails(name="王建国", relation="父亲", id_number=GUARDIAN_ID,
                                 phone="13800138001"))


def application_at(ctx, operator, status: Status, tmp_path: Path, name: str = "王䶮",
                   first17: str = "11010520240315003"):
    """Take a child's application through the services up to *status*; returns its id."""
    step = intake.save_applicant(ctx, operator, BusinessType.NEWBORN,
                                 child_details(name, first17))
    steps = [
        lambda: intake.record_materials(ctx, operator, step.id, {
            m.code for m in ctx.rules.materials_for(BusinessType.NEWBORN, True)}),
        lambda: intake.examine(ctx, operator, step.id, passed=True),
        lambda: intake.attach_photo_file(ctx, operator, step.id,
                                         write_photo(tmp_path / f"{step.id}.jpg")),
        lambda: intake.record_form_printed(ctx, operator, step.id,
                                           printing.render_form(ctx, operator, step.id)),
        lambda: intake.mark_signed(ctx, operator, step.id),
        lambda: intake.submit(ctx, operator, step.id),
    ]
    current = step.status
    for next_step in steps:
        if current == status:
            break
        current = next_step().status
    return step.id
