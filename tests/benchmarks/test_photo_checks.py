"""Photo station speed on one thread (cv2.setNumThreads(1)).

- the live check of a 640 x 480 frame: median at most 10 ms;
- the full check and finishing of one capture (1280 x 960 JPEG, decode included): median
  at most 100 ms;
- compared with running the face detector over the whole 640 x 480 frame with OpenCV's
  usual settings (scale 1.1, 5 neighbours, 30 px smallest face): the ratio is reported.
"""

from __future__ import annotations

import statistics
import time

import cv2
import pytest

from counter_app.photo.assessment import assess_bytes
from counter_app.photo.faces import FACE_CASCADE
from counter_app.photo.live import LiveChecker
from counter_app.photo.profiles import load_profile
from tests.unit.photo import portraits
from tests.benchmarks.budget import record, within_budget


@pytest.fixture(autouse=True)
def one_thread():
    before = cv2.getNumThreads()
    cv2.setNumThreads(1)
    yield
    cv2.setNumThreads(before)


def median_ms(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def full_frame_detection_ms(frame) -> float:
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + FACE_CASCADE)
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    cascade.detectMultiScale(gray, 1.1, 5, minSize=(30, 30))
    return median_ms(lambda: cascade.detectMultiScale(gray, 1.1, 5, minSize=(30, 30)), 7)


def test_live_check_of_a_640x480_frame(benchmark):
    frames = [portraits.compose(seed=i) for i in range(30)]  # camera noise differs each time
    checker = LiveChecker(load_profile())
    checker.check(frames[0])
    turn = iter(range(10**6))
    benchmark.pedantic(lambda: checker.check(frames[next(turn) % len(frames)]),
                       rounds=300, iterations=1, warmup_rounds=5)
    live = benchmark.stats["median"] * 1000
    detector = full_frame_detection_ms(frames[0])
    benchmark.extra_info.update(live_ms=round(live, 2), full_frame_detection_ms=round(
        detector, 1), ratio=round(detector / live, 1))
    print(f"\nlive check median {live:.1f} ms; face detector on the full frame "
          f"{detector:.0f} ms; ratio {detector / live:.0f}x")
    record(detector, "face detector over the whole frame, usual settings (median)", unit="ms")
    within_budget(live, 10, "live check of a 640 x 480 frame (median)", unit="ms")
    assert detector / live > 3


def test_live_check_without_a_face_to_follow(benchmark):
    """For the record: a frame checked from scratch (a full search every time)."""
    frame = portraits.passing()
    profile = load_profile()
    benchmark.pedantic(lambda: LiveChecker(profile).check(frame), rounds=30, iterations=1,
                       warmup_rounds=1)


def test_full_check_and_finishing_of_one_capture(benchmark):
    capture = portraits.compose(face_width=380, centre_x=640, head_top=60, size=(1280, 960))
    raw = portraits.jpeg(capture, 92)
    profile = load_profile()
    assessment = assess_bytes(raw, profile)
    assert assessment.passed, [c.name for c in assessment.failed]
    benchmark.pedantic(assess_bytes, args=(raw, profile), rounds=30, iterations=1,
                       warmup_rounds=2)
    full = benchmark.stats["median"] * 1000
    benchmark.extra_info.update(full_ms=round(full, 1))
    print(f"\nfull check + finishing of a 1280 x 960 capture: median {full:.0f} ms")
    within_budget(full, 100, "full check + finishing of a 1280 x 960 capture (median)",
                  unit="ms")
