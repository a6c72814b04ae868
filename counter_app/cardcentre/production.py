"""Production batches, and a card marked produced or failed by hand.

A batch is what the card centre sends to the card factory at once: every application in
it moves to "in production" (a new one, or one that failed and is made again) and carries
the batch's id. An application another operator moved meanwhile is left out and reported;
the rest still make the batch. Every move goes through transitions.move (checked against
the lifecycle, recorded in the status history).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from counter_app.central.schema import applications, card_records, production_batches
from counter_app.central.transitions import Move, Moved, Who, move
from counter_app.domain.cards import MSG_CARD_NUMBER, compact_card_number, is_card_number
from counter_app.domain.cells import neutralise_row
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.lifecycle import Status, check_transition

Key = tuple[uuid.UUID, uuid.UUID]  # (site id, application id)

MSG_EMPTY_BATCH = QT_TRANSLATE_NOOP(
    "messages", "None of the chosen applications can go into production now; no batch "
                "was made.")
MSG_NOTHING_CHOSEN = QT_TRANSLATE_NOOP("messages", "Choose the applications first.")
MSG_CARD_TAKEN = QT_TRANSLATE_NOOP(
    "messages", "Card number {card} already belongs to application {number}.")
MSG_NO_REASON = QT_TRANSLATE_NOOP("messages", "Say why the card could not be made.")
MSG_UNKNOWN_NUMBER = QT_TRANSLATE_NOOP("messages", "No application has the number {number}.")
MSG_UNKNOWN_APPLICATION = QT_TRANSLATE_NOOP(
    "messages", "The application is not in the central database.")
MSG_MOVED_MEANWHILE = QT_TRANSLATE_NOOP(
    "messages", "The application was changed meanwhile; look it up again.")

# The columns of the factory's result file, as the template lists them (factory.py reads
# these and the other names it accepts).
RESULT_HEADER = ("申请编号", "社会保障卡号", "发卡银行", "制卡结果", "失败原因")


class ProductionError(CounterError):
    code = "production"


@dataclass(frozen=True)
class Batch:
    id: uuid.UUID
    name: str
    size: int
    left_out: tuple[Moved, ...]   # chosen but moved meanwhile (with the reason)
    numbers: tuple[str, ...]      # the batch's application numbers


def make_batch(connection: Connection, keys: list[Key], who: Who, now: dt.datetime
               ) -> Batch:
    """Put the applications into a new production batch, in *connection*'s transaction."""
    if not keys:
        raise ProductionError(MSG_NOTHING_CHOSEN)
    batch_id, name = _new_batch(connection, who, now)
    results = move(connection, [Move(site, app, Status.IN_PRODUCTION, f"batch {name}")
                                for site, app in dict.fromkeys(keys)], who, now)
    moved = [r for r in results if r.ok]
    if not moved:
        raise ProductionError(MSG_EMPTY_BATCH)
    connection.execute(update(production_batches).where(production_batches.c.id == batch_id)
                       .values(size=len(moved)))
    for result in moved:
        connection.execute(update(applications).where(
            applications.c.site_id == result.move.site_id,
            applications.c.id == result.move.application_id).values(
            production_batch_id=batch_id))
    numbers = connection.execute(select(applications.c.number).where(
        applications.c.production_batch_id == batch_id)).scalars()
    return Batch(batch_id, name, len(moved), tuple(r for r in results if not r.ok),
                 tuple(sorted(numbers)))


def _new_batch(connection: Connection, who: Who, now: dt.datetime) -> tuple[uuid.UUID, str]:
    """The batch row, named by the day and a running number (20261122-03). Two operators
    making one at the same moment: the name is unique, the second takes the next one."""
    prefix = f"{now:%Y%m%d}-"
    taken = connection.execute(select(func.count()).where(
        production_batches.c.name.like(prefix + "%"))).scalar_one()
    for number in range(taken + 1, taken + 50):
        batch_id, name = uuid.uuid4(), f"{prefix}{number:02d}"
        try:
            with connection.begin_nested():
                connection.execute(production_batches.insert().values(
                    id=batch_id, name=name, created_at=now, created_by=who.name[:100],
                    size=0))
            return batch_id, name
        except IntegrityError:
            continue
    raise ProductionError(MSG_EMPTY_BATCH)  # pragma: no cover - 50 batches in one moment


def result_template(numbers: list[str] | tuple[str, ...]) -> str:
    """The factory's result file to fill in: one line per application of a batch, with
    its number only (no personal data leaves in it)."""
    out = io.StringIO()
    # Every cell quoted and none starts a formula (OWASP CSV injection), as in every
    # spreadsheet the program writes (counter_app.domain.cells).
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(neutralise_row(RESULT_HEADER))
    for number in numbers:
        writer.writerow(neutralise_row([number, "", "", "", ""]))
    return "\ufeff" + out.getvalue()  # a BOM: Excel opens UTF-8 CSV as such


# --- one card by hand -------------------------------------------------------------------

def find_by_number(connection: Connection, number: str) -> Key:
    rows = connection.execute(select(applications.c.site_id, applications.c.id).where(
        applications.c.number == number.strip())).all()
    if len(rows) != 1:
        raise ProductionError(MSG_UNKNOWN_NUMBER, number=number.strip())
    return (rows[0].site_id, rows[0].id)


def check_card_number(connection: Connection, card: str,
                      exclude: set[Key] | None = None) -> None:
    if not is_card_number(card):
        raise ProductionError(MSG_CARD_NUMBER)
    holder = card_holders(connection, [card]).get(card)
    if holder is not None and (holder[0], holder[1]) not in (exclude or set()):
        raise ProductionError(MSG_CARD_TAKEN, card=card, number=holder[2])


def card_holders(connection: Connection, cards: list[str]
                 ) -> dict[str, tuple[uuid.UUID, uuid.UUID, str]]:
    """Card numbers already given to applications: card -> (site, application, number)."""
    if not cards:
        return {}
    rows = connection.execute(
        select(card_records.c.card_number, card_records.c.site_id,
               card_records.c.application_id, applications.c.number)
        .join(applications, (applications.c.site_id == card_records.c.site_id)
              & (applications.c.id == card_records.c.application_id))
        .where(card_records.c.card_number.in_(cards)))
    return {row.card_number: (row.site_id, row.application_id, row.number) for row in rows}


def mark_produced(connection: Connection, key: Key, card_number: str, bank: str, who: Who,
                  now: dt.datetime, issued_on: dt.date | None = None) -> Moved:
    card_number = compact_card_number(card_number)
    check_card_number(connection, card_number, exclude={key})
    card = {"card_number": card_number, "bank": bank.strip()[:50],
            "issued_on": issued_on or now.date()}
    return _one(connection, Move(key[0], key[1], Status.PRODUCED, "", card), who, now)


def mark_failed(connection: Connection, key: Key, reason: str, who: Who, now: dt.datetime
                ) -> Moved:
    if not reason.strip():
        raise ProductionError(MSG_NO_REASON)
    return _one(connection, Move(key[0], key[1], Status.PRODUCTION_FAILED, reason.strip()),
                who, now)


def _one(connection: Connection, item: Move, who: Who, now: dt.datetime) -> Moved:
    """One move, or the reason it is refused as staff read it (IllegalTransition)."""
    current = connection.execute(select(applications.c.status).where(
        applications.c.site_id == item.site_id, applications.c.id == item.application_id)
    ).scalar()
    if current is None:
        raise ProductionError(MSG_UNKNOWN_APPLICATION)
    check_transition(Status(current), item.target, who.actor)
    [result] = move(connection, [item], who, now)
    if not result.ok:  # moved meanwhile by someone else
        raise ProductionError(MSG_MOVED_MEANWHILE)
    return result
