"""Documents about one application: the pick-up voucher (取卡凭证), the rejection notice
(不予受理告知书) and the card service agreement (服务协议). Layouts: document_layouts.py;
texts: resources/forms/*.toml (city_config.py)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import document_layouts as L
from counter_app.forms.city_config import FormConfig
from counter_app.forms.data import ApplicationSlip
from counter_app.forms.draw import (
    application_codes, centered_line, draw_grid, signature_line)
from counter_app.forms.flow import TextFlow
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.pdf import write_pdf
from counter_app.forms.text import draw_line, text_width

Out = Path | str | BinaryIO


def render_voucher(slip: ApplicationSlip, config: FormConfig, out: Out,
                   fonts: FontSet | None = None) -> None:
    fonts = fonts or find_fonts()
    texts = config.voucher
    write_pdf(out, fonts, texts["title"], lambda c: draw_voucher_page(c, fonts, slip, texts))


def render_rejection_notice(slip: ApplicationSlip, config: FormConfig, out: Out,
                            fonts: FontSet | None = None) -> None:
    fonts = fonts or find_fonts()
    texts = config.rejection_notice
    write_pdf(out, fonts, texts["title"], lambda c: _draw_notice(c, fonts, slip, texts))


def render_agreement(slip: ApplicationSlip, config: FormConfig, out: Out,
                     fonts: FontSet | None = None) -> None:
    fonts = fonts or find_fonts()
    texts = config.agreement
    write_pdf(out, fonts, texts["title"], lambda c: draw_agreement(c, fonts, slip, texts))


def draw_voucher_page(canvas: Canvas, fonts: FontSet, slip: ApplicationSlip, texts: dict) -> None:
    """Two copies, applicant's above and the counter's below, with a cut line between."""
    for i, copy_label in enumerate(texts["copies"][:2]):
        _draw_voucher_copy(canvas, fonts, slip, texts, copy_label, L.PAGE_HEIGHT - i * L.VOUCHER_HALF)
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.5)
    canvas.line(L.MARGIN / 2, L.VOUCHER_HALF, L.PAGE_WIDTH - L.MARGIN / 2, L.VOUCHER_HALF)
    canvas.setDash()
    centered_line(canvas, fonts, L.VOUCHER_CUT_TEXT, L.PAGE_WIDTH / 2, L.VOUCHER_HALF + 1.5 * mm, 8)
    canvas.showPage()


def _draw_voucher_copy(canvas: Canvas, fonts: FontSet, slip: ApplicationSlip, texts: dict,
                       copy_label: str, top: float) -> None:
    application_codes(canvas, fonts, slip.application_number, L.voucher_codes(top))
    centered_line(canvas, fonts, texts["title"], L.PAGE_WIDTH / 2, top - L.VOUCHER_TITLE_DROP,
                  L.DOCUMENT_TITLE_SIZE - 2)
    centered_line(canvas, fonts, f"（{copy_label}）", L.PAGE_WIDTH / 2,
                  top - L.VOUCHER_TITLE_DROP - 5.5 * mm, L.VOUCHER_COPY_LABEL_SIZE)
    grid = L.voucher_grid(top)
    draw_grid(canvas, fonts, grid, lambda attr: str(getattr(slip, attr)))
    flow = TextFlow(canvas, fonts, left=L.MARGIN, width=L.CONTENT_WIDTH,
                    top=grid.bottom - 4 * mm, bottom=top - L.VOUCHER_HALF + 8 * mm)
    flow.paragraph(L.VOUCHER_NOTES_LABEL, L.SMALL_SIZE, space_after=1)
    for n, note in enumerate(texts["notes"], 1):
        flow.paragraph(note, L.SMALL_SIZE, prefix=f"{n}. ", indent=2 * mm)
    _stamp(canvas, fonts, top - L.VOUCHER_HALF + 12 * mm, slip.date)


def _draw_notice(canvas: Canvas, fonts: FontSet, slip: ApplicationSlip, texts: dict) -> None:
    _document_header(canvas, fonts, slip, texts["title"])
    draw_grid(canvas, fonts, L.NOTICE_GRID, lambda attr: str(getattr(slip, attr)))
    flow = _body_flow(canvas, fonts, L.NOTICE_GRID.bottom - 8 * mm)
    flow.paragraph(texts["intro"], L.BODY_SIZE, space_after=L.PARAGRAPH_GAP)
    flow.paragraph(L.NOTICE_REASONS_HEADING, L.BODY_SIZE, space_after=1)
    for n, reason in enumerate(slip.reasons or ("—",), 1):
        flow.paragraph(reason, L.BODY_SIZE, prefix=f"{n}. ", indent=4 * mm, space_after=1)
    flow.skip(L.PARAGRAPH_GAP)
    flow.paragraph(texts["closing"], L.BODY_SIZE)
    flow.need(40 * mm)
    _stamp(canvas, fonts, flow.y - 14 * mm, slip.date)
    signature_line(canvas, fonts, L.MARGIN, flow.y - 32 * mm, texts["signature"], 50 * mm)
    canvas.showPage()


def draw_agreement(canvas: Canvas, fonts: FontSet, slip: ApplicationSlip, texts: dict) -> None:
    """The agreement as one or more pages of ``canvas`` (also used in batch printing)."""
    _document_header(canvas, fonts, slip, texts["title"])
    draw_grid(canvas, fonts, L.AGREEMENT_GRID, lambda attr: str(getattr(slip, attr)))
    flow = _body_flow(canvas, fonts, L.AGREEMENT_GRID.bottom - 8 * mm)
    flow.paragraph(texts["intro"], L.BODY_SIZE, space_after=L.PARAGRAPH_GAP)
    for n, clause in enumerate(texts["clauses"], 1):
        flow.paragraph(clause, L.BODY_SIZE, prefix=f"{n}. ", space_after=1.5)
    flow.need(len(texts["signatures"]) * L.SIGNATURE_ROW_GAP + 6 * mm)
    y = flow.y - 4 * mm
    for label in texts["signatures"]:
        y -= L.SIGNATURE_ROW_GAP
        signature_line(canvas, fonts, L.MARGIN, y, label, L.SIGNATURE_LINE_WIDTH)
        signature_line(canvas, fonts, L.SIGNATURE_DATE_X, y, L.DATE_LABEL, L.SIGNATURE_DATE_LINE_WIDTH)
    canvas.showPage()


def _document_header(canvas: Canvas, fonts: FontSet, slip: ApplicationSlip, title: str) -> None:
    application_codes(canvas, fonts, slip.application_number, L.DOCUMENT_CODES)
    centered_line(canvas, fonts, title, L.PAGE_WIDTH / 2, L.DOCUMENT_TITLE_BASELINE,
                  L.DOCUMENT_TITLE_SIZE)


def _body_flow(canvas: Canvas, fonts: FontSet, top: float) -> TextFlow:
    return TextFlow(canvas, fonts, left=L.MARGIN, width=L.CONTENT_WIDTH, top=top,
                    bottom=L.BOTTOM_MARGIN, new_page=lambda _c: L.PAGE_HEIGHT - L.BOTTOM_MARGIN)


def _stamp(canvas: Canvas, fonts: FontSet, baseline: float, date: str) -> None:
    """"受理网点（盖章）" and the date, right-aligned, with room above for the stamp."""
    right = L.PAGE_WIDTH - L.MARGIN
    for text, y in ((L.STAMP_LABEL, baseline), (f"{L.DATE_LABEL}{date}", baseline - 6 * mm)):
        draw_line(canvas, fonts, right - text_width(fonts, text, L.BODY_SIZE) - 10 * mm, y, text,
                  L.BODY_SIZE)
