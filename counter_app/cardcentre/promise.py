"""The 30-day promise: applications overdue, and those due within the next days.

Both read only open applications (sent, card not yet at the handling point: lifecycle.OPEN)
by due date, through the partial index ix_central_applications_open_due (due_date,
site_id) WHERE <open>. The WHERE clause repeats the index's predicate word for word
(schema.OPEN_SQL) so PostgreSQL can prove the index applies even to a generic plan; the
list is ordered as the index is (due date, site), so the first page of a million-row city
is read straight off the index, and the counts per site are an index-only scan.
``today`` is passed in (the card centre's local date), never read here.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection

from counter_app.cardcentre.incoming import Site, all_sites, unknown_site
from counter_app.central.schema import OPEN_SQL, applications
from counter_app.domain.cards import CardRules

OPEN = text(OPEN_SQL)


class Kind(enum.StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


@dataclass(frozen=True)
class PromiseRow:
    site: Site
    id: uuid.UUID
    number: str
    status: str
    name: str               # shown, never logged
    received_at: dt.datetime
    due_date: dt.date
    days: int               # overdue: days past the due date; due soon: days left


@dataclass(frozen=True)
class SiteCount:
    site: Site
    count: int


@dataclass(frozen=True)
class PromiseList:
    kind: Kind
    today: dt.date
    rows: tuple[PromiseRow, ...]     # the first page, most urgent first
    counts: tuple[SiteCount, ...]    # every site with any, most first
    total: int


def _range(kind: Kind, today: dt.date, rules: CardRules):
    due = applications.c.due_date
    if kind is Kind.OVERDUE:
        return (due < today,)
    return (due >= today, due <= today + dt.timedelta(days=rules.due_soon_days))


def count_statement(kind: Kind, today: dt.date, rules: CardRules,
                    site_id: uuid.UUID | None = None):
    statement = (select(applications.c.site_id, func.count().label("n"))
                 .where(OPEN, *_range(kind, today, rules)).group_by(applications.c.site_id))
    if site_id is not None:
        statement = statement.where(applications.c.site_id == site_id)
    return statement


def list_statement(kind: Kind, today: dt.date, rules: CardRules, *,
                   site_id: uuid.UUID | None = None, limit: int = 200, offset: int = 0):
    """One page of the list, in the index's order: earliest due date first."""
    statement = (select(applications.c.site_id, applications.c.id, applications.c.number,
                        applications.c.status, applications.c.received_at,
                        applications.c.due_date,
                        applications.c.payload["applicant"]["name"].as_string().label("name"))
                 .where(OPEN, *_range(kind, today, rules))
                 .order_by(applications.c.due_date, applications.c.site_id)
                 .limit(limit).offset(offset))
    if site_id is not None:
        statement = statement.where(applications.c.site_id == site_id)
    return statement


def promise_list(connection: Connection, kind: Kind, today: dt.date, rules: CardRules, *,
                 site_id: uuid.UUID | None = None, limit: int = 200,
                 offset: int = 0) -> PromiseList:
    known = all_sites(connection)

    def site(site_id_: uuid.UUID) -> Site:
        return known.get(site_id_) or unknown_site(site_id_)

    per_site = sorted((SiteCount(site(row.site_id), row.n) for row in connection.execute(
        count_statement(kind, today, rules, site_id))), key=lambda c: (-c.count, c.site.code))
    page = tuple(PromiseRow(
        site(row.site_id), row.id, row.number, row.status, row.name or "", row.received_at,
        row.due_date, (today - row.due_date).days if kind is Kind.OVERDUE
        else (row.due_date - today).days)
        for row in connection.execute(list_statement(kind, today, rules, site_id=site_id,
                                                     limit=limit, offset=offset)))
    return PromiseList(kind, today, page, tuple(per_site), sum(c.count for c in per_site))
