"""The e-card guide (电子社会保障卡申领指南, issue 16): one A4 page for the applicant to take
home: where the electronic card is claimed (the national platform's app, the city's, a
bank's), the steps, the family-member route for a child, what happens to it when the
physical card is lost, and a QR code that opens the city's page. Texts are the city's
data (domain.ecard.EcardGuide, from resources/ecard/*.toml); no personal data on it."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.domain.ecard import Channel, EcardGuide, Section
from counter_app.forms import document_layouts as L
from counter_app.forms.draw import centered_line
from counter_app.forms.flow import TextFlow
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.guide import _chinese_ordinal
from counter_app.forms.pdf import write_pdf
from counter_app.forms.qr import draw_qr

ITEM_INDENT = 2 * mm
ITEM_GAP = 1.2


def render_ecard_guide(guide: EcardGuide, out: Path | str | BinaryIO,
                       fonts: FontSet | None = None, *, site_name: str = "",
                       date: str = "") -> None:
    fonts = fonts or find_fonts()
    write_pdf(out, fonts, guide.title,
              lambda canvas: _draw(canvas, fonts, guide, site_name, date))


def _draw(canvas: Canvas, fonts: FontSet, guide: EcardGuide, site: str, date: str) -> None:
    centered_line(canvas, fonts, guide.title, L.PAGE_WIDTH / 2, L.ECARD_TITLE_BASELINE,
                  L.DOCUMENT_TITLE_SIZE)
    flow = TextFlow(canvas, fonts, left=L.MARGIN, width=L.CONTENT_WIDTH, top=L.ECARD_TEXT_TOP,
                    bottom=L.ECARD_TEXT_BOTTOM,
                    new_page=lambda _c: L.PAGE_HEIGHT - L.BOTTOM_MARGIN)
    if guide.intro:
        flow.paragraph(guide.intro, L.BODY_SIZE, indent=0, space_after=L.PARAGRAPH_GAP / 2)
    sections = 0

    def heading(title: str) -> None:
        nonlocal sections
        sections += 1
        flow.need(L.HEADING_SIZE * 1.2 + L.BODY_SIZE * 2.4)  # a heading stays with its text
        flow.skip(L.PARAGRAPH_GAP)
        flow.paragraph(f"{_chinese_ordinal(sections)}、{title}", L.HEADING_SIZE,
                       space_after=L.PARAGRAPH_GAP / 2)

    heading(guide.channels_title)
    for number, channel in enumerate(guide.channels, 1):
        flow.paragraph(_channel_line(channel), L.BODY_SIZE, prefix=f"{number}. ",
                       indent=ITEM_INDENT, space_after=ITEM_GAP)
    for section in (guide.steps, guide.family):
        heading(section.title)
        _numbered(flow, section)
    heading(guide.lost_card.title)
    if guide.lost_card.intro:
        flow.paragraph(guide.lost_card.intro, L.BODY_SIZE, space_after=ITEM_GAP)
    for paragraph in guide.lost_card.items:
        flow.paragraph(paragraph, L.BODY_SIZE, prefix="● ", indent=ITEM_INDENT,
                       space_after=ITEM_GAP)
    for note in guide.notes:
        flow.paragraph(note, L.SMALL_SIZE, space_after=ITEM_GAP)
    _foot(canvas, fonts, guide, site, date)
    canvas.showPage()


def _channel_line(channel: Channel) -> str:
    text = f"{channel.name}：{channel.how}" if channel.how else channel.name
    if channel.banks:
        text += f"（{L.ECARD_BANKS_LABEL}{'、'.join(channel.banks)}）"
    return text


def _numbered(flow: TextFlow, section: Section) -> None:
    if section.intro:
        flow.paragraph(section.intro, L.BODY_SIZE, space_after=ITEM_GAP)
    for number, item in enumerate(section.items, 1):
        flow.paragraph(item, L.BODY_SIZE, prefix=f"{number}. ", indent=ITEM_INDENT,
                       space_after=ITEM_GAP)


def _foot(canvas: Canvas, fonts: FontSet, guide: EcardGuide, site: str, date: str) -> None:
    """The fixed block at the foot of the (last) page, which the text above never reaches:
    the QR code at the right; at the left what it opens, the closing (a phone number) and
    the handling point with the date."""
    canvas.saveState()
    canvas.setLineWidth(0.5)
    canvas.line(L.MARGIN, L.ECARD_FOOT_RULE, L.PAGE_WIDTH - L.MARGIN, L.ECARD_FOOT_RULE)
    canvas.restoreState()
    draw_qr(canvas, guide.page_url, L.ECARD_QR)
    flow = TextFlow(canvas, fonts, left=L.MARGIN, width=L.ECARD_FOOT_WIDTH,
                    top=L.ECARD_FOOT_TOP, bottom=L.ECARD_QR.y)
    if guide.page_caption:
        flow.paragraph(guide.page_caption, L.BODY_SIZE, space_after=ITEM_GAP)
    flow.paragraph(guide.page_url, L.SMALL_SIZE, space_after=L.PARAGRAPH_GAP)
    if guide.closing:
        flow.paragraph(guide.closing, L.BODY_SIZE, space_after=ITEM_GAP)
    footer = L.ECARD_FOOTER.format(site=site, date=date).strip()
    if footer:
        flow.paragraph(footer, L.SMALL_SIZE)
