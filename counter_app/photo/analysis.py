"""From a picture and the faces found in it to the list of check results.

`analyse` measures (eyes, head top, crop layout, light, backdrop); `judge` compares the
measures with the profile. The live check and the full check share both and differ only
in how they look for faces (`live.py`, `assessment.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from counter_app.photo import measures
from counter_app.photo.checks import CheckResult, skipped, within
from counter_app.photo.faces import Eyes, FaceFinder, face_width, head_centre, head_top
from counter_app.photo.geometry import Box, Layout, plan_crop
from counter_app.photo.measures import Backdrop, FaceLight
from counter_app.photo.profiles import Profile

# A head turned by yaw moves the eyes sideways within its outline by about
# half-width x sin(yaw) x cos(EYE_ANGLE): the eyes sit about 30 degrees round the head
# from its front (a cylinder model; checked against a head turned synthetically).
COS_EYE_ANGLE = 0.87
FACE_CHECKS = ("face_resolution", "face_width", "head_top", "face_centre", "eye_line",
               "eyes", "roll", "yaw", "under_exposure", "over_exposure", "even_light",
               "sharpness", "natural_colour", "background_white", "background_even",
               "colour_cast")


@dataclass(frozen=True)
class Findings:
    faces: tuple[Box, ...]
    source_scale: float = 1.0  # capture pixels per pixel of the picture measured
    eyes: Eyes | None = None
    yaw: float | None = None
    layout: Layout | None = None
    light: FaceLight | None = None
    backdrop: Backdrop | None = None

    @property
    def face(self) -> Box | None:
        return self.faces[0] if len(self.faces) == 1 else None


def analyse(bgr: np.ndarray, gray: np.ndarray, faces: list[Box], finder: FaceFinder,
            profile: Profile, source_scale: float = 1.0) -> Findings:
    if len(faces) != 1:
        return Findings(tuple(faces), source_scale)
    face = faces[0]
    eyes = finder.eyes(gray, face)
    centre_x = eyes.midpoint.x if eyes else face.centre_x
    eye_y = eyes.midpoint.y if eyes else face.y + 0.4 * face.h
    height, width = gray.shape[:2]
    layout = plan_crop(profile, width, height, face_width(face), centre_x,
                       head_top(gray, face), eye_y)
    light = measures.face_light(bgr, gray, face, profile.light.dark_level,
                                profile.light.bright_level)
    backdrop = measures.backdrop(bgr, gray, layout.box, layout.head_top * layout.scale)
    top = layout.box.y + layout.head_top * layout.scale
    yaw = estimated_yaw(gray, eyes, backdrop, top) if eyes and backdrop else None
    return Findings((face,), source_scale, eyes, yaw, layout, light, backdrop)


def estimated_yaw(gray: np.ndarray, eyes: Eyes, backdrop: Backdrop, top: float
                  ) -> float | None:
    """Degrees the head is turned (positive: towards the image's right), from where the
    eyes sit within the head's outline against the backdrop."""
    outline = head_centre(gray, backdrop.lightness, top, eyes)
    if outline is None:
        return None
    centre, half_width = outline
    ratio = (eyes.midpoint.x - centre) / max(half_width * COS_EYE_ANGLE, 1.0)
    return math.degrees(math.asin(min(1.0, max(-1.0, ratio))))


def judge(found: Findings, profile: Profile) -> list[CheckResult]:
    """The checks of everything but the finished file, in CHECKS order."""
    count = within("face_count", len(found.faces), 1, 1)
    face, layout, light = found.face, found.layout, found.light
    if face is None or layout is None or light is None:
        return [count, *map(skipped, FACE_CHECKS)]
    rules = profile.face
    # Pixel measures are judged in whole pixels, as the standard states them (and as
    # they are shown: 21.4 px would read "21" and look allowed).
    width_in_photo = round(layout.face_width)
    size_ok = width_in_photo <= rules.width + rules.width_tolerance
    results = [
        count,
        within("face_resolution", round(face_width(face) * found.source_scale),
               low=round(rules.width / rules.max_upscale)),
        within("face_width", width_in_photo, rules.width - rules.width_tolerance,
               rules.width + rules.width_tolerance),
        within("head_top", round(layout.head_top), rules.head_top_min, rules.head_top_max),
        within("face_centre", round(layout.centre_offset), -rules.centre_tolerance,
               rules.centre_tolerance),
        # Where the eyes fall depends on the scale: judged only once the face fits.
        within("eye_line", round(layout.eye_line), low=rules.eye_line_min) if size_ok
        else skipped("eye_line"),
        *_eye_checks(found.eyes, found.yaw, profile),
        *_light_checks(light, profile),
        *_backdrop_checks(found.backdrop, profile),
    ]
    return results


def _eye_checks(eyes: Eyes | None, yaw: float | None, profile: Profile
                ) -> list[CheckResult]:
    if eyes is None:
        return [within("eyes", 0, low=2), skipped("roll"), skipped("yaw")]
    pose = profile.pose
    return [within("eyes", 2, low=2),
            within("roll", eyes.roll, -pose.max_roll, pose.max_roll),
            skipped("yaw") if yaw is None else within("yaw", yaw, -pose.max_yaw, pose.max_yaw)]


def _light_checks(light: FaceLight, profile: Profile) -> list[CheckResult]:
    rules = profile.light
    return [within("under_exposure", light.dark_share, high=rules.max_dark_share),
            within("over_exposure", light.bright_share, high=rules.max_bright_share),
            within("even_light", light.side_difference, high=rules.max_side_difference),
            within("sharpness", light.sharpness, low=profile.quality.min_sharpness),
            within("natural_colour", light.chroma, low=profile.quality.min_face_chroma)]


def _backdrop_checks(backdrop: Backdrop | None, profile: Profile) -> list[CheckResult]:
    if backdrop is None:
        return [skipped("background_white"), skipped("background_even"),
                skipped("colour_cast")]
    rules = profile.background
    return [within("background_white", backdrop.lightness, low=rules.min_lightness),
            within("background_even", backdrop.spread, high=rules.max_spread),
            within("colour_cast", backdrop.cast, high=rules.max_colour_cast)]
