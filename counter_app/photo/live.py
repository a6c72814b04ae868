"""The live check: the same checks as a capture's, cheap enough for every preview frame,
and the trigger that captures once they have all passed for a steady moment.

Cheap because the face found in the last frame is looked for again only around where it
was (`FaceFinder.near`); the whole frame is searched when the face is lost and every
FULL_SEARCH_EVERY frames, so a second face walking in is still noticed.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from counter_app.photo.analysis import Findings, analyse, judge
from counter_app.photo.assessment import SMALLEST_FACE
from counter_app.photo.checks import CheckResult, Outcome, first_hint
from counter_app.photo.faces import HEAD_TOP_GUESS, FaceFinder
from counter_app.photo.geometry import Box
from counter_app.photo.profiles import Profile

LIVE_WIDTH = 640         # frames are checked (and previewed) at most this wide
SMOOTHING = 0.35         # weight of the new box: Haar boxes jitter by a few per cent
FULL_SEARCH_EVERY = 10   # while a face is followed
SEARCH_EVERY = 3         # while none is: the frames between keep the last answer


@dataclass(frozen=True)
class LiveResult:
    checks: tuple[CheckResult, ...]
    findings: Findings
    target: Box           # where the face should be, in the checked frame's pixels
    scale: float          # capture pixels per checked-frame pixel

    @property
    def passed(self) -> bool:
        return all(check.outcome == Outcome.PASS for check in self.checks)

    @property
    def hint(self) -> str:
        return first_hint(self.checks)


class LiveChecker:
    """Checks a stream of frames; keeps the face from one frame to the next."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._finder = FaceFinder()
        self._previous: Box | None = None
        self._last_faces: list[Box] = []
        self._until_search = 0  # frames until the whole frame is searched again

    def check(self, frame: np.ndarray) -> LiveResult:
        """Check *frame* as it is (see `shrink` for large camera frames)."""
        return self.check_scaled(frame, 1.0)

    def check_scaled(self, small: np.ndarray, scale: float) -> LiveResult:
        gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        faces = self._faces(gray)
        findings = analyse(small, gray, faces, self._finder, self.profile, scale)
        checks = judge(findings, self.profile)
        return LiveResult(tuple(checks), findings, target_face(self.profile, small.shape),
                          scale)

    def _faces(self, gray: np.ndarray) -> list[Box]:
        self._until_search -= 1
        if self._until_search > 0:
            if self._previous is None:
                return self._last_faces  # nobody (or a crowd): no need to look every frame
            again = self._finder.near(gray, self._previous)
            if again is not None:
                self._previous = _blend(self._previous, again, SMOOTHING)
                return [self._previous]
        short = min(gray.shape[:2])
        faces = self._finder.faces(gray, SMALLEST_FACE * short, short)
        self._previous = faces[0] if len(faces) == 1 else None
        self._last_faces = faces
        self._until_search = FULL_SEARCH_EVERY if self._previous else SEARCH_EVERY
        return faces


def shrink(frame: np.ndarray, width: int = LIVE_WIDTH) -> tuple[np.ndarray, float]:
    """The frame at most *width* wide, and capture pixels per pixel of it."""
    if frame.shape[1] <= width:
        return frame, 1.0
    factor = width / frame.shape[1]
    small = cv2.resize(frame, (width, round(frame.shape[0] * factor)),
                       interpolation=cv2.INTER_LINEAR)
    return small, 1 / factor


def target_face(profile: Profile, shape: tuple[int, ...]) -> Box:
    """The face box that would make the photo the frame's centre, filled to 90 %."""
    height, width = shape[:2]
    scale = 0.9 * min(width / profile.width, height / profile.height)
    face = profile.face.width * scale
    photo_top = (height - profile.height * scale) / 2
    top = photo_top + profile.target_head_top * scale + HEAD_TOP_GUESS * face
    return Box(width / 2 - face / 2, top, face, face)


class SteadyTrigger:
    """Fires once every check has passed, with the face keeping still, for *seconds*."""

    def __init__(self, seconds: float = 0.8, max_motion: float = 0.05) -> None:
        self.seconds = seconds
        self.max_motion = max_motion  # of the face width, from one frame to the next
        self._since: float | None = None
        self._last: Box | None = None
        self.fired = False

    def feed(self, result: LiveResult, now: float) -> bool:
        face = result.findings.face
        steady = (result.passed and face is not None and
                  (self._last is None or _moved(self._last, face) <= self.max_motion))
        self._last = face
        if not steady:
            self._since = None
            return False
        if self._since is None:
            self._since = now
        if not self.fired and now - self._since >= self.seconds:
            self.fired = True
            return True
        return False

    def progress(self, now: float) -> float:
        """How far towards firing, 0 to 1 (for the overlay)."""
        if self._since is None or self.fired:
            return 0.0
        return min(1.0, (now - self._since) / self.seconds)

    def rearm(self) -> None:
        self._since, self._last, self.fired = None, None, False


def _blend(old: Box, new: Box, weight: float) -> Box:
    keep = 1.0 - weight
    return Box(old.x * keep + new.x * weight, old.y * keep + new.y * weight,
               old.w * keep + new.w * weight, old.h * keep + new.h * weight)


def _moved(before: Box, after: Box) -> float:
    shift = max(abs(after.centre_x - before.centre_x), abs(after.centre_y - before.centre_y))
    return shift / max(before.w, 1.0)
