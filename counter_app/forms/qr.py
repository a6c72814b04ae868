"""QR code on the form so the signed copy can be matched back to its application."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from pathlib import Path

import reportlab
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms.text import Box



def _load_qrencoder():
    """ReportLab's QR encoder module, without its package: importing
    reportlab.graphics.barcode imports every barcode widget and platypus (130 ms on the
    first form of a process). The encoder itself needs only ``re`` and ``itertools``."""
    name = "counter_app.forms._reportlab_qrencoder"
    if name not in sys.modules:
        path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


_qrencoder = _load_qrencoder()
QRCode, QRErrorCorrectLevel = _qrencoder.QRCode, _qrencoder.QRErrorCorrectLevel

PREFIX = "CARDAPP"
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
_RUN = re.compile(rb"0{5,}|1{5,}")
_FINDER_LIKE = re.compile(rb"(?=00001011101|10111010000)")
_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


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


def qr_modules(payload: str) -> list[list[bool]]:
    """The code's modules, row by row from the top (True = dark), error correction M."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, _best_mask(code))
    return [list(row) for row in code.modules]


def _best_mask(code: QRCode) -> int:
    """The mask with the lowest ISO/IEC 18004 penalty (ReportLab's scoring, in pure
    Python per module, took 5 ms of the 15 ms a form may take)."""
    penalties = []
    for mask in range(8):
        code.makeImpl(True, mask)
        penalties.append(mask_penalty(code.modules))
    return penalties.index(min(penalties))


def mask_penalty(modules: list[list[bool]]) -> int:
    """Penalty rules 1-4 of ISO/IEC 18004 (8.8.2), on rows and columns as digit strings."""
    rows = [bytes(row).translate(_AS_DIGITS) for row in modules]
    lines = b"\n".join(rows + [bytes(col).translate(_AS_DIGITS) for col in zip(*modules)])
    size = len(rows)
    runs = _RUN.findall(lines)
    penalty = sum(len(run) - 2 for run in runs)  # 3 for five in a row, +1 for each more
    penalty += 40 * len(_FINDER_LIKE.findall(lines))
    penalty += 3 * _same_colour_blocks([int(row, 2) for row in rows], size)
    dark_percent = sum(row.count(b"1") for row in rows) * 100 // (size * size)
    return penalty + abs(dark_percent - 50) // 5 * 10


def _same_colour_blocks(rows: list[int], size: int) -> int:
    """2x2 blocks of one colour, counted with bit operations on neighbouring rows."""
    inner = (1 << (size - 1)) - 1
    count = 0
    for upper, lower in zip(rows, rows[1:]):
        dark = upper & (upper >> 1) & lower & (lower >> 1) & inner
        light = ~(upper | (upper >> 1) | lower | (lower >> 1)) & inner
        count += bin(dark).count("1") + bin(light).count("1")
    return count


def draw_qr(canvas: Canvas, payload: str, box: Box) -> Box:
    """Draw the code into the box (quiet zone included) as one path of dark runs; returns
    the box of the code without its quiet zone.

    One filled path of integer module coordinates keeps the page small and fast to
    write; ReportLab's widget would draw a shape per module and pick Helvetica, a font
    that is not embedded.
    """
    modules = qr_modules(payload)
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


def _runs_path(modules: list[list[bool]]) -> str:
    """``re`` operators for each horizontal run of dark modules; y counts from the bottom."""
    size, parts = len(modules), []
    for r, row in enumerate(modules):
        y = size - 1 - r + QUIET_ZONE
        c = 0
        while c < size:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < size and row[c]:
                c += 1
            parts.append(f"{start + QUIET_ZONE} {y} {c - start} 1 re")
    return "\n".join(parts)
