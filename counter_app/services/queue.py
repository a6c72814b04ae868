"""Today's queue and the details of one application, as plain values for the UI."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.store.models import Application


@dataclass(frozen=True)
class QueueRow:
    id: uuid.UUID
    number: str
    name: str
    business_label: str
    status: Status
    created_at: dt.datetime


def todays_queue(ctx: AppContext, operator: CurrentOperator,
                 day: dt.date | None = None) -> list[QueueRow]:
    day = day or dt.date.today()
    # Rows keep UTC; "today" is the counter's local day.
    start = dt.datetime.combine(day, dt.time.min).astimezone(dt.UTC).replace(tzinfo=None)
    with ctx.sessions() as session:
        rows = session.scalars(
            select(Application)
            .where(Application.site_id == operator.site_id, Application.created_at >= start,
                   Application.created_at < start + dt.timedelta(days=1))
            .order_by(Application.created_at)).all()
        labels = ctx.rules.labels
        return [QueueRow(a.id, a.number, a.name, labels[BusinessType(a.business_type)],
                         Status(a.status), a.created_at) for a in rows]


