"""The live check follows the face, agrees with the full check, and triggers a capture
once everything has passed for a steady moment."""

from __future__ import annotations

import time

import numpy as np
import pytest

from counter_app.photo import live
from counter_app.photo.faces import FaceFinder
from counter_app.photo.live import LiveChecker, SteadyTrigger, shrink, target_face
from tests.unit.photo import portraits


def test_a_passing_frame_passes_live_and_the_face_is_followed(ga461, monkeypatch):
    searches = []
    real = FaceFinder.faces
    monkeypatch.setattr(FaceFinder, "faces",
                        lambda self, *args: searches.append(1) or real(self, *args))
    checker = LiveChecker(ga461)
    results = [checker.check(portraits.compose(seed=i)) for i in range(20)]
    assert all(result.passed for result in results)
    assert len(searches) == 20 // live.FULL_SEARCH_EVERY  # the rest were followed


@pytest.mark.parametrize("name, hint", [("too_small", "Move closer"),
                                        ("no_face", "No face found: look into the camera"),
                                        ("tilted", "Hold the head straight"),
                                        ("dark", "Too dark: more light on the face")])
def test_live_hints(ga461, name, hint):
    checker = LiveChecker(ga461)
    frame = portraits.DERIVED[name]()
    results = [checker.check(frame) for _ in range(4)]
    assert {result.hint for result in results} == {hint}
    assert not any(result.passed for result in results)


def test_large_frames_are_checked_shrunk_and_judged_in_capture_pixels(ga461):
    frame = np.repeat(np.repeat(portraits.passing(), 2, axis=0), 2, axis=1)
    small, scale = shrink(frame)
    assert small.shape == (480, 640, 3) and scale == 2
    result = LiveChecker(ga461).check_scaled(small, scale)
    resolution = next(c for c in result.checks if c.name == "face_resolution")
    assert resolution.measured > 2 * 166  # the face as wide as the capture has it


def test_the_target_face_sits_in_the_middle(ga461):
    target = target_face(ga461, (480, 640, 3))
    assert target.centre_x == 320
    assert 0 < target.y and target.bottom < 480


class Result:
    def __init__(self, passed: bool, x: float = 100.0) -> None:
        self.passed = passed
        self.findings = type("F", (), {"face": live.Box(x, 100, 100, 100) if passed else None})


def test_the_trigger_fires_once_after_a_steady_moment():
    trigger = SteadyTrigger(seconds=0.8)
    times = np.arange(0, 2, 0.04)
    fired = [t for t in times if trigger.feed(Result(True), t)]
    assert fired == [pytest.approx(0.8)]
    trigger.rearm()
    assert trigger.feed(Result(True), 5.0) is False
    assert trigger.progress(5.4) == pytest.approx(0.5)


def test_a_failing_frame_or_a_movement_starts_the_moment_again():
    trigger = SteadyTrigger(seconds=0.8)
    assert not trigger.feed(Result(True), 0.0)
    assert not trigger.feed(Result(False), 0.5)
    assert not trigger.feed(Result(True), 0.6)
    assert not trigger.feed(Result(True, x=130), 1.3)  # moved by 30 % of the face
    assert not trigger.feed(Result(True, x=130), 2.0)  # steady again from here
    assert not trigger.feed(Result(True, x=130), 2.7)
    assert trigger.feed(Result(True, x=130), 2.85)


def test_the_check_loop_checks_the_newest_frame_and_hands_back_the_one_that_passed(ga461):
    from counter_app.photo.checking import CheckLoop

    loop = CheckLoop(ga461, steady_seconds=0.3)
    loop.start()
    try:
        frames = [portraits.compose(seed=i) for i in range(5)]
        passed = None
        deadline = time.monotonic() + 10
        while passed is None and time.monotonic() < deadline:
            for frame in frames:
                loop.offer(frame, frame, 1.0)
                time.sleep(0.01)
                passed = passed if passed is not None else loop.take_passed_frame()
        result, _progress = loop.latest()
    finally:
        loop.stop()
    assert result is not None and result.passed
    assert any(passed is frame for frame in frames)
    assert loop.take_passed_frame() is None  # handed back once
    assert loop.checked >= 2


def test_the_overlay_is_drawn_on_a_copy(ga461):
    from counter_app.photo.overlay import TARGET, draw_overlay

    frame = portraits.passing()
    result = LiveChecker(ga461).check(frame)
    shown = draw_overlay(frame, result, progress=0.5)
    assert np.array_equal(frame, portraits.passing())
    corner = (round(result.target.y), round(result.target.x))
    assert shown[corner].tolist() == list(TARGET)
    assert (shown[-3, :300] != frame[-3, :300]).any()  # the progress bar
