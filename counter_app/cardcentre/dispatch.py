"""Sending made cards to their handling points: produced -> at the handling point, and
the applicant's notices queued, in one transaction (a card never arrives unannounced, and
no notice goes out for a card that did not move)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select, tuple_
from sqlalchemy.engine import Connection

from counter_app.cardcentre.incoming import Site, all_sites, unknown_site
from counter_app.cardcentre.notices import NoticeTemplates, Recipient, queue_notices
from counter_app.cardcentre.production import MSG_NOTHING_CHOSEN, Key, ProductionError
from counter_app.central.schema import applications, card_records
from counter_app.central.transitions import Move, Moved, Who, move
from counter_app.domain.lifecycle import Status

# Why a chosen card was left out (stored and shown; English, translated by the window).
NO_PRODUCTION_RECORD = "no production record: not made in a production batch with a card number"


@dataclass(frozen=True)
class ProducedCard:
    site: Site
    id: uuid.UUID
    number: str
    name: str                       # shown, never logged
    card_number: str
    bank: str
    issued_on: dt.date | None
    batch_id: uuid.UUID | None

    @property
    def key(self) -> Key:
        return (self.site.id, self.id)


@dataclass(frozen=True)
class Dispatched:
    sent: int
    notices: int
    left_out: tuple[Moved, ...]


def produced(connection: Connection, *, site_id: uuid.UUID | None = None,
             limit: int = 5000) -> list[ProducedCard]:
    """Cards made and still at the card centre, by handling point."""
    statement = (
        select(applications.c.site_id, applications.c.id, applications.c.number,
               applications.c.production_batch_id,
               applications.c.payload["applicant"]["name"].as_string().label("name"),
               card_records.c.card_number, card_records.c.bank, card_records.c.issued_on)
        .join(card_records, (card_records.c.site_id == applications.c.site_id)
              & (card_records.c.application_id == applications.c.id), isouter=True)
        .where(applications.c.status == Status.PRODUCED.value)
        .order_by(applications.c.site_id, applications.c.number).limit(limit))
    if site_id is not None:
        statement = statement.where(applications.c.site_id == site_id)
    known = all_sites(connection)
    cards = [ProducedCard(known.get(row.site_id) or unknown_site(row.site_id), row.id,
                          row.number, row.name or "", row.card_number or "", row.bank or "",
                          row.issued_on, row.production_batch_id)
             for row in connection.execute(statement)]
    return sorted(cards, key=lambda c: (c.site.code, c.number))


def dispatch(connection: Connection, keys: list[Key], who: Who, now: dt.datetime,
             templates: NoticeTemplates, today: dt.date | None = None) -> Dispatched:
    """Move the cards to their handling points and queue each applicant's notices."""
    if not keys:
        raise ProductionError(MSG_NOTHING_CHOSEN)
    chosen = list(dict.fromkeys(keys))
    unmade = _produced_without_record(connection, chosen)
    results = move(connection, [Move(site, app, Status.AT_SITE) for site, app in chosen
                                if (site, app) not in unmade], who, now)
    moved = [(r.move.site_id, r.move.application_id) for r in results if r.ok]
    count = queue_notices(connection, templates, recipients(connection, moved), now,
                          today or now.date())
    refused = tuple(Moved(Move(site, app, Status.AT_SITE), False, Status.PRODUCED.value,
                          NO_PRODUCTION_RECORD) for site, app in chosen if (site, app) in unmade)
    return Dispatched(len(moved), count, tuple(r for r in results if not r.ok) + refused)


def _produced_without_record(connection: Connection, keys: list[Key]) -> set[Key]:
    """Chosen applications marked produced but not made in a production batch with a card
    number: a status set by hand is no card, so they stay at the card centre."""
    made = (applications.c.production_batch_id.is_not(None)
            & card_records.c.card_number.is_not(None) & (card_records.c.card_number != ""))
    rows = connection.execute(
        select(applications.c.site_id, applications.c.id)
        .join(card_records, (card_records.c.site_id == applications.c.site_id)
              & (card_records.c.application_id == applications.c.id), isouter=True)
        .where(tuple_(applications.c.site_id, applications.c.id).in_(keys),
               applications.c.status == Status.PRODUCED.value, ~made))
    return {(row.site_id, row.id) for row in rows}


def recipients(connection: Connection, keys: list[Key]) -> list[Recipient]:
    if not keys:
        return []
    known = all_sites(connection)
    found = []
    for start in range(0, len(keys), 500):
        rows = connection.execute(
            select(applications.c.site_id, applications.c.id, applications.c.number,
                   applications.c.payload)
            .where(tuple_(applications.c.site_id, applications.c.id).in_(
                keys[start:start + 500])))
        for row in rows:
            site = known.get(row.site_id) or unknown_site(row.site_id)
            applicant = (row.payload or {}).get("applicant") or {}
            guardian = (row.payload or {}).get("guardian") or {}
            found.append(Recipient(
                row.site_id, row.id, row.number, site.code, site.name,
                str(applicant.get("name", "")), str(applicant.get("phone", "") or ""),
                str(guardian.get("name", "") or ""), str(guardian.get("phone", "") or "")))
    return sorted(found, key=lambda r: r.number)
