"""Faces, eyes and the top of the head, with the Haar cascades that ship in OpenCV.

Haar detection costs roughly the number of windows it tries, so every search here is
done on a picture scaled until the smallest face of interest is just above the 24-pixel
window, and over a bounded range of sizes. Following a face from frame to frame
(`near`) searches only around where it was, which is what keeps the live check cheap.

A CascadeClassifier keeps per-image state while it detects, so each thread uses its own
(`finder()`).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import cv2
import numpy as np

from counter_app.photo.geometry import Box, Point

FACE_CASCADE = "haarcascade_frontalface_default.xml"
EYE_CASCADE = "haarcascade_eye.xml"
WINDOW = 24           # the face cascade's window, px
SEARCH_FACE_PX = 28   # the smallest face sought is scaled to this
NEAR_FACE_PX = 36     # following a face: it is scaled to this
EYE_FACE_PX = 80      # eyes are sought with the face scaled to this width (eye ~ 21 px)
# Where GA 461's "face width" (cheek to cheek) is, measured against the cascade's box;
# calibrated on frontal portraits, where the box spans the cheeks closely.
FACE_WIDTH_PER_BOX = 1.0
HEAD_TOP_GUESS = 0.45  # top of the head above the box, in box heights, when unseen


@dataclass(frozen=True)
class Eyes:
    left: Point   # in the image: the subject's right eye
    right: Point

    @property
    def midpoint(self) -> Point:
        return Point((self.left.x + self.right.x) / 2, (self.left.y + self.right.y) / 2)

    @property
    def distance(self) -> float:
        return math.hypot(self.right.x - self.left.x, self.right.y - self.left.y)

    @property
    def roll(self) -> float:
        """Degrees the eye line is turned from the horizontal (positive: clockwise)."""
        return math.degrees(math.atan2(self.right.y - self.left.y, self.right.x - self.left.x))


class FaceFinder:
    def __init__(self) -> None:
        self._faces = cv2.CascadeClassifier(cv2.data.haarcascades + FACE_CASCADE)
        self._eyes = cv2.CascadeClassifier(cv2.data.haarcascades + EYE_CASCADE)

    def faces(self, gray: np.ndarray, min_width: float, max_width: float) -> list[Box]:
        """Every face between min_width and max_width pixels wide, largest first."""
        factor = min(1.0, SEARCH_FACE_PX / max(min_width, 1.0))
        small = _resized(gray, factor)
        largest = max(WINDOW + 1, min(round(max_width * factor), *small.shape[:2]))
        found = self._faces.detectMultiScale(small, 1.15, 4, minSize=(WINDOW, WINDOW),
                                             maxSize=(largest, largest))
        boxes = [Box(*map(float, f)).scaled(1 / factor) for f in found]
        return sorted(boxes, key=lambda b: -b.w)

    def near(self, gray: np.ndarray, previous: Box, step: float = 1.1,
             face_px: float = NEAR_FACE_PX) -> Box | None:
        """The face again, searched only around *previous* and at a similar size."""
        factor = min(1.0, face_px / previous.w)
        area = previous.grown(1.8)
        rows, cols = area.slices(gray.shape[1], gray.shape[0])
        patch = _resized(gray[rows, cols], factor)
        low, high = round(previous.w * factor * 0.75), round(previous.w * factor * 1.33)
        if min(patch.shape[:2]) < max(low, WINDOW):
            return None
        found = self._faces.detectMultiScale(patch, step, 3, minSize=(max(low, WINDOW),) * 2,
                                             maxSize=(high, high))
        if len(found) == 0:
            return None
        x, y, w, h = max(found, key=lambda f: f[2])
        return Box(cols.start + x / factor, rows.start + y / factor, w / factor, h / factor)

    def eyes(self, gray: np.ndarray, face: Box) -> Eyes | None:
        """Both eyes, each sought in its own part of the face; None unless both are found."""
        left = self._eye(gray, face.part(0.06, 0.18, 0.52, 0.58), face)
        right = self._eye(gray, face.part(0.48, 0.18, 0.94, 0.58), face)
        if left is None or right is None:
            return None
        return Eyes(left, right)

    def _eye(self, gray: np.ndarray, area: Box, face: Box) -> Point | None:
        factor = min(1.0, EYE_FACE_PX / face.w)
        rows, cols = area.slices(gray.shape[1], gray.shape[0])
        patch = _resized(gray[rows, cols], factor)
        low, high = round(0.2 * face.w * factor), round(0.36 * face.w * factor)
        if min(patch.shape[:2]) < max(low, 20):
            return None
        found = self._eyes.detectMultiScale(patch, 1.1, 3, minSize=(max(low, 20),) * 2,
                                            maxSize=(high, high))
        if len(found) == 0:
            return None
        expected = (patch.shape[1] / 2, patch.shape[0] * 0.5)
        x, y, w, h = min(found, key=lambda f: math.hypot(f[0] + f[2] / 2 - expected[0],
                                                         f[1] + f[3] / 2 - expected[1]))
        centre = Point(cols.start + (x + w / 2) / factor, rows.start + (y + h / 2) / factor)
        return _darkest_centre(gray, centre, 0.07 * face.w)


def head_top(gray: np.ndarray, face: Box) -> float:
    """The top of the hair: the first row above the face that is not background.

    The background is read from a wide strip at the top of the search; without a clear
    edge (a backdrop the colour of the hair) the usual proportion is used instead.
    """
    guess = max(face.y - HEAD_TOP_GUESS * face.h, 0.0)
    top = max(face.y - 0.9 * face.h, 0.0)
    strip_rows, strip_cols = Box(face.centre_x - 1.3 * face.w, top, 2.6 * face.w,
                                 3).slices(gray.shape[1], gray.shape[0])
    band_rows, band_cols = Box(face.centre_x - 0.3 * face.w, top, 0.6 * face.w,
                               face.y - top).slices(gray.shape[1], gray.shape[0])
    band = gray[band_rows, band_cols]
    if band.shape[0] < 4 or band.shape[1] < 4:
        return guess
    background = float(np.median(gray[strip_rows, strip_cols]))
    factor = min(1.0, 60 / band.shape[1])
    differs = (np.abs(_resized(band, factor).astype(np.int16) - background) > 20)
    hair_rows = np.flatnonzero(differs.mean(axis=1) > 0.25)
    if len(hair_rows) == 0 or (hair_rows[0] == 0 and band_rows.start > 0):
        return guess  # no edge, or hair right up to the search's top: no clean backdrop
    return band_rows.start + hair_rows[0] / factor


def head_centre(gray: np.ndarray, backdrop_level: float, top: float, eyes: Eyes
                ) -> tuple[float, float] | None:
    """Centre and half width of the head's outline against the backdrop, between the top
    of the head and the eyes (hair included); None without a clear outline."""
    y0 = round(top + 0.25 * (eyes.midpoint.y - top))
    x0 = max(0, round(eyes.midpoint.x - 2.2 * eyes.distance))
    x1 = min(gray.shape[1], round(eyes.midpoint.x + 2.2 * eyes.distance))
    band = gray[max(0, y0):max(0, round(eyes.midpoint.y)), x0:x1]
    if band.shape[0] < 3 or band.shape[1] < 3:
        return None
    differs = np.abs(band.astype(np.int16) - round(backdrop_level)) > 25
    rows = differs[differs.sum(axis=1) > 2]
    if len(rows) < 3:
        return None
    left = np.median(np.argmax(rows, axis=1))
    right = rows.shape[1] - 1 - np.median(np.argmax(rows[:, ::-1], axis=1))
    return x0 + (left + right) / 2, (right - left) / 2


def _darkest_centre(gray: np.ndarray, around: Point, radius: float) -> Point:
    """The centre of the darkest spot (iris and pupil) near *around*.

    Haar eye boxes wander by a few pixels; the dark centroid is steadier, which matters
    for the roll limit of a few degrees.
    """
    box = Box(around.x - radius, around.y - radius, 2 * radius, 2 * radius)
    rows, cols = box.slices(gray.shape[1], gray.shape[0])
    patch = gray[rows, cols].astype(np.float32)
    if min(patch.shape[:2]) < 4:
        return around
    patch = cv2.GaussianBlur(patch, (0, 0), max(radius / 4, 0.5))
    ys, xs = np.nonzero(patch <= np.percentile(patch, 10))
    return Point(cols.start + float(xs.mean()), rows.start + float(ys.mean()))


def face_width(face: Box) -> float:
    return face.w * FACE_WIDTH_PER_BOX


_local = threading.local()


def finder() -> FaceFinder:
    """This thread's FaceFinder."""
    if not hasattr(_local, "finder"):
        _local.finder = FaceFinder()
    return _local.finder


def _resized(image: np.ndarray, factor: float) -> np.ndarray:
    if factor >= 1.0:
        return image
    size = (max(1, round(image.shape[1] * factor)), max(1, round(image.shape[0] * factor)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)
