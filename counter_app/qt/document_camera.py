"""The document camera over the materials: a live preview and Capture (Enter). The frame
taken at full resolution goes back to the materials page, which straightens it and lets
staff review it like a scanned file.

Frames come through the photo station's frame sources (photo/sources.py) by the camera
feed of qt/frame_worker.py, read on a thread of its own that offers a preview only when
the last one is on screen. A source that fails or stops, or a camera that hangs (the
feed's watchdog notices), gives a message with Retry; the window is never blocked and the
application's page is not touched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.photo.sources import SourceSpec, open_source
from counter_app.qt.frame_worker import FrameWorker
from counter_app.qt.i18n import message_for
from counter_app.qt.uiload import load_ui
from counter_app.services.context import AppContext

STALL_SECONDS = 4.0  # without a new frame, the camera is taken as hanging
DEFAULT_DEVICE = 1  # device 0 is usually the photo station's camera or a built-in one
DEFAULT_SIZE = (1920, 1080)


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
        self.ui.capture_button.clicked.connect(self.capture_now)
        self.ui.retry_button.clicked.connect(self.start)
        self.ui.cancel_button.clicked.connect(self.reject)
        self.start()

    def start(self) -> None:
        self._stop_worker()
        worker = FrameWorker(lambda: open_source(self.spec), stall_seconds=STALL_SECONDS,
                             parent=self)
        worker.sig_frame.connect(self._show_frame)
        worker.sig_captured.connect(self._captured)
        worker.sig_failed.connect(self._problem)
        self.worker = worker
        self._mode("live")
        worker.start()

    def capture_now(self) -> None:
        if self._state == "live" and self.worker is not None:
            self._mode("capturing")
            self.worker.capture_now()

    def _show_frame(self, image: QImage, _info: object) -> None:
        label = self.ui.preview_label
        label.setPixmap(QPixmap.fromImage(image).scaled(
            label.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
        self.frames_shown += 1
        if self.worker is not None:
            self.worker.frame_shown()

    def _captured(self, frame) -> None:
        if self._state != "capturing":
            return
        self.sig_captured.emit(frame)
        self.accept()

    def _problem(self, error: Exception) -> None:
        """The camera failed, stopped sending (the feed's watchdog) or its file ended."""
        self._stop_worker()
        self._mode("problem")
        self.ui.preview_label.clear()  # the last picture would look live
        self.ui.status_label.setText(message_for(error))
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
        self._stop_worker()
        super().done(result)

    def _stop_worker(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop()
            worker.deleteLater()


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
