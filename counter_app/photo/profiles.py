"""Spec profiles: what a card photo must look like, as data (`resources/photo_profiles`).

A profile may name a `base` profile and override only what differs, so a city variant of
GA 461 is a few lines. Every key is checked: a typo in a profile is an error at load time,
not a limit silently left at its default.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from dataclasses import dataclass

from counter_app import assets
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

PROFILES_DIR = assets.resources() / "photo_profiles"
DEFAULT_PROFILE = "ga461"

MSG_UNKNOWN = QT_TRANSLATE_NOOP("messages", "There is no photo profile named {name}.")
MSG_INVALID = QT_TRANSLATE_NOOP("messages", "The photo profile {name} is not valid: {problem}")


class ProfileError(CounterError):
    code = "photo_profile"


@dataclass(frozen=True)
class FaceRules:
    width: int
    width_tolerance: int
    head_top_min: int
    head_top_max: int
    eye_line_min: int
    centre_tolerance: int
    max_upscale: float


@dataclass(frozen=True)
class PoseRules:
    max_roll: float
    max_yaw: float


@dataclass(frozen=True)
class LightRules:
    dark_level: int
    bright_level: int
    max_dark_share: float
    max_bright_share: float
    max_side_difference: float


@dataclass(frozen=True)
class QualityRules:
    min_sharpness: float
    min_face_chroma: float


@dataclass(frozen=True)
class BackgroundRules:
    min_lightness: float
    max_spread: float
    max_colour_cast: float


@dataclass(frozen=True)
class FileRules:
    min_kb: float
    max_kb: float

    @property
    def min_bytes(self) -> int:
        return int(self.min_kb * 1024)

    @property
    def max_bytes(self) -> int:
        return int(self.max_kb * 1024)


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    width: int
    height: int
    dpi: int
    face: FaceRules
    pose: PoseRules
    light: LightRules
    quality: QualityRules
    background: BackgroundRules
    file: FileRules

    @property
    def target_head_top(self) -> float:
        """Where finishing puts the top of the head: the middle of the allowed band."""
        return (self.face.head_top_min + self.face.head_top_max) / 2


SECTIONS = {"face": FaceRules, "pose": PoseRules, "light": LightRules,
            "quality": QualityRules, "background": BackgroundRules, "file": FileRules}


def profile_names() -> list[str]:
    return sorted(entry.name.removesuffix(".toml") for entry in PROFILES_DIR.iterdir()
                  if entry.name.endswith(".toml"))


@functools.cache
def load_profile(name: str = DEFAULT_PROFILE) -> Profile:
    return _build(name, _merged(name, seen=()))


def _merged(name: str, seen: tuple[str, ...]) -> dict:
    """The profile's table with its base's values filled in (bases may chain)."""
    if not re.fullmatch(r"[a-z0-9_]+", name) or name in seen:
        raise ProfileError(MSG_UNKNOWN, name=name)
    path = PROFILES_DIR / f"{name}.toml"
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(MSG_UNKNOWN, name=name) from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(MSG_INVALID, name=name, problem=str(exc)) from None
    base_name = table.pop("base", None)
    if base_name is None:
        return table
    merged = _merged(base_name, (*seen, name))
    for key, value in table.items():
        if isinstance(value, dict):
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


def _build(name: str, table: dict) -> Profile:
    values = dict(table)
    try:
        for section, cls in SECTIONS.items():
            values[section] = _section(section, cls, values.get(section))
        profile = Profile(**values)
    except TypeError as exc:
        raise ProfileError(MSG_INVALID, name=name, problem=str(exc)) from None
    if profile.name != name:
        raise ProfileError(MSG_INVALID, name=name, problem=f"name is {profile.name!r}")
    return profile


def _section(section: str, cls: type, table: object) -> object:
    if not isinstance(table, dict):
        raise TypeError(f"section [{section}] is missing")
    wanted = {f.name for f in dataclasses.fields(cls)}
    if set(table) != wanted:
        raise TypeError(f"[{section}]: unknown keys {sorted(set(table) - wanted)}, "
                        f"missing keys {sorted(wanted - set(table))}")
    return cls(**table)
