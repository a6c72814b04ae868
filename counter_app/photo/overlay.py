"""The live overlay, drawn on the preview frame by the capture thread (not the GUI):
where the face should be, where it is, and what the photo will show."""

from __future__ import annotations

import cv2
import numpy as np

from counter_app.photo.geometry import Box
from counter_app.photo.live import LiveResult

TARGET = (230, 120, 30)                    # BGR: blue, seen on a white backdrop
GOOD, BAD = (80, 200, 60), (0, 140, 255)   # BGR: green, amber
CROP = (200, 200, 200)


def draw_overlay(frame: np.ndarray, result: LiveResult, progress: float = 0.0) -> np.ndarray:
    """A copy of *frame* (the checked frame) with the guides drawn on it."""
    shown = frame.copy()
    _corners(shown, result.target, TARGET, 2)
    layout = result.findings.layout
    if layout is not None:
        _rectangle(shown, layout.box, CROP, 1)
    face = result.findings.face
    colour = GOOD if result.passed else BAD
    for box in result.findings.faces:
        _rectangle(shown, box, colour if box is face else BAD, 2)
    if progress > 0:  # how close the automatic capture is
        height, width = shown.shape[:2]
        cv2.rectangle(shown, (0, height - 6), (round(width * progress), height), GOOD, -1)
    return shown


def _rectangle(image: np.ndarray, box: Box, colour: tuple, thickness: int) -> None:
    cv2.rectangle(image, (round(box.x), round(box.y)), (round(box.right), round(box.bottom)),
                  colour, thickness, cv2.LINE_AA)


def _corners(image: np.ndarray, box: Box, colour: tuple, thickness: int) -> None:
    """Corner brackets: a target that does not hide the face."""
    arm = round(min(box.w, box.h) * 0.2)
    for x, y, dx, dy in ((box.x, box.y, 1, 1), (box.right, box.y, -1, 1),
                         (box.x, box.bottom, 1, -1), (box.right, box.bottom, -1, -1)):
        corner = (round(x), round(y))
        cv2.line(image, corner, (corner[0] + dx * arm, corner[1]), colour, thickness,
                 cv2.LINE_AA)
        cv2.line(image, corner, (corner[0], corner[1] + dy * arm), colour, thickness,
                 cv2.LINE_AA)
