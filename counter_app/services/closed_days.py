"""The guard every service that changes an application calls: a closed day's records no
longer change (counter_app.services.day_close says which records and why). Small and
without imports of other services, so intake, photos, printing and fees can call it."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.clock import local_date
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.store.models import Application, DayCloseExplanation, DayClosure, utcnow

MSG_DAY_CLOSED = QT_TRANSLATE_NOOP(
    "messages", "The day {day} is closed: its records no longer change. Only an "
                "administrator can reopen it.")


class DayClosed(CounterError):
    code = "day_closed"


def closure_of(session: Session, site_id: uuid.UUID, day: dt.date) -> DayClosure | None:
    """The closure in force of *day* at the site (not reopened), or None."""
    return session.scalar(select(DayClosure).where(
        DayClosure.site_id == site_id, DayClosure.day == day,
        DayClosure.reopened_at.is_(None)))


def ensure_day_open(session: Session, app: Application) -> None:
    """DayClosed when *app* belongs to a closed day (the local day it was created; a new
    one: today) and the close did not let it continue on a later day."""
    day = local_date(app.created_at or utcnow())
    with session.no_autoflush:  # a new application is not complete yet
        closure = closure_of(session, app.site_id, day)
        if closure is None or app.id is not None and _continues(session, closure, app.id):
            return
    raise DayClosed(MSG_DAY_CLOSED, day=day.isoformat())


def ensure_site_day_open(session: Session, site_id: uuid.UUID, day: dt.date) -> None:
    """DayClosed when *day* is closed at the site: nothing new is added to it (a batch of
    applications, the blank count)."""
    if closure_of(session, site_id, day) is not None:
        raise DayClosed(MSG_DAY_CLOSED, day=day.isoformat())


def _continues(session: Session, closure: DayClosure, application_id: uuid.UUID) -> bool:
    return session.scalar(select(DayCloseExplanation.id).where(
        DayCloseExplanation.closure_id == closure.id,
        DayCloseExplanation.application_id == application_id,
        DayCloseExplanation.continues).limit(1)) is not None
