"""The end-of-day report of a handling point, for supervisors: the day's applications by
business type and status, the cards collected that day, and the promise lists (cards
overdue, due within the city's "due soon" days, waiting for collection) from the card
records pulled from the central side. The clock is passed in; "the day" is the counter's
local day, while rows keep UTC.

A status is the newer of the application row (what this counter did last) and its card
record (the card centre's word, pulled), as in the inquiry. Statuses are those at the
time the report is made; "overdue" is counted as of the report's day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, func, or_, select

from counter_app.domain.business import BusinessType
from counter_app.domain.cards import Promise, promise_state
from counter_app.domain.clock import local_date, local_text, utc_range_of_local_day
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.lifecycle import OPEN, READY, Status
from counter_app.issuance.stock import Stock
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.blank_count import BlankCount, blank_count_of
from counter_app.services.context import AppContext
from counter_app.services.issuance import local_stock
from counter_app.store.models import (Application, ApplicationFee, CardRecord, Operator, Site,
                                      utcnow)
from counter_app.sync import card_stock

MSG_NO_SITE = QT_TRANSLATE_NOOP(
    "messages", "There is no handling point {code} on this counter.")


class ReportError(CounterError):
    code = "report"


@dataclass(frozen=True)
class BusinessFigures:
    business_type: str                 # BusinessType value
    label: str
    by_status: dict[str, int]          # lifecycle.Status value -> applications

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class CollectedCard:
    application_number: str            # "" when the application is not on this counter
    business_type: str
    collected_at: dt.datetime          # UTC
    collector: str


@dataclass(frozen=True)
class OverdueCard:
    application_number: str
    business_type: str
    status: str
    due_date: dt.date
    days_late: int


@dataclass(frozen=True)
class FeeTotal:
    """The fees one operator took on the day by one method (payments recorded that day for
    the site's applications, whichever day those were taken in)."""

    operator: str                      # display name
    method: str                        # a method code of the rules' [fees.methods]
    payments: int
    amount_fen: int


@dataclass(frozen=True)
class DayReport:
    site_code: str
    site_name: str
    day: dt.date
    generated_at: dt.datetime          # UTC
    businesses: tuple[BusinessFigures, ...]   # every business type of the rules, in order
    collected: tuple[CollectedCard, ...]
    overdue: tuple[OverdueCard, ...]
    due_soon: int
    ready: int
    fees: tuple[FeeTotal, ...] = ()    # by operator, then method
    currency: str = "CNY"
    unpaid: int = 0                    # the day's applications with a fee due, not paid
    unpaid_fen: int = 0
    # Instant issuance (the counter's own site): the blanks counted at day close, or, not
    # counted yet, the stock expected now (None for a past day or before the first sync).
    instant: bool = False
    blank_count: BlankCount | None = None
    blank_stock: Stock | None = None

    @property
    def applications(self) -> int:
        return sum(b.total for b in self.businesses)

    @property
    def fees_fen(self) -> int:
        """The day's total of fees taken."""
        return sum(f.amount_fen for f in self.fees)

    def fees_by_method(self) -> dict[str, int]:
        return _totals((f.method, f.amount_fen) for f in self.fees)

    def fees_by_operator(self) -> dict[str, int]:
        return _totals((f.operator, f.amount_fen) for f in self.fees)

    def by_status(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for business in self.businesses:
            for status, count in business.by_status.items():
                counts[status] = counts.get(status, 0) + count
        return counts


def end_of_day(ctx: AppContext, operator: CurrentOperator, *,
               site_code: str | None = None, day: dt.date | None = None,
               now: dt.datetime | None = None) -> DayReport:
    """The report of *day* (the counter's local day of *now* by default) for *site_code*
    (a site this counter holds), else the operator's site. Supervisors and
    administrators only (Forbidden otherwise)."""
    operator.require(Permission.OVERRIDE)
    now = now or utcnow()
    day = day or local_date(now)
    start, end = utc_range_of_local_day(day)
    rules = ctx.rules
    with ctx.sessions() as session:
        site = _site(session, operator, site_code)
        counts: dict[str, dict[str, int]] = {b.value: {} for b in rules.labels}
        for row in session.execute(
                select(Application.business_type, Application.status, Application.updated_at,
                       CardRecord.status.label("card_status"),
                       CardRecord.updated_at.label("card_updated_at"))
                .outerjoin(CardRecord, CardRecord.application_id == Application.id)
                .where(Application.site_id == site.id, Application.created_at >= start,
                       Application.created_at < end)):
            status = _status(row.status, row.updated_at, row.card_status, row.card_updated_at)
            by_status = counts.setdefault(row.business_type, {})
            by_status[status] = by_status.get(status, 0) + 1
        cards = (select(CardRecord.status.label("card_status"),
                        CardRecord.updated_at.label("card_updated_at"), CardRecord.due_date,
                        CardRecord.collected_at, CardRecord.collector, Application.number,
                        Application.business_type, Application.status, Application.updated_at)
                 .outerjoin(Application, Application.id == CardRecord.application_id)
                 # Card records come down for this counter's site only; one whose
                 # application another counter of the site took in has no local row.
                 .where(or_(Application.site_id == site.id, Application.id.is_(None))))
        collected = [CollectedCard(row.number or "", row.business_type or "",
                                   row.collected_at, row.collector or "")
                     for row in session.execute(cards.where(and_(
                         CardRecord.collected_at >= start, CardRecord.collected_at < end))
                         .order_by(CardRecord.collected_at))]
        overdue, due_soon, ready = [], 0, 0
        waiting = cards.where(CardRecord.status.in_([s.value for s in OPEN | READY]))
        for row in session.execute(waiting.order_by(CardRecord.due_date)):
            status = _status(row.status, row.updated_at, row.card_status, row.card_updated_at)
            if status in READY:
                ready += 1
            elif status in OPEN and row.due_date is not None:
                promise = promise_state(row.due_date, day, rules.cards)
                if promise is Promise.OVERDUE:
                    overdue.append(OverdueCard(row.number or "", row.business_type or "",
                                               status, row.due_date,
                                               (day - row.due_date).days))
                elif promise is Promise.DUE_SOON:
                    due_soon += 1
        fees = _fees_taken(session, site, start, end, list(rules.fees.methods))
        unpaid, unpaid_fen = session.execute(
            select(func.count(), func.coalesce(func.sum(ApplicationFee.amount_fen), 0))
            .join(Application, Application.id == ApplicationFee.application_id)
            .where(Application.site_id == site.id, Application.created_at >= start,
                   Application.created_at < end, ApplicationFee.amount_fen > 0,
                   ApplicationFee.paid_at.is_(None),
                   Application.status.not_in([Status.REJECTED.value, Status.WITHDRAWN.value]))).one()
        site_code_, site_name = site.code, site.name
        # The stock known here is this counter's site's.
        instant = site.id == operator.site_id and card_stock.is_instant(session)
        blank_stock = local_stock(session) if instant and day == local_date(now) else None
    blank_count = blank_count_of(ctx, day) if instant else None
    businesses = tuple(BusinessFigures(code, _label(rules.labels, code), by_status)
                       for code, by_status in counts.items())
    return DayReport(site_code_, site_name, day, now, businesses, tuple(collected),
                     tuple(overdue), due_soon, ready, fees, rules.fees.currency, unpaid,
                     unpaid_fen, instant, blank_count, blank_stock)


def _fees_taken(session, site: Site, start: dt.datetime, end: dt.datetime,
                methods: list[str]) -> tuple[FeeTotal, ...]:
    """The fees paid from *start* to *end* for the site's applications, per operator (by
    name, then id) and method (in the rules' order, then any other)."""
    rows = session.execute(
        select(ApplicationFee.paid_by, Operator.display_name, ApplicationFee.method,
               func.count(), func.sum(ApplicationFee.amount_fen))
        .join(Application, Application.id == ApplicationFee.application_id)
        .outerjoin(Operator, Operator.id == ApplicationFee.paid_by)
        .where(Application.site_id == site.id, ApplicationFee.paid_at >= start,
               ApplicationFee.paid_at < end)
        .group_by(ApplicationFee.paid_by, Operator.display_name, ApplicationFee.method)).all()
    order = {method: index for index, method in enumerate(methods)}
    rows.sort(key=lambda r: (r.display_name or "", str(r.paid_by),
                             order.get(r.method, len(order)), r.method))
    return tuple(FeeTotal(row.display_name or "—", row.method, row[3], int(row[4] or 0))
                 for row in rows)


def _totals(pairs) -> dict[str, int]:
    totals: dict[str, int] = {}
    for key, amount in pairs:
        totals[key] = totals.get(key, 0) + amount
    return totals


def render_end_of_day(ctx: AppContext, report: DayReport, out: Path | None = None, *,
                      operator: CurrentOperator) -> Path:
    """The report as a PDF: at *out* (an export the operator chose), else sealed in the
    protected directory; the print audited."""
    operator.require(Permission.OVERRIDE)
    from counter_app.forms.day_report import render_day_report
    from counter_app.services.printing import form_fonts

    printed, fonts = print_data(ctx, report), form_fonts(ctx)
    if out is None:
        out = ctx.files.write_with(
            f"reports/end-of-day-{report.site_code}-{report.day.isoformat()}.pdf",
            lambda stream: render_day_report(printed, stream, fonts))
    else:
        render_day_report(printed, out, fonts)
    with ctx.sessions.begin() as session:
        site = session.scalar(select(Site).where(Site.code == report.site_code))
        audit.record(session, action="end_of_day_report", entity="site",
                     entity_id=site.id if site else report.site_code,
                     operator_id=operator.id, site_id=site.id if site else None,
                     detail=f"day={report.day.isoformat()} applications={report.applications} "
                            f"collected={len(report.collected)} overdue={len(report.overdue)}")
    return out


def print_data(ctx: AppContext, report: DayReport):
    from counter_app.forms.day_report import (BlankLine, BusinessCount, CollectedLine,
                                              DayReportPrint, FeeLine, OverdueLine)

    labels = ctx.rules.labels
    return DayReportPrint(
        report.site_code, report.site_name, report.day.isoformat(),
        local_text(report.generated_at),
        tuple(BusinessCount(b.label, dict(b.by_status)) for b in report.businesses),
        tuple(CollectedLine(c.application_number or "—", _label(labels, c.business_type),
                            local_text(c.collected_at, "%H:%M"), c.collector)
              for c in report.collected),
        tuple(OverdueLine(o.application_number or "—", _label(labels, o.business_type),
                          o.status, o.due_date.isoformat(), o.days_late)
              for o in report.overdue),
        report.due_soon, report.ready,
        fees=tuple(FeeLine(f.operator, ctx.rules.fees.method_label(f.method), f.payments,
                           f.amount_fen) for f in report.fees),
        fee_methods=_method_labels(ctx, report), currency=report.currency,
        unpaid=report.unpaid, unpaid_fen=report.unpaid_fen,
        blanks=_blank_line(report, BlankLine) if report.instant else None)


def _blank_line(report: DayReport, line):
    """The day-close count as printed; not counted: the stock expected now, if known."""
    count = report.blank_count
    if count is not None:
        return line(count.received, count.issued, count.spoiled, count.pending,
                    count.expected, count.counted, count.explanation, count.counted_by,
                    local_text(count.counted_at, "%H:%M"))
    stock = report.blank_stock
    if stock is None:
        return line()
    return line(stock.received, stock.issued, stock.spoiled, stock.pending, stock.expected)


def _method_labels(ctx: AppContext, report: DayReport) -> tuple[str, ...]:
    """The columns of the fee table: the rules' methods, then any other taken that day
    (the rules changed since), by code."""
    methods = list(ctx.rules.fees.methods)
    methods += sorted({f.method for f in report.fees} - set(methods))
    return tuple(dict.fromkeys(ctx.rules.fees.method_label(m) for m in methods))


def _status(status: str | None, updated_at, card_status: str | None, card_updated_at) -> str:
    """The newer word: the card record (pulled) or the application row (this counter)."""
    if status is None:
        return card_status or ""
    if card_status is not None and card_updated_at >= updated_at:
        return card_status
    return status


def _site(session, operator: CurrentOperator, code: str | None) -> Site:
    if code:
        site = session.scalar(select(Site).where(Site.code == code))
    else:
        site = session.get(Site, operator.site_id)
    if site is None:
        raise ReportError(MSG_NO_SITE, code=code or "")
    return site


def _label(labels: dict, code: str) -> str:
    try:
        return labels[BusinessType(code)]
    except (ValueError, KeyError):
        return code or "—"
