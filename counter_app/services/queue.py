"""Today's queue and the details of one application, as plain values for the UI."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from counter_app.domain.business import BusinessType
from counter_app.domain.clock import utc_range_of_local_day
from counter_app.domain.lifecycle import Status
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.services.intake import load_application, missing_of
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
    start, end = utc_range_of_local_day(day)
    with ctx.sessions() as session:
        rows = session.scalars(
            select(Application)
            .where(Application.site_id == operator.site_id, Application.created_at >= start,
                   Application.created_at < end)
            .order_by(Application.created_at)).all()
        labels = ctx.rules.labels
        return [QueueRow(a.id, a.number, a.name, labels[BusinessType(a.business_type)],
                         Status(a.status), a.created_at) for a in rows]


def numbers_and_names(ctx: AppContext, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Application number and applicant name of the local applications among *ids*
    (UUIDs as text, e.g. outbox entity ids), keyed by id. For the window only: the names
    are personal data and never go to the log."""
    wanted = set()
    for value in ids:
        try:
            wanted.add(uuid.UUID(str(value)))
        except ValueError:
            continue  # not an application (e.g. a photo receipt)
    if not wanted:
        return {}
    with ctx.sessions() as session:
        rows = session.execute(select(Application.id, Application.number, Application.name)
                               .where(Application.id.in_(wanted)))
        return {str(row.id): (row.number, row.name) for row in rows}


@dataclass(frozen=True)
class MaterialLine:
    code: str
    label: str
    required: bool
    received: bool


@dataclass(frozen=True)
class ApplicationDetail:
    id: uuid.UUID
    number: str
    status: Status
    business: BusinessType
    business_label: str
    name: str
    is_minor: bool
    materials: tuple[MaterialLine, ...]
    photo_path: Path | None      # absolute, inside the protected directory
    form_path: Path | None
    print_count: int
    rejection_reasons: str
    missing: tuple[str, ...]  # labels of materials still needed before it can pass


def application_detail(ctx: AppContext, application_id: uuid.UUID) -> ApplicationDetail:
    protected = ctx.settings.protected_dir
    with ctx.sessions() as session:
        app = load_application(session, application_id)
        photo = app.photos[-1] if app.photos else None
        return ApplicationDetail(
            id=app.id, number=app.number, status=Status(app.status),
            business=BusinessType(app.business_type),
            business_label=ctx.rules.labels[BusinessType(app.business_type)],
            name=app.name, is_minor=app.guardian is not None,
            materials=tuple(MaterialLine(m.code, m.label, m.required, m.received)
                            for m in app.materials),
            photo_path=protected / photo.path if photo and photo.path else None,
            form_path=protected / app.form_path if app.form_path else None,
            print_count=app.print_count, rejection_reasons=app.rejection_reasons,
            missing=tuple(missing_of(app)))
