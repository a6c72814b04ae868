"""The photo receipt (社会保障卡照片回执) one of our photo stations prints with the photo it
took: the applicant brings it to the window, where scanning its QR code (or typing the
number) finds the photo in the receipt registry. Layout: document_layouts.py; texts:
resources/forms/*.toml ([photo_receipt])."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import document_layouts as L
from counter_app.forms.barcode import draw_code128
from counter_app.forms.city_config import FormConfig
from counter_app.forms.data import ReceiptSlipData
from counter_app.forms.draw import HINT_GREY, centered_line, rect
from counter_app.forms.flow import TextFlow
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.jpeg import JpegImage
from counter_app.forms.pdf import write_pdf
from counter_app.forms.qr import draw_qr
from counter_app.forms.text import draw_line

log = logging.getLogger(__name__)
Out = Path | str | BinaryIO


def render_receipt_slip(data: ReceiptSlipData, config: FormConfig, out: Out,
                        fonts: FontSet | None = None) -> None:
    fonts = fonts or find_fonts()
    texts = config.photo_receipt
    write_pdf(out, fonts, texts["title"], lambda c: draw_receipt_slip(c, fonts, data, texts))


def draw_receipt_slip(canvas: Canvas, fonts: FontSet, data: ReceiptSlipData,
                      texts: dict) -> None:
    centered_line(canvas, fonts, texts["title"], L.PAGE_WIDTH / 2, L.RECEIPT_TITLE_BASELINE,
                  L.DOCUMENT_TITLE_SIZE - 2)
    _photo(canvas, fonts, data.photo_jpeg)
    x, y = L.RECEIPT_TEXT_LEFT, L.RECEIPT_NUMBER_BASELINE
    draw_line(canvas, fonts, x, y, L.RECEIPT_NUMBER_LABEL, L.BODY_SIZE)
    draw_line(canvas, fonts, x, y - L.RECEIPT_LINE_GAP, data.number, L.RECEIPT_NUMBER_SIZE)
    for n, line in enumerate((L.RECEIPT_ISSUER_LABEL + data.issuer,
                              L.RECEIPT_DATE_LABEL + data.date), 2):
        draw_line(canvas, fonts, x, y - n * L.RECEIPT_LINE_GAP, line, L.BODY_SIZE)
    draw_code128(canvas, data.number, L.RECEIPT_BARS)
    draw_qr(canvas, data.number, L.RECEIPT_QR)  # the number alone: a scanner types it
    flow = TextFlow(canvas, fonts, left=L.MARGIN, width=L.CONTENT_WIDTH,
                    top=L.RECEIPT_NOTES_TOP, bottom=L.RECEIPT_HALF + 10 * mm)
    flow.paragraph(L.RECEIPT_NOTES_LABEL, L.SMALL_SIZE, space_after=1)
    for n, note in enumerate(texts["notes"], 1):
        flow.paragraph(note, L.SMALL_SIZE, prefix=f"{n}. ", indent=2 * mm)
    _cut_line(canvas, fonts)
    canvas.showPage()


def _photo(canvas: Canvas, fonts: FontSet, jpeg: bytes | None) -> None:
    box = L.RECEIPT_PHOTO
    if jpeg:
        try:
            canvas.drawImage(JpegImage(jpeg), box.x, box.y, box.width, box.height,
                             preserveAspectRatio=True, anchor="c")
            return
        except ValueError as exc:
            log.warning("receipt photo cannot be read (%s); printing a frame", exc)
    canvas.setLineWidth(0.6)
    canvas.setDash(2, 2)
    rect(canvas, box)
    canvas.setDash()
    canvas.setFillColor(HINT_GREY)
    centered_line(canvas, fonts, L.RECEIPT_NO_PHOTO, box.x + box.width / 2,
                  box.y + box.height / 2, L.SMALL_SIZE)
    canvas.setFillGray(0)


def _cut_line(canvas: Canvas, fonts: FontSet) -> None:
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.5)
    canvas.line(L.MARGIN / 2, L.RECEIPT_HALF, L.PAGE_WIDTH - L.MARGIN / 2, L.RECEIPT_HALF)
    canvas.setDash()
    centered_line(canvas, fonts, L.VOUCHER_CUT_TEXT, L.PAGE_WIDTH / 2,
                  L.RECEIPT_HALF + 1.5 * mm, 8)
