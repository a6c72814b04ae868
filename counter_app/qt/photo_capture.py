"""The photo capture dialog: live preview with guides and the one fix that matters,
automatic capture after a steady moment (or on the button), then the full check with the
finished photo, and for roles allowed to, acceptance of a failed check with a reason.

Frames come through the camera feed of qt/frame_worker.py, whose reading thread also
draws the guides (LiveChecks); the checks run in a thread beside it on the newest frame
(CheckLoop), so a slow check never slows the preview; the GUI thread only shows finished
pictures. A source that fails or stops delivering gives a message and a Retry button; a
reader stuck in a camera driver is left to finish on its own, never waited for.
"""

from __future__ import annotations

import time
from collections import deque

import cv2
import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QDialog, QTreeWidgetItem, QWidget

from counter_app.photo.assessment import Assessment
from counter_app.photo.checking import CheckLoop
from counter_app.photo.checks import CheckResult, Outcome
from counter_app.photo.live import LiveResult, shrink
from counter_app.photo.overlay import draw_overlay
from counter_app.photo.profiles import Profile
from counter_app.photo.sources import SourceSpec, open_source
from counter_app.qt.frame_worker import FrameHandling, FrameWorker
from counter_app.qt.i18n import message_for
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.security.roles import Permission
from counter_app.services import photo_station
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext

STALL_SECONDS = 4.0  # without a new frame, the camera is taken as hanging
TABLE_EVERY = 0.25   # seconds between refreshes of the live check list
CAPTURE_QUALITY = 95  # the original kept for audit
MARKS = {Outcome.PASS: "✓", Outcome.FAIL: "✗", Outcome.SKIP: "–"}
COLOURS = {Outcome.PASS: "#2e7d32", Outcome.FAIL: "#c0392b", Outcome.SKIP: "#808080"}


class LiveChecks(FrameHandling):
    """The photo station's frames: checked beside the reading (CheckLoop), shown with the
    guides, captured automatically after a steady moment or when asked, as JPEG."""

    def __init__(self, profile: Profile, automatic: bool = True) -> None:
        self.checks = CheckLoop(profile)
        self.automatic = automatic
        self._small: np.ndarray | None = None  # the last frame, at the checked size

    def begin(self) -> None:
        self.checks.start()

    def paused(self) -> None:
        self.checks.rearm()  # a retake starts a new steady moment

    def end(self) -> None:
        self.checks.stop()

    def choose(self, frame: np.ndarray, asked: bool) -> bytes | None:
        small, scale = shrink(frame)
        self._small = small
        self.checks.offer(frame, small, scale)
        passed = self.checks.take_passed_frame()
        chosen = frame if asked else passed if self.automatic else None
        return None if chosen is None else _jpeg(chosen)

    def preview(self, frame: np.ndarray) -> tuple[np.ndarray, LiveResult] | None:
        result, progress = self.checks.latest()
        if result is None:
            return None
        progress = progress if self.automatic else 0.0
        return draw_overlay(self._small, result, progress), result


class PhotoCaptureDialog(QDialog):
    """Live capture from *spec*; or, given *original* (an image file, a receipt's photo),
    the same check, result and override for that picture, with no camera."""

    sig_chosen = Signal(bytes, str)  # the capture as taken, the override reason ("" if none)

    def __init__(self, ctx: AppContext, operator: CurrentOperator, spec: SourceSpec | None,
                 runner: TaskRunner | None = None, parent: QWidget | None = None,
                 original: bytes | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator, self.spec = ctx, operator, spec
        self.ui = load_ui(self, "photo_capture.ui")
        self.profile = photo_station.station_profile(ctx)
        self.runner = runner or TaskRunner(self)
        self.worker: FrameWorker | None = None
        self.original: bytes | None = None
        self.assessment: Assessment | None = None
        self.shown_at: deque[float] = deque(maxlen=300)
        self.captured_at = 0.0
        self._table_at = 0.0
        self.ui.capture_button.clicked.connect(self.capture_now)
        self.ui.retake_button.clicked.connect(self.retake)
        self.ui.accept_button.clicked.connect(self.use_photo)
        self.ui.cancel_button.clicked.connect(self.reject)
        self.ui.retry_button.clicked.connect(self.start)
        self.ui.auto_check.toggled.connect(self._set_automatic)
        self.ui.checks_tree.setColumnWidth(0, 190)
        self.ui.checks_tree.setColumnWidth(1, 110)
        self.reviewing = original is not None
        if self.reviewing:
            self._review(original)
        else:
            self.start()

    def _review(self, original: bytes) -> None:
        """Check a picture that did not come from the camera: no live part, no retake."""
        ui = self.ui
        self.setWindowTitle(self.tr("Check the photo"))
        for widget in (ui.auto_check, ui.capture_button, ui.retake_button, ui.retry_button):
            widget.hide()
        pixmap = QPixmap()
        if pixmap.loadFromData(original):
            ui.preview_label.setPixmap(pixmap.scaled(
                ui.preview_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self._captured(original)

    # live ------------------------------------------------------------------------------
    def start(self) -> None:
        self._stop_worker()
        self.original, self.assessment = None, None
        checks = LiveChecks(self.profile, self.ui.auto_check.isChecked())
        worker = FrameWorker(lambda: open_source(self.spec), checks,
                             stall_seconds=STALL_SECONDS, parent=self)
        worker.sig_frame.connect(self._show_frame)
        worker.sig_captured.connect(self._captured)
        worker.sig_failed.connect(self._source_failed)
        self.worker = worker
        self._mode("live")
        worker.start()

    def capture_now(self) -> None:
        if self.worker is not None:
            self.worker.capture_now()

    def retake(self) -> None:
        self.original, self.assessment = None, None
        self.ui.photo_label.clear()
        self.ui.reason_edit.clear()
        self._mode("live")
        if self.worker is not None and self.worker.is_running():
            self.worker.resume()
        else:
            self.start()

    def _show_frame(self, image: QImage, result: LiveResult) -> None:
        now = time.monotonic()
        self.ui.preview_label.setPixmap(QPixmap.fromImage(image))
        self.shown_at.append(now)
        hint = result.hint
        self.ui.hint_label.setText(_messages(hint) if hint else self.tr("Hold still…"))
        if now - self._table_at >= TABLE_EVERY:
            self._table_at = now
            self._show_checks(result.checks)
        if self.worker is not None:
            self.worker.frame_shown()

    def _captured(self, original: bytes) -> None:
        self.original, self.captured_at = original, time.monotonic()
        self._mode("checking")
        self.runner.run(photo_station.assess_capture, self.ctx, original,
                        on_done=self._assessed, on_error=self._check_failed)

    # result ----------------------------------------------------------------------------
    def _assessed(self, assessment: Assessment) -> None:
        if self._state != "checking":  # retaken (or failed) meanwhile
            return
        self.assessment = assessment
        self._show_checks(assessment.checks)
        if assessment.photo is not None:
            pixmap = QPixmap()
            pixmap.loadFromData(assessment.photo.jpeg)
            self.ui.photo_label.setPixmap(pixmap.scaled(
                self.ui.photo_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        if assessment.passed:
            self.ui.hint_label.setText(self.tr("The photo meets the standard."))
        else:
            self.ui.hint_label.setText(_messages(assessment.hint) if assessment.hint
                                       else self.tr("The photo fails a check."))
        self._mode("result")

    def use_photo(self) -> None:
        assessment = self.assessment
        if assessment is None or self.original is None or not self._acceptable():
            return
        reason = "" if assessment.passed else self.ui.reason_edit.text().strip()
        if not assessment.passed and not reason:
            self.ui.status_label.setText(self.tr("Please give the reason first."))
            self.ui.reason_edit.setFocus()
            return
        self.sig_chosen.emit(self.original, reason)
        self.accept()

    def _acceptable(self) -> bool:
        assessment = self.assessment
        return assessment is not None and (assessment.passed or (
            assessment.overridable and self.operator.can(Permission.OVERRIDE)))

    def _check_failed(self, error: Exception) -> None:
        self._mode("result")
        self._problem(message_for(error), retry=False)

    # problems --------------------------------------------------------------------------
    def _source_failed(self, error: Exception) -> None:
        """The camera failed, stopped sending (the feed's watchdog) or its file ended: the
        picture area no longer says it is starting the camera (the status says why)."""
        if self.ui.preview_label.pixmap().isNull():
            self.ui.preview_label.setText(self.tr("No picture from the camera."))
        self._problem(message_for(error))

    def _problem(self, text: str, retry: bool = True) -> None:
        if retry:
            self._stop_worker()
            self._mode("problem")
        self.ui.status_label.setText(text)

    # the dialog ------------------------------------------------------------------------
    def _mode(self, state: str) -> None:
        """live, checking, result or problem: what can be pressed."""
        self._state = state
        ui, acceptable = self.ui, state == "result" and self._acceptable()
        overriding = acceptable and not self.assessment.passed
        ui.capture_button.setEnabled(state == "live")
        ui.retake_button.setEnabled(state == "result")
        ui.accept_button.setEnabled(acceptable)
        ui.retry_button.setVisible(state == "problem")
        ui.reason_label.setVisible(overriding)
        ui.reason_edit.setVisible(overriding)
        if state != "problem":
            ui.status_label.setText(self.tr("Checking the photo…") if state == "checking"
                                    else "")
        if state == "result" and not acceptable and self.assessment is not None:
            ui.status_label.setText(self.tr(
                "Take the photo again; only a supervisor can accept a photo that fails a "
                "check."))
        if overriding:
            ui.reason_edit.setFocus()
        elif acceptable:
            ui.accept_button.setFocus()

    def _set_automatic(self, automatic: bool) -> None:
        if self.worker is not None:
            self.worker.handling.automatic = automatic

    def _show_checks(self, checks: tuple[CheckResult, ...]) -> None:
        tree = self.ui.checks_tree
        tree.clear()
        for check in checks:
            item = QTreeWidgetItem([f"{MARKS[check.outcome]} {_messages(check.title)}",
                                    check.value_text(), check.limit_text()])
            for column in range(3):
                item.setForeground(column, QColor(COLOURS[check.outcome]))
            if check.outcome != Outcome.SKIP:  # the whole sentence, in the user's language
                item.setToolTip(0, _messages(check.template).format(**check.params))
            tree.addTopLevelItem(item)

    def preview_fps(self, until: float, seconds: float = 1.0) -> float:
        """Frames shown per second in the *seconds* before *until* (a monotonic time)."""
        return sum(1 for t in self.shown_at if until - seconds < t <= until) / seconds

    def done(self, result: int) -> None:
        self._stop_worker()
        super().done(result)

    def _stop_worker(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop()
            worker.deleteLater()


def station_source(ctx: AppContext) -> SourceSpec:
    """The camera of this station (settings: camera_device, camera_width, camera_height)."""
    extra = ctx.settings.extra
    return SourceSpec(kind="camera", device=int(extra.get("camera_device", 0)),
                      width=int(extra.get("camera_width", 1280)),
                      height=int(extra.get("camera_height", 720)))


def _messages(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def _jpeg(frame: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, CAPTURE_QUALITY])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return encoded.tobytes()
