"""The card face's layout: data in ``resources/card_faces/*.toml``, read and checked here.

    load_card_layout(city="") -> CardLayout      the city's file, else default.toml
    parse_card_layout(text, file) -> CardLayout  the same from a text (tests, a preview)

A file that cannot be used raises ``CardLayoutError`` (a ConfigFileError): a syntax
error with its line and column, anything else with the line of the key or table that is
wrong and what is wrong with it (never a value). Positions are millimetres from the
card's top-left corner as the side is seen; the renderer turns them into PDF points.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from typing import NoReturn

from counter_app import assets
from counter_app.domain.city_files import DEFAULT_FILE, city_file
from counter_app.domain.errors import (MSG_FILE_UNREADABLE, QT_TRANSLATE_NOOP, ConfigFileError,
                                       broken_file)

CARD_FACES_DIR = assets.resources() / "card_faces"
CR80_MM = (85.6, 54.0)  # ISO/IEC 7810 ID-1
SIDES = ("front", "back")
KINDS = ("text", "photo", "barcode")
FIELDS = ("name", "social_security_number", "card_number", "issue_date", "bank")
SYMBOLOGIES = ("code128", "qr")
ALIGNS = ("left", "center", "right")
VALIGNS = ("middle", "top", "bottom")
LINE_SPACING = 1.2  # as counter_app.forms.text: a line is 1.2 × the font size high
POINT_MM = 25.4 / 72

MSG_LAYOUT_INVALID = QT_TRANSLATE_NOOP(
    "messages", "The card layout file {file} is not valid at line {line}: {problem}. "
                "Correct it or ask the administrator.")


class CardLayoutError(ConfigFileError):
    code = "card_layout"


@dataclass(frozen=True)
class Rect:
    """Millimetres from the top-left corner of the side."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


@dataclass(frozen=True)
class Element:
    kind: str                 # text | photo | barcode
    box: Rect
    text: str = ""            # a fixed text ...
    field: str = ""           # ... or one of FIELDS
    size: float = 8.0         # points
    min_size: float = 8.0
    align: str = "left"
    valign: str = "middle"
    bold: bool = False
    colour: str = "#000000"
    date_format: str = "{year}-{month:02d}-{day:02d}"
    symbology: str = "code128"
    line: int = 0             # where it is in the file, for messages


@dataclass(frozen=True)
class KeepClear:
    name: str
    side: str
    box: Rect


@dataclass(frozen=True)
class CardLayout:
    file: str
    city: str
    sides: tuple[str, ...]                  # printed in this order, one page each
    elements: dict[str, tuple[Element, ...]]  # by side
    keep_clear: tuple[KeepClear, ...] = ()
    corner_radius: float = 3.18
    safe_margin: float = 2.0
    width: float = CR80_MM[0]
    height: float = CR80_MM[1]
    fonts: tuple[str, ...] = field(default=())  # font files tried before the system's

    def photo_box(self) -> Rect | None:
        """The photo's box on the first side that has one (tests, the service)."""
        for side in self.sides:
            for element in self.elements.get(side, ()):
                if element.kind == "photo":
                    return element.box
        return None


def load_card_layout(city: str = "", directory: Traversable = CARD_FACES_DIR) -> CardLayout:
    """The layout file whose ``city`` is *city*, else ``default.toml``; CardLayoutError
    (a ConfigFileError) when it cannot be used."""
    path = city_file(city, directory)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigFileError(MSG_FILE_UNREADABLE, file=path.name,
                              problem=type(exc).__name__) from exc
    return parse_card_layout(text, path.name)


def parse_card_layout(text: str, file: str = DEFAULT_FILE) -> CardLayout:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise broken_file(file, exc) from exc
    return _Checker(data, _KeyLines(text), file).layout()


class _KeyLines:
    """Line numbers of tables and keys, which tomllib does not keep: ``[[front]]`` number
    *i* and the keys under it. Good enough for messages (a key inside a multi-line string
    could mislead it, and then only the line said)."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[str, int, str], int] = {}
        counts: dict[str, int] = {}
        table = ("", 0)
        for number, line in enumerate(text.splitlines(), 1):
            if header := self._HEADER.match(line):
                name = header[2]
                index = counts.get(name, 0) if header[1] == "[[" else 0
                counts[name] = index + 1 if header[1] == "[[" else 0
                table = (name, index)
                self.lines.setdefault((name, index, ""), number)
            elif key := self._KEY.match(line):
                self.lines.setdefault((*table, key[1]), number)

    def of(self, table: str, index: int = 0, key: str = "") -> int:
        return (self.lines.get((table, index, key)) or self.lines.get((table, index, ""))
                or self.lines.get(("", 0, key)) or 1)


class _Checker:
    def __init__(self, data: dict, lines: _KeyLines, file: str) -> None:
        self.data, self.lines, self.file = data, lines, file

    def fail(self, problem: str, table: str = "", index: int = 0, key: str = "") -> NoReturn:
        raise CardLayoutError(MSG_LAYOUT_INVALID, file=self.file,
                              line=self.lines.of(table, index, key), problem=problem)

    def layout(self) -> CardLayout:
        data = self.data
        self._only(data, ("city", "sides", "fonts", "card", "keep_clear", *SIDES), "")
        city = self._text(data, "city", "", 0, required=True)
        sides = data.get("sides", ["front"])
        if (not isinstance(sides, list) or not sides or len(set(sides)) != len(sides)
                or any(side not in SIDES for side in sides)):
            self.fail('sides must be ["front"] or ["front", "back"]', key="sides")
        fonts = data.get("fonts", [])
        if not isinstance(fonts, list) or not all(isinstance(f, str) for f in fonts):
            self.fail("fonts must be a list of font file paths", key="fonts")
        card = self._table(data, "card")
        self._only(card, ("corner_radius", "safe_margin"), "card")
        radius = self._number(card, "corner_radius", "card", 0, 0.0, 10.0, default=3.18)
        margin = self._number(card, "safe_margin", "card", 0, 0.0, 10.0, default=2.0)
        width, height = CR80_MM
        zones = self._keep_clear()
        elements = {side: self._elements(side, zones, width, height, radius, margin)
                    for side in SIDES}
        for side in sides:
            if not elements[side]:
                self.fail(f"the {side} side is printed but has no elements", key="sides")
        return CardLayout(file=self.file, city=city, sides=tuple(sides), elements=elements,
                          keep_clear=zones, corner_radius=radius, safe_margin=margin,
                          width=width, height=height, fonts=tuple(fonts))

    def _keep_clear(self) -> tuple[KeepClear, ...]:
        zones = self._array("keep_clear")
        found = []
        for i, zone in enumerate(zones):
            self._only(zone, ("name", "side", "x", "y", "width", "height"), "keep_clear", i)
            side = self._choice(zone, "side", SIDES, "keep_clear", i, required=True)
            name = self._text(zone, "name", "keep_clear", i, required=True)
            found.append(KeepClear(name, side, self._rect(zone, "keep_clear", i)))
        return tuple(found)

    def _elements(self, side: str, zones: tuple[KeepClear, ...], width: float, height: float,
                  radius: float, margin: float) -> tuple[Element, ...]:
        placed: list[tuple[int, Element]] = []
        for i, item in enumerate(self._array(side)):
            element = self._element(item, side, i)
            box = element.box
            if (box.x < margin - 1e-9 or box.y < margin - 1e-9
                    or box.right > width - margin + 1e-9 or box.bottom > height - margin + 1e-9):
                self.fail(f"the element lies outside the safe area (the card less "
                          f"{margin:g} mm on each side)", side, i)
            if in_corner_cut(box, width, height, radius):
                self.fail("the element reaches into a rounded corner", side, i)
            for zone in zones:
                if zone.side == side and box.overlaps(zone.box):
                    self.fail(f"the element overlaps the keep-clear zone \"{zone.name}\"",
                              side, i)
            for _j, other in placed:
                if box.overlaps(other.box):
                    self.fail(f"the element overlaps the one at line {other.line}", side, i)
            placed.append((i, element))
        if sum(e.kind == "photo" for _i, e in placed) > 1:
            self.fail("a side has one photo at most", side, placed[-1][0])
        return tuple(e for _i, e in placed)

    def _element(self, item: dict, side: str, i: int) -> Element:
        kind = self._choice(item, "kind", KINDS, side, i, required=True)
        allowed = {"text": ("text", "field", "size", "min_size", "align", "valign", "bold",
                            "colour", "date_format"),
                   "photo": (),
                   "barcode": ("field", "symbology")}[kind]
        self._only(item, ("kind", "x", "y", "width", "height", *allowed), side, i)
        box = self._rect(item, side, i)
        line = self.lines.of(side, i)
        if kind == "photo":
            return Element(kind, box, line=line)
        if kind == "barcode":
            return Element(kind, box, field=self._choice(item, "field", FIELDS, side, i,
                                                         required=True),
                           symbology=self._choice(item, "symbology", SYMBOLOGIES, side, i,
                                                  default="code128"), line=line)
        if ("text" in item) == ("field" in item):
            self.fail("a text element has either text or field", side, i)
        text = self._text(item, "text", side, i)
        field_name = self._choice(item, "field", FIELDS, side, i, default="")
        size = self._number(item, "size", side, i, 3.0, 40.0, default=8.0)
        min_size = self._number(item, "min_size", side, i, 3.0, size, default=size)
        if min_size * LINE_SPACING * POINT_MM > box.height + 1e-9:
            self.fail(f"the box is too low for text of {min_size:g} pt "
                      f"(at least {min_size * LINE_SPACING * POINT_MM:.1f} mm)", side, i,
                      "height")
        colour = self._text(item, "colour", side, i) or "#000000"
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):
            self.fail('colour must look like "#1A2B3C"', side, i, "colour")
        bold = item.get("bold", False)
        if not isinstance(bold, bool):
            self.fail("bold must be true or false", side, i, "bold")
        date_format = self._text(item, "date_format", side, i) or Element.date_format
        if "date_format" in item and field_name != "issue_date":
            self.fail("date_format is for the issue_date field", side, i, "date_format")
        try:
            format_date(date_format, dt.date(2026, 1, 2))
        except (KeyError, IndexError, ValueError):
            self.fail("date_format may use {year}, {month} and {day} only", side, i,
                      "date_format")
        return Element(kind, box, text=text, field=field_name, size=size, min_size=min_size,
                       align=self._choice(item, "align", ALIGNS, side, i, default="left"),
                       valign=self._choice(item, "valign", VALIGNS, side, i,
                                           default="middle"),
                       bold=bold, colour=colour, date_format=date_format, line=line)

    # --- typed values ----------------------------------------------------------------

    def _only(self, table: dict, keys: tuple[str, ...], name: str, i: int = 0) -> None:
        for key in table:
            if key not in keys:
                self.fail(f"unknown key {key!r} (expected one of: {', '.join(keys)})",
                          name, i, key)

    def _table(self, data: dict, name: str) -> dict:
        value = data.get(name, {})
        if not isinstance(value, dict):
            self.fail(f"{name} must be a table", key=name)
        return value

    def _array(self, name: str) -> list[dict]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(f"{name} must be tables written [[{name}]]", key=name)
        return value

    def _rect(self, item: dict, table: str, i: int) -> Rect:
        x = self._number(item, "x", table, i, 0.0, CR80_MM[0], required=True)
        y = self._number(item, "y", table, i, 0.0, CR80_MM[1], required=True)
        width = self._number(item, "width", table, i, 0.1, CR80_MM[0], required=True)
        height = self._number(item, "height", table, i, 0.1, CR80_MM[1], required=True)
        return Rect(x, y, width, height)

    def _number(self, item: dict, key: str, table: str, i: int, low: float, high: float, *,
                default: float | None = None, required: bool = False) -> float:
        if key not in item:
            if required:
                self.fail(f"{key} is missing", table, i)
            return float(default)
        value = item[key]
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not math.isfinite(value) or not low <= value <= high):
            self.fail(f"{key} must be a number from {low:g} to {high:g}", table, i, key)
        return float(value)

    def _text(self, item: dict, key: str, table: str, i: int, *,
              required: bool = False) -> str:
        if key not in item:
            if required:
                self.fail(f"{key} is missing", table, i)
            return ""
        value = item[key]
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{key} must be a text", table, i, key)
        return value

    def _choice(self, item: dict, key: str, choices: tuple[str, ...], table: str, i: int, *,
                default: str | None = None, required: bool = False) -> str:
        if key not in item:
            if required:
                self.fail(f"{key} is missing", table, i)
            return default or ""
        if item[key] not in choices:
            self.fail(f"{key} must be one of: {', '.join(choices)}", table, i, key)
        return item[key]


def format_date(date_format: str, date: dt.date) -> str:
    return date_format.format(year=date.year, month=date.month, day=date.day)


def in_corner_cut(box: Rect, width: float, height: float, radius: float) -> bool:
    """Whether *box* reaches into the part of a corner the rounding cuts away.

    In each corner the point of the box nearest the card's corner is the box's own
    corner there; the box is clear when that point is outside the corner square or within
    the arc's circle."""
    if radius <= 0:
        return False
    for near_x, near_y in ((box.x, box.y), (width - box.right, box.y),
                           (box.x, height - box.bottom), (width - box.right, height - box.bottom)):
        if (near_x < radius and near_y < radius
                and math.hypot(radius - near_x, radius - near_y) > radius + 1e-9):
            return True
    return False
