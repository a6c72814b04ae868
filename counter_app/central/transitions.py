"""Moving applications along the lifecycle on the central side, with their history.

One function for every move made centrally — by the card centre, by a counter's pushed
operation (collection, activation) or by the notice sender — so each is checked against
the one state machine (counter_app.domain.lifecycle), recorded in the status history
(who, where, when, why), and mirrored in the card record the counters pull.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select, tuple_, update
from sqlalchemy.engine import Connection

from counter_app.central.schema import applications, card_records, status_history
from counter_app.domain.lifecycle import Actor, IllegalTransition, Status, check_transition

# Reasons a move was refused (stored and shown; English, translated by the window).
UNKNOWN_APPLICATION = "no such application"


@dataclass(frozen=True)
class Move:
    site_id: uuid.UUID
    application_id: uuid.UUID
    target: Status
    reason: str = ""
    card: dict = field(default_factory=dict)  # card record fields to set (card_number...)


@dataclass(frozen=True)
class Moved:
    move: Move
    ok: bool
    from_status: str = ""
    error: str = ""   # an IllegalTransition's text, or UNKNOWN_APPLICATION


@dataclass(frozen=True)
class Who:
    actor: Actor
    name: str                    # operator, device or process
    site_id: uuid.UUID | None    # where it happened


def move(connection: Connection, moves: list[Move], who: Who, now: dt.datetime
         ) -> list[Moved]:
    """Make every allowed move in *connection*'s transaction; one result per move."""
    if not moves:
        return []
    current = _current(connection, moves)
    results = []
    for item in moves:
        status = current.get((item.site_id, item.application_id))
        if status is None:
            results.append(Moved(item, False, error=UNKNOWN_APPLICATION))
            continue
        try:
            check_transition(Status(status), item.target, who.actor)
        except IllegalTransition as exc:
            results.append(Moved(item, False, status, str(exc)))
            continue
        current[(item.site_id, item.application_id)] = item.target.value
        results.append(Moved(item, True, status))
    done = [result for result in results if result.ok]
    if done:
        _write(connection, done, who, now)
    return results


def _current(connection, moves) -> dict[tuple[uuid.UUID, uuid.UUID], str]:
    keys = list({(m.site_id, m.application_id) for m in moves})
    rows = connection.execute(
        select(applications.c.site_id, applications.c.id, applications.c.status)
        .where(tuple_(applications.c.site_id, applications.c.id).in_(keys))
        .with_for_update())
    return {(row.site_id, row.id): row.status for row in rows}


def _write(connection, done: list[Moved], who: Who, now: dt.datetime) -> None:
    for result in done:  # a few per application at most; statements stay simple
        item = result.move
        connection.execute(update(applications).where(
            applications.c.site_id == item.site_id, applications.c.id == item.application_id
        ).values(status=item.target.value, updated_at=now))
        _card(connection, item, now)
    connection.execute(status_history.insert(), [{
        "site_id": r.move.site_id, "id": uuid.uuid4(), "application_id": r.move.application_id,
        "from_status": r.from_status, "to_status": r.move.target.value,
        "actor": who.actor.value, "actor_name": who.name[:100], "actor_site_id": who.site_id,
        "reason": r.move.reason, "at": now} for r in done])


def _card(connection, item: Move, now: dt.datetime) -> None:
    """Update the card record (made when the application arrived); create it only for an
    application from before card records existed. Not an upsert: PostgreSQL runs the
    card-status guard's INSERT trigger before it looks for the conflict."""
    values = {"status": item.target.value, "updated_at": now, **item.card}
    if item.reason:
        values["reason"] = item.reason
    updated = connection.execute(update(card_records).where(
        card_records.c.site_id == item.site_id,
        card_records.c.application_id == item.application_id).values(**values)
        .returning(card_records.c.application_id)).first()
    if updated is None:
        connection.execute(card_records.insert().values(
            site_id=item.site_id, application_id=item.application_id, **values))


def history(connection: Connection, site_id: uuid.UUID, application_id: uuid.UUID
            ) -> list[dict]:
    rows = connection.execute(select(status_history).where(
        status_history.c.site_id == site_id,
        status_history.c.application_id == application_id).order_by(status_history.c.at))
    return [dict(row._mapping) for row in rows]
