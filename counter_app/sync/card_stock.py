"""Instant issuance's part of a sync: whether this counter's site makes cards at the window
(a site setting the administrator gives centrally), the site's stock of blank cards, and
the runs of card numbers reserved for this counter.

The central side reserves runs of the site's blocks for each counter (central_card_reserve,
counter_app.central.device_instant); this counter keeps them in ``card_number_ranges`` and
takes its numbers from them one by one (counter_app.services.issuance), offline too. Each
sync lists the counter's runs again with the highest number the central side has seen it
use in each, so an answer lost in a crash (a run reserved, not stored) is recovered and a
number is never taken twice; when fewer than the rules' ``reserve_below`` numbers are left
it reserves up to ``reserve_count``. The stock is kept as the central side counted it, in
the ``meta`` table (``card_stock``; ``mine``: the numbers of this counter it had seen used).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from sqlalchemy import Engine, func, select, text, true
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from counter_app.store.models import CardNumberRange, Meta, utcnow

log = logging.getLogger(__name__)

INSTANT_KEY = "instant_issuance"
UNDEFINED_FUNCTION = "42883"
STOCK_KEY = "card_stock"


@dataclass(frozen=True)
class CardStockSync:
    instant: bool
    reserved: int = 0        # numbers newly reserved in this sync
    unused: int = 0          # numbers this counter holds unused afterwards


def refresh(sessions: sessionmaker[Session], engine: Engine, *, reserve_count: int,
            reserve_below: int) -> CardStockSync:
    """Bring the site setting, the stock and this counter's runs of numbers up to date."""
    with engine.connect() as connection:
        try:
            stock = connection.execute(text("SELECT central_card_stock()")).scalar()
        except DBAPIError as exc:  # a central database not yet migrated: no instant issuance
            if getattr(exc.orig, "sqlstate", None) != UNDEFINED_FUNCTION:
                raise
            connection.rollback()
            log.warning("the central database has no instant issuance yet (not migrated)")
            stock = None
        connection.commit()
        instant = bool(stock and stock.get("instant"))
        reserved = 0
        if instant:
            _merge(sessions, _reservations(connection))
            unused = unused_numbers(sessions)
            if unused < reserve_below:
                reserved = connection.execute(text("SELECT central_card_reserve(:n)"), {
                    "n": reserve_count - unused}).scalar_one()
                connection.commit()  # the runs are this counter's from now on
                if reserved:
                    _merge(sessions, _reservations(connection))
                    stock = connection.execute(text("SELECT central_card_stock()")).scalar()
                    connection.commit()
    with sessions.begin() as session:
        session.merge(Meta(key=INSTANT_KEY, value="1" if instant else "0"))
        if stock is not None:
            stock = {**stock, "as_of": utcnow().isoformat(timespec="seconds")}
            session.merge(Meta(key=STOCK_KEY, value=json.dumps(stock)))
    return CardStockSync(instant, reserved, unused_numbers(sessions) if instant else 0)


def _reservations(connection) -> list[dict]:
    rows = connection.execute(text("SELECT * FROM central_card_reservations()")).mappings()
    return [dict(row) for row in rows]


def _merge(sessions: sessionmaker[Session], runs: list[dict]) -> None:
    """The central side's runs of this device, locally: new ones added; each one's next
    number past every number the central side saw used in it; runs no longer listed
    (another enrolment's) used up, never taken from again."""
    listed = {run["id"] for run in runs}
    with sessions.begin() as session:
        for run in runs:
            after_used = (run["used_up_to"] + 1) if run["used_up_to"] is not None else 0
            local = session.get(CardNumberRange, run["id"])
            if local is None:
                session.add(CardNumberRange(
                    id=run["id"], prefix=run["prefix"], first_no=run["first_no"],
                    last_no=run["last_no"], width=run["width"], bank=run["bank"] or "",
                    next_no=max(run["first_no"], after_used), reserved_at=run["reserved_at"]))
            else:
                local.next_no = max(local.next_no, after_used)
        for local in session.scalars(select(CardNumberRange).where(
                CardNumberRange.id.not_in(listed) if listed else true())):
            local.next_no = max(local.next_no, local.last_no + 1)


def unused_numbers(sessions: sessionmaker[Session]) -> int:
    """Numbers of this counter's runs not yet taken."""
    with sessions() as session:
        return int(session.scalar(select(func.coalesce(func.sum(
            CardNumberRange.last_no - CardNumberRange.next_no + 1), 0)).where(
            CardNumberRange.next_no <= CardNumberRange.last_no)) or 0)


def stored_stock(session: Session) -> dict | None:
    """The stock as the last sync found it (None: never synced since)."""
    meta = session.get(Meta, STOCK_KEY)
    if meta is None or not meta.value:
        return None
    try:
        return json.loads(meta.value)
    except ValueError:
        return None


def is_instant(session: Session) -> bool:
    """Whether the last sync found this counter's site making cards at the window."""
    meta = session.get(Meta, INSTANT_KEY)
    return meta is not None and meta.value == "1"
