"""Render a card face to the city's layout: a PDF, one page per printed side, each page
exactly the card (CR80, 85.6 × 54.0 mm), for the card printer.

    render_card_face(data: CardFaceData, layout: CardLayout, fonts=None, *, guides=False)
        -> bytes (the PDF)
    card_fonts(layout, configured=()) -> FontSet   the layout's fonts, then the usual ones

Fonts are embedded (TrueType subsets) and chosen per character, so rare characters
(䶮 in Ext A, 𠮷 in Ext B) come from a font that has them (counter_app.forms.fonts). The
photo is scaled to cover its box and cropped to it, never stretched; a JPEG is embedded
as it is. Everything stays inside its box, and the layout's checks keep every box out of
the rounded corners and the chip. A card is never printed wrong: a text that does not
fit even at its smallest size, a character no font has, a damaged photo all raise
``CardFaceError`` (a CounterError for staff) before anything is printed. No photo
(``data.photo`` None) leaves the photo's box blank.

``guides=True`` adds the card's outline, the safe area and the keep-clear zones, for a
preview on screen; never for the printer.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterable

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from counter_app.cardface.data import CardFaceData
from counter_app.cardface.layout import CardLayout, Element, Rect, format_date
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.forms.barcode import BarcodeError, draw_code128, total_modules
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.jpeg import JpegImage
from counter_app.forms.pdf import write_pdf
from counter_app.forms.qr import QUIET_ZONE as QR_QUIET_ZONE
from counter_app.forms.qr import draw_qr, qr_matrix
from counter_app.forms.text import ASCENT, LINE_SPACING, Box, FittedText, fit_text, text_width

log = logging.getLogger(__name__)

TITLE = "Social security card face"  # the PDF's metadata: never personal data
BOLD_STROKE = 0.035  # a bold text's outline, as a share of its size (fonts have no bold)

MSG_TEXT_TOO_LONG = QT_TRANSLATE_NOOP(
    "messages", "The {element} does not fit its place on the card face, even at the "
                "smallest size the layout {file} allows (line {line}): the layout needs a "
                "larger box there.")
MSG_NO_GLYPH = QT_TRANSLATE_NOOP(
    "messages", "{count} character(s) on the card face are in no installed font, so the "
                "card cannot be printed. Install a font that has them (e.g. HanaMinB or "
                "SimSun-ExtB for rare characters).")
MSG_PHOTO = QT_TRANSLATE_NOOP(
    "messages", "The photo cannot be printed on the card: the photo file is damaged. Take "
                "or import the photo again.")
MSG_BARCODE = QT_TRANSLATE_NOOP(
    "messages", "The {element} cannot be printed as a barcode: it has characters a barcode "
                "cannot carry.")


class CardFaceError(CounterError):
    code = "card_face"


def card_fonts(layout: CardLayout, configured: Iterable[str] = ()) -> FontSet:
    """The layout's font files first, then *configured* (the settings' font_paths), then
    the bundled and the system's fonts."""
    paths = [*layout.fonts, *configured]
    return find_fonts(paths or None)


def render_card_face(data: CardFaceData, layout: CardLayout, fonts: FontSet | None = None,
                     *, guides: bool = False) -> bytes:
    """The card face as a PDF of ``len(layout.sides)`` pages; CardFaceError when the card
    cannot be printed right."""
    fonts = fonts or card_fonts(layout)
    pages = [_prepare(side, data, layout, fonts) for side in layout.sides]
    buffer = io.BytesIO()

    def draw(canvas: Canvas) -> None:
        for side, page in zip(layout.sides, pages):
            canvas.setPageSize((layout.width * mm, layout.height * mm))
            for step in page:
                step(canvas)
            if guides:
                _draw_guides(canvas, layout, side)
            canvas.showPage()

    write_pdf(buffer, fonts, TITLE, draw)
    return buffer.getvalue()


def _prepare(side: str, data: CardFaceData, layout: CardLayout, fonts: FontSet) -> list:
    """The side's drawing steps, everything checked first (a card is printed whole or not
    at all)."""
    steps = []
    texts = [_value(element, data) for element in layout.elements[side]
             if element.kind == "text"]
    missing = fonts.missing_characters("".join(texts))
    if missing:  # the count only: the characters may be a name's
        raise CardFaceError(MSG_NO_GLYPH, count=len(missing))
    for element in layout.elements[side]:
        box = _box(element.box, layout)
        if element.kind == "text":
            value = _value(element, data)
            if not value.strip():
                continue
            fitted = fit_text(fonts, value, box, element.size, element.min_size)
            if fitted.truncated:
                raise CardFaceError(MSG_TEXT_TOO_LONG, element=element.field or "text",
                                    file=layout.file, line=element.line)
            steps.append(_text_step(fonts, fitted, box, element))
        elif element.kind == "photo":
            if data.photo:
                steps.append(_photo_step(_image(data.photo), box))
        elif element.kind == "barcode":
            steps.append(_barcode_step(_value(element, data), box, element))
    return steps


def _value(element: Element, data: CardFaceData) -> str:
    if not element.field:
        return element.text
    value = data.field(element.field)
    if isinstance(value, dt.date):
        return format_date(element.date_format, value)
    return str(value or "")


def _box(rect: Rect, layout: CardLayout) -> Box:
    """Millimetres from the top-left to PDF points from the bottom-left."""
    return Box(rect.x * mm, (layout.height - rect.bottom) * mm, rect.width * mm,
               rect.height * mm)


def _text_step(fonts: FontSet, fitted: FittedText, box: Box, element: Element):
    colour = HexColor(element.colour)

    def step(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColor(colour)
        if element.bold:
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(fitted.size * BOLD_STROKE)
        line_height = fitted.size * LINE_SPACING
        block = len(fitted.lines) * line_height
        top = box.y + {"top": box.height, "middle": (box.height + block) / 2,
                       "bottom": block}[element.valign]
        for i, line in enumerate(fitted.lines):
            baseline = (top - i * line_height - (line_height - fitted.size) / 2
                        - fitted.size * ASCENT)
            spare = box.width - text_width(fonts, line, fitted.size)
            x = box.x + {"left": 0, "center": spare / 2, "right": spare}[element.align]
            text = canvas.beginText(x, baseline)
            if element.bold:
                text.setTextRenderMode(2)  # fill and stroke: a bolder stroke of the glyphs
            for font, run in fonts.split_runs(line):
                text.setFont(font, fitted.size)
                text.textOut(run)
            canvas.drawText(text)
        canvas.restoreState()

    return step


def _image(photo: bytes) -> ImageReader:
    """The photo as it is when it is a JPEG; PIL for anything else; CardFaceError when it
    cannot be read."""
    try:
        if photo.startswith(b"\xff\xd8"):
            return JpegImage(photo)
        reader = ImageReader(io.BytesIO(photo))
        reader.getSize()
        return reader
    except Exception as exc:  # noqa: BLE001 - PIL raises many kinds for a broken file
        log.warning("card photo cannot be read (%s)", type(exc).__name__)
        raise CardFaceError(MSG_PHOTO) from exc


def _photo_step(image: ImageReader, box: Box):
    """Scaled to cover the box (the larger of the two scales), centred, clipped to it."""
    width, height = image.getSize()
    scale = max(box.width / width, box.height / height)
    shown_width, shown_height = width * scale, height * scale

    def step(canvas: Canvas) -> None:
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(box.x, box.y, box.width, box.height)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.drawImage(image, box.x + (box.width - shown_width) / 2,
                         box.y + (box.height - shown_height) / 2, shown_width, shown_height)
        canvas.restoreState()

    return step


def _barcode_step(value: str, box: Box, element: Element):
    """The code at whole printer dots per module (bars of even width on a 300 or 600 dpi
    card printer), as large as fits, centred in its box."""
    if element.symbology == "code128":
        try:
            modules = total_modules(value)  # checked now, not while printing
        except BarcodeError as exc:
            raise CardFaceError(MSG_BARCODE, element=element.field) from exc
        width = _whole_dots(box.width, modules)
        bars = Box(_on_dot(box.x + (box.width - width) / 2), box.y, width, box.height)
        return lambda canvas: draw_code128(canvas, value, bars)
    side = _whole_dots(min(box.width, box.height), len(qr_matrix(value)) + 2 * QR_QUIET_ZONE)
    square = Box(_on_dot(box.x + (box.width - side) / 2), box.y + (box.height - side) / 2,
                 side, side)
    return lambda canvas: draw_qr(canvas, value, square)


PRINTER_DOT = 72 / 300  # points: card printers print at 300 dpi (or 600, which divides)


def _whole_dots(space: float, modules: int) -> float:
    """The width of *modules* modules of a whole number of dots each that fits *space*
    (one dot each at least)."""
    return max(1, int(space / modules / PRINTER_DOT)) * PRINTER_DOT * modules


def _on_dot(x: float) -> float:
    return round(x / PRINTER_DOT) * PRINTER_DOT


GUIDE = Color(0.2, 0.4, 0.9)
ZONE = Color(0.85, 0.85, 0.85)


def _draw_guides(canvas: Canvas, layout: CardLayout, side: str) -> None:
    canvas.saveState()
    for zone in layout.keep_clear:
        if zone.side == side:
            box = _box(zone.box, layout)
            canvas.setFillColor(ZONE)
            canvas.rect(box.x, box.y, box.width, box.height, stroke=0, fill=1)
    canvas.setStrokeColor(GUIDE)
    canvas.setLineWidth(0.4)
    canvas.roundRect(0, 0, layout.width * mm, layout.height * mm, layout.corner_radius * mm)
    margin = layout.safe_margin * mm
    canvas.setDash(1.5, 1.5)
    canvas.rect(margin, margin, layout.width * mm - 2 * margin, layout.height * mm - 2 * margin)
    canvas.restoreState()
