"""What happens centrally when an application arrives: the 30-day promise starts.

The first time an application is received, its card record is created (status
submitted, with the due date the counters pull) and the status history gets its first
line. A resend finds the card record and adds nothing. (Set-based: no
correlated subquery, whose row-level-security functions would run once per row.)
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import lru_cache

from sqlalchemy import bindparam, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

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
    new = list(connection.execute(_CARD_RECORDS, values).scalars())  # set-based, any size
    if new:  # only a first arrival has a first line (a resend finds its card record)
        connection.execute(_FIRST_LINES, {**values, "ids": new})
