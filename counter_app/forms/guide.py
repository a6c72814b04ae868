"""The applicant guide (申领须知): what the issuing department publishes under Art. 16,
with the materials and notes of one business type. No personal data on it."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import document_layouts as L
from counter_app.forms.city_config import FormConfig
from counter_app.forms.data import GuideData
from counter_app.forms.draw import centered_line
from counter_app.forms.flow import TextFlow
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.pdf import write_pdf


def render_guide(guide: GuideData, config: FormConfig, out: Path | str | BinaryIO,
                 fonts: FontSet | None = None) -> None:
    fonts = fonts or find_fonts()
    write_pdf(out, fonts, config.guide_title, lambda c: _draw_guide(c, fonts, guide, config))


def _draw_guide(canvas: Canvas, fonts: FontSet, guide: GuideData, config: FormConfig) -> None:
    centered_line(canvas, fonts, config.guide_title, L.PAGE_WIDTH / 2, L.GUIDE_TITLE_BASELINE,
                  L.DOCUMENT_TITLE_SIZE)
    centered_line(canvas, fonts, f"（{guide.business_type}）", L.PAGE_WIDTH / 2,
                  L.GUIDE_TITLE_BASELINE - L.GUIDE_SUBTITLE_DROP, L.HEADING_SIZE)
    flow = TextFlow(canvas, fonts, left=L.MARGIN, width=L.CONTENT_WIDTH, top=L.GUIDE_TEXT_TOP,
                    bottom=L.BOTTOM_MARGIN, new_page=lambda _c: L.PAGE_HEIGHT - L.BOTTOM_MARGIN)
    for section in config.guide_sections:
        _heading(flow, section.heading)
        for paragraph in section.paragraphs:
            flow.paragraph(paragraph, L.BODY_SIZE, indent=2 * L.BODY_SIZE, space_after=1.5)
    number = len(config.guide_sections)
    _heading(flow, f"{_chinese_ordinal(number + 1)}、{L.GUIDE_MATERIALS_HEADING}")
    _materials(flow, L.GUIDE_REQUIRED_LABEL, guide.required_materials)
    _materials(flow, L.GUIDE_OPTIONAL_LABEL, guide.optional_materials)
    if guide.notes:
        _heading(flow, f"{_chinese_ordinal(number + 2)}、{L.GUIDE_NOTES_HEADING}")
        for n, note in enumerate(guide.notes, 1):
            flow.paragraph(note, L.BODY_SIZE, prefix=f"{n}. ", indent=2 * mm, space_after=1.5)
    flow.skip(L.PARAGRAPH_GAP)
    if config.guide_closing:
        flow.paragraph(config.guide_closing, L.SMALL_SIZE)
    footer = L.GUIDE_FOOTER.format(site=guide.site_name, date=guide.date).strip()
    if footer:
        flow.skip(L.PARAGRAPH_GAP)
        flow.paragraph(footer, L.SMALL_SIZE)
    canvas.showPage()


def _heading(flow: TextFlow, text: str) -> None:
    flow.need(L.HEADING_SIZE * 1.2 + L.BODY_SIZE * 2.4)  # keep a heading with its text
    flow.skip(L.PARAGRAPH_GAP)
    flow.paragraph(text, L.HEADING_SIZE, space_after=L.PARAGRAPH_GAP)


def _materials(flow: TextFlow, label: str, materials: tuple[str, ...]) -> None:
    if materials:
        flow.paragraph("、".join(materials) + "。", L.BODY_SIZE, prefix=label, indent=2 * mm,
                       space_after=1.5)


def _chinese_ordinal(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
