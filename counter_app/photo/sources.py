"""Frame sources: a camera, a video file or a still image, behind one interface.

Cameras and video files go through the same class (`VideoSource` over cv2.VideoCapture);
the differences are data: a file is paced to its own frame rate, skipping frames it is
late for, and starts again at its end; a camera that stops delivering is lost. Opening
and reading a camera have time limits, so an unplugged camera ends in an error, not a
hang (the capture dialog also watches for frames that stop coming).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.photo.decoding import decode_image, read_image_file

MSG_NO_CAMERA = QT_TRANSLATE_NOOP(
    "messages", "Camera {device} cannot be opened: check that it is connected and not in use "
                "by another program, then press Retry.")
MSG_CAMERA_LOST = QT_TRANSLATE_NOOP(
    "messages", "The camera stopped sending pictures: check its cable, then press Retry.")
MSG_NO_VIDEO = QT_TRANSLATE_NOOP("messages", "The video file cannot be played.")

OPEN_TIMEOUT_MS, READ_TIMEOUT_MS = 5000, 2000
STILL_FPS = 10.0


class SourceError(CounterError):
    code = "frame_source"


class FrameSource(Protocol):
    fps: float

    def open(self) -> None: ...

    def read(self) -> np.ndarray:
        """The next frame (8-bit BGR); SourceError when there is none to come."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class SourceSpec:
    """What to capture from, as the station's settings or the operator chose it."""

    kind: str = "camera"  # camera, video, image
    device: int = 0
    width: int = 1280
    height: int = 720
    path: Path | None = None


def open_source(spec: SourceSpec) -> FrameSource:
    """The (not yet opened) source for *spec*."""
    if spec.kind == "camera":
        return camera(spec.device, spec.width, spec.height)
    if spec.kind == "video" and spec.path is not None:
        return video_file(spec.path)
    if spec.kind == "image" and spec.path is not None:
        return StillSource(spec.path)
    raise ValueError(f"unknown frame source {spec.kind!r}")


def camera(device: int, width: int, height: int) -> VideoSource:
    return VideoSource(lambda: open_camera(device, (width, height)), paced=False,
                       failure=SourceError(MSG_NO_CAMERA, device=device),
                       lost=SourceError(MSG_CAMERA_LOST))


def camera_backends(platform: str = sys.platform) -> tuple[int, ...]:
    """OpenCV's capture APIs to try, in order. On Windows DirectShow first: it opens a USB
    camera in well under a second and honours the resolution asked for, where Media
    Foundation (OpenCV's default there) takes seconds; Media Foundation second, for the
    cameras that have only its driver. Elsewhere OpenCV's own choice (V4L2 on Linux)."""
    if platform == "win32":
        return (cv2.CAP_DSHOW, cv2.CAP_MSMF)
    return (cv2.CAP_ANY,)


def takes_open_parameters(backend: int) -> bool:
    """Whether *backend* may be given time limits and the size when the capture is made.
    DirectShow and Media Foundation have no open or read time limits, and OpenCV opens
    no camera at all when a backend refuses a property given there ("Failed to apply
    invalid or unsupported parameter"). Their open fails fast on an absent camera."""
    return backend not in (cv2.CAP_DSHOW, cv2.CAP_MSMF)


def open_parameters(backend: int, size: tuple[int, int] | None = None,
                    open_timeout_ms: int = OPEN_TIMEOUT_MS) -> list[int]:
    """The properties given to VideoCapture's constructor for *backend*."""
    if not takes_open_parameters(backend):
        return []
    params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, open_timeout_ms,
              cv2.CAP_PROP_READ_TIMEOUT_MSEC, READ_TIMEOUT_MS]
    if size is not None:
        params += [cv2.CAP_PROP_FRAME_WIDTH, size[0], cv2.CAP_PROP_FRAME_HEIGHT, size[1]]
    return params


def open_camera(device: int, size: tuple[int, int] | None = None, *,
                platform: str = sys.platform, open_timeout_ms: int = OPEN_TIMEOUT_MS,
                capture_type=None):
    """Camera *device* (a cv2.VideoCapture) opened through the first of camera_backends()
    that opens it, at *size* (width, height) if it can; None when none opens it.
    *capture_type*: cv2.VideoCapture, or a stand-in in tests."""
    capture_type = capture_type or cv2.VideoCapture
    for backend in camera_backends(platform):
        capture = capture_type(device, backend, open_parameters(backend, size, open_timeout_ms))
        if capture.isOpened():
            if size is not None and not takes_open_parameters(backend):
                ask_size(capture, size)
            return capture
        capture.release()
    return None


def ask_size(capture, size: tuple[int, int]) -> None:
    """Ask an open camera for *size*; one that cannot do it keeps its own (the photo checks
    work at any size), where a refusal in the constructor would have left it closed."""
    capture.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
    capture.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])


def video_file(path: Path) -> VideoSource:
    return VideoSource(lambda: cv2.VideoCapture(str(path)), paced=True,
                       failure=SourceError(MSG_NO_VIDEO), lost=SourceError(MSG_NO_VIDEO))


class VideoSource:
    """A cv2.VideoCapture: a camera (the device sets the pace) or a file (paced here)."""

    def __init__(self, opener, paced: bool, failure: SourceError, lost: SourceError) -> None:
        self._opener, self._paced = opener, paced
        self._failure, self._lost = failure, lost
        self._capture: cv2.VideoCapture | None = None
        self._started = 0.0
        self._index = 0
        self.fps = 30.0

    def open(self) -> None:
        capture = self._opener()
        if capture is None or not capture.isOpened():
            raise self._failure
        if not self._paced:
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the newest frame, not a queue of old
        self._capture = capture
        self.fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
        self._restart()

    def read(self) -> np.ndarray:
        if self._capture is None:
            raise self._lost
        if self._paced:
            self._keep_pace()
        ok, frame = self._capture.read()
        if not ok and self._paced:  # the end of the file: play it again
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            self._restart()
            ok, frame = self._capture.read()
        if not ok or frame is None:
            raise self._lost
        self._index += 1
        return frame

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def _restart(self) -> None:
        self._started, self._index = time.monotonic(), 0

    def _keep_pace(self) -> None:
        """Wait for the next frame's time; skip (grab, no decode) frames already late."""
        due = self._started + self._index / self.fps
        late = time.monotonic() - due
        while late > 1.0 / self.fps and self._capture.grab():
            self._index += 1
            late -= 1.0 / self.fps
        if late < 0:
            time.sleep(-late)


class StillSource:
    """One picture, offered as a steady stream so it goes through the same live path."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._image: np.ndarray | None = None
        self._next = 0.0
        self.fps = STILL_FPS

    def open(self) -> None:
        self._image = decode_image(read_image_file(self._path))
        self._next = time.monotonic()

    def read(self) -> np.ndarray:
        if self._image is None:
            raise SourceError(MSG_NO_VIDEO)
        wait = self._next - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._next = max(self._next, time.monotonic()) + 1.0 / self.fps
        return self._image.copy()

    def close(self) -> None:
        self._image = None
