"""The close of a day under its end-of-day report (日终结账): each open item the supervisor
left open with the reason's words and the note, then who closed the day and when. The
application number and the masked ID number name an item: no names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import report_layouts as L
from counter_app.forms.fonts import FontSet
from counter_app.forms.tables import draw_lines, draw_table, section_heading
from counter_app.forms.text import wrap_lines


@dataclass(frozen=True)
class ExplainedLine:
    application_number: str
    masked_id: str
    kind: str                      # a worklists kind code (review, unsigned…)
    reason: str                    # the reason's words (the rules')
    continues: bool = False
    note: str = ""


@dataclass(frozen=True)
class ClosureBlock:
    closed_by: str                 # the supervisor's name
    closed_at: str                 # local time
    explained: Sequence[ExplainedLine] = ()


def draw_closure(canvas: Canvas, fonts: FontSet, closure: ClosureBlock, top: float,
                 new_page) -> float:
    """The explained items as a table, their notes under it, then the closing line;
    returns the y under them."""
    y = section_heading(canvas, fonts, L.DAY_CLOSE_HEADING, top, new_page=new_page)
    lines: list[str] = []
    if closure.explained:
        rows = [(str(n), item.application_number or L.NONE, item.masked_id or L.NONE,
                 L.label(L.DAY_CLOSE_KIND_LABELS, item.kind), item.reason,
                 L.DAY_CLOSE_CONTINUES if item.continues else "")
                for n, item in enumerate(closure.explained, 1)]
        y = draw_table(canvas, fonts, L.DAY_CLOSE_COLUMNS, rows, y, new_page=new_page,
                       center_from=3)
        for n, item in enumerate(closure.explained, 1):
            if item.note:
                lines += wrap_lines(fonts, L.DAY_CLOSE_NOTE.format(n=n, text=item.note),
                                    L.CONTENT_WIDTH, L.SMALL_SIZE)
    else:
        lines.append(L.DAY_CLOSE_NONE)
    lines += ["", L.DAY_CLOSE_BY.format(operator=closure.closed_by, at=closure.closed_at)]
    return draw_lines(canvas, fonts, lines, y, new_page=new_page)
