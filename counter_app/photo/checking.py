"""The live check in a thread of its own, so a slow check never slows the preview.

The capture loop offers every frame; the checker takes only the newest one when it is
free (frames offered while it is busy are skipped), keeps the latest result for the
overlay, and decides the automatic capture: when the steady trigger fires, the frame
that passed is handed back for capture.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from counter_app.photo.live import LiveChecker, LiveResult, SteadyTrigger
from counter_app.photo.profiles import Profile


class CheckLoop:
    def __init__(self, profile: Profile, steady_seconds: float = 0.8) -> None:
        self._checker = LiveChecker(profile)
        self._trigger = SteadyTrigger(steady_seconds)
        self._wake = threading.Condition()
        self._newest: tuple[np.ndarray, np.ndarray, float] | None = None
        self._result: LiveResult | None = None
        self._passed_frame: np.ndarray | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="photo-checks", daemon=True)
        self.checked = self.skipped = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify()
        self._thread.join(timeout=2)

    def offer(self, frame: np.ndarray, small: np.ndarray, scale: float) -> None:
        """The newest frame (full size), its checked size and their scale."""
        with self._wake:
            if self._newest is not None:
                self.skipped += 1
            self._newest = (frame, small, scale)
            self._wake.notify()

    def latest(self) -> tuple[LiveResult | None, float]:
        """The last result and how far the automatic capture is (0 to 1)."""
        with self._wake:
            return self._result, self._trigger.progress(time.monotonic())

    def take_passed_frame(self) -> np.ndarray | None:
        """The frame that completed the steady moment, once; None until then."""
        with self._wake:
            frame, self._passed_frame = self._passed_frame, None
            return frame

    def rearm(self) -> None:
        """Start a new steady moment (after a capture was retaken)."""
        with self._wake:
            self._trigger.rearm()
            self._passed_frame = None

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._newest is None and not self._stopped:
                    self._wake.wait()
                if self._stopped:
                    return
                (frame, small, scale), self._newest = self._newest, None
            result = self._checker.check_scaled(small, scale)  # outside the lock: slow
            with self._wake:
                self._result = result
                self.checked += 1
                if self._trigger.feed(result, time.monotonic()):
                    self._passed_frame = frame
