from pathlib import Path

import pytest

from counter_app.forms.fonts import FontsMissingError, find_fonts, missing_characters, split_runs
from counter_app.forms.rl_unicode_fix import make_to_unicode_cmap

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
HANA_A = Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf")
HANA_B = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")
needs_cjk_fonts = pytest.mark.skipif(
    not (WQY.exists() and HANA_A.exists() and HANA_B.exists()),
    reason="needs fonts-wqy-zenhei and fonts-hanazono",
)
NO_GLYPH = "\U0010fffd"  # plane-16 private use: no font ships a glyph for it


def test_missing_fonts_error_names_the_searched_path_and_the_fix():
    with pytest.raises(FontsMissingError) as caught:
        find_fonts(["/nonexistent/simsun.ttc"], search_bundled=False, search_system=False)
    assert caught.value.code == "fonts_missing"
    assert "/nonexistent/simsun.ttc" in str(caught.value)
    assert "fonts-wqy-zenhei" in str(caught.value)


def test_cff_opentype_font_is_skipped_not_fatal():
    otf = next(Path("/usr/share/fonts/opentype").rglob("*.otf"), None)
    if otf is None:
        pytest.skip("no OpenType font installed")
    with pytest.raises(FontsMissingError):  # skipped quietly, not a ReportLab TTFError
        find_fonts([str(otf)], search_bundled=False, search_system=False)


@needs_cjk_fonts
def test_configured_font_is_searched_first():
    fonts = find_fonts([str(HANA_A)], search_bundled=False, search_system=False)
    assert fonts.paths[fonts.primary].name == HANA_A.name


@needs_cjk_fonts
def test_ext_b_character_is_drawn_in_hanamin_b_and_the_rest_in_wenquanyi():
    fonts = find_fonts()
    runs = split_runs("王䶮𠮷", fonts)
    assert [text for _, text in runs] == ["王䶮", "𠮷"]
    assert fonts.paths[runs[0][0]].name == WQY.name
    assert fonts.paths[runs[1][0]].name == HANA_B.name


@needs_cjk_fonts
def test_character_without_glyph_is_reported_and_falls_back_to_primary():
    fonts = find_fonts()
    assert missing_characters(f"王{NO_GLYPH}", fonts) == {NO_GLYPH}
    assert split_runs(f"王{NO_GLYPH}", fonts) == [(fonts.primary, f"王{NO_GLYPH}")]


@needs_cjk_fonts
def test_fonts_are_registered_once_per_process():
    assert find_fonts() is find_fonts()


def test_to_unicode_map_uses_surrogate_pairs_beyond_the_bmp():
    cmap = make_to_unicode_cmap("F", [0x738B, 0x20BB7])
    assert "<00> <738B>" in cmap
    assert "<01> <D842DFB7>" in cmap


@needs_cjk_fonts
def test_metrics_cache_gives_the_same_face_as_parsing(tmp_path):
    from reportlab.pdfbase.ttfonts import TTFontFace

    from counter_app.forms.font_faces import load_face

    first = load_face(WQY, tmp_path)  # parses and writes the cache
    assert len(list(tmp_path.iterdir())) == 1
    cached = load_face(WQY, tmp_path)  # reads it back
    parsed = TTFontFace(str(WQY))
    for code in map(ord, "王䶮申请A1 "):
        assert cached.charToGlyph[code] == first.charToGlyph[code] == parsed.charToGlyph[code]
        assert cached.getCharWidth(code) == parsed.getCharWidth(code)
    assert ord("𠮷") not in cached.charToGlyph
    assert cached.name == parsed.name and cached.bbox == parsed.bbox
    assert cached.makeSubset([0x738B, 0x7533]) == parsed.makeSubset([0x738B, 0x7533])


@needs_cjk_fonts
def test_damaged_cache_file_is_ignored_and_rewritten(tmp_path):
    from counter_app.forms.font_faces import load_face

    load_face(HANA_B, tmp_path)
    cache_file = next(tmp_path.iterdir())
    cache_file.write_bytes(cache_file.read_bytes()[:1000])
    assert ord("𠮷") in load_face(HANA_B, tmp_path).charToGlyph
    assert cache_file.stat().st_size > 100_000


def test_corrupt_font_file_is_named_in_a_clear_message(tmp_path):
    broken = tmp_path / "simsun.ttc"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"garbage" * 100)
    with pytest.raises(FontsMissingError) as caught:
        find_fonts([str(broken)], search_bundled=False, search_system=False,
                   cache_dir=tmp_path / "cache")
    message = str(caught.value)
    assert str(broken) in message and "damaged" in message
    assert caught.value.broken == [broken]


@needs_cjk_fonts
def test_truncated_font_is_refused_before_printing(tmp_path):
    truncated = tmp_path / "wqy-cut.ttc"
    truncated.write_bytes(WQY.read_bytes()[:4_000_000])
    with pytest.raises(FontsMissingError) as caught:
        find_fonts([str(truncated)], search_bundled=False, search_system=False,
                   cache_dir=tmp_path / "cache")
    assert caught.value.broken == [truncated]


@needs_cjk_fonts
def test_corrupt_configured_font_falls_back_to_the_system_fonts(tmp_path):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    fonts = find_fonts([str(broken)], search_bundled=False, cache_dir=tmp_path / "cache")
    assert fonts.paths[fonts.primary].name == WQY.name
