"""The full check of one capture, and its finishing: what the CLI, the service and the
capture dialog all call.

The capture is measured on a working copy of bounded size (faces are found with a
coarse search refined close up), and the photo is cut from the full-resolution capture.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from counter_app.photo.analysis import Findings, analyse, judge
from counter_app.photo.checks import BLOCKING, CheckResult, Outcome, first_hint, skipped
from counter_app.photo.checks import FINISHED_ONLY
from counter_app.photo.decoding import decode_image
from counter_app.photo.faces import FaceFinder, finder
from counter_app.photo.finishing import FinishedPhoto, file_checks, finish
from counter_app.photo.geometry import Box
from counter_app.photo.profiles import Profile

WORKING_SIDE = 1600     # longest side the capture is measured at
SMALLEST_FACE = 0.15    # of the shorter side: smaller faces are not looked for


@dataclass(frozen=True)
class Assessment:
    profile: str
    checks: tuple[CheckResult, ...]
    photo: FinishedPhoto | None  # None when there was no single face to cut around
    findings: Findings

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(check for check in self.checks if check.outcome == Outcome.FAIL)

    @property
    def overridable(self) -> bool:
        """Failed, but nothing failed that finishing cannot do without."""
        return self.photo is not None and not any(c.name in BLOCKING for c in self.failed)

    @property
    def hint(self) -> str:
        return first_hint(self.checks)


def assess_bytes(raw: bytes, profile: Profile) -> Assessment:
    """Decode and assess an image file's bytes (PhotoError when they are no image)."""
    return assess_image(decode_image(raw), profile)


def assess_image(image: np.ndarray, profile: Profile) -> Assessment:
    factor = min(1.0, WORKING_SIDE / max(image.shape[:2]))
    work = image if factor == 1.0 else cv2.resize(image, None, fx=factor, fy=factor,
                                                  interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(work, cv2.COLOR_BGR2GRAY)
    faces = find_faces(gray, finder())
    findings = analyse(work, gray, faces, finder(), profile, source_scale=1 / factor)
    checks = judge(findings, profile)
    if findings.layout is None:
        return Assessment(profile.name, (*checks, *map(skipped, FINISHED_ONLY)), None,
                          findings)
    photo = finish(image, _scaled(findings.layout.box, 1 / factor), profile)
    return Assessment(profile.name, (*checks, *file_checks(photo, profile)), photo, findings)


def find_faces(gray: np.ndarray, faces_finder: FaceFinder) -> list[Box]:
    """Every face of a useful size: a coarse search, then each face measured close up."""
    short = min(gray.shape[:2])
    coarse = faces_finder.faces(gray, max(40.0, SMALLEST_FACE * short), short)
    return [faces_finder.near(gray, face, step=1.05, face_px=48) or face for face in coarse]


def _scaled(box: Box, factor: float) -> Box:
    return box if factor == 1.0 else box.scaled(factor)
