"""Pull what the central side owns for this counter: its own cards' statuses, and the
invalid list without whose card it is (card number, kind, level, dates), each by a cursor
that cannot skip a row committed late. Pre-applications and photo receipts are not
copied city-wide: they are looked up one at a time (counter_app.central.lookup).

Why not "id > last id": PostgreSQL hands out sequence numbers (and transaction ids) at
the start of a write but rows become visible at commit, so row 7 can appear after a
reader has already moved its cursor past 8. Each pulled row carries the id of the
transaction that last wrote it (``change_xid``, xid8). A reader in one REPEATABLE READ
snapshot takes ``pg_snapshot_xmin``: every transaction below it has finished, so rows
with ``cursor <= change_xid < xmin`` are complete and visible; rows at or above xmin
wait for the next pull, whose range starts at this xmin.

A feed's rows are written locally in chunks; its cursor moves only after the last one,
so an interruption re-reads (and idempotently rewrites) rather than skips.

The device's login may not SELECT its site's card records (EXPLAIN ANALYZE on a fenced
table counts other sites' rows: counter_app.central.device_feeds): they come through
``central_card_feed(lower, upper)``, which takes the site from the login and reads in
this same snapshot. The invalid list, every row of which the device may read, is read
directly (its card columns only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, bindparam, cast, column, func, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Select
from sqlalchemy.types import UserDefinedType

from counter_app.central.device_feeds import CARD_FEED_COLUMNS
from counter_app.central.schema import card_records, invalid_list
from counter_app.domain.lifecycle import COUNTER_OWNED, Status
from counter_app.store.models import (
    Application,
    CardRecord,
    InvalidEntry,
    Meta,
)

CHUNK = 5000


@dataclass(frozen=True)
class Feed:
    rows: Callable[[int, int], Select]  # the rows with lower <= change_xid < upper
    waiting: Callable[[int, int], ColumnElement]  # whether there is one (the probe)
    write: Callable[[Session, list[dict]], None]
    chunk: int = CHUNK  # rows per local transaction (small rows: more; photos: fewer)


def _table_feed(table, columns: tuple[str, ...]):
    """A table every row of which the device may read (its *columns*)."""
    def rows(lower: int, upper: int) -> Select:
        return select(*(table.c[name] for name in columns)).where(
            table.c.change_xid >= _xid8(lower), table.c.change_xid < _xid8(upper))
    return rows, lambda lower, upper: rows(lower, upper).exists()


def _function_feed(function: str, columns: tuple[str, ...], table):
    """The device's own site's rows of *table*, from the device function *function* and
    its probe *function*_waiting (both take the range, the site comes from the login)."""
    def rows(lower: int, upper: int) -> Select:
        source = getattr(func, function)(_xid8(lower), _xid8(upper)).table_valued(
            *(column(name, table.c[name].type) for name in columns))
        return select(*(source.c[name] for name in columns))

    def waiting(lower: int, upper: int) -> ColumnElement:
        return getattr(func, f"{function}_waiting")(_xid8(lower), _xid8(upper))
    return rows, waiting


def _upsert(model, key: str):
    def write(session: Session, rows: list[dict]) -> None:
        statement = sqlite_insert(model.__table__)  # Core executemany: no ORM bookkeeping
        columns = [c for c in rows[0] if c != key]
        session.execute(statement.on_conflict_do_update(
            index_elements=[key], set_={c: statement.excluded[c] for c in columns}), rows)
    return write


def _write_cards(session: Session, rows: list[dict]) -> None:
    """The card records, and the local applications' status with them: once sent, the
    card centre owns the status (docs/SYNC.md)."""
    _upsert(CardRecord, "application_id")(session, rows)
    moves = [{"b_id": row["application_id"], "b_status": row["status"]} for row in rows
             if row["status"] in _CENTRAL_STATUSES]
    if moves:
        table = Application.__table__
        session.execute(update(table).where(
            table.c.id == bindparam("b_id"), table.c.status != bindparam("b_status"),
            _NOT_COUNTER_OWNED).values(status=bindparam("b_status")), moves)


_CENTRAL_STATUSES = {status.value for status in Status} - {s.value for s in COUNTER_OWNED}
# Constant text: an expanding IN cannot go into an executemany.
_NOT_COUNTER_OWNED = text("applications.status NOT IN ({})".format(
    ", ".join(f"'{status.value}'" for status in sorted(COUNTER_OWNED))))


FEEDS = {
    "card_records": Feed(*_function_feed("central_card_feed", CARD_FEED_COLUMNS,
                                         card_records), _write_cards),
    "invalid_list": Feed(*_table_feed(invalid_list, ("id", "card_number", "reason", "level",
                                                     "listed_at", "expires_at",
                                                     "released_at", "state",
                                                     "application_id")),
                         _upsert(InvalidEntry, "id"), chunk=4 * CHUNK),
}


def pull_once(sessions: sessionmaker[Session], engine: Engine) -> dict[str, int]:
    """Bring every feed up to date; how many rows each brought.

    One probe tells which feeds have rows in range; only those are read. A feed that
    brought rows moves its cursor right after its last chunk; the others' cursors move
    together at the end (an idle cycle reads and writes the local store once each)."""
    counts = {name: 0 for name in FEEDS}
    cursors = _cursors(sessions)
    caught_up = {}
    with engine.connect() as connection:
        # A counter's writing transaction left open ends here, not in everyone's cursor.
        connection.execute(text("SELECT central_end_stalled_writers()"))
        connection.commit()
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            upper = _upper_bound(connection)
            waiting = _feeds_with_rows(connection, cursors, upper)
            for name, feed in FEEDS.items():
                if name in waiting:
                    counts[name] = _pull_feed(sessions, connection, feed, cursors[name],
                                              upper)
                    _set_cursors(sessions, {name: upper})
                elif cursors[name] != upper:
                    caught_up[name] = upper
    _set_cursors(sessions, caught_up)
    return counts


def _upper_bound(connection) -> int:
    return int(connection.execute(text(
        "SELECT pg_snapshot_xmin(pg_current_snapshot())::text")).scalar_one())


def _feeds_with_rows(connection, cursors: dict[str, int], upper: int) -> set[str]:
    """The feeds with at least one row in their range, in one round trip."""
    probes = {name: feed.waiting(cursors[name], upper).label(name)
              for name, feed in FEEDS.items() if cursors[name] < upper}
    if not probes:
        return set()
    row = connection.execute(select(*probes.values())).one()
    return {name for name in probes if row._mapping[name]}


def _pull_feed(sessions, connection, feed: Feed, lower: int, upper: int) -> int:
    if lower >= upper:
        return 0
    statement = feed.rows(lower, upper)
    result = connection.execution_options(yield_per=feed.chunk).execute(statement)
    keys, count = list(result.keys()), 0
    for rows in result.partitions():
        with sessions.begin() as session:
            feed.write(session, [dict(zip(keys, row)) for row in rows])
        count += len(rows)
    return count


def _xid8(value: int):
    """An xid8 value (sent as text: it may exceed a bigint)."""
    return cast(str(value), XID8())


class XID8(UserDefinedType):
    cache_ok = True

    def get_col_spec(self, **_kw) -> str:
        return "xid8"


def _cursors(sessions: sessionmaker[Session]) -> dict[str, int]:
    """Every feed's cursor (0: never pulled)."""
    keys = {f"pull_cursor:{name}": name for name in FEEDS}
    with sessions() as session:
        stored = {key: value for key, value in session.execute(
            select(Meta.key, Meta.value).where(Meta.key.in_(keys)))}
    return {name: int(stored.get(key) or 0) for key, name in keys.items()}


def _set_cursors(sessions: sessionmaker[Session], values: dict[str, int]) -> None:
    if not values:
        return
    with sessions.begin() as session:
        for feed, value in values.items():
            session.merge(Meta(key=f"pull_cursor:{feed}", value=str(value)))
