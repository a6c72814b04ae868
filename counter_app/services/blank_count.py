"""Blank cards counted at day close (instant issuance, issue 16).

At a site that makes cards at the window, staff count the blank cards in the drawer at the
end of the day. What should be there is the stock the counter knows
(counter_app.services.issuance.local_stock: received − issued − spoiled, less any blank
still in the printer); the count must equal it, or the difference be explained, before the
day's report is final (the end-of-day report prints the count: services/reports.py).

Who: window staff (INTAKE) record a count that matches; a count that differs needs a
supervisor (OVERRIDE) and an explanation. One count a local day, for today only (the stock
is the one known now); counted again the same day, the new count replaces the old, both
audited. The audit record (day, expected, counted, difference; never the explanation's
words) goes up with the counter's audit chain at the next sync; no outbox row is queued:
the central side has no kind for a count yet (it already sees each site's stock and used
numbers from the cards' own moves).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from counter_app.domain.clock import local_date
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator, Forbidden
from counter_app.services.closed_days import ensure_site_day_open
from counter_app.services.context import AppContext
from counter_app.services.issuance import local_stock
from counter_app.store.models import BlankCount as BlankCountRow
from counter_app.store.models import Operator, utcnow
from counter_app.sync import card_stock

MAX_EXPLANATION = 500

MSG_NOT_INSTANT = QT_TRANSLATE_NOOP(
    "messages", "This handling point does not make cards at the window: there are no blank "
                "cards to count.")
MSG_NO_STOCK = QT_TRANSLATE_NOOP(
    "messages", "The stock of blank cards is not known yet: sync with the central database "
                "first.")
MSG_NOT_TODAY = QT_TRANSLATE_NOOP(
    "messages", "Blank cards are counted for today only ({today}), not for {day}.")
MSG_NEGATIVE = QT_TRANSLATE_NOOP("messages", "The number of blank cards counted cannot be "
                                             "negative.")
MSG_EXPLAIN = QT_TRANSLATE_NOOP(
    "messages", "{counted} blank cards were counted but {expected} are expected (received "
                "{received}, issued {issued}, spoiled {spoiled}): explain the difference of "
                "{difference}.")
MSG_TOO_LONG = QT_TRANSLATE_NOOP(
    "messages", "The explanation is too long (at most {limit} characters).")
MSG_SUPERVISOR = QT_TRANSLATE_NOOP(
    "messages", "{counted} blank cards were counted but {expected} are expected: a count "
                "with a difference is recorded by a supervisor.")


class BlankCountError(CounterError):
    code = "blank_count"


@dataclass(frozen=True)
class BlankCount:
    day: dt.date
    received: int
    issued: int
    spoiled: int
    pending: int                 # in the printer when counted
    expected: int
    counted: int
    explanation: str
    counted_by: str              # the operator's display name
    counted_at: dt.datetime      # UTC

    @property
    def difference(self) -> int:
        """Counted less expected: negative when blanks are missing."""
        return self.counted - self.expected


def record_blank_count(ctx: AppContext, operator: CurrentOperator, day: dt.date,
                       counted: int, explanation: str = "", *,
                       now: dt.datetime | None = None) -> BlankCount:
    """Record the blanks counted at close of *day* (today) against the stock expected.
    ValidationError for a difference without an explanation; Forbidden for a difference
    recorded by someone who is not a supervisor."""
    operator.require(Permission.INTAKE)
    now = now or utcnow()
    today = local_date(now)
    explanation = " ".join((explanation or "").split())
    if day != today:
        raise ValidationError("day", MSG_NOT_TODAY, today=today.isoformat(),
                              day=day.isoformat())
    if counted < 0:
        raise ValidationError("counted", MSG_NEGATIVE)
    if len(explanation) > MAX_EXPLANATION:
        raise ValidationError("explanation", MSG_TOO_LONG, limit=MAX_EXPLANATION)
    with ctx.sessions.begin() as session:
        ensure_site_day_open(session, operator.site_id, day)
        if not card_stock.is_instant(session):
            raise BlankCountError(MSG_NOT_INSTANT)
        stock = local_stock(session)
        if stock is None:
            raise BlankCountError(MSG_NO_STOCK)
        difference = counted - stock.expected
        if difference and not explanation:
            raise ValidationError("explanation", MSG_EXPLAIN, counted=counted,
                                  expected=stock.expected, received=stock.received,
                                  issued=stock.issued, spoiled=stock.spoiled,
                                  difference=f"{difference:+d}")
        if difference and not operator.can(Permission.OVERRIDE):
            raise Forbidden(MSG_SUPERVISOR, counted=counted, expected=stock.expected)
        row = session.get(BlankCountRow, day)
        again = row is not None
        if row is None:
            row = BlankCountRow(day=day)
            session.add(row)
        row.site_id, row.counted_by, row.counted_at = operator.site_id, operator.id, now
        row.received, row.issued, row.spoiled = stock.received, stock.issued, stock.spoiled
        row.pending, row.expected, row.counted = stock.pending, stock.expected, counted
        row.explanation = explanation
        audit.record(session, action="blank_count_recorded", entity="site",
                     entity_id=operator.site_id, operator_id=operator.id,
                     site_id=operator.site_id,
                     detail=f"day={day.isoformat()} expected={stock.expected} "
                            f"counted={counted} difference={difference:+d} "
                            f"explained={'yes' if explanation else 'no'}"
                            f"{' recount=yes' if again else ''}")
    return BlankCount(day, stock.received, stock.issued, stock.spoiled, stock.pending,
                      stock.expected, counted, explanation, operator.display_name, now)


def blank_count_of(ctx: AppContext, day: dt.date) -> BlankCount | None:
    """The count recorded for *day*, or None when the blanks were not counted."""
    with ctx.sessions() as session:
        row = session.scalar(select(BlankCountRow).where(BlankCountRow.day == day))
        if row is None:
            return None
        clerk = session.get(Operator, row.counted_by)
        return BlankCount(row.day, row.received, row.issued, row.spoiled, row.pending,
                          row.expected, row.counted, row.explanation,
                          clerk.display_name if clerk else "", row.counted_at)
