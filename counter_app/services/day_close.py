"""Closing the day (日结, issue 17): a supervisor closes a local day of the site once each
of its open items is resolved or explained; an administrator may reopen it, with a reason.

**Open items of a day** are the applications created that day that are waiting for
review, returned by the supervisor to staff, unsent, refused by the central database (not
dismissed), printed but unsigned, or unfinished (draft, examined, photo taken, signed):
counter_app.services.worklists, for that day, one item an application (the first kind in
that order), plus the day's other unsent or refused operations. Each needs a reason code
of the rules' `[day_close.reasons]` that fits its kind (network trouble is no reason for a
draft: it would lock it) and, where the reason wants it, a note.

**The records of a closed day** no longer change: the applications created that day at the
site (applicant data, materials, examination, photo, form printed, signature, submission,
withdrawal, fee payment, scans and signed copies) and the day itself (no application or
batch is added to it, its blank count stays). The one exception is an application whose
explanation's reason `continues` (the applicant comes back to sign): it may be finished on
a later day. The services refuse a change with DayClosed naming the day
(counter_app.services.closed_days.ensure_day_open, called where they load the application).
Not edits, and so still done: the card centre's moves pulled from the central database,
sending what the outbox holds, making the card at the window once submitted, handing over
and activating a finished card, inquiries and reprints of documents already made.

**The closed day's report** is the end-of-day PDF of that day (services/reports.py) with
the explanations (application number, masked ID number, reason words, note), the
supervisor's name and the closing time, sealed in the protected directory so it can be
printed again. The close, each explanation and a reopen are audited in their transaction
(codes, counts and ids: never a note's or a reason's words, which may name someone).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select

from counter_app.central.operations import REJECTED
from counter_app.domain.clock import local_date, local_text, utc_range_of_local_day
from counter_app.domain.day_close import CloseReason
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services import reports, worklists
from counter_app.services.auth import MSG_FORBIDDEN, CurrentOperator, Forbidden
from counter_app.services.closed_days import DayClosed, closure_of, ensure_day_open
from counter_app.services.context import AppContext
from counter_app.services.worklists import WorkItem, WorkKind
from counter_app.store.models import (Application, DayCloseExplanation, DayClosure, Operator,
                                      OutboxEntry, Site, utcnow)

MAX_NOTE = 300
MAX_REOPEN_REASON = 500
# In the order an application is listed once: the first kind it is open as.
KINDS = (WorkKind.REVIEW, WorkKind.RETURNED, WorkKind.UNSENT, WorkKind.REFUSED,
         WorkKind.UNSIGNED, WorkKind.OLD_DRAFTS)

MSG_FUTURE = QT_TRANSLATE_NOOP("messages", "The day {day} has not begun yet: it cannot be "
                                           "closed.")
MSG_CLOSED_ALREADY = QT_TRANSLATE_NOOP(
    "messages", "The day {day} was closed already, at {at} by {operator}.")
MSG_UNEXPLAINED = QT_TRANSLATE_NOOP(
    "messages", "{count} open items of {day} are neither resolved nor explained: choose a "
                "reason for each.")
MSG_UNKNOWN_REASON = QT_TRANSLATE_NOOP(
    "messages", "\"{code}\" is not a reason of the rules file for leaving an item open.")
MSG_REASON_UNFIT = QT_TRANSLATE_NOOP(
    "messages", "The reason \"{reason}\" does not fit this kind of open item (application "
                "{number}): choose another.")
MSG_NOTE_NEEDED = QT_TRANSLATE_NOOP(
    "messages", "The reason \"{reason}\" needs a note (application {number}).")
MSG_NOTE_TOO_LONG = QT_TRANSLATE_NOOP(
    "messages", "A note is too long (at most {limit} characters).")
MSG_NOT_CLOSED = QT_TRANSLATE_NOOP(
    "messages", "The day {day} is not closed: there is nothing to reopen.")
MSG_REOPEN_REASON = QT_TRANSLATE_NOOP(
    "messages", "Please give the reason for reopening the day (at most {limit} characters).")
MSG_CHANGED = QT_TRANSLATE_NOOP(
    "messages", "The day {day} changed while it was being closed: look at its open items "
                "again.")
MSG_NO_REPORT = QT_TRANSLATE_NOOP(
    "messages", "The day {day} is not closed: there is no closing report to print.")


class DayCloseError(CounterError):
    code = "day_close"


@dataclass(frozen=True)
class Explanation:
    """What the supervisor gives for one open item: a reason code and a note."""

    reason: str
    note: str = ""


@dataclass(frozen=True)
class ExplainedItem:
    kind: str                      # a WorkKind value
    key: str                       # the WorkItem's key
    application_id: uuid.UUID | None
    number: str
    masked_id: str
    status: str
    reason: str                    # the code
    reason_label: str              # its words as they were at the close
    continues: bool
    note: str


@dataclass(frozen=True)
class ClosedDay:
    id: uuid.UUID
    site_code: str
    day: dt.date
    closed_by: str                 # the supervisor's display name
    closed_at: dt.datetime         # UTC
    report_path: Path | None       # sealed: read it with documents.document_bytes
    explained: tuple[ExplainedItem, ...]


def reasons(ctx: AppContext, kind: str | None = None) -> list[CloseReason]:
    """The reasons an item may be left open with, in the rules' order; with *kind* (a
    WorkKind), those that fit an open item of that kind."""
    return [reason for reason in ctx.rules.day_close.reasons.values()
            if kind is None or reason.fits(kind)]


def is_day_closed(ctx: AppContext, operator: CurrentOperator,
                  day: dt.date | None = None) -> bool:
    """Is *day* (today) closed at the operator's site? (No new application is taken.)"""
    with ctx.sessions() as session:
        return closure_of(session, operator.site_id, day or local_date(utcnow())) is not None


def ensure_open(ctx: AppContext, application_id: uuid.UUID) -> None:
    """DayClosed (naming the day) when the application belongs to a closed day and was
    not let continue: nothing of it can be changed, so the window says so at once."""
    with ctx.sessions() as session:
        app = session.get(Application, application_id)
        if app is not None:
            ensure_day_open(session, app)


def is_frozen(ctx: AppContext, application_id: uuid.UUID) -> bool:
    """The application's day is closed and it may not be continued (see ensure_open)."""
    try:
        ensure_open(ctx, application_id)
    except DayClosed:
        return True
    return False


def open_items(ctx: AppContext, operator: CurrentOperator, day: dt.date) -> list[WorkItem]:
    """The open items of *day* at the operator's site, each application once."""
    operator.require(Permission.OVERRIDE)
    found: dict[str, WorkItem] = {}
    for kind in KINDS:
        for item in worklists.items(ctx, kind, day=day, today=day + dt.timedelta(days=1)):
            found.setdefault(item.key, item)
    ids = [i.application_id for i in found.values() if i.application_id is not None]
    with ctx.sessions() as session:
        elsewhere = set(session.scalars(select(Application.id).where(
            Application.id.in_(ids), Application.site_id != operator.site_id))) if ids else set()
    return [item for item in found.values() if item.application_id not in elsewhere]


def closed_day(ctx: AppContext, operator: CurrentOperator, day: dt.date) -> ClosedDay | None:
    """The close in force of *day* at the operator's site, or None while it is open."""
    with ctx.sessions() as session:
        closure = closure_of(session, operator.site_id, day)
        return None if closure is None else _closed_day(ctx, session, closure)


def close_day(ctx: AppContext, operator: CurrentOperator, day: dt.date,
              explanations: Mapping[str, Explanation], *,
              now: dt.datetime | None = None) -> ClosedDay:
    """Close *day* (today or earlier) at the operator's site. *explanations* by item key
    (WorkItem.key) must cover every open item; the report is rendered and sealed, then the
    close and each explanation are recorded and audited in one transaction."""
    operator.require(Permission.OVERRIDE)
    now = now or utcnow()
    if day > local_date(now):
        raise DayCloseError(MSG_FUTURE, day=day.isoformat())
    with ctx.sessions() as session:
        _check_open(session, operator, day)
        mark = _day_mark(session, operator.site_id, day)
    explained = _explained(ctx, open_items(ctx, operator, day), explanations, day)
    closure_id = uuid.uuid4()
    relative = _render(ctx, operator, day, now, closure_id, explained)
    try:
        with ctx.sessions.begin() as session:
            _check_open(session, operator, day)  # again: another window may have closed it
            if _day_mark(session, operator.site_id, day) != mark:
                raise DayCloseError(MSG_CHANGED, day=day.isoformat())
            closure = _record(session, operator, day, now, closure_id, relative, explained)
            return _closed_day(ctx, session, closure)
    except BaseException:
        ctx.files.path(relative).unlink(missing_ok=True)  # its row was never committed
        raise


def reopen_day(ctx: AppContext, operator: CurrentOperator, day: dt.date, reason: str, *,
               now: dt.datetime | None = None) -> None:
    """Reopen the closed *day* of the operator's site: administrators only (a refused
    attempt is audited too), with a reason kept with the close."""
    now = now or utcnow()
    reason = " ".join((reason or "").split())
    with ctx.sessions.begin() as session:
        closure = closure_of(session, operator.site_id, day)
        if not operator.can(Permission.MANAGE_OPERATORS):
            audit.record(session, action="day_reopen_refused", entity="site",
                         entity_id=operator.site_id, operator_id=operator.id,
                         site_id=operator.site_id, detail=f"day={day.isoformat()}")
            refused: CounterError = Forbidden(MSG_FORBIDDEN)
        elif closure is None:
            raise DayCloseError(MSG_NOT_CLOSED, day=day.isoformat())
        elif not reason or len(reason) > MAX_REOPEN_REASON:
            raise ValidationError("reason", MSG_REOPEN_REASON, limit=MAX_REOPEN_REASON)
        else:
            closure.reopened_at, closure.reopened_by = now, operator.id
            closure.reopen_reason = reason
            audit.record(session, action="day_reopened", entity="site",
                         entity_id=operator.site_id, operator_id=operator.id,
                         site_id=operator.site_id,
                         detail=f"day={day.isoformat()} closure={closure.id}")
            return
    raise refused  # after the commit: the refused attempt stays audited


def closed_report(ctx: AppContext, operator: CurrentOperator, day: dt.date) -> Path:
    """The sealed PDF of the closed *day*, to show or print again (audited)."""
    operator.require(Permission.OVERRIDE)
    with ctx.sessions.begin() as session:
        closure = closure_of(session, operator.site_id, day)
        if closure is None or not closure.report_path:
            raise DayCloseError(MSG_NO_REPORT, day=day.isoformat())
        audit.record(session, action="day_close_report", entity="site",
                     entity_id=operator.site_id, operator_id=operator.id,
                     site_id=operator.site_id, detail=f"day={day.isoformat()}")
        return ctx.files.path(closure.report_path)


# --- closing ----------------------------------------------------------------------------

def _explained(ctx: AppContext, items: list[WorkItem],
               explanations: Mapping[str, Explanation], day: dt.date) -> list[ExplainedItem]:
    """Each open item with its checked explanation; ValidationError when one is missing
    or not good."""
    missing = [item for item in items if item.key not in explanations]
    if missing:
        raise ValidationError("explanations", MSG_UNEXPLAINED, count=len(missing),
                              day=day.isoformat())
    return [_checked(ctx, item, explanations[item.key]) for item in items]


def _checked(ctx: AppContext, item: WorkItem, explanation: Explanation) -> ExplainedItem:
    reason = ctx.rules.day_close.reason(explanation.reason)
    if reason is None:
        raise ValidationError("reason", MSG_UNKNOWN_REASON, code=explanation.reason)
    if not reason.fits(item.kind):
        raise ValidationError("reason", MSG_REASON_UNFIT, reason=reason.label,
                              number=item.number or item.key)
    note = _masked(" ".join((explanation.note or "").split()))
    if len(note) > MAX_NOTE:
        raise ValidationError("note", MSG_NOTE_TOO_LONG, limit=MAX_NOTE)
    if reason.needs_note and not note:
        raise ValidationError("note", MSG_NOTE_NEEDED, reason=reason.label,
                              number=item.number or item.key)
    return ExplainedItem(str(item.kind), item.key, item.application_id, item.number,
                         item.masked_id, item.status, reason.code, reason.label,
                         reason.continues, note)


def _masked(text: str) -> str:
    """A note is free text: long digit runs (ID or phone numbers) are masked."""
    return re.sub(r"\d{6,}[0-9Xx]?", "******", text)


def _check_open(session, operator: CurrentOperator, day: dt.date) -> None:
    closure = closure_of(session, operator.site_id, day)
    if closure is not None:
        closer = session.get(Operator, closure.closed_by)
        raise DayCloseError(MSG_CLOSED_ALREADY, day=day.isoformat(),
                            at=local_text(closure.closed_at),
                            operator=closer.display_name if closer else "")


def _day_mark(session, site_id: uuid.UUID, day: dt.date) -> tuple:
    """What changes when an item of *day* may have opened: its applications (how many,
    the last change) and the outbox (the last row, the refusals). Compared under the
    write lock with the mark taken before the items were listed."""
    start, end = utc_range_of_local_day(day)
    applications = session.execute(
        select(func.count(), func.max(Application.updated_at)).where(
            Application.site_id == site_id, Application.created_at >= start,
            Application.created_at < end)).one()
    outbox = session.execute(select(
        func.max(OutboxEntry.seq),
        func.count().filter(OutboxEntry.result == REJECTED))).one()
    return (*applications, *outbox)


def _render(ctx: AppContext, operator: CurrentOperator, day: dt.date, now: dt.datetime,
            closure_id: uuid.UUID, explained: list[ExplainedItem]) -> str:
    """The day's report with the close under it, sealed; its path in the protected dir."""
    from counter_app.forms.day_closure import ClosureBlock, ExplainedLine
    from counter_app.forms.day_report import render_day_report
    from counter_app.services.printing import form_fonts

    report = reports.end_of_day(ctx, operator, day=day, now=now)
    block = ClosureBlock(operator.display_name, local_text(now), tuple(
        ExplainedLine(e.number, e.masked_id, e.kind, e.reason_label, e.continues, e.note)
        for e in explained))
    printed = replace(reports.print_data(ctx, report), closure=block)
    fonts = form_fonts(ctx)
    relative = (f"reports/closed-day-{report.site_code}-{day.isoformat()}-"
                f"{closure_id.hex[:8]}.pdf")
    ctx.files.write_with(relative, lambda stream: render_day_report(printed, stream, fonts))
    return relative


def _record(session, operator: CurrentOperator, day: dt.date, now: dt.datetime,
            closure_id: uuid.UUID, relative: str, explained: list[ExplainedItem]
            ) -> DayClosure:
    closure = DayClosure(id=closure_id, site_id=operator.site_id, day=day,
                         closed_by=operator.id, closed_at=now, report_path=relative)
    session.add(closure)
    for position, item in enumerate(explained):
        closure.explanations.append(DayCloseExplanation(
            position=position, kind=item.kind, item_key=item.key,
            application_id=item.application_id, number=item.number,
            masked_id=item.masked_id, status=item.status, reason=item.reason,
            reason_label=item.reason_label, continues=item.continues, note=item.note))
        audit.record(session, action="day_item_explained",
                     entity="application" if item.application_id else "outbox",
                     entity_id=item.application_id or item.key, operator_id=operator.id,
                     site_id=operator.site_id, to_status=item.status,
                     detail=f"day={day.isoformat()} kind={item.kind} reason={item.reason} "
                            f"continues={'yes' if item.continues else 'no'} "
                            f"note={'yes' if item.note else 'no'}")
    continuing = sum(item.continues for item in explained)
    audit.record(session, action="day_closed", entity="site", entity_id=operator.site_id,
                 operator_id=operator.id, site_id=operator.site_id,
                 detail=f"day={day.isoformat()} closure={closure_id} "
                        f"explained={len(explained)} continuing={continuing}")
    session.flush()
    return closure


def _closed_day(ctx: AppContext, session, closure: DayClosure) -> ClosedDay:
    site, closer = session.get(Site, closure.site_id), session.get(Operator, closure.closed_by)
    explained = tuple(ExplainedItem(
        e.kind, e.item_key, e.application_id, e.number, e.masked_id, e.status, e.reason,
        e.reason_label, e.continues, e.note) for e in closure.explanations)
    return ClosedDay(closure.id, site.code if site else "", closure.day,
                     closer.display_name if closer else "", closure.closed_at,
                     ctx.files.path(closure.report_path) if closure.report_path else None,
                     explained)
