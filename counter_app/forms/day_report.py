"""The end-of-day report of a handling point (社会保障卡业务日终报表) for supervisors: the
day's applications by business type and status (a bar chart and tables), the cards
collected that day, and the cards overdue on the 30-day promise. Application numbers
only: no names, no ID numbers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.domain.fees import format_amount
from counter_app.forms import report_layouts as L
from counter_app.forms.day_closure import ClosureBlock, draw_closure
from counter_app.forms.draw import centered_line, signature_line
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.pdf import write_pdf
from counter_app.forms.tables import draw_lines, draw_table, section_heading
from counter_app.forms.text import draw_line, wrap_lines


@dataclass(frozen=True)
class BusinessCount:
    label: str
    by_status: dict[str, int]      # lifecycle.Status value -> applications

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class CollectedLine:
    application_number: str
    business_label: str
    collected_at: str              # local time
    collector: str                 # "applicant", "guardian"...


@dataclass(frozen=True)
class OverdueLine:
    application_number: str
    business_label: str
    status: str
    due_date: str
    days_late: int


@dataclass(frozen=True)
class FeeLine:
    operator: str
    method: str                    # the method's printed word (现金...)
    payments: int
    amount_fen: int


@dataclass(frozen=True)
class BlankLine:
    """Blank cards at day close (instant issuance): the stock and the count, if counted;
    None where a figure is not known."""

    received: int | None = None
    issued: int | None = None
    spoiled: int | None = None
    pending: int | None = None     # in the printer, outcome not yet recorded
    expected: int | None = None
    counted: int | None = None     # None: not counted yet
    explanation: str = ""
    counted_by: str = ""
    counted_at: str = ""           # local time

    @property
    def difference(self) -> int | None:
        if self.counted is None or self.expected is None:
            return None
        return self.counted - self.expected


@dataclass(frozen=True)
class DayReportPrint:
    site_code: str
    site_name: str
    day: str
    generated_at: str
    businesses: Sequence[BusinessCount]   # every business type, in the rules' order
    collected: Sequence[CollectedLine] = ()
    overdue: Sequence[OverdueLine] = ()
    due_soon: int = 0
    ready: int = 0
    fees: Sequence[FeeLine] = ()   # by operator, then method
    fee_methods: Sequence[str] = ()  # the fee table's method columns, in order
    currency: str = "CNY"
    unpaid: int = 0                # the day's applications with a fee due, not paid
    unpaid_fen: int = 0
    blanks: BlankLine | None = None  # an instant-issuance site's day-close count
    closure: ClosureBlock | None = None  # a closed day's explanations, who closed it

    @property
    def applications(self) -> int:
        return sum(b.total for b in self.businesses)

    @property
    def fees_fen(self) -> int:
        return sum(f.amount_fen for f in self.fees)

    def by_status(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for business in self.businesses:
            for status, count in business.by_status.items():
                counts[status] = counts.get(status, 0) + count
        return counts


def render_day_report(report: DayReportPrint, out: Path | str | BinaryIO,
                      fonts: FontSet | None = None) -> None:
    fonts = fonts or find_fonts()
    write_pdf(out, fonts, L.DAY_TITLE, lambda c: draw_day_report(c, fonts, report))


def draw_day_report(canvas: Canvas, fonts: FontSet, report: DayReportPrint) -> None:
    def new_page(c: Canvas) -> float:
        centered_line(c, fonts, L.PAGE_FOOTER.format(page=c.getPageNumber()),
                      L.PAGE_WIDTH / 2, L.FOOTER_BASELINE, L.SMALL_SIZE)
        return L.PAGE_HEIGHT - L.BOTTOM_MARGIN

    new_page(canvas)
    centered_line(canvas, fonts, L.DAY_TITLE, L.PAGE_WIDTH / 2, L.DAY_TITLE_BASELINE,
                  L.DOCUMENT_TITLE_SIZE - 2)
    centered_line(canvas, fonts, L.DAY_INFO.format(site=report.site_name, code=report.site_code,
                                                   day=report.day,
                                                   generated=report.generated_at),
                  L.PAGE_WIDTH / 2, L.DAY_INFO_BASELINE, L.SMALL_SIZE)
    figures = {"applications": report.applications, "collected": len(report.collected),
               "overdue": len(report.overdue), "due_soon": report.due_soon,
               "ready": report.ready, "fees": format_amount(report.fees_fen, report.currency)}
    width = L.CONTENT_WIDTH / len(L.DAY_SUMMARY)
    y = draw_table(canvas, fonts, [(title, width) for title, _ in L.DAY_SUMMARY],
                   [[f"{figures[key]} {L.DAY_SUMMARY_UNIT[key]}" for _, key in L.DAY_SUMMARY]],
                   L.DAY_SUMMARY_TOP, new_page=new_page, size=L.HEADING_SIZE,
                   row_height=10 * mm, center_from=0)
    y = _chart(canvas, fonts, report, y - L.SECTION_GAP)

    y = section_heading(canvas, fonts, L.DAY_BY_BUSINESS_HEADING, y, new_page=new_page)
    columns = [L.DAY_BUSINESS_COLUMN,
               *((name, L.DAY_GROUP_WIDTH) for name, _ in L.DAY_STATUS_GROUPS),
               (L.DAY_TOTAL_LABEL, L.DAY_GROUP_WIDTH)]
    rows = [_business_row(b.label, b.by_status) for b in report.businesses if b.total]
    rows.append(_business_row(L.DAY_TOTAL_LABEL, report.by_status()))
    y = draw_table(canvas, fonts, columns, rows, y, new_page=new_page)

    y = section_heading(canvas, fonts, L.DAY_BY_STATUS_HEADING, y, new_page=new_page)
    counts = report.by_status()
    rows = [(L.label(L.STATUS_LABELS, status), str(counts[status]))
            for status in L.STATUS_LABELS if counts.get(status)]
    rows += [(L.label(L.STATUS_LABELS, status), str(count)) for status, count in counts.items()
             if status not in L.STATUS_LABELS and count]
    rows.append((L.DAY_TOTAL_LABEL, str(report.applications)))
    y = draw_table(canvas, fonts, L.DAY_STATUS_COLUMNS, rows, y, new_page=new_page)

    y = section_heading(canvas, fonts, L.DAY_COLLECTED_HEADING, y, new_page=new_page)
    rows = [(str(n), line.application_number, line.business_label, line.collected_at,
             L.label(L.COLLECTOR_LABELS, line.collector))
            for n, line in enumerate(report.collected, 1)]
    y = draw_table(canvas, fonts, L.DAY_COLLECTED_COLUMNS,
                   rows or [_nothing(L.DAY_COLLECTED_COLUMNS)], y, new_page=new_page,
                   center_from=3)

    y = section_heading(canvas, fonts, L.DAY_OVERDUE_HEADING, y, new_page=new_page)
    rows = [(str(n), line.application_number, line.business_label,
             L.label(L.STATUS_LABELS, line.status), line.due_date, str(line.days_late))
            for n, line in enumerate(report.overdue, 1)]
    y = draw_table(canvas, fonts, L.DAY_OVERDUE_COLUMNS,
                   rows or [_nothing(L.DAY_OVERDUE_COLUMNS)], y, new_page=new_page,
                   center_from=3)

    y = _fees(canvas, fonts, report, y, new_page)
    if report.blanks is not None:
        y = _blanks(canvas, fonts, report.blanks, y, new_page)
    if report.closure is not None:
        y = draw_closure(canvas, fonts, report.closure, y, new_page)

    if y - 30 * mm < L.BOTTOM_MARGIN:
        canvas.showPage()
        y = new_page(canvas)
    draw_line(canvas, fonts, L.MARGIN, y - 6 * mm, L.DAY_STATUS_NOTE, L.SMALL_SIZE)
    for index, label in enumerate(L.DAY_SIGNATURES):
        signature_line(canvas, fonts, L.MARGIN + index * 95 * mm, y - 20 * mm, label, 50 * mm)
    canvas.showPage()


def _fees(canvas: Canvas, fonts: FontSet, report: DayReportPrint, top: float,
          new_page) -> float:
    """The fees taken: a row per operator with a column per method, the count and the sum;
    the total row per method and for the day; then what the day's applications still owe."""
    methods = list(dict.fromkeys([*report.fee_methods, *(f.method for f in report.fees)]))
    width = L.DAY_FEES_METHODS_WIDTH / max(len(methods), 1)
    columns = [L.DAY_FEES_OPERATOR_COLUMN, *((m, width) for m in methods),
               L.DAY_FEES_COUNT_COLUMN, L.DAY_FEES_TOTAL_COLUMN]
    money = lambda fen: format_amount(fen, report.currency)  # noqa: E731
    operators: dict[str, list[FeeLine]] = {}
    for line in report.fees:
        operators.setdefault(line.operator, []).append(line)
    rows = [_fee_row(name, lines, methods, money) for name, lines in operators.items()]
    rows.append(_fee_row(L.DAY_TOTAL_LABEL, list(report.fees), methods, money))
    y = section_heading(canvas, fonts, L.DAY_FEES_HEADING, top, new_page=new_page)
    y = draw_table(canvas, fonts, columns, rows, y, new_page=new_page)
    if y - 8 * mm < L.BOTTOM_MARGIN:
        canvas.showPage()
        y = new_page(canvas)
    draw_line(canvas, fonts, L.MARGIN, y - 5 * mm,
              L.DAY_FEES_UNPAID.format(count=report.unpaid, amount=money(report.unpaid_fen)),
              L.SMALL_SIZE)
    return y - 6 * mm


def _blanks(canvas: Canvas, fonts: FontSet, blanks: BlankLine, top: float, new_page
            ) -> float:
    """The blanks at day close: received, issued, spoiled, expected, counted, difference;
    under them who counted and the explanation, or that they were not counted yet."""
    def figure(value: int | None, signed: bool = False) -> str:
        return L.NONE if value is None else (f"{value:+d}" if signed and value else str(value))

    y = section_heading(canvas, fonts, L.DAY_BLANKS_HEADING, top, new_page=new_page)
    y = draw_table(canvas, fonts, L.DAY_BLANKS_COLUMNS, [(
        figure(blanks.received), figure(blanks.issued), figure(blanks.spoiled),
        figure(blanks.expected), figure(blanks.counted),
        figure(blanks.difference, signed=True))], y, new_page=new_page, center_from=0)
    if blanks.counted is None:
        lines = [L.DAY_BLANKS_NOT_COUNTED]
    else:
        lines = [L.DAY_BLANKS_COUNTED.format(operator=blanks.counted_by or L.NONE,
                                             at=blanks.counted_at)]
        if blanks.difference:
            lines += wrap_lines(fonts, L.DAY_BLANKS_EXPLANATION.format(
                text=blanks.explanation or L.NONE), L.CONTENT_WIDTH, L.SMALL_SIZE)
    if blanks.pending:
        lines.append(L.DAY_BLANKS_PENDING.format(count=blanks.pending))
    return draw_lines(canvas, fonts, lines, y, new_page=new_page)


def _fee_row(label: str, lines: Sequence[FeeLine], methods: list[str], money
             ) -> tuple[str, ...]:
    by_method = {m: sum(f.amount_fen for f in lines if f.method == m) for m in methods}
    return (label, *(money(by_method[m]) for m in methods),
            str(sum(f.payments for f in lines)), money(sum(f.amount_fen for f in lines)))


def _business_row(label: str, by_status: dict[str, int]) -> tuple[str, ...]:
    groups = [sum(by_status.get(status, 0) for status in statuses)
              for _, statuses in L.DAY_STATUS_GROUPS]
    return (label, *map(str, groups), str(sum(by_status.values())))


def _nothing(columns) -> tuple[str, ...]:
    return ("", L.DAY_NOTHING, *([""] * (len(columns) - 2)))


def _chart(canvas: Canvas, fonts: FontSet, report: DayReportPrint, top: float) -> float:
    """A horizontal bar chart of the day's applications by business type; returns the y
    under it."""
    draw_line(canvas, fonts, L.MARGIN, top - L.HEADING_SIZE * 0.85, L.DAY_CHART_HEADING,
              L.HEADING_SIZE)
    height = L.DAY_CHART_HEIGHT
    drawing = Drawing(L.CONTENT_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = L.DAY_CHART_LEFT_LABELS, 8 * mm
    chart.width = L.CONTENT_WIDTH - L.DAY_CHART_LEFT_LABELS - 10 * mm
    chart.height = height - 12 * mm
    values = [b.total for b in report.businesses] or [0]
    chart.data = [values]
    category = chart.categoryAxis
    category.categoryNames = [b.label for b in report.businesses] or [L.NONE]
    category.reverseDirection = 1          # the first business type on top
    category.labels.fontName = fonts.primary
    category.labels.fontSize = 8
    category.labels.boxAnchor = "e"
    category.labels.dx = -3
    top_value = max(values)
    step = max(1, math.ceil(top_value / 5))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step * 5, step * math.ceil(top_value / step), 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = fonts.primary
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = L.HEADING_FILL
    chart.bars[0].fillColor = L.DAY_CHART_BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.primary
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    bottom = top - L.SECTION_DROP - height
    renderPDF.draw(drawing, canvas, L.MARGIN, bottom)
    return bottom
