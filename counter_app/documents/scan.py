"""Find the form's QR code on a scan or a photo of a page and return the application number.

A flatbed scan at 200-300 dpi decodes at once. A phone photo or a page laid crooked on
the document camera may need help, so a few cheap variants of the picture are tried in
turn (smaller, smoothed, black-and-white, larger); OpenCV's detector copes with a page
turned by a few degrees, or upside down, by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import cv2
import numpy as np

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.forms.qr import parse_qr_payload
from counter_app.photo.decoding import MAX_PIXELS, read_header

log = logging.getLogger(__name__)

MAX_SIDE = 2600  # pixels; a 12-megapixel photo is shrunk to this first (faster, no loss)
MIN_SIDE = 1200  # a small picture is enlarged so that the code's modules get bigger

MSG_NOT_AN_IMAGE = QT_TRANSLATE_NOOP(
    "messages", "The file is not a picture that can be read (use JPEG, PNG, TIFF or BMP).")
MSG_TOO_MANY_PIXELS = QT_TRANSLATE_NOOP(
    "messages", "The picture is too large to read ({width} x {height} pixels); scan the page "
                "again at 300 dpi.")
MSG_NO_CODE = QT_TRANSLATE_NOOP(
    "messages", "No QR code could be read on the page. Scan or photograph the whole page "
                "again, flat and in good light, with the code at the top right in view.")
MSG_FOREIGN_CODE = QT_TRANSLATE_NOOP(
    "messages", "The QR code on the page does not come from a form printed by this "
                "program, or it is damaged. Scan the signed registration form itself.")


class ScanError(CounterError):
    code = "scan"


class NotAnImage(ScanError):
    code = "scan_not_image"

    def __init__(self) -> None:
        super().__init__(MSG_NOT_AN_IMAGE)


class NoCodeFound(ScanError):
    code = "scan_no_code"

    def __init__(self) -> None:
        super().__init__(MSG_NO_CODE)


class ForeignCode(ScanError):
    code = "scan_foreign_code"

    def __init__(self) -> None:
        super().__init__(MSG_FOREIGN_CODE)


def read_application_number(image_bytes: bytes) -> str:
    """The application number in the page's QR code, or a ScanError saying why not."""
    page = decode_image(image_bytes)
    foreign = False
    for variant in _variants(page):
        for text in _decoded_texts(variant):
            try:
                return parse_qr_payload(text)
            except ValueError:
                foreign = True  # a code, but not ours (or damaged): keep looking
    if foreign:
        raise ForeignCode()
    raise NoCodeFound()


def decode_image(image_bytes: bytes) -> np.ndarray:
    """Grey-scale pixels of a JPEG/PNG/TIFF/BMP file; NotAnImage otherwise (and for one
    whose header promises more than MAX_PIXELS: refused before it is decoded)."""
    header = read_header(image_bytes)
    if header is not None and header.width * header.height > MAX_PIXELS:
        raise ScanError(MSG_TOO_MANY_PIXELS, width=header.width, height=header.height)
    buffer = np.frombuffer(image_bytes, dtype=np.uint8)
    page = cv2.imdecode(buffer, cv2.IMREAD_GRAYSCALE) if buffer.size else None
    if page is None or min(page.shape[:2]) < 32:
        raise NotAnImage()
    return page


def _variants(page: np.ndarray) -> Iterator[np.ndarray]:
    """The page as it is (within size limits), then versions that help hard cases."""
    base = _within_size(page)
    yield base
    yield cv2.GaussianBlur(base, (3, 3), 0)  # speckle noise of cheap scanners
    yield cv2.threshold(base, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    yield cv2.adaptiveThreshold(base, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C,
                                cv2.THRESH_BINARY, 51, 10)  # uneven light in photos
    yield cv2.resize(base, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)


def _within_size(page: np.ndarray) -> np.ndarray:
    longest, shortest = max(page.shape[:2]), min(page.shape[:2])
    if longest > MAX_SIDE:
        scale = MAX_SIDE / longest
    elif shortest < MIN_SIDE:
        scale = MIN_SIDE / shortest
    else:
        return page
    return cv2.resize(page, None, fx=scale, fy=scale,
                      interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)


def _decoded_texts(image: np.ndarray) -> list[str]:
    """Every QR text OpenCV reads in the image (there may be other codes on the page)."""
    detector = cv2.QRCodeDetector()
    try:
        ok, texts, _points, _ = detector.detectAndDecodeMulti(image)
    except cv2.error as exc:  # OpenCV gives up on some degenerate pictures
        log.debug("QR detection failed: %s", exc)
        return []
    return [text for text in texts if text] if ok else []
