"""What happens centrally when an application arrives: the 30-day promise starts.

The first time an application is received, its card record is created (status
submitted, with the due date the counters pull) and the status history gets its first
line. A resend finds the card record and adds nothing. (Set-based on PostgreSQL; no
correlated subquery, whose row-level-security functions would run once per row.)
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import lru_cache

from sqlalchemy import bindparam, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from counter_app.central.schema import applications, card_records, status_history
from counter_app.domain.business import load_rules
from counter_app.domain.cards import due_date
from counter_app.domain.lifecycle import Actor, Status

_FIRST_LINES = text("""
INSERT INTO central_status_history (site_id, id, application_id, from_status, to_status,
                                    actor, actor_name, actor_site_id, reason, at)
SELECT :site, gen_random_uuid(), new.id, :from_status, :to_status, :actor, :actor_name,
       :site, '', :now
FROM unnest(:ids) AS new(id)
""").bindparams(bindparam("ids", type_=postgresql.ARRAY(postgresql.UUID(as_uuid=True))))

_CARD_RECORDS = text("""
INSERT INTO central_card_records (site_id, application_id, status, reason, updated_at,
                                  due_date)
SELECT a.site_id, a.id, :status, '', :now, a.due_date
FROM central_applications a
WHERE a.site_id = :site AND a.id = ANY(:ids)
ON CONFLICT DO NOTHING
RETURNING application_id
""").bindparams(bindparam("ids", type_=postgresql.ARRAY(postgresql.UUID(as_uuid=True))))


@lru_cache(maxsize=1)
def _card_rules():
    return load_rules().cards  # the central installation's city rules, read once


def due(now: dt.datetime) -> dt.date:
    return due_date(now.date(), _card_rules())


def record_arrival(connection: Connection, site_id: uuid.UUID, device_name: str,
                   ids: list[uuid.UUID], now: dt.datetime) -> None:
    if not ids:
        return
    values = {"site": site_id, "ids": ids, "now": now, "status": Status.SUBMITTED.value,
              "from_status": Status.SIGNED.value, "to_status": Status.SUBMITTED.value,
              "actor": Actor.COUNTER.value, "actor_name": device_name[:100]}
    if connection.dialect.name == "postgresql":  # two set-based statements, any batch size
        new = list(connection.execute(_CARD_RECORDS, values).scalars())
        if new:  # only a first arrival has a first line (a resend finds its card record)
            connection.execute(_FIRST_LINES, {**values, "ids": new})
        return
    known = set(connection.execute(select(card_records.c.application_id).where(
        card_records.c.site_id == site_id, card_records.c.application_id.in_(ids))).scalars())
    new = [i for i in ids if i not in known]
    if not new:
        return
    dues = dict(connection.execute(select(applications.c.id, applications.c.due_date).where(
        applications.c.site_id == site_id, applications.c.id.in_(new))).all())
    connection.execute(status_history.insert(), [{
        "site_id": site_id, "id": uuid.uuid4(), "application_id": i,
        "from_status": values["from_status"], "to_status": values["to_status"],
        "actor": values["actor"], "actor_name": values["actor_name"], "actor_site_id": site_id,
        "reason": "", "at": now} for i in new])
    connection.execute(card_records.insert(), [{
        "site_id": site_id, "application_id": i, "status": values["status"], "reason": "",
        "updated_at": now, "due_date": dues.get(i)} for i in new])
