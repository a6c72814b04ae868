"""Render the application registration form (申请登记表) the applicant checks and signs."""

from __future__ import annotations

import io
import logging
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import layout
from counter_app.forms.data import RegistrationFormData
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.layout import PlacedCell
from counter_app.forms.qr import draw_qr, qr_payload
from counter_app.forms.text import Box, FittedText, draw_fitted, draw_line, fit_text, text_width

log = logging.getLogger(__name__)

SECTION_FILL = Color(0.9, 0.9, 0.9)
HINT_GREY = Color(0.55, 0.55, 0.55)


def render_registration_form(
    data: RegistrationFormData, out: Path | str | BinaryIO, fonts: FontSet | None = None
) -> None:
    """Write a one-page A4 PDF. A path is written atomically (no half-written forms)."""
    fonts = fonts or find_fonts()
    _warn_missing_glyphs(data, fonts)
    if isinstance(out, (str, Path)):
        buffer = io.BytesIO()
        _render(data, buffer, fonts)
        _write_atomically(Path(out), buffer.getvalue())
    else:
        _render(data, out, fonts)


def field_text(data: RegistrationFormData, attr: str) -> str:
    """Text printed in the value cell of ``attr`` ("guardian.name" reaches into the guardian)."""
    if attr == "materials":
        return "；".join(f"{i}. {label}" for i, label in enumerate(data.materials, 1))
    head, _, tail = attr.partition(".")
    value = getattr(data, head)
    if tail:
        return layout.NO_GUARDIAN if value is None else str(getattr(value, tail))
    return str(value)


def _render(data: RegistrationFormData, out: BinaryIO, fonts: FontSet) -> None:
    canvas = Canvas(out, pagesize=A4, initialFontName=fonts.primary, pageCompression=1)
    canvas.setTitle(layout.TITLE)  # metadata must never carry personal data
    canvas.setAuthor("Counter")
    canvas.setSubject(layout.TITLE)
    canvas.setCreator("Counter")
    _draw_header(canvas, fonts, data)
    _draw_table(canvas, fonts, data)
    _draw_signatures(canvas, fonts)
    canvas.showPage()
    canvas.save()


def _draw_header(canvas: Canvas, fonts: FontSet, data: RegistrationFormData) -> None:
    title_size = 20
    width = text_width(fonts, layout.TITLE, title_size)
    draw_line(canvas, fonts, (layout.PAGE_WIDTH - width) / 2, layout.TITLE_BASELINE, layout.TITLE, title_size)
    draw_qr(canvas, qr_payload(data.application_number), layout.QR_BOX)


def _draw_table(canvas: Canvas, fonts: FontSet, data: RegistrationFormData) -> None:
    canvas.setLineWidth(0.6)
    for cell in layout.place_cells():
        if cell.kind == "section":
            canvas.setFillColor(SECTION_FILL)
            _rect(canvas, cell.box, fill=True)
            canvas.setFillColor(black)
            _draw_cell_text(canvas, fonts, cell.content, cell.box, layout.VALUE_FONT_SIZE)
        elif cell.kind == "label":
            _rect(canvas, cell.box)
            _draw_cell_text(canvas, fonts, cell.content, cell.box, layout.LABEL_FONT_SIZE, center=True)
        elif cell.kind == "value":
            _rect(canvas, cell.box)
            _draw_cell_text(canvas, fonts, field_text(data, cell.content), cell.box, layout.VALUE_FONT_SIZE)
        else:
            _draw_photo_cell(canvas, fonts, data, cell)
    canvas.setLineWidth(1.2)
    bottom = layout.table_bottom()
    _rect(canvas, Box(layout.MARGIN, bottom, layout.table_width(), layout.TABLE_TOP - bottom))


def _draw_cell_text(canvas: Canvas, fonts: FontSet, text: str, box: Box, size: float, *, center: bool = False) -> FittedText:
    pad = layout.CELL_PADDING
    inner = Box(box.x + pad, box.y + pad / 2, box.width - 2 * pad, box.height - pad)
    fitted = fit_text(fonts, text, inner, size, layout.MIN_FONT_SIZE)
    if fitted.truncated:
        log.warning("form text shortened to fit its cell (%d lines)", len(fitted.lines))
    draw_fitted(canvas, fonts, fitted, inner, center=center)
    return fitted


def _draw_photo_cell(canvas: Canvas, fonts: FontSet, data: RegistrationFormData, cell: PlacedCell) -> None:
    _rect(canvas, cell.box)
    width, height = layout.PHOTO_SIZE
    frame = Box(cell.box.x + (cell.box.width - width) / 2, cell.box.y + (cell.box.height - height) / 2, width, height)
    if data.photo_jpeg:
        reader = ImageReader(io.BytesIO(data.photo_jpeg))
        canvas.drawImage(reader, frame.x, frame.y, frame.width, frame.height, preserveAspectRatio=True, anchor="c")
        return
    canvas.setDash(2, 2)
    _rect(canvas, frame)
    canvas.setDash()
    if data.photo_receipt_number:
        _draw_cell_text(canvas, fonts, f"照片回执号：\n{data.photo_receipt_number}", frame, 9, center=True)
    else:
        canvas.setFillColor(HINT_GREY)
        _draw_cell_text(canvas, fonts, "照片", frame, 10, center=True)
        canvas.setFillColor(black)


def _draw_signatures(canvas: Canvas, fonts: FontSet) -> None:
    y = layout.table_bottom() - 9 * mm
    draw_line(canvas, fonts, layout.MARGIN, y, layout.DECLARATION, 9.5)
    canvas.setLineWidth(0.6)
    for label in layout.SIGNATURE_LABELS:
        y -= layout.SIGNATURE_ROW_GAP
        _signature_line(canvas, fonts, layout.MARGIN, y, label, layout.SIGNATURE_LINE_WIDTH)
        _signature_line(canvas, fonts, layout.SIGNATURE_DATE_X, y, layout.SIGNATURE_DATE_LABEL,
                        layout.SIGNATURE_DATE_LINE_WIDTH)


def _signature_line(canvas: Canvas, fonts: FontSet, x: float, y: float, label: str, line_width: float) -> None:
    size = 10.5
    draw_line(canvas, fonts, x, y, label, size)
    start = x + text_width(fonts, label, size)
    canvas.line(start, y - 1.5, start + line_width, y - 1.5)


def _rect(canvas: Canvas, box: Box, *, fill: bool = False) -> None:
    canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=int(fill))


def _warn_missing_glyphs(data: RegistrationFormData, fonts: FontSet) -> None:
    texts = [field_text(data, cell.content) for cell in layout.place_cells() if cell.kind == "value"]
    missing = fonts.missing_characters("".join(texts))
    if missing:  # count only: the characters themselves may come from a name
        log.warning("%d character(s) on the form have no glyph in any font", len(missing))


def _write_atomically(path: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".form-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
