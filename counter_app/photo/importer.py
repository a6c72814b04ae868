"""Import a photo from an image file (the photo station's capture comes later)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_UNREADABLE = QT_TRANSLATE_NOOP(
    "messages", "The file is not a readable image (JPEG, PNG or BMP): please choose another.")
MSG_MISSING = QT_TRANSLATE_NOOP("messages", "The image file cannot be opened.")
MSG_TOO_SMALL = QT_TRANSLATE_NOOP(
    "messages", "The image is too small ({width} x {height} pixels); at least {min_w} x "
                "{min_h} is needed.")

MIN_WIDTH, MIN_HEIGHT = 150, 180
MAX_SIDE = 2000  # larger captures are scaled down: the card photo is 358 x 441


class PhotoError(CounterError):
    code = "photo"


@dataclass(frozen=True)
class ImportedPhoto:
    jpeg: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.jpeg).hexdigest()


def load_photo_file(path: Path) -> ImportedPhoto:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PhotoError(MSG_MISSING) from exc
    return load_photo_bytes(raw)


def load_photo_bytes(raw: bytes) -> ImportedPhoto:
    # imdecode from bytes rather than imread: imread cannot open non-ASCII paths on Windows.
    image = cv2.imdecode(np.frombuffer(raw, np.uint8), cv2.IMREAD_COLOR) if raw else None
    if image is None:
        raise PhotoError(MSG_UNREADABLE)
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
