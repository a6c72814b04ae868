"""Ruled tables with a heading row that run down the page and on to the next one (the
heading repeated), for reports and lists; the cell text fits its cell (draw.cell_text)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import report_layouts as L
from counter_app.forms.draw import cell_text, rect
from counter_app.forms.fonts import FontSet
from counter_app.forms.text import Box, draw_line

NewPage = Callable[[Canvas], float]  # starts a page after showPage(); returns its top


def draw_table(canvas: Canvas, fonts: FontSet, columns: Sequence[tuple[str, float]],
               rows: Sequence[Sequence[str]], top: float, *, new_page: NewPage,
               size: float = L.SMALL_SIZE, row_height: float = L.ROW_HEIGHT,
               bottom: float = L.BOTTOM_MARGIN, left: float = L.MARGIN,
               center_from: int = 1) -> float:
    """Draw the heading row and ``rows`` from ``top`` down; returns the y under the table.
    Columns from ``center_from`` on are centred (figures, dates)."""
    y = _row(canvas, fonts, columns, [c[0] for c in columns], top, row_height, size,
             left, heading=True, center_from=0)
    for row in rows:
        if y - row_height < bottom:
            canvas.showPage()
            y = _row(canvas, fonts, columns, [c[0] for c in columns], new_page(canvas),
                     row_height, size, left, heading=True, center_from=0)
        y = _row(canvas, fonts, columns, row, y, row_height, size, left, heading=False,
                 center_from=center_from)
    return y


def section_heading(canvas: Canvas, fonts: FontSet, text: str, top: float, *,
                    new_page: NewPage, need: float = 3 * L.ROW_HEIGHT) -> float:
    """A heading above a table; starts a new page when the heading and ``need`` more would
    not fit. Returns where the table starts."""
    top -= L.SECTION_GAP
    if top - L.SECTION_DROP - need < L.BOTTOM_MARGIN:
        canvas.showPage()
        top = new_page(canvas)
    draw_line(canvas, fonts, L.MARGIN, top - L.HEADING_SIZE * 0.85, text, L.HEADING_SIZE)
    return top - L.SECTION_DROP


def draw_lines(canvas: Canvas, fonts: FontSet, lines: Sequence[str], top: float, *,
               new_page: NewPage) -> float:
    """Small-print lines under a section, running on to the next page; the y under them."""
    y = top
    for line in lines:
        if y - 6 * mm < L.BOTTOM_MARGIN:
            canvas.showPage()
            y = new_page(canvas)
        draw_line(canvas, fonts, L.MARGIN, y - 5 * mm, line, L.SMALL_SIZE)
        y -= 5 * mm
    return y - 1 * mm


def _row(canvas, fonts, columns, cells, top, height, size, left, *, heading: bool,
         center_from: int) -> float:
    y, x = top - height, left
    canvas.setLineWidth(0.6)
    for index, ((_, width), text) in enumerate(zip(columns, cells)):
        box = Box(x, y, width, height)
        if heading:
            canvas.setFillColor(L.HEADING_FILL)
            rect(canvas, box, fill=True)
            canvas.setFillColor(black)
        else:
            rect(canvas, box)
        cell_text(canvas, fonts, str(text), box, size, center=heading or index >= center_from)
        x += width
    return y
