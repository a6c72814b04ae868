"""The collection receipt (社会保障卡领取回执), printed when the card is handed over: two
copies on one A4 page like the pick-up voucher, the collector's above and the handling
point's (signed by the collector) below, each with the QR code and barcode of the
application number. Texts: resources/forms/*.toml ([collection_receipt]); the layout is
here (the voucher's header and grid, its own rows)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import document_layouts as L
from counter_app.forms.city_config import FormConfig
from counter_app.forms.draw import application_codes, centered_line, draw_grid, signature_line
from counter_app.forms.flow import TextFlow
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.grid import Grid, Row, pair
from counter_app.forms.pdf import write_pdf
from counter_app.forms.text import draw_line, text_width

Out = Path | str | BinaryIO

ROWS: tuple[Row, ...] = (
    pair(("申请编号", "application_number"), ("业务类型", "business_type")),
    pair(("持卡人", "name"), ("证件号码", "id_number")),
    pair(("社会保障卡号", "card_number"), ("发卡银行", "bank")),
    pair(("领卡人", "collector"), ("领卡人证件", "collector_id_number")),
    pair(("领卡方式", "collector_label"), ("领卡时间", "collected_at")),
    pair(("受理网点", "site_name"), ("经办人", "operator_name")),
)
TITLE_DROP = 27 * mm        # title baseline below the top of a copy
COPY_LABEL_DROP = 32.5 * mm
TABLE_DROP = 36 * mm
NOTES_LABEL = "说明："
SIGNATURE_RISE = 22 * mm    # the collector's signature above the bottom of a copy
DATE_LABEL = "日期："


@dataclass(frozen=True)
class CollectionReceiptData:
    application_number: str
    business_type: str        # Chinese label
    name: str                 # the cardholder
    id_type: str
    id_number: str            # masked
    card_number: str          # masked
    bank: str
    collector: str            # the applicant's name, or the guardian's with the relation
    collector_id_number: str  # masked
    collector_kind: str       # applicant, guardian
    collected_at: str         # local "YYYY-MM-DD HH:MM"
    site_name: str
    operator_name: str


def render_collection_receipt(data: CollectionReceiptData, config: FormConfig, out: Out,
                              fonts: FontSet | None = None) -> None:
    fonts = fonts or find_fonts()
    texts = config.collection_receipt
    write_pdf(out, fonts, texts["title"], lambda c: draw_collection_receipt(c, fonts, data, texts))


def draw_collection_receipt(canvas: Canvas, fonts: FontSet, data: CollectionReceiptData,
                            texts: dict) -> None:
    for i, copy_label in enumerate(texts["copies"][:2]):
        _draw_copy(canvas, fonts, data, texts, copy_label, L.PAGE_HEIGHT - i * L.VOUCHER_HALF,
                   signed=i == 1)
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.5)
    canvas.line(L.MARGIN / 2, L.VOUCHER_HALF, L.PAGE_WIDTH - L.MARGIN / 2, L.VOUCHER_HALF)
    canvas.setDash()
    centered_line(canvas, fonts, L.VOUCHER_CUT_TEXT, L.PAGE_WIDTH / 2,
                  L.VOUCHER_HALF + 1.5 * mm, 8)
    canvas.showPage()


def _draw_copy(canvas: Canvas, fonts: FontSet, data: CollectionReceiptData, texts: dict,
               copy_label: str, top: float, signed: bool) -> None:
    application_codes(canvas, fonts, data.application_number, L.voucher_codes(top))
    centered_line(canvas, fonts, texts["title"], L.PAGE_WIDTH / 2, top - TITLE_DROP,
                  L.DOCUMENT_TITLE_SIZE - 2)
    centered_line(canvas, fonts, f"（{copy_label}）", L.PAGE_WIDTH / 2, top - COPY_LABEL_DROP,
                  L.VOUCHER_COPY_LABEL_SIZE)
    grid = Grid(L.MARGIN, top - TABLE_DROP, L.FOUR_COLUMNS, ROWS)
    labels = texts.get("collectors", {})

    def value_of(attr: str) -> str:
        if attr == "collector_label":
            return labels.get(data.collector_kind, data.collector_kind)
        return str(getattr(data, attr))

    draw_grid(canvas, fonts, grid, value_of)
    bottom = top - L.VOUCHER_HALF
    flow = TextFlow(canvas, fonts, left=L.MARGIN, width=L.CONTENT_WIDTH,
                    top=grid.bottom - 4 * mm, bottom=bottom + SIGNATURE_RISE + 6 * mm)
    flow.paragraph(NOTES_LABEL, L.SMALL_SIZE, space_after=1)
    for n, note in enumerate(texts["notes"], 1):
        flow.paragraph(note, L.SMALL_SIZE, prefix=f"{n}. ", indent=2 * mm)
    if signed:
        signature_line(canvas, fonts, L.MARGIN, bottom + SIGNATURE_RISE, texts["signature"],
                       L.SIGNATURE_LINE_WIDTH)
    _stamp(canvas, fonts, bottom + SIGNATURE_RISE, data.collected_at[:10])


def _stamp(canvas: Canvas, fonts: FontSet, baseline: float, date: str) -> None:
    """"受理网点（盖章）" and the date at the right, level with the signature."""
    right = L.PAGE_WIDTH - L.MARGIN
    for text, y in ((L.STAMP_LABEL, baseline), (f"{DATE_LABEL}{date}", baseline - 6 * mm)):
        draw_line(canvas, fonts, right - text_width(fonts, text, L.BODY_SIZE) - 10 * mm, y,
                  text, L.BODY_SIZE)
