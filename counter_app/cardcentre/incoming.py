"""What has arrived at the card centre and waits to be made: by handling point and age.

"Waiting" is an application the card centre has not yet sent to the card factory: a new
one (submitted), or one the factory could not make (production failed) that waits to be
made again. Age is counted in whole days since the central side received it; the last
age band starts at the city's promise (30 days), so those are the promise already broken.
Times are passed in (UTC, naive, as stored), never read here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from counter_app.central.schema import applications, sites
from counter_app.domain.lifecycle import Status

WAITING = (Status.SUBMITTED.value, Status.PRODUCTION_FAILED.value)


@dataclass(frozen=True)
class AgeBand:
    low: int            # days, inclusive
    high: int | None    # days, exclusive; None: no upper end

    @property
    def label(self) -> str:
        return f"{self.low}+" if self.high is None else f"{self.low}-{self.high - 1}"


def age_bands(promise_days: int) -> tuple[AgeBand, ...]:
    """Weeks up to the promise, then everything at or past it."""
    edges = [edge for edge in (7, 14, 21) if edge < promise_days]
    lows = [0, *edges, promise_days]
    return tuple(AgeBand(low, lows[i + 1] if i + 1 < len(lows) else None)
                 for i, low in enumerate(lows))


@dataclass(frozen=True)
class Site:
    id: uuid.UUID
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class SiteIncoming:
    site: Site
    by_age: tuple[int, ...]   # one count per age band (new applications)
    failed: int               # production failed, to be made again

    @property
    def total(self) -> int:
        return sum(self.by_age) + self.failed


@dataclass(frozen=True)
class IncomingApplication:
    site: Site
    id: uuid.UUID
    number: str
    business_type: str
    status: str
    name: str                  # the applicant's name: shown, never logged
    received_at: dt.datetime   # UTC
    due_date: dt.date | None
    age_days: int

    @property
    def key(self) -> tuple[uuid.UUID, uuid.UUID]:
        return (self.site.id, self.id)


def all_sites(connection: Connection) -> dict[uuid.UUID, Site]:
    return {row.id: Site(row.id, row.code, row.name, row.kind)
            for row in connection.execute(select(sites.c.id, sites.c.code, sites.c.name,
                                                 sites.c.kind))}


def unknown_site(site_id: uuid.UUID) -> Site:
    return Site(site_id, "?", "?", "")


def summary(connection: Connection, now: dt.datetime, promise_days: int
            ) -> list[SiteIncoming]:
    """Counts per handling point: new applications by age band, and failed ones."""
    bands = age_bands(promise_days)
    band = case(*[(applications.c.received_at > now - dt.timedelta(days=b.high), i)
                  for i, b in enumerate(bands) if b.high is not None],
                else_=len(bands) - 1)
    failed = Status.PRODUCTION_FAILED.value
    rows = connection.execute(
        select(applications.c.site_id,
               case((applications.c.status == failed, -1), else_=band).label("band"),
               func.count().label("n"))
        .where(applications.c.status.in_(WAITING))
        .group_by(applications.c.site_id, "band"))
    known = all_sites(connection)
    counts: dict[uuid.UUID, list[int]] = {}
    for row in rows:
        slots = counts.setdefault(row.site_id, [0] * (len(bands) + 1))
        slots[row.band if row.band >= 0 else len(bands)] += row.n
    result = [SiteIncoming(known.get(site_id) or unknown_site(site_id), tuple(slots[:-1]),
                           slots[-1]) for site_id, slots in counts.items()]
    return sorted(result, key=lambda s: s.site.code)


def waiting(connection: Connection, now: dt.datetime, *, site_id: uuid.UUID | None = None,
            min_age_days: int = 0, limit: int = 2000) -> list[IncomingApplication]:
    """The waiting applications, oldest first (one site's, or every site's)."""
    statement = (select(applications.c.site_id, applications.c.id, applications.c.number,
                        applications.c.business_type, applications.c.status,
                        applications.c.received_at, applications.c.due_date,
                        applications.c.payload["applicant"]["name"].as_string().label("name"))
                 .where(applications.c.status.in_(WAITING))
                 .order_by(applications.c.received_at, applications.c.number).limit(limit))
    if site_id is not None:
        statement = statement.where(applications.c.site_id == site_id)
    if min_age_days:
        statement = statement.where(
            applications.c.received_at <= now - dt.timedelta(days=min_age_days))
    known = all_sites(connection)
    return [IncomingApplication(
        known.get(row.site_id) or unknown_site(row.site_id), row.id, row.number,
        row.business_type, row.status, row.name or "", row.received_at, row.due_date,
        max(0, (now - row.received_at).days)) for row in connection.execute(statement)]
