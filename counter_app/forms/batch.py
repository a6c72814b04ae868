"""Batch printing of a community batch: one PDF with a cover list, then each form (and
its card service agreement where the city wants one).

The cover list may name more applications than there are forms: a community batch taken
in from a spreadsheet is listed for the bank before its applications pass examination,
and each row says whether its form follows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import document_layouts as L
from counter_app.forms.city_config import FormConfig
from counter_app.forms.data import BatchData, BatchEntry
from counter_app.forms.draw import cell_text, centered_line, rect
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.pdf import write_pdf
from counter_app.forms.registration import draw_registration_page
from counter_app.forms.slips import draw_agreement
from counter_app.forms.text import Box, draw_line

Progress = Callable[[int, int], None]  # (forms done, forms in all)


@dataclass(frozen=True)
class CoverRow:
    """One line of the cover list."""

    application_number: str
    name: str
    id_number: str
    business_type: str
    form_enclosed: bool = True  # False: listed only (not yet past examination)


def render_batch(batch: BatchData, config: FormConfig, out: Path | str | BinaryIO,
                 fonts: FontSet | None = None, progress: Progress | None = None,
                 cover: Sequence[CoverRow] | None = None) -> None:
    """``progress(done, total)`` is called after each form (from the calling thread); it
    may raise to stop, and then nothing is written. ``cover`` lists the applications on
    the cover (None: the entries, each with its form)."""
    fonts = fonts or find_fonts()
    rows = tuple(cover) if cover is not None else tuple(map(cover_row, batch.entries))

    def draw(canvas: Canvas) -> None:
        draw_cover(canvas, fonts, batch, rows)
        total = len(batch.entries)
        for done, entry in enumerate(batch.entries, 1):
            draw_registration_page(canvas, fonts, entry.form)
            if entry.agreement is not None:
                draw_agreement(canvas, fonts, entry.agreement, config.agreement)
            if progress:
                progress(done, total)

    write_pdf(out, fonts, L.BATCH_TITLE, draw)


def cover_pages(count: int) -> int:
    return max(1, math.ceil(count / rows_per_cover_page()))


def rows_per_cover_page() -> int:
    usable = L.BATCH_TABLE_TOP - L.BOTTOM_MARGIN
    return int(usable // L.BATCH_ROW_HEIGHT) - 1  # one row for the headings


def cover_row(entry: BatchEntry) -> CoverRow:
    form = entry.form
    return CoverRow(form.application_number, form.name, form.id_number, form.business_type)


def draw_cover(canvas: Canvas, fonts: FontSet, batch: BatchData,
               cover: Sequence[CoverRow]) -> None:
    per_page, pages = rows_per_cover_page(), cover_pages(len(cover))
    info = L.BATCH_INFO.format(batch=batch.batch_number, site=batch.site_name,
                               operator=batch.operator_name, date=batch.date,
                               count=len(cover))
    for page in range(pages):
        centered_line(canvas, fonts, L.BATCH_TITLE, L.PAGE_WIDTH / 2, L.BATCH_TITLE_BASELINE,
                      L.DOCUMENT_TITLE_SIZE - 2)
        draw_line(canvas, fonts, L.MARGIN, L.BATCH_INFO_BASELINE, info, L.SMALL_SIZE)
        first = page * per_page
        rows = [(str(first + i + 1), *_cover_cells(row))
                for i, row in enumerate(cover[first:first + per_page])]
        _cover_table(canvas, fonts, rows)
        centered_line(canvas, fonts, L.BATCH_PAGE_FOOTER.format(page=page + 1, pages=pages),
                      L.PAGE_WIDTH / 2, L.BATCH_FOOTER_BASELINE, L.SMALL_SIZE)
        canvas.showPage()


def _cover_cells(row: CoverRow) -> tuple[str, ...]:
    enclosed = L.BATCH_FORM_ENCLOSED if row.form_enclosed else L.BATCH_FORM_PENDING
    return row.application_number, row.name, row.id_number, row.business_type, enclosed


def _cover_table(canvas: Canvas, fonts: FontSet, rows: list[tuple[str, ...]]) -> None:
    canvas.setLineWidth(0.6)
    headings = tuple(heading for heading, _ in L.BATCH_COLUMNS)
    y = L.BATCH_TABLE_TOP
    for row in [headings, *rows]:
        y -= L.BATCH_ROW_HEIGHT
        x = L.MARGIN
        for text, (_, width) in zip(row, L.BATCH_COLUMNS):
            box = Box(x, y, width, L.BATCH_ROW_HEIGHT)
            rect(canvas, box)
            cell_text(canvas, fonts, text, box, L.SMALL_SIZE, center=row is headings)
            x += width
