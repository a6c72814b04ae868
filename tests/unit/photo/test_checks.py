"""The checks on real faces: the astronaut on white passes; each derived failure fails
the check it is about, and only that one (the ones it makes unmeasurable are skipped)."""

from __future__ import annotations

import pytest

from counter_app.photo.assessment import assess_bytes, assess_image
from counter_app.photo.checks import CHECKS, Outcome
from tests.unit.photo import portraits

EXPECTED = {
    "dark": "under_exposure",
    "over_exposed": "over_exposure",
    "blurred": "sharpness",
    "off_centre": "face_centre",
    "too_small": "face_resolution",
    "too_large": "face_width",
    "tilted": "roll",
    "two_faces": "face_count",
    "no_face": "face_count",
    "grey_background": "background_white",
    "colour_cast": "colour_cast",
}


def failed_names(assessment) -> list[str]:
    return [check.name for check in assessment.failed]


def test_the_passing_capture_passes_every_check(ga461):
    assessment = assess_image(portraits.passing(), ga461)
    assert failed_names(assessment) == []
    assert [c.outcome for c in assessment.checks] == [Outcome.PASS] * len(CHECKS)
    assert [c.name for c in assessment.checks] == list(CHECKS)
    assert assessment.passed and assessment.hint == ""


def test_the_passing_capture_passes_as_a_jpeg_too(ga461, passing_jpeg):
    assert failed_names(assess_bytes(passing_jpeg, ga461)) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_derived_failure_fails_its_check_and_only_that_one(ga461, name):
    assessment = assess_image(portraits.DERIVED[name](), ga461)
    assert failed_names(assessment) == [EXPECTED[name]]
    failed = assessment.failed[0]
    assert failed.hint, "a failed check says what to fix"
    assert assessment.hint == failed.hint
    assert failed.measured is not None and (failed.low is not None or failed.high is not None)


@pytest.mark.parametrize("name", ["two_faces", "no_face"])
def test_without_a_single_face_the_rest_is_skipped_and_nothing_is_cut(ga461, name):
    assessment = assess_image(portraits.DERIVED[name](), ga461)
    assert {c.outcome for c in assessment.checks[1:]} == {Outcome.SKIP}
    assert assessment.photo is None and not assessment.overridable


def test_a_turned_head_fails_the_yaw_check(ga461):
    assessment = assess_image(portraits.turned(15), ga461)
    assert failed_names(assessment) == ["yaw"]
    assert assessment.failed[0].measured > ga461.pose.max_yaw
    assert assessment.hint == "Look straight into the camera"


def test_a_black_and_white_photo_fails_natural_colour(ga461):
    import cv2

    grey = cv2.cvtColor(cv2.cvtColor(portraits.passing(), cv2.COLOR_BGR2GRAY),
                        cv2.COLOR_GRAY2BGR)
    assert failed_names(assess_image(grey, ga461)) == ["natural_colour"]


def test_each_result_carries_value_limit_outcome_and_message(ga461):
    assessment = assess_image(portraits.too_small(), ga461)
    check = assessment.failed[0]
    assert check.name == "face_resolution" and check.outcome == Outcome.FAIL
    assert check.low == round(207 / 1.25) == 166
    assert check.message() == (f"The face is {check.measured:.0f} px wide in the capture; "
                               "at least 166 px are needed.")
    assert check.template == CHECKS["face_resolution"].template  # what the UI translates
    assert check.title == "Face large enough"


def test_the_most_important_fix_comes_first(ga461):
    import cv2

    dark_and_small = portraits.compose(face_width=120, head_top=90)
    dark_and_small = cv2.convertScaleAbs(dark_and_small, alpha=0.3)
    assessment = assess_image(dark_and_small, ga461)
    assert len(assessment.failed) > 1
    assert assessment.hint == "Move closer"  # size before light


def test_the_city_profile_cuts_its_own_size(passing_jpeg):
    from counter_app.photo.profiles import load_profile

    assessment = assess_bytes(passing_jpeg, load_profile("city_236x295"))
    assert failed_names(assessment) == []
    assert (assessment.photo.width, assessment.photo.height) == (236, 295)
