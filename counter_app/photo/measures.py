"""The numbers the checks judge, each from one small region of the capture.

Face measures use the inside of the face box (skin, eyes, mouth; little hair or backdrop).
The background is read where the photo will show backdrop: the upper corners of the crop
box beside the head and the strip above it. Robust statistics (median, inter-quartile
range) keep a lock of hair in a corner from deciding the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from counter_app.photo.geometry import Box

SHARPNESS_WIDTH = 96  # the face is scaled to this width so sharpness does not depend on size


@dataclass(frozen=True)
class FaceLight:
    dark_share: float     # of face pixels at or below the dark level
    bright_share: float   # at or above the bright level
    side_difference: float  # |left - right| mean luminance, as a share of full scale
    sharpness: float
    chroma: float


@dataclass(frozen=True)
class Backdrop:
    lightness: float   # median luminance
    spread: float      # inter-quartile range of luminance
    cast: float        # chroma of the median colour (CIELAB units)


def inner_face(face: Box) -> Box:
    return face.part(0.2, 0.22, 0.8, 0.92)


def face_light(bgr: np.ndarray, gray: np.ndarray, face: Box, dark_level: int,
               bright_level: int) -> FaceLight:
    height, width = gray.shape[:2]
    rows, cols = inner_face(face).slices(width, height)
    skin = gray[rows, cols]
    if skin.size == 0:
        return FaceLight(0.0, 0.0, 0.0, 0.0, 0.0)
    half = skin.shape[1] // 2
    left, right = float(skin[:, :half].mean()), float(skin[:, half:].mean())
    return FaceLight(
        dark_share=float((skin <= dark_level).mean()),
        bright_share=float((skin >= bright_level).mean()),
        side_difference=abs(left - right) / 255.0,
        sharpness=sharpness(skin),
        chroma=_chroma(bgr[rows, cols]))


def sharpness(gray_patch: np.ndarray) -> float:
    """Variance of the Laplacian against the variance of the patch itself (so a dim face
    is not taken for a blurred one), with the patch scaled to a fixed width."""
    factor = SHARPNESS_WIDTH / gray_patch.shape[1]
    size = (SHARPNESS_WIDTH, max(3, round(gray_patch.shape[0] * factor)))
    scaled = cv2.resize(gray_patch, size, interpolation=cv2.INTER_AREA if factor < 1
                        else cv2.INTER_LINEAR)
    contrast = float(scaled.var())
    if contrast < 1.0:
        return 0.0  # a flat patch: no detail at all
    return 1000.0 * float(cv2.Laplacian(scaled, cv2.CV_32F).var()) / contrast


def backdrop(bgr: np.ndarray, gray: np.ndarray, crop: Box, head_top_margin: float
             ) -> Backdrop | None:
    """The backdrop as the photo cut along *crop* will show it; None if none is visible.

    Read in the upper corners and above the head, where hair rarely reaches; the spread
    is the larger of the differences between these places and the variation inside each.
    """
    height, width = gray.shape[:2]
    regions = [crop.part(0.0, 0.0, 0.1, 0.25), crop.part(0.9, 0.0, 1.0, 0.25)]
    top = head_top_margin / crop.h * 0.6  # the part of the margin surely above the hair
    if top * crop.h >= 2:
        regions.append(crop.part(0.1, 0.0, 0.9, top))
    samples = [gray[r, c] for r, c in (region.slices(width, height) for region in regions)]
    samples = [sample for sample in samples if sample.size >= 20]
    if not samples:
        return None
    quartiles = [np.percentile(sample, (25, 50, 75)) for sample in samples]
    medians = [q[1] for q in quartiles]
    spread = max(max(medians) - min(medians), *(q[2] - q[0] for q in quartiles))
    colour = np.concatenate([bgr[r, c].reshape(-1, 3) for r, c in
                             (region.slices(width, height) for region in regions)])
    return Backdrop(lightness=float(np.median(np.concatenate([s.ravel() for s in samples]))),
                    spread=float(spread), cast=_chroma(colour, median=True))


def _chroma(bgr: np.ndarray, median: bool = False) -> float:
    """Chroma (CIELAB, 8-bit scale) of the typical colour of *bgr*."""
    pixels = bgr.reshape(-1, 3)
    if pixels.size == 0:
        return 0.0
    typical = np.median(pixels, axis=0) if median else pixels.mean(axis=0)
    lab = cv2.cvtColor(np.uint8([[np.clip(typical + 0.5, 0, 255)]]), cv2.COLOR_BGR2Lab)
    a, b = float(lab[0, 0, 1]) - 128, float(lab[0, 0, 2]) - 128
    return float(np.hypot(a, b))
