"""Import a photo from an image file as it is (the photo station checks and crops it)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.photo.decoding import (MSG_MISSING, MSG_UNREADABLE, PhotoError, decode_image,
                                        read_image_file)

__all__ = ["MSG_MISSING", "MSG_TOO_SMALL", "MSG_UNREADABLE", "ImportedPhoto", "PhotoError",
           "load_photo_bytes", "load_photo_file"]

MSG_TOO_SMALL = QT_TRANSLATE_NOOP(
    "messages", "The image is too small ({width} x {height} pixels); at least {min_w} x "
                "{min_h} is needed.")

MIN_WIDTH, MIN_HEIGHT = 150, 180
MAX_SIDE = 2000  # larger captures are scaled down: the card photo is 358 x 441


@dataclass(frozen=True)
class ImportedPhoto:
    jpeg: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.jpeg).hexdigest()


def load_photo_file(path: Path) -> ImportedPhoto:
    return load_photo_bytes(read_image_file(path))


def load_photo_bytes(raw: bytes) -> ImportedPhoto:
    image = decode_image(raw)  # header first: huge, grey, CMYK, 16-bit, alpha are handled
    height, width = image.shape[:2]
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise PhotoError(MSG_TOO_SMALL, width=width, height=height,
                         min_w=MIN_WIDTH, min_h=MIN_HEIGHT)
    image = _limit_size(image)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    if not ok:
        raise PhotoError(MSG_UNREADABLE)
    return ImportedPhoto(encoded.tobytes(), image.shape[1], image.shape[0])


def _limit_size(image: np.ndarray) -> np.ndarray:
    scale = MAX_SIDE / max(image.shape[:2])
    if scale >= 1:
        return image
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
