"""The document camera on the materials page, fed by a video of a page on a desk: captured,
straightened, reviewed (a retake goes back to the camera) and kept; a camera that stops or
hangs gives a Chinese message with Retry, and nothing already entered is lost."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard
from sqlalchemy import select

from counter_app.config import load_settings
from counter_app.domain.lifecycle import Status
from counter_app.photo import sources
from counter_app.photo.sources import MSG_CAMERA_LOST, SourceError, SourceSpec, VideoSource
from counter_app.qt import dialogs, document_camera, frame_worker
from counter_app.qt import wizard as wizard_module
from counter_app.qt.scan_preview import RETAKE, ScanPreviewDialog
from counter_app.store.models import Attachment
from tests.qt.test_bad_input import application_at, open_wizard
from tests.qt.test_photo_capture import HangingCamera
from tests.unit.documents.test_rectify import page_on_desk, similarity
from tests.unit.photo.portraits import write_video
from tests.unit.photo.test_sources import UnpluggedCamera

LOST_ZH = "摄像头停止传送画面：请检查连接线，然后点击“重试”。"
STALLED_ZH = "摄像头已不再传送画面：请检查连接线，然后点击“重试”。"


@pytest.fixture(scope="module")
def desk_video(tmp_path_factory):
    """A page on a desk, shifting a little as the hand lets go (MJPG, 2000 × 1500)."""
    frames = [page_on_desk(8 + 0.3 * i) for i in range(8)]
    return write_video(tmp_path_factory.mktemp("videos") / "desk.avi", frames, 10)


@pytest.fixture
def wizard(qtbot, ctx, admin, tmp_path, desk_video, monkeypatch):
    """At the materials page of a draft application, the document camera playing the video."""
    monkeypatch.setitem(ctx.settings.extra, "document_camera_device", str(desk_video))
    wizard = open_wizard(qtbot, ctx, admin, application_at(ctx, admin, Status.DRAFT, tmp_path))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard_module.MATERIALS
    return wizard


@pytest.fixture
def page(wizard):
    return wizard.currentPage()


def open_camera(qtbot, page, code: str) -> document_camera.DocumentCameraDialog:
    """Ctrl+D on the material's check box."""
    page.checks[code].setFocus()
    qtbot.keyClick(page.checks[code], Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    camera = page.camera_dialog
    assert camera is not None and camera.isVisible()
    return camera


def press_enter(qtbot, dialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def attachments(ctx) -> list[Attachment]:
    with ctx.sessions() as session:
        return list(session.scalars(select(Attachment)))


def test_a_page_on_the_desk_is_captured_straightened_and_kept(qtbot, chinese, ctx, page,
                                                              monkeypatch):
    answers, reviewed = [RETAKE, QDialog.DialogCode.Accepted], []

    def review(parent, label, scan):
        ScanPreviewDialog(label, scan, parent)  # built as staff would see it
        reviewed.append((label, scan))
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "review_scan", review)
    camera = open_camera(qtbot, page, "birth_certificate")
    for round_ in range(2):
        assert camera.ui.material_label.text() == "出生医学证明"
        qtbot.waitUntil(lambda: camera.frames_shown >= 3, timeout=10000)
        press_enter(qtbot, camera)  # Enter = Capture
        qtbot.waitUntil(lambda: len(reviewed) > round_, timeout=15000)
        if round_ == 0:  # the retake goes back to the camera
            qtbot.waitUntil(lambda: page.camera_dialog is not camera, timeout=5000)
            camera = page.camera_dialog
    qtbot.waitUntil(lambda: "已扫描" in page.checks["birth_certificate"].text(), timeout=15000)

    for label, scan in reviewed:
        assert label == "出生医学证明" and scan.outline_found and scan.acceptable, scan.problems
        assert similarity(scan.image) > 0.7  # the page, upright and cropped
    assert page.checks["birth_certificate"].isChecked()
    [attachment] = attachments(ctx)
    assert (attachment.kind, attachment.material_code) == ("material_scan", "birth_certificate")


def test_a_camera_that_stops_gives_a_message_and_a_retry_and_loses_nothing(
        qtbot, chinese, ctx, page, monkeypatch):
    page.checks["household_register"].setChecked(True)  # entered before the scan
    unplugged = VideoSource(lambda: UnpluggedCamera(15), paced=False,
                            failure=SourceError(MSG_CAMERA_LOST), lost=SourceError(MSG_CAMERA_LOST))
    monkeypatch.setattr(document_camera, "open_source", lambda spec: unplugged)
    camera = open_camera(qtbot, page, "birth_certificate")
    qtbot.waitUntil(lambda: camera.ui.retry_button.isVisible(), timeout=10000)
    assert camera.ui.status_label.text() == LOST_ZH
    assert not camera.ui.capture_button.isEnabled()

    monkeypatch.setattr(document_camera, "open_source", sources.open_source)  # plugged in
    shown = camera.frames_shown
    press_enter(qtbot, camera)  # Enter = Retry while the camera is lost
    qtbot.waitUntil(lambda: camera.frames_shown > shown + 2, timeout=10000)
    assert camera.ui.retry_button.isHidden() and camera.ui.status_label.text() == ""
    assert camera.ui.capture_button.isEnabled()

    qtbot.mouseClick(camera.ui.cancel_button, Qt.MouseButton.LeftButton)
    assert page.checks["household_register"].isChecked()
    assert not page.checks["birth_certificate"].isChecked() and attachments(ctx) == []


def test_a_camera_that_hangs_is_noticed_and_never_waited_for(qtbot, chinese, page,
                                                             monkeypatch):
    hanging = HangingCamera()
    monkeypatch.setattr(document_camera, "open_source", lambda spec: hanging)
    monkeypatch.setattr(document_camera, "STALL_SECONDS", 0.5)
    camera = open_camera(qtbot, page, "birth_certificate")
    try:
        qtbot.waitUntil(lambda: camera.ui.retry_button.isVisible(), timeout=5000)
        assert camera.ui.status_label.text() == STALLED_ZH
        started = time.monotonic()
        camera.reject()
        assert time.monotonic() - started < 1.0
    finally:
        hanging.release.set()
    qtbot.waitUntil(lambda: not frame_worker.abandoned, timeout=5000)


def test_the_document_camera_comes_from_the_settings(tmp_path):
    (tmp_path / "settings.toml").write_text('document_camera_device = 2\n'
                                            'document_camera_width = 2592\n')
    settings = load_settings({"COUNTER_DATA_DIR": str(tmp_path),
                              "COUNTER_CONFIG_DIR": str(tmp_path)})
    ctx = type("Ctx", (), {"settings": settings})()
    assert document_camera.document_camera_source(ctx) == SourceSpec(
        kind="camera", device=2, width=2592, height=1080)
    settings.extra.clear()
    assert document_camera.document_camera_source(ctx).device == 1
    settings.extra["document_camera_device"] = str(tmp_path / "desk.avi")
    assert document_camera.document_camera_source(ctx) == SourceSpec(
        kind="video", path=tmp_path / "desk.avi")
