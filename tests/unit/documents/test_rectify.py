"""Material scanning on a real scanned page (skimage's page.png) laid crooked on a desk."""

import os

import cv2
import numpy as np
import pytest
import skimage.data

from counter_app.documents.rectify import ID1_RATIO, MSG_BLURRED, MSG_GLARE, rectify

PAGE = cv2.imread(os.path.join(os.path.dirname(skimage.data.__file__), "page.png"),
                  cv2.IMREAD_GRAYSCALE)


def page_on_desk(angle: float, blur: int = 0, page: np.ndarray | None = None) -> np.ndarray:
    """The page, three times larger, rotated and a little in perspective on a dark desk."""
    page = cv2.resize(PAGE if page is None else page, None, fx=3, fy=3,
                      interpolation=cv2.INTER_CUBIC)
    page = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    h, w = page.shape[:2]
    desk = np.random.default_rng(1).normal(60, 8, (1500, 2000, 3)).clip(0, 255).astype(np.uint8)
    centre = np.array([1000, 750])
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    theta = np.deg2rad(angle)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    placed = corners @ rotation.T + centre
    placed[2:] += [[25, 10], [-25, 10]]  # the camera looks a little from above
    matrix = cv2.getPerspectiveTransform(
        np.float32([[0, 0], [w, 0], [w, h], [0, h]]), np.float32(placed))
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (2000, 1500))
    scene = np.where(mask[..., None] > 0,
                     cv2.warpPerspective(page, matrix, (2000, 1500)), desk)
    return cv2.GaussianBlur(scene, (0, 0), blur) if blur else scene


def similarity(image: np.ndarray) -> float:
    """Correlation with the original page at the scale of its lines of text: a crop a few
    pixels off still scores high, a page upside down or sideways does not."""
    size = (192, 96)
    grey = cv2.resize(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), size, interpolation=cv2.INTER_AREA)
    expected = cv2.resize(PAGE, size, interpolation=cv2.INTER_AREA)
    return float(cv2.matchTemplate(grey.astype(np.float32), expected.astype(np.float32),
                                   cv2.TM_CCOEFF_NORMED)[0, 0])


@pytest.mark.parametrize("angle", [-12, 7, 20])
def test_a_crooked_page_comes_back_upright_and_cropped(angle):
    result = rectify(page_on_desk(angle), "page")
    assert result.outline_found and result.acceptable, result.problems
    height, width = result.image.shape[:2]
    assert width / height == pytest.approx(PAGE.shape[1] / PAGE.shape[0], rel=0.06)
    assert similarity(result.image) > 0.7  # the same page, upright
    assert similarity(cv2.rotate(result.image, cv2.ROTATE_180)) < 0  # upside down: -0.57


def test_a_blurred_copy_is_flagged():
    result = rectify(page_on_desk(7, blur=6), "page")
    assert MSG_BLURRED in result.problems and not result.acceptable


def test_glare_is_flagged():
    page = PAGE.copy()
    cv2.circle(page, (190, 95), 45, 255, -1)  # a lamp's reflection
    result = rectify(page_on_desk(5, page=page), "page")
    assert MSG_GLARE in result.problems


def test_an_id_card_gets_the_id1_proportions():
    card = np.full((300, 480), 200, np.uint8)
    cv2.putText(card, "ID 110105", (40, 150), cv2.FONT_HERSHEY_SIMPLEX, 2, 30, 4)
    result = rectify(page_on_desk(10, page=card), "id_card")
    height, width = result.image.shape[:2]
    assert result.outline_found and width / height == pytest.approx(ID1_RATIO, rel=0.01)
