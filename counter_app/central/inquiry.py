"""An inquiry on the central database (Art. 15/19): what the central side knows about an ID
number or a card number, across every site.

On PostgreSQL counters are fenced to their own site's rows, so the question goes through
the SECURITY DEFINER function ``central_inquiry`` (counter_app.central.lookup), which answers
with statuses, dates, levels, site names and application numbers only. The embedded
SQLite central has no fencing; the same rows come from plain queries here, masked the
same way. Either way the caller gets a list of dicts with the function's columns.
"""

from __future__ import annotations

from sqlalchemy import and_, select, text, union
from sqlalchemy.engine import Connection

from counter_app.central.schema import applications, card_records, invalid_list, sites
from counter_app.domain.inquiry import NumberKind, mask_card_number

COLUMNS = ("entry", "application_number", "site_name", "business_type", "status",
           "received_at", "due_date", "card_number", "bank", "card_status", "card_updated_at",
           "issued_on", "collected_at", "activated_at", "reason", "level", "listed_at",
           "expires_at", "released_at", "state")
APPLICATION, INVALID = "application", "invalid"


def central_inquiry(connection: Connection, kind: NumberKind, number: str) -> list[dict]:
    """Rows for applications (entry 'application') and invalid-list entries ('invalid')."""
    if connection.dialect.name == "postgresql":
        rows = connection.execute(text("SELECT * FROM central_inquiry(:kind, :number)"),
                                  {"kind": kind.value, "number": number}).mappings()
        return [dict(row) for row in rows]
    return _embedded(connection, kind, number)


def _embedded(connection: Connection, kind: NumberKind, number: str) -> list[dict]:
    a, c, s, i = applications, card_records, sites, invalid_list
    if kind is NumberKind.ID_NUMBER:
        found = select(a.c.site_id, a.c.id).where(a.c.id_number == number)
        listed = i.c.id_number == number
    else:
        found = select(c.c.site_id, c.c.application_id.label("id")).where(
            c.c.card_number == number)
        listed = i.c.card_number == number
    found = union(found).subquery()
    rows = []
    for row in connection.execute(
            select(a.c.number, s.c.name, a.c.business_type, a.c.status, a.c.received_at,
                   a.c.due_date, c.c.card_number, c.c.bank, c.c.status.label("card_status"),
                   c.c.updated_at, c.c.issued_on, c.c.collected_at, c.c.activated_at)
            .select_from(found)
            .join(a, and_(a.c.site_id == found.c.site_id, a.c.id == found.c.id))
            .join(s, s.c.id == a.c.site_id)
            .outerjoin(c, and_(c.c.site_id == a.c.site_id, c.c.application_id == a.c.id))):
        rows.append(_row(APPLICATION, application_number=row.number, site_name=row.name,
                         business_type=row.business_type, status=row.status,
                         received_at=row.received_at, due_date=row.due_date,
                         card_number=mask_card_number(row.card_number) or None,
                         bank=row.bank, card_status=row.card_status,
                         card_updated_at=row.updated_at, issued_on=row.issued_on,
                         collected_at=row.collected_at, activated_at=row.activated_at))
    for row in connection.execute(
            select(i.c.card_number, s.c.name, i.c.reason, i.c.level, i.c.listed_at,
                   i.c.expires_at, i.c.released_at, i.c.state)
            .select_from(i).outerjoin(s, s.c.id == i.c.site_id).where(listed)):
        rows.append(_row(INVALID, site_name=row.name,
                         card_number=mask_card_number(row.card_number), reason=row.reason,
                         level=row.level, listed_at=row.listed_at, expires_at=row.expires_at,
                         released_at=row.released_at, state=row.state))
    return rows


def _row(entry: str, **values) -> dict:
    return {"entry": entry, **{column: values.get(column) for column in COLUMNS[1:]}}


__all__ = ["APPLICATION", "COLUMNS", "INVALID", "central_inquiry"]
