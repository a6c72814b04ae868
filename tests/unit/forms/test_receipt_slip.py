"""The photo receipt slip a photo station of ours prints, checked on the PDF itself: its
text, the photo on it, and its codes read back by OpenCV and by zbar."""

from __future__ import annotations

import cv2
import pytest

from counter_app.services.demo import DEMO_PHOTO
from counter_app.forms.city_config import load_form_config
from counter_app.forms.data import ReceiptSlipData
from counter_app.forms.receipt_slip import render_receipt_slip
from tests.unit.documents.support import needs_poppler, needs_zbar, page_image, run
from tests.unit.forms.test_documents import assert_fonts_embedded_and_subset, pages_of, text_of

pytestmark = needs_poppler

SLIP = ReceiptSlipData(number="SC00120261122A3F9C20007", issuer="示范区社会保障卡服务中心照相点",
                       date="2026-11-22", photo_jpeg=DEMO_PHOTO.read_bytes())


@pytest.fixture(scope="module")
def config():
    return load_form_config()


@pytest.fixture(scope="module")
def slip_pdf(config, tmp_path_factory):
    pdf = tmp_path_factory.mktemp("slip") / "slip.pdf"
    render_receipt_slip(SLIP, config, pdf)
    return pdf


def test_the_slip_says_the_number_issuer_date_and_what_to_do(slip_pdf, config):
    text = text_of(slip_pdf)
    flat = text.replace("\n", "").replace(" ", "")
    for field in (SLIP.number, SLIP.issuer, SLIP.date, config.photo_receipt["title"]):
        assert field in text
    for note in config.photo_receipt["notes"]:
        assert note.replace(" ", "") in flat  # wrapped over lines, none of it lost
    assert "受理窗口" in flat and "长期有效" in flat
    assert pages_of(slip_pdf) == 1
    assert_fonts_embedded_and_subset(slip_pdf)


def test_the_photo_is_on_the_slip_as_it_was_taken(slip_pdf):
    rows = run("pdfimages", "-list", str(slip_pdf)).splitlines()[2:]
    assert [row.split()[3:5] for row in rows] == [["358", "441"]]
    assert rows[0].split()[8] == "jpeg"  # embedded as the JPEG file, not re-encoded


def test_opencv_reads_the_number_from_the_qr_code(slip_pdf):
    page = page_image(slip_pdf)
    text, points, _ = cv2.QRCodeDetector().detectAndDecode(page)
    assert text == SLIP.number  # the number alone: a scanner at the window types just it


@needs_zbar
def test_zbar_reads_the_qr_code_and_the_barcode(slip_pdf, tmp_path):
    run("pdftoppm", "-r", "200", "-png", "-singlefile", str(slip_pdf), str(tmp_path / "page"))
    decoded = run("zbarimg", "-q", str(tmp_path / "page.png")).split()
    assert sorted(decoded) == sorted([f"QR-Code:{SLIP.number}", f"CODE-128:{SLIP.number}"])


def test_a_slip_without_a_readable_photo_prints_a_frame(config, tmp_path):
    pdf = tmp_path / "slip.pdf"
    render_receipt_slip(ReceiptSlipData(SLIP.number, SLIP.issuer, SLIP.date, b"not a jpeg"),
                        config, pdf)
    assert run("pdfimages", "-list", str(pdf)).splitlines()[2:] == []
    assert SLIP.number in text_of(pdf)
