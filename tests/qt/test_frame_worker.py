"""The camera feed both camera dialogs use: previews paced by the window, a capture that
pauses the feed, a source that stops delivering noticed by the watchdog, a lost camera
said with its own message, and a stop that never waits on a driver stuck in a read."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from counter_app.photo.sources import MSG_CAMERA_LOST, SourceError
from counter_app.qt import frame_worker
from counter_app.qt.frame_worker import MSG_STALLED, FrameStalled, FrameWorker


class ScriptedSource:
    """Delivers *frames* frames, then blocks in read() until released (a hung driver), or
    with *lost* raises the camera-lost error instead."""

    fps = 30.0

    def __init__(self, frames: int = 0, lost: bool = False) -> None:
        self.frames, self.lost = frames, lost
        self.release = threading.Event()
        self.closed = threading.Event()

    def open(self) -> None:
        pass

    def read(self) -> np.ndarray:
        if self.frames > 0:
            self.frames -= 1
            time.sleep(1 / self.fps)
            return np.zeros((48, 64, 3), np.uint8)
        if not self.lost:
            self.release.wait(30)
        raise SourceError(MSG_CAMERA_LOST)

    def close(self) -> None:
        self.closed.set()


@pytest.fixture
def feed(qtbot):
    """A started feed over a source; every source is released at the end."""
    sources, workers = [], []

    def start(source: ScriptedSource, stall_seconds: float = 0.4) -> FrameWorker:
        worker = FrameWorker(lambda: source, stall_seconds=stall_seconds)
        worker.sig_frame.connect(lambda image, info: worker.frame_shown())
        sources.append(source)
        workers.append(worker)
        worker.start()
        return worker

    yield start
    for worker in workers:
        worker.stop()
    for source in sources:
        source.release.set()
    qtbot.waitUntil(lambda: not frame_worker.abandoned, timeout=5000)


def test_a_source_that_stops_delivering_is_noticed_and_the_feed_ends(qtbot, feed):
    source = ScriptedSource(frames=10)
    worker = feed(source)
    with qtbot.waitSignal(worker.sig_failed, timeout=5000) as failed:
        with qtbot.waitSignal(worker.sig_frame, timeout=5000):
            pass
    assert isinstance(failed.args[0], FrameStalled)
    assert failed.args[0].template == MSG_STALLED
    assert worker.frames_read == 10 and not worker.active
    assert len(frame_worker.abandoned) == 1  # still stuck in read(): not waited for


def test_stop_returns_at_once_even_when_the_source_blocks(qtbot, feed):
    source = ScriptedSource(frames=0)
    worker = feed(source, stall_seconds=60)
    failures = []
    worker.sig_failed.connect(failures.append)
    qtbot.wait(200)  # the reader is in read() by now
    started = time.monotonic()
    with qtbot.waitSignal(worker.sig_finished, timeout=1000):
        worker.stop()
    assert time.monotonic() - started < frame_worker.STOP_GRACE_MS / 1000 + 0.2
    assert not worker.is_running()

    source.release.set()  # the driver gives up: its error reaches no one
    qtbot.waitUntil(source.closed.is_set, timeout=5000)
    qtbot.waitUntil(lambda: not frame_worker.abandoned, timeout=5000)
    assert failures == []


def test_a_lost_camera_ends_the_feed_with_its_message_and_closes_the_source(qtbot, feed):
    source = ScriptedSource(frames=3, lost=True)
    worker = feed(source)
    with qtbot.waitSignal(worker.sig_failed, timeout=5000) as failed:
        pass
    assert failed.args[0].template == MSG_CAMERA_LOST
    assert source.closed.is_set() and not frame_worker.abandoned


def test_a_capture_pauses_the_feed_without_a_stall_until_resumed(qtbot, feed):
    source = ScriptedSource(frames=1000)
    worker = feed(source, stall_seconds=0.3)
    failures = []
    worker.sig_failed.connect(failures.append)
    with qtbot.waitSignal(worker.sig_frame, timeout=5000):
        pass
    with qtbot.waitSignal(worker.sig_captured, timeout=5000) as captured:
        worker.capture_now()
    assert captured.args[0].shape == (48, 64, 3)  # the frame itself, full size
    read = worker.frames_read
    qtbot.wait(700)  # longer than the stall time: a pause is no stall
    assert worker.frames_read == read and failures == [] and worker.is_running()

    worker.resume()
    qtbot.waitUntil(lambda: worker.frames_read > read + 3, timeout=5000)
    assert failures == []
