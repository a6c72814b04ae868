"""Drawing pieces the documents share: ruled cells, signature lines, the codes header."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms.barcode import draw_code128, total_modules
from counter_app.forms.fonts import FontSet
from counter_app.forms.grid import Grid, place_cells
from counter_app.forms.qr import draw_qr, qr_payload
from counter_app.forms.text import Box, FittedText, draw_fitted, draw_line, fit_text, text_width

log = logging.getLogger(__name__)

SECTION_FILL = Color(0.9, 0.9, 0.9)
HINT_GREY = Color(0.45, 0.45, 0.45)
MIN_FONT_SIZE = 6.0  # text shrinks to this before it is shortened with "…"
CELL_PADDING = 1.5 * mm


def rect(canvas: Canvas, box: Box, *, fill: bool = False) -> None:
    canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=int(fill))


def cell_text(canvas: Canvas, fonts: FontSet, text: str, box: Box, size: float, *,
              center: bool = False) -> FittedText:
    """Text wrapped and shrunk to fit inside the box's padding; never spills out."""
    pad = CELL_PADDING
    inner = Box(box.x + pad, box.y + pad / 2, box.width - 2 * pad, box.height - pad)
    fitted = fit_text(fonts, text, inner, size, MIN_FONT_SIZE)
    if fitted.truncated:
        log.warning("document text shortened to fit its cell (%d lines)", len(fitted.lines))
    draw_fitted(canvas, fonts, fitted, inner, center=center)
    return fitted


def section_cell(canvas: Canvas, fonts: FontSet, text: str, box: Box, size: float) -> None:
    canvas.setFillColor(SECTION_FILL)
    rect(canvas, box, fill=True)
    canvas.setFillColor(black)
    cell_text(canvas, fonts, text, box, size)


def centered_line(canvas: Canvas, fonts: FontSet, text: str, center_x: float, baseline: float,
                  size: float) -> None:
    draw_line(canvas, fonts, center_x - text_width(fonts, text, size) / 2, baseline, text, size)


def signature_line(canvas: Canvas, fonts: FontSet, x: float, y: float, label: str,
                   line_width: float, size: float = 10.5) -> None:
    draw_line(canvas, fonts, x, y, label, size)
    start = x + text_width(fonts, label, size)
    canvas.setLineWidth(0.6)
    canvas.line(start, y - 1.5, start + line_width, y - 1.5)


def application_codes(canvas: Canvas, fonts: FontSet, number: str, codes: CodesLayout) -> None:
    """The QR code at the right, the Code 128 of ``number`` at the left with the number in
    plain text below it; the bars' top is level with the QR code's dark part."""
    code = draw_qr(canvas, qr_payload(number), codes.qr_box)
    width = min(total_modules(number) * codes.bar_module, codes.bar_max_width)
    bars = Box(codes.bar_left, code.y + code.height - codes.bar_height, width, codes.bar_height)
    draw_code128(canvas, number, bars)
    centered_line(canvas, fonts, number, bars.x + width / 2, bars.y - 10, 9)


@dataclass(frozen=True)
class CodesLayout:
    """Where a document puts the QR code and the barcode of the application number."""

    qr_box: Box
    bar_left: float
    bar_height: float
    bar_module: float  # width of the narrowest bar
    bar_max_width: float  # longer numbers get narrower bars


def draw_grid(canvas: Canvas, fonts: FontSet, grid: Grid, value_of: Callable[[str], str], *,
              label_size: float = 9.0, value_size: float = 10.5) -> None:
    """A ruled table: labels centred, values from ``value_of(attribute)``, a bold frame."""
    canvas.setLineWidth(0.6)
    for cell in place_cells(grid):
        if cell.kind == "section":
            section_cell(canvas, fonts, cell.content, cell.box, value_size)
            continue
        rect(canvas, cell.box)
        if cell.kind == "label":
            cell_text(canvas, fonts, cell.content, cell.box, label_size, center=True)
        elif cell.kind == "value":
            cell_text(canvas, fonts, value_of(cell.content), cell.box, value_size)
    canvas.setLineWidth(1.2)
    rect(canvas, Box(grid.left, grid.bottom, grid.width, grid.top - grid.bottom))
    canvas.setLineWidth(0.6)
