"""The card layout file: chosen by the rules' city, checked with clear errors (the file and
the line of what is wrong)."""

from __future__ import annotations

import pytest

from counter_app.cardface import CardLayoutError, load_card_layout, parse_card_layout
from counter_app.cardface.layout import CARD_FACES_DIR, Rect, in_corner_cut
from counter_app.domain.errors import ConfigFileError

DEFAULT = (CARD_FACES_DIR / "default.toml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str, after: int = 0) -> int:
    """The 1-based line of the first *fragment* after line *after*, comments left out."""
    for number, line in enumerate(text.splitlines(), 1):
        if number > after and fragment in line and not line.lstrip().startswith("#"):
            return number
    raise AssertionError(fragment)


def refused(text: str, file: str = "city_x.toml") -> CardLayoutError:
    with pytest.raises(CardLayoutError) as raised:
        parse_card_layout(text, file)
    assert file in str(raised.value)
    return raised.value


def test_the_default_layout_is_valid_and_describes_both_sides():
    layout = load_card_layout()
    assert layout.file == "default.toml" and layout.sides == ("front", "back")
    assert layout.photo_box() == Rect(61.6, 12.5, 20.0, 25.0)
    fields = {e.field for e in layout.elements["front"]}
    assert {"name", "social_security_number", "card_number", "issue_date", "bank"} <= fields
    assert {z.name for z in layout.keep_clear} == {"chip", "magnetic stripe"}


def test_the_rules_city_chooses_its_file_else_the_default(tmp_path):
    (tmp_path / "default.toml").write_text(DEFAULT, encoding="utf-8")
    (tmp_path / "b_city.toml").write_text(DEFAULT.replace('city = "默认城市"', 'city = "乙市"')
                                          .replace('sides = ["front", "back"]',
                                                   'sides = ["front"]'), encoding="utf-8")
    (tmp_path / "broken.toml").write_text("city = [", encoding="utf-8")  # not chosen: ignored
    chosen = load_card_layout("乙市", tmp_path)
    assert chosen.file == "b_city.toml" and chosen.sides == ("front",)
    assert load_card_layout("丙市", tmp_path).file == "default.toml"
    assert load_card_layout("", tmp_path).file == "default.toml"


def test_a_syntax_error_names_the_file_and_the_line():
    text = DEFAULT.replace("size = 11.0", "size = 11.0 pt")
    with pytest.raises(ConfigFileError) as raised:
        parse_card_layout(text, "city_x.toml")
    message = str(raised.value)
    assert "city_x.toml" in message and f"line {line_of(text, '11.0 pt')}" in message


def test_an_element_outside_the_safe_area_is_refused_at_its_line():
    photo = line_of(DEFAULT, 'kind = "photo"')
    x_line = line_of(DEFAULT, "x = 61.6", photo)
    text = DEFAULT.replace("x = 61.6", "x = 66.0")
    error = refused(text)
    assert error.params["line"] == photo - 1  # the [[front]] header of the photo
    assert "outside the safe area" in str(error)
    assert x_line > photo


def test_a_typo_in_a_key_is_refused_at_that_key():
    text = DEFAULT.replace("min_size = 5.0\nalign", "min_sise = 5.0\nalign", 1)
    error = refused(text)
    assert error.params["line"] == line_of(text, "min_sise")
    assert "unknown key 'min_sise'" in str(error)


def test_an_element_over_the_chip_is_refused():
    text = DEFAULT.replace('text = "姓名"\nx = 4.0\ny = 33.0', 'text = "姓名"\nx = 4.0\ny = 30.0')
    error = refused(text)
    assert 'keep-clear zone "chip"' in str(error)
    assert error.params["line"] == line_of(text, 'text = "姓名"') - 2


def test_overlapping_elements_are_refused_naming_the_other_line():
    text = DEFAULT.replace("x = 23.0\ny = 33.0\nwidth = 37.0", "x = 20.0\ny = 33.0\nwidth = 37.0")
    error = refused(text)
    label = line_of(text, 'text = "姓名"') - 2  # its [[front]] header
    assert f"line {label}" in str(error)


@pytest.mark.parametrize("change, problem", [
    (('field = "name"', 'field = "nickname"'), "field must be one of"),
    (('kind = "photo"           #', 'kind = "hologram" #'), "kind must be one of"),
    (("size = 11.0", "size = 2.0"), "size must be a number from 3"),
    (("height = 5.5\nsize = 11.0", "height = 2.0\nsize = 11.0"), "box is too low"),
    (('colour = "#8B1A1A"', 'colour = "red"'), "colour must look like"),
    (('date_format = "{year}年{month:02d}月"', 'date_format = "{yr}"'), "date_format may use"),
    (('sides = ["front", "back"]', 'sides = ["front", "inside"]'), "sides must be"),
    (("safe_margin = 2.0", "safe_margin = -1"), "safe_margin must be a number"),
    (('symbology = "code128"', 'symbology = "pdf417"'), "symbology must be one of"),
    (('valign = "top"', 'valign = "up"'), "valign must be one of"),
])
def test_wrong_values_are_refused_with_what_is_wrong(change, problem):
    error = refused(DEFAULT.replace(*change, 1))
    assert problem in str(error)
    assert error.params["line"] == line_of(DEFAULT.replace(*change, 1), change[1].split("\n")[0])


def test_a_text_element_needs_text_or_field_not_both():
    text = DEFAULT.replace('field = "bank"', 'field = "bank"\ntext = "银行"')
    assert "either text or field" in str(refused(text))


def test_a_printed_side_needs_elements():
    head, _sep, _back = DEFAULT.partition("# --- back")
    assert "the back side is printed but has no elements" in str(refused(head))
    front_only = parse_card_layout(head.replace('sides = ["front", "back"]',
                                                'sides = ["front"]'))
    assert front_only.sides == ("front",)


def test_a_corner_element_is_refused_when_it_reaches_into_the_cut():
    text = DEFAULT.replace("safe_margin = 2.0", "safe_margin = 0.0").replace(
        "x = 4.0\ny = 3.5", "x = 0.5\ny = 0.5", 1)
    assert "rounded corner" in str(refused(text))


def test_the_corner_geometry():
    radius = 3.18
    assert in_corner_cut(Rect(0.5, 0.5, 10, 10), 85.6, 54.0, radius)
    assert not in_corner_cut(Rect(1.0, 1.0, 10, 10), 85.6, 54.0, radius)  # on the arc: clear
    assert not in_corner_cut(Rect(3.2, 0.0, 10, 10), 85.6, 54.0, radius)  # beside the corner
    assert in_corner_cut(Rect(75.0, 43.5, 10.4, 10.3), 85.6, 54.0, radius)  # bottom right
