"""Ruled tables of labels and values, described as rows of fields and placed on the page.

A grid has columns label, value, label, value (and, on the registration form, a photo
column). Each row lists its fields; a field takes a label column and a value column,
and the last value of a row stretches to the right edge (to the photo column for rows
beside the photo). Rows marked ``beside_photo`` must be consecutive.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.units import mm

from counter_app.forms.text import Box


@dataclass(frozen=True)
class Field:
    label: str
    attr: str  # attribute of the document's data; "guardian.name" reaches into the guardian


@dataclass(frozen=True)
class Row:
    fields: tuple[Field, ...] = ()
    height_mm: float = 8
    section: str = ""  # set for a heading row spanning the table
    beside_photo: bool = False


@dataclass(frozen=True)
class Grid:
    left: float
    top: float
    column_widths: tuple[float, ...]  # label, value, label, value[, photo]
    rows: tuple[Row, ...]
    photo_column: bool = False

    @property
    def width(self) -> float:
        return sum(self.column_widths)

    @property
    def bottom(self) -> float:
        return self.top - sum(row.height_mm for row in self.rows) * mm


@dataclass(frozen=True)
class PlacedCell:
    kind: str  # "section", "label", "value" or "photo"
    content: str  # heading or label text, or the field attribute of a value cell
    box: Box


def pair(a: tuple[str, str], b: tuple[str, str] | None = None, **kw) -> Row:
    """A row of one or two (label, attribute) fields."""
    return Row(tuple(Field(*f) for f in (a, b) if f), **kw)


@lru_cache(maxsize=32)
def place_cells(grid: Grid) -> tuple[PlacedCell, ...]:
    """Turn the rows into boxes on the page, top to bottom (the photo cell last)."""
    cells, top = [], grid.top
    for row in grid.rows:
        height = row.height_mm * mm
        cells += _place_row(grid, row, top - height, height)
        top -= height
    if grid.photo_column:
        cells.append(_photo_cell(grid))
    return tuple(cells)


def _place_row(grid: Grid, row: Row, y: float, height: float) -> list[PlacedCell]:
    if row.section:
        return [PlacedCell("section", row.section, Box(grid.left, y, grid.width, height))]
    widths = grid.column_widths
    right_edge = grid.left + sum(widths[:-1] if row.beside_photo else widths)
    cells, x = [], grid.left
    for i, field in enumerate(row.fields):
        label_width, value_width = widths[2 * i], widths[2 * i + 1]
        if i == len(row.fields) - 1:
            value_width = right_edge - x - label_width
        cells.append(PlacedCell("label", field.label, Box(x, y, label_width, height)))
        cells.append(PlacedCell("value", field.attr, Box(x + label_width, y, value_width, height)))
        x += label_width + value_width
    return cells


def _photo_cell(grid: Grid) -> PlacedCell:
    top, photo_top, photo_bottom = grid.top, None, None
    for row in grid.rows:
        bottom = top - row.height_mm * mm
        if row.beside_photo:
            photo_top = top if photo_top is None else photo_top
            photo_bottom = bottom
        top = bottom
    x = grid.left + sum(grid.column_widths[:-1])
    return PlacedCell("photo", "photo",
                      Box(x, photo_bottom, grid.column_widths[-1], photo_top - photo_bottom))
