"""Test captures made from a real face: skimage's astronaut, cut out and laid on a white
backdrop as a 640 x 480 camera frame, and the failures derived from it."""

from __future__ import annotations

import functools
import math

import cv2
import numpy as np
from skimage import data

FRAME = (640, 480)
BACKDROP = 246
# Measured once on the 512 x 512 astronaut with the app's detector.
SOURCE_FACE_WIDTH = 95.0
SOURCE_FACE_CENTRE_X = 224.5
SOURCE_HEAD_TOP = 14.0


@functools.cache
def cutout() -> tuple[np.ndarray, np.ndarray]:
    """The astronaut (BGR) and a soft mask of her, from GrabCut seeded with rough shapes."""
    image = np.ascontiguousarray(data.astronaut()[:, :, ::-1])
    mask = np.full(image.shape[:2], cv2.GC_BGD, np.uint8)
    cv2.ellipse(mask, (227, 95), (85, 95), 0, 0, 360, cv2.GC_PR_FGD, -1)
    cv2.fillPoly(mask, [np.array([[120, 150], [320, 150], [370, 512], [20, 512]], np.int32)],
                 cv2.GC_PR_FGD)
    cv2.ellipse(mask, (225, 110), (40, 50), 0, 0, 360, cv2.GC_FGD, -1)
    cv2.rectangle(mask, (190, 150), (260, 230), cv2.GC_FGD, -1)
    cv2.ellipse(mask, (210, 230), (80, 45), 0, 0, 360, cv2.GC_FGD, -1)
    models = np.zeros((1, 65)), np.zeros((1, 65))
    cv2.grabCut(image, mask, None, *models, 5, cv2.GC_INIT_WITH_MASK)
    person = np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8) * 255
    person = cv2.morphologyEx(person, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    soft = cv2.GaussianBlur(person, (5, 5), 0).astype(np.float32) / 255
    return image, soft


def compose(**placing) -> np.ndarray:
    return composed(**placing)[0]


def composed(face_width: float = 190, centre_x: float = 320, head_top: float = 30,
             angle: float = 0.0, backdrop: int | tuple = BACKDROP, size=FRAME,
             noise: float = 1.5, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """A frame with her face *face_width* px wide, centred at *centre_x*, hair top at
    *head_top*, turned *angle* degrees (clockwise) about her face; and where she is."""
    image, mask = cutout()
    scale = face_width / SOURCE_FACE_WIDTH
    matrix = np.array([[scale, 0, centre_x - SOURCE_FACE_CENTRE_X * scale],
                       [0, scale, head_top - SOURCE_HEAD_TOP * scale]])
    if angle:
        pivot = (centre_x, head_top + 0.8 * face_width)
        rotation = cv2.getRotationMatrix2D(pivot, -angle, 1.0)
        matrix = rotation @ np.vstack([matrix, [0, 0, 1]])
    person = cv2.warpAffine(image, matrix, size, flags=cv2.INTER_AREA if scale < 1
                            else cv2.INTER_LINEAR)
    alpha = cv2.warpAffine(mask, matrix, size)[:, :, None]
    canvas = np.empty_like(person, np.float32)
    canvas[:] = backdrop
    frame = person * alpha + canvas * (1 - alpha)
    frame += np.random.default_rng(seed).normal(0, noise, frame.shape)
    return np.clip(frame + 0.5, 0, 255).astype(np.uint8), alpha[:, :, 0]


def passing() -> np.ndarray:
    return compose()


def _exposed(stops: float) -> np.ndarray:
    """The passing frame with the light on her changed by *stops* (in linear light) and
    the backdrop's own lights unchanged: the usual cause of a dark or washed-out face."""
    frame, alpha = composed()
    frame = frame.astype(np.float32) / 255
    linear = np.where(frame <= 0.04045, frame / 12.92, ((frame + 0.055) / 1.055) ** 2.4)
    linear = np.clip(linear * 2.0 ** stops, 0, 1)
    srgb = np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)
    alpha = alpha[:, :, None]
    return np.clip((srgb * alpha + frame * (1 - alpha)) * 255 + 0.5, 0, 255).astype(np.uint8)


def dark() -> np.ndarray:
    return _exposed(-3.0)


def over_exposed() -> np.ndarray:
    return _exposed(1.2)


def blurred() -> np.ndarray:
    return cv2.GaussianBlur(passing(), (0, 0), 4)


def off_centre() -> np.ndarray:
    return compose(centre_x=145)


def too_small() -> np.ndarray:
    return compose(face_width=120, head_top=90)


def too_large() -> np.ndarray:
    return compose(face_width=250, head_top=12)


def tilted() -> np.ndarray:
    return compose(angle=9)


def two_faces() -> np.ndarray:
    left = compose(face_width=150, centre_x=170, head_top=60)
    right = compose(face_width=150, centre_x=480, head_top=60, seed=2)
    return np.minimum(left, right)  # both on one backdrop: the darker of the two pixels


def no_face() -> np.ndarray:
    return compose(head_top=-400)  # only the suit is in the frame


def grey_background() -> np.ndarray:
    return compose(backdrop=165)


def colour_cast() -> np.ndarray:
    frame = passing().astype(np.float32)
    frame[:, :, 0] *= 0.84  # less blue: a warm (yellow) cast over everything
    return np.clip(frame, 0, 255).astype(np.uint8)


def turned(degrees: float = 15.0) -> np.ndarray:
    """Her head turned sideways: the head (a cylinder as wide as her hair) rotated about
    its vertical axis, so the face slides within the head's outline."""
    frame = passing()
    height, width = frame.shape[:2]
    centre, radius = 320.0, 0.75 * 190
    xs = np.arange(width, dtype=np.float32)
    angle = np.arcsin(np.clip((xs - centre) / radius, -1, 1)) - math.radians(degrees)
    source = centre + radius * np.sin(np.clip(angle, -math.pi / 2, math.pi / 2))
    map_x = np.tile(np.where(np.abs(xs - centre) < radius, source, xs).astype(np.float32),
                    (height, 1))
    map_y = np.tile(np.arange(height, dtype=np.float32)[:, None], (1, width))
    return cv2.remap(frame, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


DERIVED = {
    "dark": dark, "over_exposed": over_exposed, "blurred": blurred, "off_centre": off_centre,
    "too_small": too_small, "too_large": too_large, "tilted": tilted,
    "two_faces": two_faces, "no_face": no_face, "grey_background": grey_background,
    "colour_cast": colour_cast,
}


def jpeg(image: np.ndarray, quality: int = 92) -> bytes:
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return encoded.tobytes()


def arrival(seconds_steady: float = 2.0, fps: int = 25) -> list[np.ndarray]:
    """Frames of someone arriving: the empty backdrop, standing too far, then in place
    (each frame with its own camera noise)."""
    empty = [compose(head_top=-900, seed=i) for i in range(fps // 2)]
    far = [compose(face_width=110, head_top=120, seed=i) for i in range(fps // 2)]
    steady = [compose(seed=i) for i in range(round(seconds_steady * fps))]
    return empty + far + steady


def write_video(path, frames: list[np.ndarray], fps: int = 25):
    """An MJPG .avi (what opencv-python-headless writes without extra codecs)."""
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    assert writer.isOpened()
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path
