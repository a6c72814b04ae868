"""Frame sources: camera and video file through one class, a still image, failures."""

from __future__ import annotations

import time

import numpy as np
import pytest

from counter_app.photo import sources
from counter_app.photo.sources import (MSG_CAMERA_LOST, MSG_NO_CAMERA, SourceError, SourceSpec,
                                       StillSource, VideoSource, open_source)
from tests.unit.photo import portraits


def numbered(count: int) -> list[np.ndarray]:
    """Frames that show their own number as their brightness (survives MJPG)."""
    return [np.full((120, 160, 3), 10 * i, np.uint8) for i in range(count)]


def number_of(frame: np.ndarray) -> int:
    return round(float(frame.mean()) / 10)


@pytest.fixture
def video(tmp_path):
    return portraits.write_video(tmp_path / "numbers.avi", numbered(20), fps=25)


def test_a_video_file_plays_at_its_own_pace_and_starts_again(video):
    source = open_source(SourceSpec(kind="video", path=video))
    source.open()
    try:
        assert source.fps == pytest.approx(25)
        started = time.monotonic()
        shown = [number_of(source.read()) for _ in range(25)]
        elapsed = time.monotonic() - started
    finally:
        source.close()
    assert shown[:20] == list(range(20)) and shown[20:] == list(range(5))  # looped
    assert elapsed >= 24 / 25 - 0.05


def test_a_late_reader_skips_frames_instead_of_falling_behind(video):
    source = open_source(SourceSpec(kind="video", path=video))
    source.open()
    try:
        source.read()
        time.sleep(0.4)  # ten frames' time spent elsewhere (a slow check)
        assert number_of(source.read()) >= 9
    finally:
        source.close()


def test_a_still_image_is_a_steady_stream(tmp_path):
    path = tmp_path / "still.jpg"
    path.write_bytes(portraits.jpeg(portraits.passing()))
    source = open_source(SourceSpec(kind="image", path=path))
    assert isinstance(source, StillSource)
    source.open()
    first, second = source.read(), source.read()
    assert first.shape == (480, 640, 3) and np.array_equal(first, second)
    source.close()


def test_a_missing_camera_is_a_message_not_a_hang():
    started = time.monotonic()
    source = open_source(SourceSpec(kind="camera", device=57, width=640, height=480))
    with pytest.raises(SourceError) as caught:
        source.open()
    assert caught.value.template == MSG_NO_CAMERA and caught.value.params == {"device": 57}
    assert time.monotonic() - started < sources.OPEN_TIMEOUT_MS / 1000 + 2


class UnpluggedCamera:
    """A capture that delivers a few frames, then nothing (the cable pulled)."""

    def __init__(self, frames: int) -> None:
        self.frames = frames

    def isOpened(self) -> bool:  # noqa: N802 - cv2's name
        return True

    def read(self):
        self.frames -= 1
        return (True, np.zeros((48, 64, 3), np.uint8)) if self.frames >= 0 else (False, None)

    def get(self, prop):
        return 30.0

    def set(self, prop, value):
        return True

    def release(self):
        pass


def test_an_unplugged_camera_is_lost_with_a_message():
    source = VideoSource(lambda: UnpluggedCamera(3), paced=False,
                         failure=SourceError(MSG_NO_CAMERA, device=0),
                         lost=SourceError(MSG_CAMERA_LOST))
    source.open()
    for _ in range(3):
        source.read()
    with pytest.raises(SourceError) as caught:
        source.read()
    assert caught.value.template == MSG_CAMERA_LOST
