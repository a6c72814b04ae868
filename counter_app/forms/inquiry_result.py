"""The inquiry result (社会保障卡信息查询结果) handed to a cardholder (Art. 15/19): their
applications, cards and invalid-list entries with statuses and levels, on one A4 page.
No name, phone or address; the ID and card numbers are masked before they get here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import report_layouts as L
from counter_app.forms.draw import centered_line, draw_grid
from counter_app.forms.flow import TextFlow
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.grid import Grid, pair
from counter_app.forms.pdf import write_pdf
from counter_app.forms.tables import draw_table, section_heading
from counter_app.forms.text import draw_line, text_width


@dataclass(frozen=True)
class InquiryApplicationLine:
    number: str
    site_name: str
    business_label: str
    status: str              # lifecycle.Status value
    received_on: str
    due_date: str
    sent: bool = True        # False: only on this counter so far


@dataclass(frozen=True)
class InquiryCardLine:
    application_number: str
    card_number: str         # masked
    bank: str
    status: str
    issued_on: str
    collected_on: str
    activated_on: str


@dataclass(frozen=True)
class InquiryInvalidLine:
    card_number: str         # masked
    kind: str                # cards.InvalidKind value
    level: str               # cards.Level value
    state: str               # cards.EntryState value, settled with the clock
    listed_at: str
    until: str               # expires (temporary loss) or released
    site_name: str


@dataclass(frozen=True)
class InquiryPrint:
    number: str              # masked
    kind: str                # inquiry.NumberKind value
    site_name: str           # where the inquiry was made
    at: str
    source: str              # "central" or "local"
    reference: str           # the inquiry's id (as in the audit record)
    applications: Sequence[InquiryApplicationLine] = ()
    cards: Sequence[InquiryCardLine] = ()
    invalid: Sequence[InquiryInvalidLine] = ()


def render_inquiry(result: InquiryPrint, out: Path | str | BinaryIO,
                   fonts: FontSet | None = None) -> None:
    fonts = fonts or find_fonts()
    write_pdf(out, fonts, L.INQUIRY_TITLE, lambda c: draw_inquiry(c, fonts, result))


def draw_inquiry(canvas: Canvas, fonts: FontSet, result: InquiryPrint) -> None:
    centered_line(canvas, fonts, L.INQUIRY_TITLE, L.PAGE_WIDTH / 2, L.INQUIRY_TITLE_BASELINE,
                  L.DOCUMENT_TITLE_SIZE - 2)
    info = {"number": result.number, "kind": L.label(L.INQUIRY_KIND_LABELS, result.kind),
            "site": result.site_name, "at": result.at,
            "source": L.label(L.INQUIRY_SOURCE_LABELS, result.source),
            "reference": result.reference}
    grid = Grid(L.MARGIN, L.INQUIRY_INFO_TOP, L.INQUIRY_INFO_COLUMNS,
                tuple(pair(*row) for row in L.INQUIRY_INFO))
    draw_grid(canvas, fonts, grid, info.__getitem__)

    def new_page(_canvas: Canvas) -> float:
        return L.PAGE_HEIGHT - L.BOTTOM_MARGIN

    y = grid.bottom
    sections = (
        (L.INQUIRY_APPLICATIONS_HEADING, L.INQUIRY_APPLICATION_COLUMNS,
         [_application_cells(line) for line in result.applications]),
        (L.INQUIRY_CARDS_HEADING, L.INQUIRY_CARD_COLUMNS,
         [_card_cells(line) for line in result.cards]),
        (L.INQUIRY_INVALID_HEADING, L.INQUIRY_INVALID_COLUMNS,
         [_invalid_cells(line) for line in result.invalid]),
    )
    for heading, columns, rows in sections:
        y = section_heading(canvas, fonts, heading, y, new_page=new_page)
        shown = rows[:L.INQUIRY_MAX_ROWS]
        if not shown:
            shown = [(L.INQUIRY_NOTHING, *([""] * (len(columns) - 1)))]
        y = draw_table(canvas, fonts, columns, shown, y, new_page=new_page,
                       row_height=L.INQUIRY_ROW_HEIGHT)
        if len(rows) > L.INQUIRY_MAX_ROWS:
            y -= 5 * mm
            draw_line(canvas, fonts, L.MARGIN, y,
                      L.INQUIRY_MORE.format(count=len(rows) - L.INQUIRY_MAX_ROWS), L.SMALL_SIZE)
    flow = TextFlow(canvas, fonts, left=L.MARGIN, width=L.CONTENT_WIDTH, top=y - 5 * mm,
                    bottom=L.BOTTOM_MARGIN, new_page=new_page)
    if result.source == "local":
        flow.paragraph(L.INQUIRY_OFFLINE_NOTE, L.SMALL_SIZE, space_after=1.5)
    flow.paragraph(L.INQUIRY_PRIVACY_NOTE, L.SMALL_SIZE)
    flow.need(L.INQUIRY_STAMP_DROP + 8 * mm)
    right = L.PAGE_WIDTH - L.MARGIN - 10 * mm
    for text, drop in ((L.STAMP_LABEL, L.INQUIRY_STAMP_DROP),
                       (f"{L.DATE_LABEL}{result.at[:10]}", L.INQUIRY_STAMP_DROP + 6 * mm)):
        draw_line(canvas, fonts, right - text_width(fonts, text, L.BODY_SIZE), flow.y - drop,
                  text, L.BODY_SIZE)
    canvas.showPage()


def _application_cells(line: InquiryApplicationLine) -> tuple[str, ...]:
    status = L.label(L.STATUS_LABELS, line.status)
    if not line.sent:
        status += L.INQUIRY_NOT_SENT
    return (line.number, line.site_name or L.NONE, line.business_label, status,
            line.received_on or L.NONE, line.due_date or L.NONE)


def _card_cells(line: InquiryCardLine) -> tuple[str, ...]:
    return (line.application_number, line.card_number or L.NONE, line.bank or L.NONE,
            L.label(L.STATUS_LABELS, line.status), line.issued_on or L.NONE,
            line.collected_on or L.NONE, line.activated_on or L.NONE)


def _invalid_cells(line: InquiryInvalidLine) -> tuple[str, ...]:
    return (line.card_number, L.label(L.INVALID_KIND_LABELS, line.kind),
            L.label(L.LEVEL_LABELS, line.level), L.label(L.STATE_LABELS, line.state),
            line.listed_at, line.until or L.NONE, line.site_name or L.NONE)
