"""Scanning a material from the checklist: straightened, reviewed, kept, ticked."""

from __future__ import annotations

import cv2
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard
from sqlalchemy import select

from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.qt import wizard as wizard_module
from counter_app.qt.scan_preview import RETAKE, ScanPreviewDialog
from counter_app.store.models import Attachment
from tests.qt.test_bad_input import application_at, open_wizard
from tests.unit.documents.test_rectify import page_on_desk


def test_scan_retake_then_accept_ticks_the_material(qtbot, chinese, ctx, admin, tmp_path,
                                                    monkeypatch):
    application_id = application_at(ctx, admin, Status.DRAFT, tmp_path)
    wizard = open_wizard(qtbot, ctx, admin, application_id)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard_module.MATERIALS
    page = wizard.currentPage()
    capture = tmp_path / "desk.jpg"
    cv2.imwrite(str(capture), page_on_desk(8))
    monkeypatch.setattr(dialogs, "choose_scan_file", lambda parent: capture)
    answers, reviewed = [RETAKE, QDialog.DialogCode.Accepted], []

    def review(parent, label, scan):
        dialog = ScanPreviewDialog(label, scan, parent)  # built as staff would see it
        reviewed.append((label, dialog.ui.quality_label.text(), scan.acceptable))
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "review_scan", review)
    page.checks["birth_certificate"].setFocus()
    qtbot.keyClick(page.checks["birth_certificate"], Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已扫描" in page.checks["birth_certificate"].text(), timeout=15000)
    assert [r[0] for r in reviewed] == ["出生医学证明", "出生医学证明"]
    assert reviewed[0][2] and reviewed[0][1] == "扫描清晰，可以使用。"
    assert page.checks["birth_certificate"].isChecked()
    with ctx.sessions() as session:
        attachment = session.scalars(select(Attachment)).one()
    assert attachment.material_code == "birth_certificate"
