"""Bad input gives a clear result, never a crash: unreadable files a message (and exit 2
on the command line), odd but readable images their check results."""

from __future__ import annotations

import io
import struct
import tracemalloc

import cv2
import numpy as np
import pytest
from PIL import Image

from counter_app.photo.assessment import assess_bytes
from counter_app.photo.decoding import (MSG_TOO_LARGE, MSG_UNREADABLE, PhotoError,
                                        decode_image, read_header)
from counter_app.photo.importer import load_photo_bytes
from tests.unit.photo import portraits


def failed_names(raw: bytes, profile) -> list[str]:
    return [check.name for check in assess_bytes(raw, profile).failed]


def png(image: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".png", image)
    assert ok
    return encoded.tobytes()


def pillow_bytes(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def rgb(image: np.ndarray) -> Image.Image:
    return Image.fromarray(np.ascontiguousarray(image[:, :, ::-1]))


def unreadable_cases() -> dict[str, bytes]:
    jpeg, as_png = portraits.jpeg(portraits.passing()), png(portraits.passing())
    bad_tables = bytearray(jpeg)
    start = jpeg.index(b"\xff\xc4")  # the Huffman tables
    bad_tables[start + 4:start + 40] = b"\xff" * 36
    bad_png = bytearray(as_png)
    bad_png[200:260] = bytes(60)  # inside the compressed image data
    return {
        "zero_byte": b"",
        "truncated_jpeg": jpeg[:len(jpeg) // 2],
        "truncated_png": as_png[:len(as_png) // 2],
        "jpeg_header_only": jpeg[:20],
        "corrupt_jpeg": bytes(bad_tables),
        "corrupt_png": bytes(bad_png),
        "random": np.random.default_rng(5).bytes(5000),
        "text": "王䶮.jpg".encode() * 100,
    }


@pytest.mark.parametrize("name", sorted(unreadable_cases()))
def test_unreadable_input_is_a_clear_message(ga461, name):
    raw = unreadable_cases()[name]
    with pytest.raises(PhotoError) as caught:
        assess_bytes(raw, ga461)
    assert caught.value.template == MSG_UNREADABLE
    with pytest.raises(PhotoError):
        load_photo_bytes(raw)  # the wizard's file import says the same


def test_damaged_image_data_still_gives_a_result(ga461):
    jpeg = bytearray(portraits.jpeg(portraits.passing()))
    scan = jpeg.index(b"\xff\xda")
    jpeg[scan + 3000:scan + 3400] = bytes(range(200)) * 2  # garbage in the picture itself
    assessment = assess_bytes(bytes(jpeg), ga461)
    assert assessment.checks  # judged like any capture: whatever it shows, no crash


def test_grayscale_is_read_and_fails_natural_colour(ga461):
    grey = cv2.cvtColor(portraits.passing(), cv2.COLOR_BGR2GRAY)
    assert decode_image(portraits.jpeg(grey)).shape == (480, 640, 3)
    assert failed_names(portraits.jpeg(grey), ga461) == ["natural_colour"]


def test_cmyk_jpeg_is_read_as_colour(ga461):
    raw = pillow_bytes(rgb(portraits.passing()).convert("CMYK"), "JPEG", quality=92)
    assert failed_names(raw, ga461) == []


def test_sixteen_bit_png_is_read(ga461):
    deep = portraits.passing().astype(np.uint16) * 257
    assert decode_image(png(deep)).dtype == np.uint8
    assert failed_names(png(deep), ga461) == []


def test_a_cut_out_on_transparency_is_laid_on_white(ga461):
    frame, alpha = portraits.composed(backdrop=0)  # black behind her, made transparent
    with_alpha = np.dstack([frame, (alpha * 255).astype(np.uint8)])
    raw = png(with_alpha)
    assert read_header(raw).has_alpha
    image = decode_image(raw)
    assert image[5, 5].tolist() == [255, 255, 255]
    assert failed_names(raw, ga461) == []


def test_exif_rotated_phone_photo_is_turned_upright(ga461):
    stored = np.ascontiguousarray(np.rot90(portraits.passing()))  # sensor held sideways
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 clockwise to show"
    raw = pillow_bytes(rgb(stored), "JPEG", quality=92, exif=exif.tobytes())
    assert (read_header(raw).width, read_header(raw).height) == (480, 640)
    assert decode_image(raw).shape == (480, 640, 3)
    assert failed_names(raw, ga461) == []


@pytest.mark.parametrize("kind", ["png", "bmp"])
def test_a_huge_lossless_image_is_refused_from_its_header(kind):
    if kind == "png":
        raw = b"\x89PNG\r\n\x1a\n" + struct.pack(">I4sIIBBBBB", 13, b"IHDR", 10000, 5000,
                                                  8, 2, 0, 0, 0) + bytes(100)
    else:
        raw = b"BM" + bytes(12) + struct.pack("<Iii", 40, 10000, -5000) + bytes(100)
    with pytest.raises(PhotoError) as caught:
        decode_image(raw)
    assert caught.value.template == MSG_TOO_LARGE
    assert caught.value.params == {"width": 10000, "height": 5000, "megapixels": 24}


def test_headers_are_read_without_decoding():
    assert read_header(portraits.jpeg(portraits.passing())).width == 640
    bmp = cv2.imencode(".bmp", portraits.passing())[1].tobytes()
    assert (read_header(bmp).kind, read_header(bmp).height) == ("bmp", 480)
    assert read_header(b"GIF89a") is None and read_header(b"\xff\xd8\xff") is None


def test_fifty_megapixels_are_checked_in_bounded_memory(ga461):
    """A 50 MP JPEG (8166 x 6124) is decoded reduced by libjpeg: the arrays made while it
    is checked (numpy reports them to tracemalloc) stay far below the 150 MB its full
    decode alone would take."""
    raw = portraits.jpeg(cv2.resize(portraits.passing(), (8166, 6124)), 85)
    tracemalloc.start()
    try:
        assessment = assess_bytes(raw, ga461)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60_000_000, f"{peak / 1e6:.0f} MB"
    assert [check.name for check in assessment.failed] == []
