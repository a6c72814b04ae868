"""Spec profiles are data: GA 461 and city variants, every key checked."""

from __future__ import annotations

import pytest

from counter_app.photo import profiles
from counter_app.photo.profiles import ProfileError, load_profile, profile_names


def test_ga461_holds_the_standard_figures():
    ga461 = load_profile("ga461")
    assert (ga461.width, ga461.height, ga461.dpi) == (358, 441, 350)
    face = ga461.face
    assert (face.width, face.width_tolerance) == (207, 14)
    assert (face.head_top_min, face.head_top_max, face.eye_line_min) == (7, 21, 207)
    assert (ga461.file.min_kb, ga461.file.max_kb) == (14, 20)
    assert ga461.target_head_top == 14


def test_a_city_variant_changes_only_what_it_names():
    ga461, city = load_profile("ga461"), load_profile("city_9_20kb")
    assert (city.file.min_kb, city.file.max_kb) == (9, 20)
    assert city.face == ga461.face and city.light == ga461.light


def test_the_small_city_photo():
    city = load_profile("city_236x295")
    assert (city.width, city.height, city.dpi) == (236, 295, 300)
    assert city.face.width == 136


def test_the_profiles_on_disk():
    assert {"ga461", "city_9_20kb", "city_236x295"} <= set(profile_names())


@pytest.mark.parametrize("name", ["nope", "../rules/default", "GA461"])
def test_an_unknown_profile_is_a_clear_error(name):
    with pytest.raises(ProfileError, match="no photo profile"):
        load_profile(name)


def test_a_misspelt_key_is_refused(tmp_path, monkeypatch):
    (tmp_path / "ga461.toml").write_text(
        (profiles.PROFILES_DIR / "ga461.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "typo.toml").write_text('base = "ga461"\nname = "typo"\ntitle = "t"\n'
                                        "[face]\nwidht = 200\n", encoding="utf-8")
    monkeypatch.setattr(profiles, "PROFILES_DIR", tmp_path)
    load_profile.cache_clear()
    try:
        with pytest.raises(ProfileError, match="widht"):
            load_profile("typo")
    finally:
        load_profile.cache_clear()
