"""Render the application registration form (申请登记表) the applicant checks and signs."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import layout
from counter_app.forms.data import RegistrationFormData
from counter_app.forms.draw import (
    HINT_GREY, application_codes, cell_text, centered_line, rect, section_cell, signature_line)
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.jpeg import JpegImage
from counter_app.forms.layout import PlacedCell
from counter_app.forms.pdf import write_pdf
from counter_app.forms.text import Box, draw_line, text_width

log = logging.getLogger(__name__)

STATIC_PARTS = "registration_static"  # name of the form XObject in the PDF
RECEIPT_LABEL = "照片回执号："
MISSING_PHOTO_NOTE = "未采集照片\n请粘贴或补采"


def render_registration_form(
    data: RegistrationFormData, out: Path | str | BinaryIO, fonts: FontSet | None = None
) -> None:
    """Write a one-page A4 PDF. A path is written atomically (no half-written forms)."""
    fonts = fonts or find_fonts()
    write_pdf(out, fonts, layout.TITLE, lambda canvas: draw_registration_page(canvas, fonts, data))


def draw_registration_page(canvas: Canvas, fonts: FontSet, data: RegistrationFormData) -> None:
    """Draw the form as one page of ``canvas`` (batch printing puts many in one PDF).

    What every form shares (rules, labels, signature lines) is drawn once per PDF as a
    form XObject, so a batch of 1,000 forms draws it once, not 1,000 times.
    """
    _warn_missing_glyphs(data, fonts)
    if not canvas.hasForm(STATIC_PARTS):
        canvas.beginForm(STATIC_PARTS)
        _draw_static_parts(canvas, fonts)
        canvas.endForm()
    canvas.doForm(STATIC_PARTS)
    application_codes(canvas, fonts, data.application_number, layout.CODES)
    for cell in layout.place_cells():
        if cell.kind == "value":
            cell_text(canvas, fonts, field_text(data, cell.content), cell.box, layout.VALUE_FONT_SIZE)
        elif cell.kind == "photo":
            _draw_photo(canvas, fonts, data, cell)
    canvas.showPage()


def field_text(data: RegistrationFormData, attr: str) -> str:
    """Text printed in the value cell of ``attr`` ("guardian.name" reaches into the guardian,
    "agent.name" into the agent)."""
    if attr == "materials":
        return "；".join(f"{i}. {label}" for i, label in enumerate(data.materials, 1))
    head, _, tail = attr.partition(".")
    value = getattr(data, head)
    if tail:
        return layout.EMPTY_BLOCK if value is None else str(getattr(value, tail))
    return str(value)


def _draw_static_parts(canvas: Canvas, fonts: FontSet) -> None:
    centered_line(canvas, fonts, layout.TITLE, layout.PAGE_WIDTH / 2, layout.TITLE_BASELINE,
                  layout.TITLE_SIZE)
    canvas.setLineWidth(0.6)
    for cell in layout.place_cells():
        if cell.kind == "section":
            section_cell(canvas, fonts, cell.content, cell.box, layout.VALUE_FONT_SIZE)
        elif cell.kind == "label":
            rect(canvas, cell.box)
            cell_text(canvas, fonts, cell.content, cell.box, layout.LABEL_FONT_SIZE, center=True)
        else:
            rect(canvas, cell.box)
    canvas.setLineWidth(1.2)
    bottom = layout.table_bottom()
    rect(canvas, Box(layout.MARGIN, bottom, layout.table_width(), layout.TABLE_TOP - bottom))
    _draw_signatures(canvas, fonts)


def _draw_photo(canvas: Canvas, fonts: FontSet, data: RegistrationFormData, cell: PlacedCell) -> None:
    width, height = layout.PHOTO_SIZE
    frame = Box(cell.box.x + (cell.box.width - width) / 2, cell.box.y + (cell.box.height - height) / 2, width, height)
    if data.photo_jpeg and _draw_jpeg(canvas, data.photo_jpeg, frame):
        return
    canvas.setLineWidth(0.6)
    canvas.setDash(2, 2)
    rect(canvas, frame)
    canvas.setDash()
    if data.photo_receipt_number:
        cell_text(canvas, fonts, f"{RECEIPT_LABEL}\n{data.photo_receipt_number}", frame, 9, center=True)
    else:
        canvas.setFillColor(HINT_GREY)
        cell_text(canvas, fonts, MISSING_PHOTO_NOTE, frame, 9, center=True)
        canvas.setFillColor(black)


def _draw_jpeg(canvas: Canvas, jpeg: bytes, frame: Box) -> bool:
    """False (and the box shows the missing-photo note) when the photo file is damaged."""
    try:
        reader = _image_reader(jpeg)
    except Exception as exc:  # noqa: BLE001 - PIL raises many kinds for a broken file
        log.warning("photo on the form cannot be read (%s); printing the note instead",
                    type(exc).__name__)
        return False
    canvas.drawImage(reader, frame.x, frame.y, frame.width, frame.height,
                     preserveAspectRatio=True, anchor="c")
    return True


def _image_reader(photo: bytes) -> ImageReader:
    """The photo as it is when it is a JPEG (photos are stored so); PIL for anything else."""
    if photo.startswith(b"\xff\xd8"):
        return JpegImage(photo)
    reader = ImageReader(io.BytesIO(photo))
    reader.getSize()  # raises now for a damaged file, not while the PDF is saved
    return reader


def _draw_signatures(canvas: Canvas, fonts: FontSet) -> None:
    y = layout.table_bottom() - 9 * mm
    draw_line(canvas, fonts, layout.MARGIN, y, layout.DECLARATION, 9.5)
    size = layout.SIGNATURE_FONT_SIZE
    for label in layout.SIGNATURE_LABELS:
        y -= layout.SIGNATURE_ROW_GAP
        line_width = layout.SIGNATURE_LINE_END - layout.MARGIN - text_width(fonts, label, size)
        signature_line(canvas, fonts, layout.MARGIN, y, label, line_width, size)
        signature_line(canvas, fonts, layout.SIGNATURE_DATE_X, y, layout.SIGNATURE_DATE_LABEL,
                       layout.SIGNATURE_DATE_LINE_WIDTH, size)


def _warn_missing_glyphs(data: RegistrationFormData, fonts: FontSet) -> None:
    texts = [field_text(data, cell.content) for cell in layout.place_cells() if cell.kind == "value"]
    missing = fonts.missing_characters("".join(texts))
    if missing:  # count only: the characters themselves may come from a name
        log.warning("%d character(s) on the form have no glyph in any font", len(missing))
