"""One camera feed for the dialogs that show one (photo capture, document camera).

Frames come through the photo station's frame sources (photo/sources.py), read on a
thread of their own; what a dialog does with each frame (checks, guides, the capture) is
the FrameHandling it passes in, run on that thread too, so the window only shows finished
pictures. A preview is offered only when the last one is on screen: a busy window drops
frames instead of falling behind. A watchdog on the window's thread notices a source that
stops delivering. A failure or a stall ends the feed with an error whose template says
why, for the dialog to translate. Stopping never waits on a driver: a reader stuck in one
is abandoned, kept alive here until it ends by itself.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack

import cv2
import numpy as np
from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtGui import QImage

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.photo.live import shrink
from counter_app.photo.sources import FrameSource

log = logging.getLogger(__name__)

MSG_STALLED = QT_TRANSLATE_NOOP(
    "messages", "The camera is not sending pictures any more: check its cable, then press "
                "Retry.")
STALL_SECONDS = 4.0
WATCH_EVERY_MS = 500
STOP_GRACE_MS = 300  # a healthy reader ends within a frame; longer is a driver stuck in a read

abandoned: set[QThread] = set()  # readers stuck in a driver, kept alive until they end


class FrameStalled(CounterError):
    code = "frame_stalled"


class FrameHandling:
    """What a dialog does with the frames, on the reading thread. This one shows a small
    preview and hands over the frame as it is when a capture is asked for."""

    def begin(self) -> None:
        """The source is open: start whatever runs beside the reading."""

    def paused(self) -> None:
        """Called now and then while the feed waits for resume() after a capture."""

    def choose(self, frame: np.ndarray, asked: bool) -> object | None:
        """The capture to hand over for *frame* (None: go on reading). Called for every
        frame; *asked*: staff pressed Capture."""
        return frame if asked else None

    def preview(self, frame: np.ndarray) -> tuple[np.ndarray, object] | None:
        """The picture to show for *frame* (BGR) and what goes with it (None: nothing to
        show yet). Called after choose(), only when the window is ready for a picture."""
        return shrink(frame)[0], None

    def end(self) -> None:
        """The reading has ended (called only after begin())."""


class _Reader(QThread):
    sig_frame = Signal(QImage, object)
    sig_captured = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, open_frames: Callable[[], FrameSource], handling: FrameHandling) -> None:
        super().__init__()
        self._open_frames, self._handling = open_frames, handling
        self.shown = threading.Event()    # the last preview is on screen
        self.shown.set()
        self.running = threading.Event()  # cleared after a capture, until resume
        self.running.set()
        self.take = threading.Event()     # staff asked for a capture
        self.frames_read = self.frames_dropped = 0
        self.last_frame_at = time.monotonic()

    def run(self) -> None:
        try:
            with ExitStack() as cleanup:  # the source is closed before the failure is told
                source = self._open_frames()
                cleanup.callback(source.close)
                source.open()
                self._handling.begin()
                cleanup.callback(self._handling.end)
                self._read(source)
        except Exception as error:  # noqa: BLE001 - drivers fail in unlisted ways; say so
            if not isinstance(error, CounterError):
                log.exception("frame source failed")
            self.sig_failed.emit(error)

    def _read(self, source: FrameSource) -> None:
        while not self.isInterruptionRequested():
            if not self.running.wait(0.1):
                self._handling.paused()
                continue
            frame = source.read()
            self.frames_read += 1
            self.last_frame_at = time.monotonic()
            captured = self._handling.choose(frame, self.take.is_set())
            if captured is not None:
                self.take.clear()
                self.running.clear()
                self.sig_captured.emit(captured)
            elif not self.shown.is_set():
                self.frames_dropped += 1  # the last one is not on screen yet: skip this one
            else:
                self._offer(frame)

    def _offer(self, frame: np.ndarray) -> None:
        picture = self._handling.preview(frame)
        if picture is not None:
            self.shown.clear()
            self.sig_frame.emit(bgr_qimage(picture[0]), picture[1])


class FrameWorker(QObject):
    """A feed of frames from one source: start(), previews to acknowledge with
    frame_shown(), capture_now() (the feed then pauses until resume()), stop().

    Nothing arrives after stop(), nor after sig_failed, which also stops the feed."""

    sig_frame = Signal(QImage, object)  # a preview, and what the handling says of it
    sig_captured = Signal(object)       # the capture, as the handling chose it
    sig_failed = Signal(object)         # why the feed ended: a CounterError (stalled, lost...)
    sig_finished = Signal()             # the feed has ended (stopped or failed)

    def __init__(self, open_frames: Callable[[], FrameSource],
                 handling: FrameHandling | None = None, *,
                 stall_seconds: float = STALL_SECONDS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handling = handling or FrameHandling()
        self._stall_seconds = stall_seconds
        self._reader = _Reader(open_frames, self.handling)
        self._reader.sig_frame.connect(self._frame)
        self._reader.sig_captured.connect(self._captured)
        self._reader.sig_failed.connect(self._end)
        self._watchdog = QTimer(self, interval=WATCH_EVERY_MS, timeout=self._watch)
        self.active = False

    @property
    def frames_read(self) -> int:
        return self._reader.frames_read

    @property
    def frames_dropped(self) -> int:
        return self._reader.frames_dropped

    def start(self) -> None:
        self.active = True
        self._reader.last_frame_at = time.monotonic()
        self._reader.start()
        self._watchdog.start()

    def is_running(self) -> bool:
        return self.active and self._reader.isRunning()

    def frame_shown(self) -> None:
        self._reader.shown.set()

    def capture_now(self) -> None:
        self._reader.take.set()

    def resume(self) -> None:
        self._reader.last_frame_at = time.monotonic()  # the pause was no stall
        self._reader.running.set()

    def stop(self) -> None:
        """End the feed without ever blocking the window for long: a reader stuck in a
        driver is left to end by itself."""
        if self.active:
            self._release()
            self.sig_finished.emit()

    def _release(self) -> None:
        self.active = False
        self._watchdog.stop()
        reader = self._reader
        for signal in (reader.sig_frame, reader.sig_captured, reader.sig_failed):
            signal.disconnect()
        reader.requestInterruption()
        reader.running.set()
        if not reader.wait(STOP_GRACE_MS):
            abandoned.add(reader)
            reader.destroyed.connect(lambda: abandoned.discard(reader))
            reader.finished.connect(reader.deleteLater)  # queued to this thread: safe

    # from the reader (queued, so checked: a stopped feed says nothing more) ---------------
    def _frame(self, image: QImage, info: object) -> None:
        if self.active:
            self.sig_frame.emit(image, info)

    def _captured(self, capture: object) -> None:
        if self.active:
            self.sig_captured.emit(capture)

    def _watch(self) -> None:
        paused = not self._reader.running.is_set()
        silent = time.monotonic() - self._reader.last_frame_at
        if self.active and not paused and silent > self._stall_seconds:
            self._end(FrameStalled(MSG_STALLED))

    def _end(self, error: Exception) -> None:
        if self.active:
            self._release()
            self.sig_failed.emit(error)
            self.sig_finished.emit()


def bgr_qimage(bgr: np.ndarray) -> QImage:
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
