"""The document camera over the materials: a live preview and Capture (Enter). The frame
taken at full resolution goes back to the materials page, which straightens it and lets
staff review it like a scanned file.

Frames come through the photo station's frame sources (photo/sources.py), read on a
worker thread that offers a preview only when the last one is on screen. A source that
fails or stops, or a camera that hangs (the watchdog notices), gives a message with
Retry; the window is never blocked and the application's page is not touched.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.domain.errors import CounterError
from counter_app.photo.live import shrink
from counter_app.photo.sources import FrameSource, SourceSpec, open_source
from counter_app.qt.i18n import message_for
from counter_app.qt.photo_capture import MSG_STALLED, bgr_qimage, release_worker
from counter_app.qt.uiload import load_ui
from counter_app.services.context import AppContext

log = logging.getLogger(__name__)

STALL_SECONDS = 4.0
DEFAULT_DEVICE = 1  # device 0 is usually the photo station's camera or a built-in one
DEFAULT_SIZE = (1920, 1080)


class FrameWorker(QThread):
    """Reads frames, offers small previews, and hands over the next frame on request."""

    sig_frame = Signal(QImage)
    sig_captured = Signal(object)  # the frame at full resolution, BGR
    sig_failed = Signal(object)    # why the source cannot go on (an exception)

    def __init__(self, open_frames: Callable[[], FrameSource]) -> None:
        super().__init__()
        self._open_frames = open_frames
        self._shown = threading.Event()
        self._shown.set()
        self._take = threading.Event()
        self.frames_read = 0

    def frame_shown(self) -> None:
        self._shown.set()

    def capture_now(self) -> None:
        self._take.set()

    def stop(self) -> None:
        self.requestInterruption()

    def run(self) -> None:
        source = self._open_frames()
        try:
            source.open()
            while not self.isInterruptionRequested():
                self._next(source.read())
        except Exception as error:  # noqa: BLE001 - drivers fail in unlisted ways; say so
            if not isinstance(error, CounterError):
                log.exception("document camera failed")
            self.sig_failed.emit(error)
        finally:
            source.close()

    def _next(self, frame) -> None:
        self.frames_read += 1
        if self._take.is_set():
            self._take.clear()
            self.sig_captured.emit(frame)
        elif self._shown.is_set():  # else the last preview is not on screen yet: skip
            self._shown.clear()
            self.sig_frame.emit(bgr_qimage(shrink(frame)[0]))


class DocumentCameraDialog(QDialog):
    sig_captured = Signal(object)  # the frame as taken (BGR, full resolution)

    def __init__(self, spec: SourceSpec, material_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.ui = load_ui(self, "document_camera.ui")
        self.ui.material_label.setText(material_label)
        self.worker: FrameWorker | None = None
        self.frames_shown = 0
        self._state = "live"
        self._last_frame_at = time.monotonic()
        self.ui.capture_button.clicked.connect(self.capture_now)
        self.ui.retry_button.clicked.connect(self.start)
        self.ui.cancel_button.clicked.connect(self.reject)
        self._watchdog = QTimer(self, interval=500, timeout=self._watch)
        self.start()

    def start(self) -> None:
        self._stop_worker()
        worker = FrameWorker(lambda: open_source(self.spec))
        worker.sig_frame.connect(self._show_frame)
        worker.sig_captured.connect(self._captured)
        worker.sig_failed.connect(self._problem)
        self.worker = worker
        self._mode("live")
        self._last_frame_at = time.monotonic()
        worker.start()
        self._watchdog.start()

    def capture_now(self) -> None:
        if self._state == "live" and self.worker is not None:
            self._mode("capturing")
            self.worker.capture_now()

    def _show_frame(self, image: QImage) -> None:
        worker = self.sender()
        if worker is not self.worker:  # a frame still on its way from a stopped worker
            return
        label = self.ui.preview_label
        label.setPixmap(QPixmap.fromImage(image).scaled(
            label.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
        self.frames_shown += 1
        self._last_frame_at = time.monotonic()
        worker.frame_shown()

    def _captured(self, frame) -> None:
        if self._state != "capturing" or self.sender() is not self.worker:
            return
        self.sig_captured.emit(frame)
        self.accept()

    def _problem(self, error: Exception) -> None:
        self._show_problem(message_for(error))

    def _watch(self) -> None:
        stalled = time.monotonic() - self._last_frame_at > STALL_SECONDS
        if self._state != "problem" and stalled:
            self._show_problem(QCoreApplication.translate("messages", MSG_STALLED))

    def _show_problem(self, text: str) -> None:
        self._stop_worker()
        self._mode("problem")
        self.ui.preview_label.clear()  # the last picture would look live
        self.ui.status_label.setText(text)
        self.ui.retry_button.setFocus()

    def _mode(self, state: str) -> None:
        """live, capturing or problem: what can be pressed, and what Enter does."""
        self._state = state
        ui = self.ui
        ui.capture_button.setEnabled(state == "live")
        ui.capture_button.setDefault(state != "problem")
        ui.retry_button.setVisible(state == "problem")
        ui.retry_button.setDefault(state == "problem")
        if state != "problem":
            ui.status_label.clear()

    def done(self, result: int) -> None:
        self._watchdog.stop()
        self._stop_worker()
        super().done(result)

    def _stop_worker(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            release_worker(worker)


def document_camera_source(ctx: AppContext) -> SourceSpec:
    """The document camera (settings: document_camera_device, a device number or the path
    of a video file to play instead; document_camera_width, document_camera_height)."""
    extra = ctx.settings.extra
    device = str(extra.get("document_camera_device", DEFAULT_DEVICE)).strip()
    if not device.isdigit():
        return SourceSpec(kind="video", path=Path(device))
    return SourceSpec(kind="camera", device=int(device),
                      width=int(extra.get("document_camera_width", DEFAULT_SIZE[0])),
                      height=int(extra.get("document_camera_height", DEFAULT_SIZE[1])))
