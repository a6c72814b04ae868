"""Paragraphs flowing down a page, onto a new page when the next line would not fit."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from counter_app.forms.fonts import FontSet
from counter_app.forms.text import ASCENT, LINE_SPACING, draw_line, text_width, wrap_lines


class TextFlow:
    """Writes lines from ``top`` down to ``bottom`` between ``left`` and ``left + width``.

    ``new_page(canvas)`` is called after each page break and returns where text starts on
    the new page (documents draw their running header there).
    """

    def __init__(self, canvas: Canvas, fonts: FontSet, *, left: float, width: float,
                 top: float, bottom: float,
                 new_page: Callable[[Canvas], float] | None = None) -> None:
        self.canvas, self.fonts = canvas, fonts
        self.left, self.width, self.bottom = left, width, bottom
        self.y = top  # the top of the next line
        self._new_page = new_page or (lambda _canvas: top)

    def paragraph(self, text: str, size: float, *, prefix: str = "", indent: float = 0.0,
                  space_after: float = 0.0) -> None:
        """Wrapped text; a ``prefix`` ("1. ") hangs left of the lines that follow it."""
        hang = text_width(self.fonts, prefix, size) if prefix else 0.0
        lines = wrap_lines(self.fonts, text, self.width - indent - hang, size)
        for i, line in enumerate(lines):
            self.need(size * LINE_SPACING)
            baseline = self.y - size * ASCENT
            if i == 0 and prefix:
                draw_line(self.canvas, self.fonts, self.left + indent, baseline, prefix, size)
            draw_line(self.canvas, self.fonts, self.left + indent + hang, baseline, line, size)
            self.y -= size * LINE_SPACING
        self.y -= space_after

    def skip(self, height: float) -> None:
        self.y -= height

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` still fits above the bottom."""
        if self.y - height < self.bottom:
            self.canvas.showPage()
            self.y = self._new_page(self.canvas)
