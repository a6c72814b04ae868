"""Measure, wrap, fit and draw mixed-font text (Chinese, rare characters, Latin)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms.fonts import FontSet

LINE_SPACING = 1.2  # line height as a multiple of the font size
ASCENT = 0.85  # share of the font size above the baseline, close for CJK fonts
# Latin words and numbers stay whole when they fit; every other character may break.
_TOKEN = re.compile(r"[A-Za-z0-9@._\-]+|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, origin bottom-left."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class FittedText:
    size: float
    lines: list[str]
    truncated: bool = False


def text_width(fonts: FontSet, text: str, size: float) -> float:
    return _width_1000(fonts, text) * size / 1000


def wrap_lines(fonts: FontSet, text: str, width: float, size: float) -> list[str]:
    """Greedy line breaking; explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(fonts, paragraph, width, size)
    return lines


def fit_text(fonts: FontSet, text: str, box: Box, max_size: float, min_size: float) -> FittedText:
    """Largest size (in 0.5 pt steps) whose wrapped lines fit the box.

    Shrinking is preferred to breaking a number or Latin word across lines. If even
    ``min_size`` does not fit, the lines that fit are kept and the last one ends
    in "…", so text never spills into a neighbouring cell.
    """
    sizes = [max_size - 0.5 * i for i in range(int((max_size - min_size) / 0.5) + 1)]
    for break_words in (False, True):
        for size in sizes:
            if not break_words and _has_overlong_token(fonts, text, box.width, size):
                continue
            lines = wrap_lines(fonts, text, box.width, size)
            if len(lines) * size * LINE_SPACING <= box.height:
                return FittedText(size, lines)
    return _truncate(fonts, wrap_lines(fonts, text, box.width, min_size), box, min_size)


def draw_line(canvas: Canvas, fonts: FontSet, x: float, baseline: float, text: str, size: float) -> None:
    """Draw one line, switching fonts per run so every glyph comes from a font that has it."""
    text_object = canvas.beginText(x, baseline)
    for font, run in fonts.split_runs(text):
        text_object.setFont(font, size)
        text_object.textOut(run)
    canvas.drawText(text_object)


def draw_fitted(canvas: Canvas, fonts: FontSet, fitted: FittedText, box: Box, *, center: bool = False) -> None:
    """Draw fitted lines vertically centred in the box, left-aligned or centred."""
    line_height = fitted.size * LINE_SPACING
    block_height = len(fitted.lines) * line_height
    top = box.y + (box.height + block_height) / 2
    for i, line in enumerate(fitted.lines):
        baseline = top - i * line_height - (line_height - fitted.size) / 2 - fitted.size * ASCENT
        x = box.x
        if center:
            x += (box.width - text_width(fonts, line, fitted.size)) / 2
        draw_line(canvas, fonts, x, baseline, line, fitted.size)


def _wrap_paragraph(fonts: FontSet, text: str, width: float, size: float) -> list[str]:
    limit = width * 1000 / size  # compare widths in 1/1000 em, summed as we go
    lines, current, used = [], "", 0.0
    for token in _TOKEN.findall(text):
        token_width = _width_1000(fonts, token)
        if used + token_width <= limit:
            current, used = current + token, used + token_width
        elif token.isspace():
            lines.append(current)
            current, used = "", 0.0
        elif token_width <= limit:
            lines.append(current)
            current, used = token, token_width
        else:  # longer than a whole line: break it anywhere
            for char in token:
                char_width = _char_width(fonts, char)
                if current and used + char_width > limit:
                    lines.append(current)
                    current, used = "", 0.0
                current, used = current + char, used + char_width
    lines.append(current)
    return [line.strip() for line in lines if line.strip()] or [""]


def _has_overlong_token(fonts: FontSet, text: str, width: float, size: float) -> bool:
    return any(text_width(fonts, token, size) > width for token in _TOKEN.findall(text))


def _truncate(fonts: FontSet, lines: list[str], box: Box, size: float) -> FittedText:
    capacity = max(1, int(box.height // (size * LINE_SPACING)))
    kept = lines[:capacity]
    last = kept[-1] + "…"
    while len(last) > 1 and text_width(fonts, last, size) > box.width:
        last = last[:-2] + "…"
    kept[-1] = last
    return FittedText(size, kept, truncated=True)


@lru_cache(maxsize=16384)
def _width_1000(fonts: FontSet, text: str) -> float:
    """Width of ``text`` in 1/1000 em (font sizes scale it linearly)."""
    return sum(_char_width(fonts, char) for char in text)


def _char_width(fonts: FontSet, char: str) -> float:
    return _glyph_width(fonts.font_for(char) or fonts.primary, char)


@lru_cache(maxsize=8192)
def _glyph_width(font_name: str, char: str) -> float:
    """Advance width in 1/1000 em."""
    return pdfmetrics.stringWidth(char, font_name, 1000)
