"""Reading the application number back from a scanned or photographed signed form."""

import dataclasses

import cv2
import numpy as np
import pytest

from counter_app.documents import (
    ForeignCode, NoCodeFound, NotAnImage, WrongApplication, check_page_belongs_to,
    read_application_number)
from counter_app.forms.qr import qr_payload
from counter_app.forms.registration import render_registration_form
from counter_app.forms.sample import sample_form_data
from tests.unit.documents.support import as_scan, needs_poppler, page_image

NUMBER = "SC001-20261122-0042"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The sample form at 200 dpi, as poppler renders it."""
    pdf = tmp_path_factory.mktemp("scan") / "form.pdf"
    render_registration_form(dataclasses.replace(sample_form_data(), application_number=NUMBER), pdf)
    return page_image(pdf)


@needs_poppler
@pytest.mark.parametrize("angle", [0, 2.5, -3, 5])
def test_a_page_turned_a_few_degrees_with_noise_is_read(page, angle):
    assert read_application_number(as_scan(page, angle=angle, noise=14)) == NUMBER


@needs_poppler
def test_a_page_upside_down_is_read(page):
    assert read_application_number(as_scan(np.rot90(page, 2).copy(), noise=8)) == NUMBER


@needs_poppler
def test_a_low_resolution_photo_with_uneven_light_is_read(page):
    small = cv2.resize(page, None, fx=0.6, fy=0.6, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    shade = np.tile(np.linspace(0.65, 1.0, w, dtype=np.float32), (h, 1))
    dim = (small.astype(np.float32) * shade).astype(np.uint8)
    assert read_application_number(as_scan(dim, angle=-2, noise=6, quality=60)) == NUMBER


def test_a_page_without_a_qr_code_is_refused_with_the_reason():
    blank = np.full((2339, 1654), 245, np.uint8)
    cv2.putText(blank, "signed form without code", (200, 400), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 5)
    with pytest.raises(NoCodeFound) as caught:
        read_application_number(as_scan(blank))
    assert "No QR code" in str(caught.value)


def test_a_qr_code_of_something_else_is_refused():
    code = cv2.QRCodeEncoder.create().encode("https://example.org/not-a-form")
    page = np.full((1400, 1000), 255, np.uint8)
    big = cv2.resize(code, None, fx=10, fy=10, interpolation=cv2.INTER_NEAREST)
    page[100:100 + big.shape[0], 500:500 + big.shape[1]] = big
    with pytest.raises(ForeignCode):
        read_application_number(as_scan(page))


def test_a_payload_whose_checksum_does_not_match_is_refused():
    number, _, check = qr_payload(NUMBER).rpartition(":")
    code = cv2.QRCodeEncoder.create().encode(f"{number}:{'0000' if check != '0000' else '1111'}")
    page = np.full((1400, 1000), 255, np.uint8)
    big = cv2.resize(code, None, fx=10, fy=10, interpolation=cv2.INTER_NEAREST)
    page[100:100 + big.shape[0], 500:500 + big.shape[1]] = big
    with pytest.raises(ForeignCode):
        read_application_number(as_scan(page))


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4 not an image", b"\xff\xd8\xff broken jpeg"])
def test_a_file_that_is_not_a_picture_is_refused(content):
    with pytest.raises(NotAnImage):
        read_application_number(content)


def test_a_page_of_another_application_is_refused_naming_both():
    with pytest.raises(WrongApplication) as caught:
        check_page_belongs_to("SC001-20261122-0001", "SC001-20261122-0002")
    assert caught.value.params == {"found": "SC001-20261122-0001",
                                   "expected": "SC001-20261122-0002"}
    check_page_belongs_to("SC001-20261122-0002", "SC001-20261122-0002")
