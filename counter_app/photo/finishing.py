"""Finishing: cut the photo to the profile and encode a JPEG inside its size window.

The quality is searched (bisection) for the best quality that stays under the upper
bound; a picture so plain that even the best quality stays under the lower bound is
encoded again without chroma subsampling, which keeps more colour detail. The JFIF
header carries the profile's resolution (GA 461: 350 dpi), and no EXIF is written.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

import cv2
import numpy as np

from counter_app.photo.checks import CheckResult, equals, within
from counter_app.photo.decoding import read_header
from counter_app.photo.geometry import Box
from counter_app.photo.profiles import Profile

LOWEST_QUALITY, HIGHEST_QUALITY = 30, 95


@dataclass(frozen=True)
class FinishedPhoto:
    jpeg: bytes
    width: int
    height: int
    quality: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.jpeg).hexdigest()


def cut(image: np.ndarray, box: Box, profile: Profile) -> np.ndarray:
    """The part of *image* inside *box*, scaled to the profile's size."""
    rows, cols = box.slices(image.shape[1], image.shape[0])
    part = image[rows, cols]
    shrinking = part.shape[1] >= profile.width
    return cv2.resize(part, (profile.width, profile.height),
                      interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_CUBIC)


def finish(image: np.ndarray, box: Box, profile: Profile) -> FinishedPhoto:
    return encode_in_window(cut(image, box, profile), profile)


def encode_in_window(photo: np.ndarray, profile: Profile) -> FinishedPhoto:
    window = profile.file
    quality, jpeg = _best_under(photo, window.max_bytes, subsampled=True)
    if len(jpeg) < window.min_bytes and quality == HIGHEST_QUALITY:
        quality, jpeg = _best_under(photo, window.max_bytes, subsampled=False)
    return FinishedPhoto(_with_dpi(jpeg, profile.dpi), photo.shape[1], photo.shape[0], quality)


def file_checks(photo: FinishedPhoto, profile: Profile) -> list[CheckResult]:
    header = read_header(photo.jpeg)
    size = f"{header.width} × {header.height}" if header else "?"
    return [within("file_size", len(photo.jpeg) / 1024, profile.file.min_kb,
                   profile.file.max_kb),
            equals("dimensions", size, f"{profile.width} × {profile.height}")]


def _best_under(photo: np.ndarray, max_bytes: int, subsampled: bool) -> tuple[int, bytes]:
    """The highest quality whose file is at most *max_bytes* (the lowest if none is)."""
    low, high = LOWEST_QUALITY, HIGHEST_QUALITY
    best = (low, _encode(photo, low, subsampled))
    if len(best[1]) > max_bytes:
        return best
    while low < high:  # invariant: quality `low` fits
        middle = (low + high + 1) // 2
        jpeg = _encode(photo, middle, subsampled)
        if len(jpeg) <= max_bytes:
            low, best = middle, (middle, jpeg)
        else:
            high = middle - 1
    return best


def _encode(photo: np.ndarray, quality: int, subsampled: bool) -> bytes:
    sampling = cv2.IMWRITE_JPEG_SAMPLING_FACTOR_420 if subsampled else \
        cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444
    ok, encoded = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, quality,
                                               cv2.IMWRITE_JPEG_SAMPLING_FACTOR, sampling])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return encoded.tobytes()


def _with_dpi(jpeg: bytes, dpi: int) -> bytes:
    """Set the JFIF density (libjpeg writes 1:1 without units) to *dpi*."""
    if jpeg[2:4] != b"\xff\xe0" or jpeg[6:11] != b"JFIF\x00":
        return jpeg
    return jpeg[:13] + struct.pack(">BHH", 1, dpi, dpi) + jpeg[18:]
