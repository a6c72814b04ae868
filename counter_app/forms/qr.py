"""QR code on the form so the card centre can scan the application number back in."""

from __future__ import annotations

import hashlib

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms.text import Box

PREFIX = "CARDAPP"


def _check(application_number: str) -> str:
    # Upper-case hex keeps the payload in QR alphanumeric mode (a smaller code).
    return hashlib.sha256(application_number.encode("utf-8")).hexdigest()[:4].upper()


def qr_payload(application_number: str) -> str:
    return f"{PREFIX}:{application_number}:{_check(application_number)}"


def parse_qr_payload(text: str) -> str:
    """Return the application number; ValueError if the text is not an intact payload."""
    prefix, sep, rest = text.strip().partition(":")
    number, sep2, check = rest.rpartition(":")
    if prefix != PREFIX or not sep or not sep2 or not number:
        raise ValueError("not a registration-form QR payload")
    if check.upper() != _check(number):
        raise ValueError("QR payload checksum does not match")
    return number


def draw_qr(canvas: Canvas, payload: str, box: Box) -> None:
    """Draw the code's dark modules into the box (4-module quiet zone included).

    We paint the widget's rectangles ourselves: renderPDF would select Helvetica,
    a font that is not embedded and would then be listed in the PDF.
    """
    size = min(box.width, box.height)
    widget = QrCodeWidget(payload, barLevel="M", barWidth=size, barHeight=size, x=box.x, y=box.y)
    canvas.saveState()
    canvas.setFillColor(black)
    for module in widget.draw().contents:
        if module.fillColor is not None:
            canvas.rect(module.x, module.y, module.width, module.height, stroke=0, fill=1)
    canvas.restoreState()
