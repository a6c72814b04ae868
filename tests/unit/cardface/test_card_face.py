"""The card face as printed: its text (pdftotext), its pages (CR80), its pixels at 300 dpi
(nothing in the rounded corners' cut, the photo at the layout's size, undistorted)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import shutil
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from counter_app.cardface import (CardFaceData, CardFaceError, load_card_layout,
                                  parse_card_layout, render_card_face, sample_card_face)
from counter_app.cardface.layout import CARD_FACES_DIR, Rect

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdftoppm", "pdfinfo", "pdffonts")),
    reason="needs poppler-utils")

DPI = 300
PX_PER_MM = DPI / 25.4


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def written(tmp_path: Path, pdf: bytes, name: str = "face.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def page_pixels(pdf: Path, page: int = 1) -> np.ndarray:
    """The page at 300 dpi, grey-scale (pdftoppm)."""
    stem = pdf.with_name(f"{pdf.stem}-{page}")
    run("pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(page), "-l", str(page),
        "-singlefile", str(pdf), str(stem))
    return cv2.imread(f"{stem}.png", cv2.IMREAD_GRAYSCALE)


def photo_jpeg(width: int, height: int) -> bytes:
    """A mid-grey photo with a black disc in the middle (to see any distortion)."""
    image = np.full((height, width, 3), 110, np.uint8)
    radius = min(width, height) // 4
    cv2.circle(image, (width // 2, height // 2), radius, (0, 0, 0), -1)
    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 95])
    assert ok
    return jpeg.tobytes()


@pytest.fixture(scope="module")
def layout():
    return load_card_layout()


@pytest.fixture(scope="module")
def face(layout, tmp_path_factory) -> Path:
    pdf = render_card_face(sample_card_face(), layout)
    return written(tmp_path_factory.mktemp("card"), pdf)


def test_the_text_has_every_value_and_the_rare_characters(face):
    text = run("pdftotext", "-layout", str(face), "-")
    card = sample_card_face()
    for expected in ("中华人民共和国社会保障卡", card.name, card.social_security_number,
                     card.card_number, "2026年11月", card.bank, "使用须知",
                     "发卡机构：默认城市人力资源和社会保障局"):
        assert expected in text
    assert "王䶮𠮷" in text  # Ext A and Ext B, through the ToUnicode fix


def test_two_pages_exactly_cr80_with_every_font_embedded(face):
    info = run("pdfinfo", str(face))
    assert re.search(r"^Pages:\s+2$", info, re.M)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert width == pytest.approx(85.6 / 25.4 * 72, abs=0.01)
    assert height == pytest.approx(54.0 / 25.4 * 72, abs=0.01)
    rows = run("pdffonts", str(face)).splitlines()[2:]
    assert len(rows) >= 2  # the Chinese font and the one with 𠮷
    assert all(row.split()[-5:-3] == ["yes", "yes"] for row in rows)  # embedded, subset


def corner_cut(shape: tuple[int, int], radius_mm: float, margin_mm: float = 0.1) -> np.ndarray:
    """Pixels the rounded corners cut away (less a thin band along the arc)."""
    height, width = shape
    ys, xs = np.mgrid[0:height, 0:width]
    x_mm, y_mm = (xs + 0.5) / PX_PER_MM, (ys + 0.5) / PX_PER_MM
    near_x = np.minimum(x_mm, 85.6 - x_mm)  # the card's size, not the image's (rounded up)
    near_y = np.minimum(y_mm, 54.0 - y_mm)
    return ((near_x < radius_mm) & (near_y < radius_mm)
            & (np.hypot(radius_mm - near_x, radius_mm - near_y) > radius_mm + margin_mm))


@pytest.mark.parametrize("page", [1, 2])
def test_nothing_is_printed_in_the_rounded_corners(face, layout, page):
    pixels = page_pixels(face, page)
    assert pixels.shape == (math.ceil(54.0 * PX_PER_MM), math.ceil(85.6 * PX_PER_MM))
    cut = corner_cut(pixels.shape, layout.corner_radius)
    assert cut.sum() > 4 * 100  # the zones are there to look at
    assert pixels[cut].min() == 255


LAYOUT_HEAD = """
city = "测试市"
sides = ["front"]
[card]
corner_radius = 3.18
safe_margin = 0.0
"""


@pytest.mark.parametrize("corner", ["top-left", "top-right", "bottom-left", "bottom-right"])
def test_a_photo_as_close_to_a_corner_as_allowed_leaves_the_cut_white(tmp_path, corner):
    # the box's corner on the arc: the farthest into the corner the layout allows
    radius, size = 3.18, (20.0, 25.0)
    inset = radius - radius / math.sqrt(2) + 0.01
    x = inset if "left" in corner else 85.6 - inset - size[0]
    y = inset if "top" in corner else 54.0 - inset - size[1]
    layout = parse_card_layout(LAYOUT_HEAD + f"""
[[front]]
kind = "photo"
x = {x:.3f}
y = {y:.3f}
width = {size[0]}
height = {size[1]}
""", "corners.toml")
    card = dataclasses.replace(sample_card_face(), photo=photo_jpeg(400, 500))
    pixels = page_pixels(written(tmp_path, render_card_face(card, layout)))
    assert pixels[corner_cut(pixels.shape, radius)].min() == 255
    inside = pixels[round((y + 1) * PX_PER_MM):round((y + 3) * PX_PER_MM),
                    round((x + 1) * PX_PER_MM):round((x + 3) * PX_PER_MM)]
    assert inside.max() < 140  # the photo is printed right up to there


def dark_box(pixels: np.ndarray, level: int) -> tuple[int, int, int, int]:
    """x, y, width, height (pixels) of everything darker than *level*."""
    ys, xs = np.nonzero(pixels < level)
    return xs.min(), ys.min(), xs.max() - xs.min() + 1, ys.max() - ys.min() + 1


def photo_region(pixels: np.ndarray, box: Rect) -> tuple[np.ndarray, int, int]:
    """The photo's box and 2 mm around it, and where that region starts."""
    left, top = round((box.x - 2) * PX_PER_MM), round((box.y - 2) * PX_PER_MM)
    right, bottom = round((box.right + 2) * PX_PER_MM), round((box.bottom + 2) * PX_PER_MM)
    return pixels[top:bottom, left:right], left, top


@pytest.mark.parametrize("photo_size", [(358, 441), (900, 600), (300, 700)],
                         ids=["ga461-portrait", "landscape", "tall"])
def test_the_photo_fills_the_layouts_box_without_distortion(tmp_path, layout, photo_size):
    card = dataclasses.replace(sample_card_face(), photo=photo_jpeg(*photo_size))
    pixels = page_pixels(written(tmp_path, render_card_face(card, layout)))
    box = layout.photo_box()
    region, left, top = photo_region(pixels, box)
    x, y, width, height = dark_box(region, 200)  # the grey photo and its disc
    assert abs(left + x - box.x * PX_PER_MM) <= 1.5
    assert abs(top + y - box.y * PX_PER_MM) <= 1.5
    assert abs(width - box.width * PX_PER_MM) <= 2  # 20 mm: 236 px
    assert abs(height - box.height * PX_PER_MM) <= 2  # 25 mm: 295 px
    *_, disc_width, disc_height = dark_box(region, 50)
    assert abs(disc_width - disc_height) <= 2  # a circle stays a circle: cropped, not squeezed


def test_without_a_photo_its_box_stays_blank(tmp_path, layout):
    card = dataclasses.replace(sample_card_face(), photo=None)
    pixels = page_pixels(written(tmp_path, render_card_face(card, layout)))
    region, _left, _top = photo_region(pixels, layout.photo_box())
    assert region.min() == 255


def test_a_damaged_photo_stops_the_card(layout):
    card = dataclasses.replace(sample_card_face(), photo=b"\xff\xd8broken")
    with pytest.raises(CardFaceError, match="photo file is damaged"):
        render_card_face(card, layout)


def test_a_name_too_long_for_its_box_stops_the_card_without_saying_it(layout):
    card = dataclasses.replace(sample_card_face(), name="阿" * 80)
    with pytest.raises(CardFaceError) as raised:
        render_card_face(card, layout)
    assert "name does not fit" in str(raised.value) and "阿" not in str(raised.value)
    assert raised.value.params["file"] == "default.toml"


def test_a_character_no_font_has_stops_the_card(layout):
    card = dataclasses.replace(sample_card_face(), name="王\U0010FFFD")
    with pytest.raises(CardFaceError, match="1 character"):
        render_card_face(card, layout)


def test_a_long_name_shrinks_into_its_box(tmp_path, layout):
    name = "阿依古丽·买买提艾力·司马义"
    card = dataclasses.replace(sample_card_face(), name=name)
    face = written(tmp_path, render_card_face(card, layout))
    assert name in run("pdftotext", str(face), "-").replace("\n", "")


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="needs zbar-tools")
def test_the_back_carries_the_card_number_as_a_code128_that_reads(face):
    png = face.with_name("back.png")
    cv2.imwrite(str(png), page_pixels(face, 2))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True,
                             text=True).stdout.split()
    assert decoded == [sample_card_face().card_number]


def test_a_front_only_city_prints_one_page_and_a_qr_code_where_asked(tmp_path):
    text = (CARD_FACES_DIR / "default.toml").read_text(encoding="utf-8")
    text = text.replace('sides = ["front", "back"]', 'sides = ["front"]')
    layout = parse_card_layout(text, "front_only.toml")
    face = written(tmp_path, render_card_face(sample_card_face(), layout))
    assert re.search(r"^Pages:\s+1$", run("pdfinfo", str(face)), re.M)

    qr_layout = parse_card_layout(
        text.replace('symbology = "code128"', 'symbology = "qr"')
        .replace('sides = ["front"]', 'sides = ["front", "back"]'), "qr.toml")
    back = page_pixels(written(tmp_path, render_card_face(sample_card_face(), qr_layout)), 2)
    decoded, _points, _ = cv2.QRCodeDetector().detectAndDecode(
        cv2.resize(back, None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST))
    assert decoded == sample_card_face().card_number


def test_guides_show_the_card_for_a_preview_only(tmp_path, layout):
    plain = page_pixels(written(tmp_path, render_card_face(sample_card_face(), layout), "a.pdf"))
    guided = page_pixels(written(tmp_path, render_card_face(sample_card_face(), layout,
                                                            guides=True), "b.pdf"))
    chip = next(zone.box for zone in layout.keep_clear if zone.name == "chip")
    middle = (round((chip.y + chip.height / 2) * PX_PER_MM),
              round((chip.x + chip.width / 2) * PX_PER_MM))
    assert plain[middle] == 255 and guided[middle] < 255  # the chip's zone shown


def test_issue_date_and_an_empty_bank(tmp_path, layout):
    card = CardFaceData(name="李四", social_security_number="110105199001010011",
                        card_number="B87654321", issue_date=dt.date(2027, 3, 5), bank="")
    text = run("pdftotext", str(written(tmp_path, render_card_face(card, layout))), "-")
    assert "2027年03月" in text and "李四" in text and "B87654321" in text
