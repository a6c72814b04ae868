"""The photo capture dialog, fed by video files: automatic capture of a passing photo with
a fluent preview, manual capture and override, a camera unplugged or hanging, and the
wizard's photo page: Capture…, an imported file and a photo receipt number, each checked."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app.domain.lifecycle import Status
from counter_app.photo.sources import (MSG_CAMERA_LOST, SourceError, SourceSpec, VideoSource)
from counter_app.qt import dialogs, frame_worker, photo_capture
from counter_app.qt.frame_worker import MSG_STALLED
from counter_app.qt.photo_capture import PhotoCaptureDialog
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.wizard import PHOTO, IntakeWizard
from counter_app.security.roles import Role
from counter_app.services import photo_station, queue
from counter_app.store.models import Attachment
from tests.helpers import add_operator, application_at
from tests.unit.photo import portraits
from tests.unit.photo.test_sources import UnpluggedCamera
from tests.unit.services.test_photo_receipts import STUDIO_NUMBER, studio_receipt

FPS = 30


@pytest.fixture(scope="module")
def arrival_video(tmp_path_factory):
    """Someone arrives: empty backdrop, too far, then 2 s in place; 30 frames a second."""
    path = tmp_path_factory.mktemp("videos") / "arrival.avi"
    return portraits.write_video(path, portraits.arrival(2.0, FPS), FPS)


@pytest.fixture(scope="module")
def tilted_video(tmp_path_factory):
    path = tmp_path_factory.mktemp("videos") / "tilted.avi"
    return portraits.write_video(path, [portraits.compose(angle=9, seed=i) for i in range(30)],
                                 FPS)


def open_dialog(qtbot, ctx, operator, video) -> PhotoCaptureDialog:
    dialog = PhotoCaptureDialog(ctx, operator, SourceSpec(kind="video", path=video))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_video_plays_through_the_station_and_is_captured_automatically(
        qtbot, ctx, admin, arrival_video):
    dialog = open_dialog(qtbot, ctx, admin, arrival_video)
    qtbot.waitUntil(lambda: dialog.assessment is not None, timeout=20000)

    assert dialog.assessment.passed, [c.name for c in dialog.assessment.failed]
    assert dialog.preview_fps(until=dialog.captured_at) >= 25  # while checking, live
    assert not dialog.ui.photo_label.pixmap().isNull()
    assert dialog.ui.hint_label.text() == "The photo meets the standard."
    assert dialog.ui.accept_button.isEnabled() and dialog.ui.reason_edit.isHidden()
    with qtbot.waitSignal(dialog.sig_chosen) as chosen:
        qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [dialog.original, ""]
    assert dialog.original[:2] == b"\xff\xd8"


def test_the_live_hint_names_the_fix_and_a_manual_capture_can_be_overridden(
        qtbot, ctx, admin, tilted_video):
    dialog = open_dialog(qtbot, ctx, admin, tilted_video)
    qtbot.waitUntil(lambda: dialog.ui.hint_label.text() == "Hold the head straight",
                    timeout=10000)
    qtbot.wait(1200)
    assert dialog.assessment is None, "a failing face is never captured automatically"

    qtbot.mouseClick(dialog.ui.capture_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.assessment is not None, timeout=10000)
    assert [c.name for c in dialog.assessment.failed] == ["roll"]
    assert dialog.ui.reason_edit.isVisible() and dialog.ui.accept_button.isEnabled()
    qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.status_label.text() == "Please give the reason first."
    assert dialog.isVisible()

    qtbot.keyClicks(dialog.ui.reason_edit, "neck brace")
    with qtbot.waitSignal(dialog.sig_chosen) as chosen:
        qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
    assert chosen.args[1] == "neck brace"


def test_window_staff_cannot_accept_a_failing_photo(qtbot, ctx, admin, site_id, tilted_video):
    staff = add_operator(ctx, admin, site_id, "window", {Role.WINDOW_STAFF})
    dialog = open_dialog(qtbot, ctx, staff, tilted_video)
    qtbot.waitUntil(lambda: dialog.worker is not None and dialog.worker.frames_read > 3,
                    timeout=10000)
    qtbot.mouseClick(dialog.ui.capture_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.assessment is not None, timeout=10000)
    assert not dialog.ui.accept_button.isEnabled() and dialog.ui.reason_edit.isHidden()
    assert "only a supervisor" in dialog.ui.status_label.text()

    qtbot.mouseClick(dialog.ui.retake_button, Qt.MouseButton.LeftButton)  # live again
    shown = len(dialog.shown_at)
    qtbot.waitUntil(lambda: len(dialog.shown_at) > shown + 5, timeout=5000)


def test_an_unplugged_camera_gives_a_message_and_a_retry(qtbot, ctx, admin, arrival_video,
                                                         monkeypatch):
    unplugged = VideoSource(lambda: UnpluggedCamera(20), paced=False,
                            failure=SourceError(MSG_CAMERA_LOST), lost=SourceError(MSG_CAMERA_LOST))
    monkeypatch.setattr(photo_capture, "open_source", lambda spec: unplugged)
    dialog = open_dialog(qtbot, ctx, admin, arrival_video)
    qtbot.waitUntil(lambda: dialog.ui.retry_button.isVisible(), timeout=10000)
    assert dialog.ui.status_label.text() == MSG_CAMERA_LOST
    assert not dialog.ui.capture_button.isEnabled()

    monkeypatch.undo()  # plugged in again
    qtbot.mouseClick(dialog.ui.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.shown_at) > 5, timeout=10000)
    assert dialog.ui.retry_button.isHidden() and dialog.ui.status_label.text() == ""


class DeadCamera:
    """A camera OpenCV cannot open at all (not plugged in, used by another program)."""

    def isOpened(self) -> bool:  # noqa: N802 - OpenCV's name
        return False

    def release(self) -> None:
        pass


def test_a_camera_that_never_starts_is_not_still_starting(qtbot, ctx, admin, arrival_video,
                                                        monkeypatch):
    dead = VideoSource(DeadCamera, paced=False, failure=SourceError(MSG_CAMERA_LOST),
                       lost=SourceError(MSG_CAMERA_LOST))
    monkeypatch.setattr(photo_capture, "open_source", lambda spec: dead)
    dialog = open_dialog(qtbot, ctx, admin, arrival_video)
    qtbot.waitUntil(lambda: dialog.ui.retry_button.isVisible(), timeout=10000)
    assert dialog.ui.status_label.text() == MSG_CAMERA_LOST
    assert dialog.ui.preview_label.text() == "No picture from the camera."  # not "Starting"


class HangingCamera:
    """A camera whose driver blocks in read() until released (a hung USB device)."""

    fps = 30.0

    def __init__(self) -> None:
        self.release = threading.Event()

    def open(self) -> None:
        pass

    def read(self) -> np.ndarray:
        self.release.wait(30)
        raise SourceError(MSG_CAMERA_LOST)

    def close(self) -> None:
        pass


def test_a_camera_that_hangs_is_noticed_and_never_waited_for(qtbot, ctx, admin,
                                                             arrival_video, monkeypatch):
    hanging = HangingCamera()
    monkeypatch.setattr(photo_capture, "open_source", lambda spec: hanging)
    monkeypatch.setattr(photo_capture, "STALL_SECONDS", 0.5)
    dialog = open_dialog(qtbot, ctx, admin, arrival_video)
    try:
        qtbot.waitUntil(lambda: dialog.ui.retry_button.isVisible(), timeout=5000)
        assert dialog.ui.status_label.text() == MSG_STALLED
        started = time.monotonic()
        dialog.reject()
        assert time.monotonic() - started < 1.0
        assert len(frame_worker.abandoned) == 1
    finally:
        hanging.release.set()
    qtbot.waitUntil(lambda: not frame_worker.abandoned, timeout=5000)


@pytest.fixture
def wizard(qtbot, ctx, admin, tmp_path):
    application_id = application_at(ctx, admin, Status.EXAMINED, tmp_path)
    wizard = IntakeWizard(ctx, admin, TaskRunner(), application_id)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
    assert wizard.currentId() == PHOTO
    return wizard


def test_the_photo_page_captures_and_keeps_the_original(qtbot, ctx, wizard, arrival_video,
                                                       monkeypatch):
    photo_page = wizard.currentPage()
    monkeypatch.setattr(photo_capture, "station_source",
                        lambda ctx: SourceSpec(kind="video", path=arrival_video))
    assert not photo_page.isComplete()
    qtbot.mouseClick(photo_page.capture_button, Qt.MouseButton.LeftButton)
    dialog = photo_page.capture_dialog
    qtbot.waitUntil(lambda: dialog.assessment is not None, timeout=20000)
    qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(photo_page.isComplete, timeout=10000)

    application_id = photo_page.state.application_id
    assert queue.application_detail(ctx, application_id).status is Status.PHOTO_OK
    assert not photo_page.ui.preview_label.pixmap().isNull()
    with ctx.sessions() as session:
        kinds = session.scalars(select(Attachment.kind).where(
            Attachment.application_id == application_id)).all()
    assert kinds == ["photo_original"]


def test_a_receipt_number_not_in_the_registry_is_recorded_for_the_card_centre(
        qtbot, ctx, wizard):
    photo_page = wizard.currentPage()
    edit = photo_page.ui.receipt_edit
    qtbot.waitUntil(lambda: wizard.focusWidget() is edit)  # ready for the scanner
    qtbot.keyClicks(edit, "12-34")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not photo_page.busy)
    assert not photo_page.isComplete()
    assert "too short" in photo_page.ui.receipt_error.text()
    assert edit.hasFocus() and edit.selectedText() == "12-34"  # a new scan replaces it

    qtbot.keyClicks(edit, "zp 2024 0315 0001 6")  # what a scanner types, then Enter
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(photo_page.isComplete, timeout=10000)
    assert wizard.currentId() == PHOTO  # Enter looked the number up; it was not Next
    assert "ZP2024031500016" in photo_page.ui.preview_label.text()
    assert "card centre will resolve it" in photo_page.ui.status_label.text()
    assert photo_page.ui.receipt_error.isHidden()


def test_a_receipt_in_the_registry_shows_its_photo(qtbot, ctx, wizard, central):
    studio_receipt(ctx, portraits.jpeg(portraits.passing()))
    photo_page = wizard.currentPage()
    qtbot.keyClicks(photo_page.ui.receipt_edit, STUDIO_NUMBER)
    qtbot.keyClick(photo_page.ui.receipt_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(photo_page.isComplete, timeout=10000)
    assert not photo_page.ui.preview_label.pixmap().isNull()
    assert photo_page.ui.status_label.text() == (
        f"The photo of receipt {STUDIO_NUMBER} (阳光照相馆) is attached.")
    assert photo_page.capture_dialog is None  # a passing photo needs no second look


def test_a_failing_receipt_photo_is_shown_with_its_checks_and_accepted_with_a_reason(
        qtbot, ctx, wizard, central):
    studio_receipt(ctx, portraits.jpeg(portraits.tilted()))
    photo_page = wizard.currentPage()
    qtbot.keyClicks(photo_page.ui.receipt_edit, STUDIO_NUMBER)
    qtbot.keyClick(photo_page.ui.receipt_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: photo_page.capture_dialog is not None
                    and photo_page.capture_dialog.assessment is not None, timeout=10000)
    dialog = photo_page.capture_dialog
    assert dialog.reviewing and dialog.ui.capture_button.isHidden()
    assert [c.name for c in dialog.assessment.failed] == ["roll"]
    assert not photo_page.isComplete()
    qtbot.keyClicks(dialog.ui.reason_edit, "neck brace")
    qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(photo_page.isComplete, timeout=10000)
    record = photo_station.current_photo(ctx, photo_page.state.application_id)
    assert (record.source, record.receipt_number) == ("receipt", STUDIO_NUMBER)


@pytest.mark.parametrize("role", [Role.WINDOW_STAFF, Role.SUPERVISOR])
def test_an_imported_file_goes_through_the_checks(qtbot, ctx, admin, site_id, tmp_path,
                                                  monkeypatch, role):
    """Window staff cannot take a failing file; a supervisor can, with a reason."""
    tilted = tmp_path / "tilted.jpg"
    tilted.write_bytes(portraits.jpeg(portraits.tilted()))
    monkeypatch.setattr(dialogs, "choose_photo_file", lambda parent: tilted)
    operator = add_operator(ctx, admin, site_id, "someone", {role})
    application_id = application_at(ctx, admin, Status.EXAMINED, tmp_path)
    wizard = IntakeWizard(ctx, operator, TaskRunner(), application_id)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.currentPage()
    qtbot.mouseClick(page.ui.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.capture_dialog is not None
                    and page.capture_dialog.assessment is not None, timeout=10000)
    dialog = page.capture_dialog
    assert dialog.reviewing and [c.name for c in dialog.assessment.failed] == ["roll"]
    if role == Role.WINDOW_STAFF:
        assert not dialog.ui.accept_button.isEnabled()
        assert "only a supervisor" in dialog.ui.status_label.text()
        dialog.reject()
        assert not page.isComplete()
        assert photo_station.current_photo(ctx, application_id) is None
    else:
        qtbot.keyClicks(dialog.ui.reason_edit, "neck brace")
        qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(page.isComplete, timeout=10000)
        assert photo_station.current_photo(ctx, application_id).source == "file"


def test_a_file_without_a_face_is_refused_on_the_page(qtbot, ctx, wizard, tmp_path,
                                                     monkeypatch):
    blank = tmp_path / "wall.jpg"
    blank.write_bytes(portraits.jpeg(portraits.no_face()))
    monkeypatch.setattr(dialogs, "choose_photo_file", lambda parent: blank)
    photo_page = wizard.currentPage()
    qtbot.keyClick(wizard, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not photo_page.busy and bool(photo_page.errors.text()),
                    timeout=10000)
    assert photo_page.errors.text().startswith("No single face was found")
    assert photo_page.capture_dialog is None and not photo_page.isComplete()


def test_a_young_child_goes_on_without_a_photo_when_the_city_allows_it(qtbot, ctx, admin,
                                                                         tmp_path):
    import dataclasses
    ctx.rules = dataclasses.replace(ctx.rules, photo_optional_under_age=7)  # the child is 2
    application_id = application_at(ctx, admin, Status.EXAMINED, tmp_path)
    wizard = IntakeWizard(ctx, admin, TaskRunner(), application_id)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
    photo_page = wizard.currentPage()
    button = photo_page.no_photo_button
    assert button.isVisible() and button.text() == "No photo (under 7)"
    assert not photo_page.isComplete()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(photo_page.isComplete, timeout=10000)
    assert photo_page.ui.status_label.text() == "No photo: the applicant is under 7."
    assert queue.application_detail(ctx, application_id).status is Status.PHOTO_OK


def test_no_photo_is_not_offered_where_every_applicant_needs_one(ctx, wizard):
    assert ctx.rules.photo_optional_under_age == 0  # the default city
    assert not wizard.currentPage().no_photo_button.isVisible()
    assert not wizard.currentPage().isComplete()
