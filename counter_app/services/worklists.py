"""What is open while the counter works (issue 17): waiting for review, unsent, refused by
the central database, printed but never signed, drafts from earlier days, returned by a
supervisor to staff.

`counts` is what the main window shows after every change and on a timer: one statement
of aggregates, no rows in Python. `items` is the list behind one count (and what the day
close goes through for one day).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, replace

from sqlalchemy import Select, and_, func, select

from counter_app.central.operations import REJECTED
from counter_app.domain.clock import utc_range_of_local_day
from counter_app.domain.idnumber import mask
from counter_app.domain.lifecycle import Status
from counter_app.services.context import AppContext
from counter_app.store.models import Application, ApplicationReview, OutboxEntry

__all__ = ["UNFINISHED", "WorkItem", "WorkKind", "counts", "items"]


class WorkKind(enum.StrEnum):
    REVIEW = "review"          # examined, waiting for a supervisor's approval
    UNSENT = "unsent"          # applications with an unsent outbox row
    REFUSED = "refused"        # refused by the central database, not dismissed
    UNSIGNED = "unsigned"      # form printed, never signed
    OLD_DRAFTS = "old_drafts"  # counter-owned, unfinished, created before today
    RETURNED = "returned"      # examined, returned by a supervisor to staff to correct
    # The rules' day-close reasons name these (domain.day_close.ITEM_KINDS, the same).


# Unfinished at the counter: not yet at the printed form (a printed one is UNSIGNED), or
# signed and never submitted (it would otherwise be missed by the day close, and then be
# stuck on a closed day).
UNFINISHED = (Status.DRAFT.value, Status.EXAMINED.value, Status.PHOTO_OK.value,
              Status.SIGNED.value)
WAITING = "waiting"    # services.review's state of an application waiting for review
RETURNED = "returned"  # … and of one returned to staff


@dataclass(frozen=True)
class WorkItem:
    kind: WorkKind
    key: str                      # the application id as text, or "seq:<n>" for another entity
    application_id: uuid.UUID | None
    number: str                   # the application number, "" for none
    masked_id: str                # 110105********002X
    status: str                   # the application's lifecycle status ("" for none)
    since: dt.datetime            # when it entered this state, naive UTC
    detail: str = ""              # the central side's reason (as stored), a return reason…
    note: str = ""                # a returned one's note from the supervisor (never logged)


def counts(ctx: AppContext, *, today: dt.date | None = None) -> dict[WorkKind, int]:
    """How many of each kind there are now: one statement of six aggregates."""
    start_of_today = utc_range_of_local_day(today or dt.date.today())[0]
    statement = select(
        _count_review(WAITING).scalar_subquery(),
        _count_entities(OutboxEntry.sent_at.is_(None)).scalar_subquery(),
        _count_entities(*_refused()).scalar_subquery(),
        select(func.count()).where(Application.status == Status.FORM_PRINTED.value)
        .scalar_subquery(),
        select(func.count()).where(Application.status.in_(UNFINISHED),
                                   Application.created_at < start_of_today).scalar_subquery(),
        _count_review(RETURNED).scalar_subquery())
    with ctx.sessions() as session:
        row = session.execute(statement).one()
    return {kind: value or 0 for kind, value in zip(WorkKind, row, strict=True)}


def items(ctx: AppContext, kind: WorkKind, *, day: dt.date | None = None,
          today: dt.date | None = None) -> list[WorkItem]:
    """The applications (or other entities) behind one count, oldest first. With *day*,
    only those created on that local day (OLD_DRAFTS: none when *day* is not before
    *today*; the day close of today passes today=day + 1 day to have its unfinished)."""
    window = utc_range_of_local_day(day) if day is not None else None
    with ctx.sessions() as session:
        if kind is WorkKind.REVIEW:
            found = _review_items(session, window)
        elif kind is WorkKind.RETURNED:
            found = _returned_items(ctx, session, window)
        elif kind is WorkKind.UNSENT:
            found = _outbox_items(session, kind, window, OutboxEntry.sent_at.is_(None))
        elif kind is WorkKind.REFUSED:
            found = _outbox_items(session, kind, window, *_refused())
        else:
            found = _status_items(session, kind, window, today or dt.date.today())
    return sorted(found, key=lambda item: (item.since, item.number, item.key))


# --- counting ---------------------------------------------------------------------------

def _count_review(state: str) -> Select:
    return (select(func.count()).select_from(ApplicationReview)
            .join(Application, Application.id == ApplicationReview.application_id)
            .where(ApplicationReview.state == state,
                   Application.status == Status.EXAMINED.value))


def _count_entities(*conditions) -> Select:
    """Entities (an application with its files counts once), as sync.push.pending_count."""
    return select(func.count(func.distinct(OutboxEntry.entity_id))).where(*conditions)


def _refused() -> tuple:
    return OutboxEntry.result == REJECTED, OutboxEntry.dismissed_at.is_(None)


# --- listing ----------------------------------------------------------------------------

def _in_window(column, window: tuple[dt.datetime, dt.datetime] | None) -> list:
    return [] if window is None else [column >= window[0], column < window[1]]


def _item(kind: WorkKind, app: Application, since: dt.datetime, detail: str = ""
          ) -> WorkItem:
    return WorkItem(kind, str(app.id), app.id, app.number, mask(app.id_number), app.status,
                    since, detail)


def _review_items(session, window) -> list[WorkItem]:
    rows = session.execute(
        select(Application, ApplicationReview.examined_at)
        .join(ApplicationReview, ApplicationReview.application_id == Application.id)
        .where(ApplicationReview.state == WAITING,
               Application.status == Status.EXAMINED.value,
               *_in_window(Application.created_at, window)))
    return [_item(WorkKind.REVIEW, app, examined_at) for app, examined_at in rows]


def _returned_items(ctx: AppContext, session, window) -> list[WorkItem]:
    """Returned to staff (still examined): since the return, with its reason's words and
    the supervisor's note."""
    rows = session.execute(
        select(Application, ApplicationReview)
        .join(ApplicationReview, ApplicationReview.application_id == Application.id)
        .where(ApplicationReview.state == RETURNED,
               Application.status == Status.EXAMINED.value,
               *_in_window(Application.created_at, window)))
    found = []
    for app, review in rows:
        reason = (ctx.rules.review.reason_label(review.reason_code)
                  if review.reason_code else "")
        item = _item(WorkKind.RETURNED, app, review.decided_at or review.examined_at, reason)
        found.append(replace(item, note=review.note or ""))
    return found


def _status_items(session, kind: WorkKind, window, today: dt.date) -> list[WorkItem]:
    if kind is WorkKind.UNSIGNED:
        condition = Application.status == Status.FORM_PRINTED.value
        since = Application.updated_at  # the last print moved it last
    else:
        start_of_today = utc_range_of_local_day(today)[0]
        condition = and_(Application.status.in_(UNFINISHED),
                         Application.created_at < start_of_today)
        since = Application.created_at
    rows = session.execute(select(Application, since).where(
        condition, *_in_window(Application.created_at, window)))
    return [_item(kind, app, moment) for app, moment in rows]


def _outbox_items(session, kind: WorkKind, window, *conditions) -> list[WorkItem]:
    """One item an entity: an application by its id, another entity (a photo receipt…) by
    its newest operation; the oldest time waiting, the newest reason."""
    rows = session.execute(
        select(OutboxEntry.entity_id, func.min(OutboxEntry.created_at),
               func.max(OutboxEntry.seq))
        .where(*conditions).group_by(OutboxEntry.entity_id)).all()
    reasons = {}
    if kind is WorkKind.REFUSED:
        newest = [seq for _entity, _since, seq in rows]
        reasons = dict(session.execute(select(OutboxEntry.seq, OutboxEntry.last_error)
                                       .where(OutboxEntry.seq.in_(newest))).all())
    apps = _applications(session, [entity for entity, _since, _seq in rows])
    found = []
    for entity, since, seq in rows:
        app, detail = apps.get(entity), reasons.get(seq, "")
        if app is not None:
            if window is None or window[0] <= app.created_at < window[1]:
                found.append(_item(kind, app, since, detail))
        elif window is None or window[0] <= since < window[1]:
            found.append(WorkItem(kind, f"seq:{seq}", None, "", "", "", since, detail))
    return found


def _applications(session, entity_ids: list[str]) -> dict[str, Application]:
    """The local applications among outbox entity ids (text), keyed by that text."""
    wanted = {}
    for entity in entity_ids:
        try:
            wanted[uuid.UUID(entity)] = entity
        except ValueError:
            continue  # not an application's (e.g. a photo receipt's number)
    found: dict[str, Application] = {}
    keys = list(wanted)
    for start in range(0, len(keys), 900):  # within SQLite's bound-parameter limit
        for app in session.scalars(select(Application).where(
                Application.id.in_(keys[start:start + 900]))):
            found[wanted[app.id]] = app
    return found
