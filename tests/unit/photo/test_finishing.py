"""Finishing: the photo is cut to the profile and encoded inside its size window."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from counter_app.photo.assessment import assess_bytes, assess_image
from counter_app.photo.decoding import read_header
from counter_app.photo.finishing import cut, encode_in_window, file_checks
from counter_app.photo.profiles import load_profile
from tests.unit.photo import portraits


def test_the_finished_photo_meets_the_profile(ga461, passing_jpeg):
    photo = assess_bytes(passing_jpeg, ga461).photo
    header = read_header(photo.jpeg)
    assert (header.kind, header.width, header.height) == ("jpeg", 358, 441)
    assert 14 * 1024 <= len(photo.jpeg) <= 20 * 1024
    assert photo.jpeg[13:18] == b"\x01\x01\x5e\x01\x5e"  # JFIF: 350 dots per inch
    assert b"Exif" not in photo.jpeg[:200]


def test_the_quality_is_the_best_that_fits_the_window(ga461):
    assessment = assess_image(portraits.passing(), ga461)
    image = cut(portraits.passing(), assessment.findings.layout.box, ga461)
    photo = encode_in_window(image, ga461)
    assert photo == assessment.photo
    ok, one_better = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, photo.quality + 1])
    assert len(one_better) > ga461.file.max_bytes


@pytest.mark.parametrize("name", ["ga461", "city_9_20kb", "city_236x295"])
def test_every_profile_window_is_reached(passing_jpeg, name):
    profile = load_profile(name)
    assessment = assess_bytes(passing_jpeg, profile)
    assert [c.name for c in assessment.failed] == []
    assert profile.file.min_bytes <= len(assessment.photo.jpeg) <= profile.file.max_bytes


def test_a_plain_picture_that_cannot_reach_the_window_fails_file_size(ga461):
    flat = np.full((441, 358, 3), 240, np.uint8)
    photo = encode_in_window(flat, ga461)
    size, dimensions = file_checks(photo, ga461)
    assert size.outcome == "fail" and size.measured < ga461.file.min_kb
    assert dimensions.outcome == "pass" and dimensions.measured == "358 × 441"
