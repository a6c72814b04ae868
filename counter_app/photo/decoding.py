"""Turn image bytes into an 8-bit BGR picture, safely.

The header is read before anything is decoded, so a 50-megapixel phone photo costs a
reduced JPEG decode (libjpeg scales while decoding) rather than hundreds of megabytes,
and an image that would still be too large is refused with a message. Grey, CMYK,
16-bit and transparent images all come out as ordinary colour pictures; JPEG EXIF
orientation is applied by OpenCV.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.security.input_files import read_input_file

MSG_UNREADABLE = QT_TRANSLATE_NOOP(
    "messages", "The file is not a readable image (JPEG, PNG or BMP): please choose another.")
MSG_MISSING = QT_TRANSLATE_NOOP("messages", "The image file cannot be opened.")
MSG_TOO_LARGE = QT_TRANSLATE_NOOP(
    "messages", "The image is too large ({width} x {height} pixels); at most {megapixels} "
                "megapixels can be opened.")

MAX_PIXELS = 24_000_000  # decoded; 72 MB as BGR
MAX_FILE_BYTES = 40 * 2**20  # a camera's or scanner's image file at most
JPEG_REDUCED = ((1, cv2.IMREAD_COLOR), (2, cv2.IMREAD_REDUCED_COLOR_2),
                (4, cv2.IMREAD_REDUCED_COLOR_4), (8, cv2.IMREAD_REDUCED_COLOR_8))
JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class PhotoError(CounterError):
    code = "photo"


@dataclass(frozen=True)
class ImageHeader:
    kind: str  # "jpeg", "png" or "bmp"
    width: int
    height: int
    has_alpha: bool = False


def read_header(raw: bytes) -> ImageHeader | None:
    """Format and size from the first bytes; None when it is none of the three."""
    try:
        if raw.startswith(b"\xff\xd8"):
            return _jpeg_header(raw)
        if raw.startswith(PNG_SIGNATURE) and raw[12:16] == b"IHDR":
            width, height, _depth, colour = struct.unpack(">IIBB", raw[16:26])
            transparency = b"tRNS" in raw[:raw.find(b"IDAT")]  # palette or key colour
            return ImageHeader("png", width, height, has_alpha=colour in (4, 6) or transparency)
        if raw.startswith(b"BM"):
            return _bmp_header(raw)
    except struct.error:  # the header itself is cut short
        return None
    return None


def read_image_file(path: Path) -> bytes:
    """The file's bytes (imdecode from bytes: imread cannot open non-ASCII paths on
    Windows): a regular file of at most MAX_FILE_BYTES, else InputFileError."""
    return read_input_file(path, MAX_FILE_BYTES)


def decode_image(raw: bytes, max_pixels: int = MAX_PIXELS) -> np.ndarray:
    """An 8-bit BGR image from *raw*, or PhotoError with a message staff understand."""
    header = read_header(raw)
    if header is None or header.width <= 0 or header.height <= 0:
        raise PhotoError(MSG_UNREADABLE)
    if header.kind == "jpeg":
        image = _decode_jpeg(raw, header, max_pixels)
    elif header.width * header.height > max_pixels:
        raise _too_large(header, max_pixels)
    elif header.has_alpha:
        image = _on_white(_imdecode(raw, cv2.IMREAD_UNCHANGED))
    else:
        image = _imdecode(raw, cv2.IMREAD_COLOR)
    return image


def _decode_jpeg(raw: bytes, header: ImageHeader, max_pixels: int) -> np.ndarray:
    for factor, flag in JPEG_REDUCED:
        if (header.width // factor) * (header.height // factor) <= max_pixels:
            return _imdecode(raw, flag)
    raise _too_large(header, max_pixels)


def _imdecode(raw: bytes, flag: int) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(raw, np.uint8), flag)
    if image is None or image.size == 0:
        raise PhotoError(MSG_UNREADABLE)
    return image


def _on_white(image: np.ndarray) -> np.ndarray:
    """Lay a transparent image on white: a cut-out portrait is meant to have no backdrop."""
    if image.ndim != 3 or image.shape[2] != 4:  # OpenCV gives BGRA for every PNG with alpha
        raise PhotoError(MSG_UNREADABLE)
    scale = 65535.0 if image.dtype == np.uint16 else 255.0
    out = np.empty(image.shape[:2] + (3,), np.uint8)
    for top in range(0, image.shape[0], 256):  # in bands: floats of the whole would be big
        band = image[top:top + 256].astype(np.float32) / scale
        alpha = band[:, :, 3:4]
        out[top:top + 256] = (band[:, :, :3] * alpha + (1.0 - alpha)) * 255.0 + 0.5
    return out


def _too_large(header: ImageHeader, max_pixels: int) -> PhotoError:
    return PhotoError(MSG_TOO_LARGE, width=header.width, height=header.height,
                      megapixels=max_pixels // 1_000_000)


def _jpeg_header(raw: bytes) -> ImageHeader | None:
    """Walk the marker segments up to the frame header (SOF) that holds the size."""
    pos = 2
    while pos + 4 <= len(raw):
        if raw[pos] != 0xFF:
            return None
        marker = raw[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            pos += 2
            continue
        (length,) = struct.unpack(">H", raw[pos + 2:pos + 4])
        if marker in JPEG_SOF:
            height, width = struct.unpack(">HH", raw[pos + 5:pos + 9])
            return ImageHeader("jpeg", width, height)
        if marker == 0xDA or length < 2:  # image data before any frame header
            return None
        pos += 2 + length
    return None


def _bmp_header(raw: bytes) -> ImageHeader:
    (dib_size,) = struct.unpack("<I", raw[14:18])
    if dib_size == 12:  # OS/2 BITMAPCOREHEADER
        width, height = struct.unpack("<HH", raw[18:22])
    else:
        width, height = struct.unpack("<ii", raw[18:26])
    return ImageHeader("bmp", width, abs(height))
