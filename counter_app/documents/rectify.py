"""Find a page or an ID card on a document-camera frame or a scan, straighten and crop it,
and say whether it is sharp and free of glare.

Classical OpenCV: edges → the largest four-cornered outline → perspective warp to the
shape the material should have (an ID-1 card is 85.6 × 54 mm; a page keeps its own
proportions, snapped to A4 when close). Without a clear outline the frame is kept whole,
so a flatbed scan of the page edge to edge still passes.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from counter_app.domain.errors import QT_TRANSLATE_NOOP

ID1_RATIO = 85.6 / 53.98
A4_RATIO = 297 / 210
WORK_SIDE = 1000           # detection runs on a copy this large (speed; enough detail)
MIN_AREA_SHARE = 0.15      # an outline smaller than this share of the frame is not the page
SHARPNESS_MIN = 60.0       # variance of the Laplacian on the straightened material
GLARE_MAX = 0.02           # share of blown-out pixels allowed

MSG_BLURRED = QT_TRANSLATE_NOOP("messages", "The scan is blurred: hold the material still and scan again.")
MSG_GLARE = QT_TRANSLATE_NOOP(
    "messages", "Light reflects on the material: tilt it or turn off the desk lamp and scan again.")
MSG_NOT_FOUND = QT_TRANSLATE_NOOP(
    "messages", "The edges of the material were not found: lay it on a dark surface, fully in view.")


@dataclass(frozen=True)
class Rectified:
    image: np.ndarray             # straightened and cropped, BGR
    outline_found: bool
    sharpness: float
    glare_share: float
    problems: tuple[str, ...]     # message templates (translated by the UI)

    @property
    def acceptable(self) -> bool:
        return not self.problems


def rectify(frame: np.ndarray, kind: str = "page", long_side: int = 1600) -> Rectified:
    """Straighten *frame* (BGR or grey) holding a "page" or an "id_card"."""
    frame = frame if frame.ndim == 3 else cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    corners = find_outline(frame)
    if corners is None:
        image = _fit(frame, long_side)
    else:
        image = _warp(frame, corners, _target_size(corners, kind, long_side))
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    sharpness = _sharpness(grey)
    glare = _glare_share(grey)
    problems = []
    if corners is None and kind == "id_card":
        problems.append(MSG_NOT_FOUND)
    if sharpness < SHARPNESS_MIN:
        problems.append(MSG_BLURRED)
    if glare > GLARE_MAX:
        problems.append(MSG_GLARE)
    return Rectified(image, corners is not None, sharpness, glare, tuple(problems))


def find_outline(frame: np.ndarray) -> np.ndarray | None:
    """The four corners (TL, TR, BR, BL) of the largest quadrilateral, in frame pixels."""
    scale = WORK_SIDE / max(frame.shape[:2])
    small = cv2.resize(frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    min_area = MIN_AREA_SHARE * grey.shape[0] * grey.shape[1]
    for mask in (_bright_region(grey), _edges(grey)):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        largest = max(contours, key=cv2.contourArea, default=None)
        if largest is None or cv2.contourArea(largest) < min_area:
            continue
        hull = cv2.convexHull(largest)
        quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(quad) != 4:
            quad = cv2.boxPoints(cv2.minAreaRect(hull))
        return _order(quad.reshape(4, 2).astype(np.float32) / scale)
    return None


def _bright_region(grey: np.ndarray) -> np.ndarray:
    """Paper is lighter than the desk around it. The desk is what the frame's border shows;
    anything clearly brighter than that is the material, its shaded parts included."""
    strip = max(4, min(grey.shape) // 40)
    border = np.concatenate([grey[:strip].ravel(), grey[-strip:].ravel(),
                             grey[:, :strip].ravel(), grey[:, -strip:].ravel()])
    level = float(np.median(border)) + max(15.0, 2.5 * float(border.std()))
    mask = (grey > level).astype(np.uint8) * 255
    return cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))


def _edges(grey: np.ndarray) -> np.ndarray:
    median = float(np.median(grey))
    edges = cv2.Canny(grey, 0.66 * median, 1.33 * median)
    return cv2.dilate(edges, np.ones((3, 3), np.uint8), iterations=2)


def _order(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(sums)], points[np.argmin(diffs)],
                     points[np.argmax(sums)], points[np.argmax(diffs)]], dtype=np.float32)


def _target_size(corners: np.ndarray, kind: str, long_side: int) -> tuple[int, int]:
    top, right = np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[2] - corners[1])
    bottom, left = np.linalg.norm(corners[2] - corners[3]), np.linalg.norm(corners[3] - corners[0])
    width, height = (top + bottom) / 2, (left + right) / 2
    ratio = max(width, height) / max(1.0, min(width, height))
    if kind == "id_card":
        ratio = ID1_RATIO
    elif abs(ratio - A4_RATIO) / A4_RATIO < 0.05:
        ratio = A4_RATIO
    short = round(long_side / ratio)
    return (long_side, short) if width >= height else (short, long_side)


def _warp(frame: np.ndarray, corners: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    width, height = size
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]],
                      dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(frame, matrix, (width, height), flags=cv2.INTER_AREA)


def _fit(frame: np.ndarray, long_side: int) -> np.ndarray:
    scale = long_side / max(frame.shape[:2])
    return frame if scale >= 1 else cv2.resize(frame, None, fx=scale, fy=scale,
                                               interpolation=cv2.INTER_AREA)


def _sharpness(grey: np.ndarray) -> float:
    """Variance of the Laplacian at a fixed scale, so the figure does not depend on the
    camera's resolution."""
    scale = WORK_SIDE / max(grey.shape[:2])
    return float(cv2.Laplacian(cv2.resize(grey, None, fx=scale, fy=scale,
                                          interpolation=cv2.INTER_AREA), cv2.CV_64F).var())


def _glare_share(grey: np.ndarray) -> float:
    """Blown-out pixels in blobs (a white page is bright, but not saturated in patches)."""
    blown = (grey >= 252).astype(np.uint8)
    blown = cv2.morphologyEx(blown, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    return float(blown.mean())
