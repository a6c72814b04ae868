"""Instant issuance as the card centre and the administrators see it: which sites make
cards at the window, the blocks of card numbers and blank cards the card centre gives
them, and every site's stock and used numbers. (The counters' side is SQL:
counter_app.central.device_instant.)"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Connection

from counter_app.central import database
from counter_app.central.schema import (applications, blank_deliveries, card_blocks,
                                        card_numbers, card_reservations, sites)
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.issuance.numbers import NumberRange
from counter_app.issuance.stock import Stock

MSG_UNKNOWN_SITE = QT_TRANSLATE_NOOP("messages", "There is no site with the code {code}.")
MSG_BLANKS = QT_TRANSLATE_NOOP(
    "messages", "The number of blank cards must be a whole number from 0 to {most}.")
MSG_NOTHING = QT_TRANSLATE_NOOP(
    "messages", "Give the site blank cards, a block of card numbers, or both.")
MSG_NUMBERS = QT_TRANSLATE_NOOP("messages", "The block of card numbers is not usable.")
MSG_OVERLAP = QT_TRANSLATE_NOOP(
    "messages", "The block shares card numbers with a block of site {site}: blocks never "
                "overlap.")
MSG_MADE = QT_TRANSLATE_NOOP(
    "messages", "A card with a number of this block has been made already: choose numbers "
                "no card has.")

_ALLOCATE = text("SELECT central_card_allocate(:site, :blanks, :prefix, :first, :last, "
                 ":width, :bank, :by)")


class BlockError(CounterError):
    code = "card_blocks"


@dataclass(frozen=True)
class Allocated:
    block_id: uuid.UUID | None
    delivery_id: uuid.UUID | None


@dataclass(frozen=True)
class Block:
    numbers: NumberRange
    bank: str
    unreserved: int           # numbers no counter has reserved yet
    allocated_at: dt.datetime


@dataclass(frozen=True)
class SiteStock:
    site_id: uuid.UUID
    code: str
    name: str
    instant: bool
    stock: Stock
    blocks: tuple[Block, ...]

    @property
    def unreserved(self) -> int:
        return sum(block.unreserved for block in self.blocks)


@dataclass(frozen=True)
class UsedNumber:
    site_code: str
    card_number: str
    outcome: str              # in_production, issued, spoiled
    application_number: str
    used_at: dt.datetime
    reason: str


def set_instant(url: str, site_code: str, on: bool) -> None:
    """Switch instant issuance on or off for a site (an administrator's URL: devices and
    the card centre's role cannot write the sites)."""
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            changed = connection.execute(update(sites).where(sites.c.code == site_code)
                                         .values(instant_issuance=on)).rowcount
    finally:
        engine.dispose()
    if not changed:
        raise BlockError(MSG_UNKNOWN_SITE, code=site_code)


def allocate(connection: Connection, site_code: str, blanks: int,
             numbers: NumberRange | None, bank: str, by: str) -> Allocated:
    """Give a site blank cards and (optionally) a block of card numbers, through
    central_card_allocate (the card centre's devices and administrators only); BlockError
    saying why not."""
    from counter_app.central.device_instant import DELIVERY_MAX

    if not 0 <= blanks <= DELIVERY_MAX:
        raise BlockError(MSG_BLANKS, most=DELIVERY_MAX)
    if not blanks and numbers is None:
        raise BlockError(MSG_NOTHING)
    answer = connection.execute(_ALLOCATE, {
        "site": site_code, "blanks": blanks,
        "prefix": numbers.prefix if numbers else None,
        "first": numbers.first if numbers else None,
        "last": numbers.last if numbers else None,
        "width": numbers.width if numbers else None,
        "bank": bank, "by": by}).scalar_one()
    refused = answer.get("refused")
    if refused == "unknown_site":
        raise BlockError(MSG_UNKNOWN_SITE, code=site_code)
    if refused == "blanks":
        raise BlockError(MSG_BLANKS, most=DELIVERY_MAX)
    if refused == "overlap":
        raise BlockError(MSG_OVERLAP, site=answer.get("site", "?"))
    if refused == "made":
        raise BlockError(MSG_MADE)
    if refused:
        raise BlockError(MSG_NUMBERS)
    return Allocated(_uuid(answer.get("block")), _uuid(answer.get("delivery")))


def _uuid(value) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None


def site_stocks(connection: Connection, site_id: uuid.UUID | None = None) -> list[SiteStock]:
    """Every site that issues instantly or was given blanks or numbers (or *site_id*'s):
    its stock of blanks and its blocks (the card centre's login or an administrator)."""
    received = (select(blank_deliveries.c.site_id,
                       func.sum(blank_deliveries.c.blanks).label("received"))
                .group_by(blank_deliveries.c.site_id).subquery())
    used = (select(card_numbers.c.site_id,
                   *(func.count().filter(card_numbers.c.outcome == outcome).label(outcome)
                     for outcome in ("issued", "spoiled", "in_production")))
            .group_by(card_numbers.c.site_id).subquery())
    with_blocks = select(card_blocks.c.site_id)
    query = (select(sites.c.id, sites.c.code, sites.c.name, sites.c.instant_issuance,
                    func.coalesce(received.c.received, 0).label("received"),
                    func.coalesce(used.c.issued, 0).label("issued"),
                    func.coalesce(used.c.spoiled, 0).label("spoiled"),
                    func.coalesce(used.c.in_production, 0).label("pending"))
             .outerjoin(received, received.c.site_id == sites.c.id)
             .outerjoin(used, used.c.site_id == sites.c.id)
             .order_by(sites.c.code))
    if site_id is not None:
        query = query.where(sites.c.id == site_id)
    else:
        query = query.where(sites.c.instant_issuance | received.c.received.is_not(None)
                            | sites.c.id.in_(with_blocks))
    rows = connection.execute(query).all()
    blocks = _blocks(connection, [row.id for row in rows])
    return [SiteStock(row.id, row.code, row.name, row.instant_issuance,
                      Stock(int(row.received), int(row.issued), int(row.spoiled),
                            int(row.pending)), tuple(blocks.get(row.id, ())))
            for row in rows]


def _blocks(connection: Connection, site_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Block]]:
    if not site_ids:
        return {}
    reserved = (select(card_reservations.c.site_id, card_reservations.c.block_id,
                       func.max(card_reservations.c.last_no).label("reserved_to"))
                .group_by(card_reservations.c.site_id, card_reservations.c.block_id)
                .subquery())
    rows = connection.execute(
        select(card_blocks, reserved.c.reserved_to)
        .outerjoin(reserved, (reserved.c.site_id == card_blocks.c.site_id)
                   & (reserved.c.block_id == card_blocks.c.id))
        .where(card_blocks.c.site_id.in_(site_ids))
        .order_by(card_blocks.c.allocated_at, card_blocks.c.first_no)).all()
    found: dict[uuid.UUID, list[Block]] = {}
    for row in rows:
        next_free = row.first_no if row.reserved_to is None else row.reserved_to + 1
        found.setdefault(row.site_id, []).append(Block(
            NumberRange(row.prefix, row.first_no, row.last_no, row.width), row.bank,
            max(0, row.last_no - next_free + 1), row.allocated_at))
    return found


def used_numbers(connection: Connection, site_id: uuid.UUID | None = None,
                 limit: int = 200) -> list[UsedNumber]:
    """The card numbers counters used, newest first (spoiled ones with the reason)."""
    query = (select(sites.c.code, card_numbers.c.card_number, card_numbers.c.outcome,
                    applications.c.number, card_numbers.c.used_at,
                    card_numbers.c.reason)
             .join(sites, sites.c.id == card_numbers.c.site_id)
             .outerjoin(applications, (applications.c.site_id == card_numbers.c.site_id)
                        & (applications.c.id == card_numbers.c.application_id))
             .order_by(card_numbers.c.used_at.desc(), card_numbers.c.card_number.desc())
             .limit(limit))
    if site_id is not None:
        query = query.where(card_numbers.c.site_id == site_id)
    return [UsedNumber(row.code, row.card_number, row.outcome, row.number or "",
                       row.used_at, row.reason)
            for row in connection.execute(query)]

