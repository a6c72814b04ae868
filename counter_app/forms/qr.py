"""QR code on the form so the signed copy can be matched back to its application.

segno (a maintained pure-Python encoder) makes the code, mask chosen by the standard's
penalty rules; it is drawn here as vector shapes, so a form stays small and sharp.
"""

from __future__ import annotations

import hashlib
import re

import segno
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms.text import Box

PREFIX = "CARDAPP"
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
_DARK_RUN = re.compile(rb"\x01+")  # segno's matrix rows: 1 dark, 0 light


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


def qr_matrix(payload: str) -> tuple[bytearray, ...]:
    """The code's modules, row by row from the top (1 dark, 0 light), no quiet zone.
    Error correction at least M: segno raises it when that fits in the same size, free
    robustness for a crumpled slip or a poor scan of the signed form."""
    return segno.make_qr(payload, error="m").matrix


def draw_qr(canvas: Canvas, payload: str, box: Box) -> Box:
    """Draw the code into the box (quiet zone included) as one path of dark runs; returns
    the box of the code without its quiet zone.

    One filled path of integer module coordinates keeps the page small and fast to
    write; ReportLab's widget would draw a shape per module and pick Helvetica, a font
    that is not embedded.
    """
    modules = qr_matrix(payload)
    count = len(modules) + 2 * QUIET_ZONE
    module = min(box.width, box.height) / count
    canvas.saveState()
    canvas.translate(box.x, box.y)
    canvas.scale(module, module)
    canvas.setFillGray(0)
    canvas.addLiteral(_runs_path(modules) + " f")
    canvas.restoreState()
    quiet, inner = QUIET_ZONE * module, len(modules) * module
    return Box(box.x + quiet, box.y + quiet, inner, inner)  # the dark part, for alignment


def _runs_path(modules: tuple[bytearray, ...]) -> str:
    """``re`` operators for each horizontal run of dark modules; y counts from the bottom."""
    size, parts = len(modules), []
    for r, row in enumerate(modules):
        y = size - 1 - r + QUIET_ZONE
        parts += [f"{run.start() + QUIET_ZONE} {y} {run.end() - run.start()} 1 re"
                  for run in _DARK_RUN.finditer(row)]
    return "\n".join(parts)
