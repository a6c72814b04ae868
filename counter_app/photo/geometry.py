"""Boxes in image pixels, and where the card photo is cut from a capture.

The crop follows the profile: the face width sets the scale, the top of the head sets
the top edge, the face centre the left edge. When the capture is too small for that box
the box is shrunk or pushed back inside it, and the layout then shows by how much the
photo misses the profile (face too large, head too high, face off the midline).
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.photo.profiles import Profile


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre_x(self) -> float:
        return self.x + self.w / 2

    @property
    def centre_y(self) -> float:
        return self.y + self.h / 2

    def scaled(self, factor: float) -> Box:
        return Box(self.x * factor, self.y * factor, self.w * factor, self.h * factor)

    def part(self, left: float, top: float, right: float, bottom: float) -> Box:
        """The part between the given fractions of this box's width and height."""
        return Box(self.x + left * self.w, self.y + top * self.h,
                   (right - left) * self.w, (bottom - top) * self.h)

    def grown(self, factor: float) -> Box:
        """This box enlarged about its centre."""
        w, h = self.w * factor, self.h * factor
        return Box(self.centre_x - w / 2, self.centre_y - h / 2, w, h)

    def slices(self, width: int, height: int) -> tuple[slice, slice]:
        """Row and column slices of the box clipped to a width x height image."""
        x0, y0 = max(0, round(self.x)), max(0, round(self.y))
        x1, y1 = min(width, round(self.right)), min(height, round(self.bottom))
        return slice(y0, max(y0, y1)), slice(x0, max(x0, x1))


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Layout:
    """The crop box in the capture and what the photo cut from it will measure."""

    box: Box
    scale: float          # capture pixels per photo pixel
    face_width: float     # photo pixels
    head_top: float       # from the top edge
    eye_line: float       # from the bottom edge
    centre_offset: float  # face centre minus the vertical midline (negative: left)


def plan_crop(profile: Profile, image_width: int, image_height: int, face_width: float,
              face_centre_x: float, head_top: float, eye_y: float) -> Layout:
    """Where to cut the photo: the profile's box, fitted inside the capture."""
    wanted = face_width / profile.face.width
    largest = min(image_width / profile.width, image_height / profile.height)
    scale = min(wanted, largest)
    w, h = profile.width * scale, profile.height * scale
    x = _clamp(face_centre_x - w / 2, image_width - w)
    y = _clamp(head_top - profile.target_head_top * scale, image_height - h)
    return Layout(
        box=Box(x, y, w, h), scale=scale, face_width=face_width / scale,
        head_top=(head_top - y) / scale, eye_line=profile.height - (eye_y - y) / scale,
        centre_offset=(face_centre_x - x) / scale - profile.width / 2)


def _clamp(value: float, upper: float) -> float:
    return min(max(value, 0.0), max(upper, 0.0))
