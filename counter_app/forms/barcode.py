"""Code 128 barcode of the application number, for hand-held scanners at the card centre.

Written here rather than with ReportLab's widget, whose module pulls in platypus (about
80 ms of import on the first form) and draws each bar as a separate shape. Code sets B
(printable ASCII) and C (digit pairs) cover application numbers like SC001-20261122-0001.
"""

from __future__ import annotations

import re

from reportlab.pdfgen.canvas import Canvas

from counter_app.forms.text import Box

# Bar and space widths (in modules) of symbols 0..106, bar first; 106 is the stop.
_WIDTHS = """
    212222 222122 222221 121223 121322 131222 122213 122312 132212
    221213 221312 231212 112232 122132 122231 113222 123122 123221
    223211 221132 221231 213212 223112 312131 311222 321122 321221
    312212 322112 322211 212123 212321 232121 111323 131123 131321
    112313 132113 132311 211313 231113 231311 112133 112331 132131
    113123 113321 133121 313121 211331 231131 213113 213311 213131
    311123 311321 331121 312113 312311 332111 314111 221411 431111
    111224 111422 121124 121421 141122 141221 112214 112412 122114
    122411 142112 142211 241211 221114 413111 241112 134111 111242
    121142 121241 114212 124112 124211 411212 421112 421211 212141
    214121 412121 111143 111341 131141 114113 114311 411113 411311
    113141 114131 311141 411131 211412 211214 211232 2331112
""".split()
CODE_C, CODE_B, START_B, START_C, STOP = 99, 100, 104, 105, 106
QUIET_ZONE = 10  # modules of white before and after, as the standard asks
_DIGIT_RUN = re.compile(r"\d{4,}")


class BarcodeError(ValueError):
    """The text has characters Code 128 set B cannot carry."""


def code128_symbols(text: str) -> list[int]:
    """Symbol values from the start symbol to the check symbol (the stop not included)."""
    if not text or any(not 32 <= ord(c) <= 126 for c in text):
        raise BarcodeError("Code 128 takes printable ASCII only")
    symbols: list[int] = []
    for chunk, digits in _chunks(text):
        if digits:
            symbols += [CODE_C] if symbols else [START_C]
            symbols += [int(chunk[i:i + 2]) for i in range(0, len(chunk), 2)]
        else:
            if symbols:
                symbols.append(CODE_B)
            else:
                symbols.append(START_B)
            symbols += [ord(c) - 32 for c in chunk]
    check = (symbols[0] + sum(i * v for i, v in enumerate(symbols[1:], 1))) % 103
    return symbols + [check]


def module_widths(text: str) -> str:
    """Alternating bar/space widths of the whole symbol, quiet zones not included."""
    return "".join(_WIDTHS[s] for s in code128_symbols(text)) + _WIDTHS[STOP]


def total_modules(text: str) -> int:
    return sum(map(int, module_widths(text))) + 2 * QUIET_ZONE


def draw_code128(canvas: Canvas, text: str, box: Box) -> None:
    """Bars filling the box's height, scaled to its width (quiet zones included)."""
    widths = module_widths(text)
    module = box.width / total_modules(text)
    x, parts = QUIET_ZONE, []
    for i, width in enumerate(map(int, widths)):
        if i % 2 == 0:
            parts.append(f"{x} 0 {width} 1 re")
        x += width
    canvas.saveState()
    canvas.translate(box.x, box.y)
    canvas.scale(module, box.height)
    canvas.setFillGray(0)
    canvas.addLiteral("\n".join(parts) + " f")
    canvas.restoreState()


def _chunks(text: str) -> list[tuple[str, bool]]:
    """Split into set-B text and set-C digit runs (even length, 4 digits or more)."""
    chunks, at = [], 0
    for match in _DIGIT_RUN.finditer(text):
        start = match.start() + (len(match.group()) % 2)  # odd run: first digit in set B
        if start > at:
            chunks.append((text[at:start], False))
        chunks.append((text[start:match.end()], True))
        at = match.end()
    if at < len(text):
        chunks.append((text[at:], False))
    return chunks
