"""The printable notice letter (社会保障卡领卡通知书) that goes with a card sent to its
handling point. Its texts are already filled in from the card centre's template
(counter_app.cardcentre.notices); the layout is in document_layouts.py."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import document_layouts as L
from counter_app.forms.draw import application_codes, centered_line
from counter_app.forms.flow import TextFlow
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.pdf import write_pdf
from counter_app.forms.text import draw_line, text_width, wrap_lines

# The metadata title: never the letter's own title line, which a template may personalise.
METADATA_TITLE = "社会保障卡领卡通知书"


def render_notice_letter(letter, application_number: str, out: Path | str | BinaryIO,
                         fonts: FontSet | None = None) -> None:
    """*letter*: a counter_app.cardcentre.notices.Letter (title, salutation, paragraphs,
    closing, date)."""
    fonts = fonts or find_fonts()
    write_pdf(out, fonts, METADATA_TITLE,
              lambda c: draw_notice_letter(c, fonts, letter, application_number))


def draw_notice_letter(canvas: Canvas, fonts: FontSet, letter, application_number: str
                       ) -> None:
    if application_number:
        application_codes(canvas, fonts, application_number, L.DOCUMENT_CODES)
    centered_line(canvas, fonts, letter.title, L.PAGE_WIDTH / 2, L.DOCUMENT_TITLE_BASELINE,
                  L.DOCUMENT_TITLE_SIZE)
    flow = TextFlow(canvas, fonts, left=L.MARGIN, width=L.CONTENT_WIDTH,
                    top=L.LETTER_TEXT_TOP, bottom=L.BOTTOM_MARGIN,
                    new_page=lambda _c: L.PAGE_HEIGHT - L.BOTTOM_MARGIN)
    if letter.salutation:
        flow.paragraph(letter.salutation, L.BODY_SIZE + 1, space_after=L.PARAGRAPH_GAP)
    for paragraph in letter.paragraphs:
        _indented_paragraph(flow, fonts, paragraph, L.BODY_SIZE + 1)
    flow.skip(3 * L.PARAGRAPH_GAP)
    right = L.PAGE_WIDTH - L.MARGIN
    for line in (letter.closing, letter.date):
        if line:
            flow.need(L.BODY_SIZE * 2)
            flow.y -= L.BODY_SIZE * 1.6
            draw_line(canvas, fonts, right - text_width(fonts, line, L.BODY_SIZE + 1),
                      flow.y, line, L.BODY_SIZE + 1)
    canvas.showPage()


def _indented_paragraph(flow: TextFlow, fonts: FontSet, text: str, size: float) -> None:
    """A paragraph whose first line is set in by two characters, as Chinese letters are."""
    text = text.strip()
    indent = L.LETTER_FIRST_LINE_INDENT * size
    first = wrap_lines(fonts, text, flow.width - indent, size)[0]
    rest = text[len(first):].strip()
    flow.paragraph(first, size, indent=indent, space_after=0 if rest else L.PARAGRAPH_GAP)
    if rest:
        flow.paragraph(rest, size, space_after=L.PARAGRAPH_GAP)
