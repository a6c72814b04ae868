"""Pull what the central side owns: card statuses, invalid list, photo receipts and
pre-applications, each by a cursor that cannot skip a row committed late.

Why not "id > last id": PostgreSQL hands out sequence numbers (and transaction ids) at
the start of a write but rows become visible at commit, so row 7 can appear after a
reader has already moved its cursor past 8. Each pulled row carries the id of the
transaction that last wrote it (``change_xid``, xid8). A reader in one REPEATABLE READ
snapshot takes ``pg_snapshot_xmin``: every transaction below it has finished, so rows
with ``cursor <= change_xid < xmin`` are complete and visible; rows at or above xmin
wait for the next pull, whose range starts at this xmin. On the embedded SQLite central
writes are serialised, so a trigger-bumped counter does the same job.

A feed's rows are written locally in chunks; its cursor moves only after the last one,
so an interruption re-reads (and idempotently rewrites) rather than skips.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from counter_app.store.models import (CardRecord, InvalidEntry, Meta, PhotoReceipt,
                                      PreApplication, utcnow)
from counter_app.sync import central
from counter_app.sync.schema import card_records, invalid_list, photo_receipts, preapplications

CHUNK = 5000
RECEIPT_DIR = "receipts"


@dataclass(frozen=True)
class Feed:
    table: object
    columns: tuple[str, ...]
    site_owned: bool
    write: Callable[[Session, list[dict], Path], None]


def _upsert(model, key: str):
    def write(session: Session, rows: list[dict], _protected: Path) -> None:
        statement = sqlite_insert(model)
        columns = [c for c in rows[0] if c != key]
        session.execute(statement.on_conflict_do_update(
            index_elements=[key], set_={c: statement.excluded[c] for c in columns}), rows)
    return write


def _write_receipts(session: Session, rows: list[dict], protected: Path) -> None:
    """Keep each receipt's photo as a file named by its hash; the row names the file."""
    folder = protected / RECEIPT_DIR
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    records = []
    for row in rows:
        photo, sha = row.pop("photo"), row["photo_sha256"]
        row["photo_path"] = None
        if photo and sha:
            target = folder / f"{sha}.jpg"
            if not target.exists():
                target.write_bytes(photo)
            row["photo_path"] = f"{RECEIPT_DIR}/{sha}.jpg"
        records.append(row)
    _upsert(PhotoReceipt, "number")(session, records, protected)


def _write_preapplications(session: Session, rows: list[dict], protected: Path) -> None:
    now = utcnow()
    _upsert(PreApplication, "number")(session, [{**row, "pulled_at": now} for row in rows],
                                      protected)


FEEDS = {
    "card_records": Feed(card_records, ("application_id", "card_number", "bank", "status",
                                        "reason", "updated_at"), True,
                         _upsert(CardRecord, "application_id")),
    "invalid_list": Feed(invalid_list, ("id", "card_number", "id_number", "reason", "level",
                                        "listed_at", "expires_at", "released_at"), False,
                         _upsert(InvalidEntry, "id")),
    "photo_receipts": Feed(photo_receipts, ("number", "issuer", "photo_sha256", "photo",
                                            "created_at"), False, _write_receipts),
    "preapplications": Feed(preapplications, ("number", "payload", "created_at"), False,
                            _write_preapplications),
}


def pull_once(sessions: sessionmaker[Session], engine: Engine, site_id: uuid.UUID,
              protected_dir: Path) -> dict[str, int]:
    """Bring every feed up to date; how many rows each brought."""
    counts = {}
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            upper = _upper_bound(connection)
            for name, feed in FEEDS.items():
                lower = _cursor(sessions, name)
                counts[name] = _pull_feed(sessions, connection, feed, site_id, lower, upper,
                                          protected_dir)
                _set_cursor(sessions, name, upper)
    return counts


def _upper_bound(connection) -> int:
    if connection.dialect.name == "postgresql":
        return int(connection.execute(text(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text")).scalar_one())
    return int(connection.execute(text(
        "SELECT value + 1 FROM central_change_counter")).scalar_one())


def _pull_feed(sessions, connection, feed: Feed, site_id, lower: int, upper: int,
               protected_dir: Path) -> int:
    if lower >= upper:
        return 0
    table = feed.table
    statement = select(*(table.c[name] for name in feed.columns)).where(
        _in_range(connection, lower, upper))
    if feed.site_owned:
        statement = statement.where(table.c.site_id == site_id)
    result = connection.execution_options(yield_per=CHUNK).execute(statement)
    count = 0
    for rows in result.mappings().partitions():
        with sessions.begin() as session:
            feed.write(session, [dict(row) for row in rows], protected_dir)
        count += len(rows)
    return count


def _in_range(connection, lower: int, upper: int):
    if connection.dialect.name == "postgresql":
        return text("change_xid >= CAST(:lower AS xid8) AND change_xid < CAST(:upper AS xid8)"
                    ).bindparams(lower=str(lower), upper=str(upper))
    return text("change_xid >= :lower AND change_xid < :upper").bindparams(
        lower=lower, upper=upper)


def _cursor(sessions: sessionmaker[Session], feed: str) -> int:
    with sessions() as session:
        meta = session.get(Meta, f"pull_cursor:{feed}")
        return int(meta.value) if meta else 0


def _set_cursor(sessions: sessionmaker[Session], feed: str, value: int) -> None:
    with sessions.begin() as session:
        session.merge(Meta(key=f"pull_cursor:{feed}", value=str(value)))


def publish_preapplication(central_url: str, number: str, payload: dict) -> None:
    """What the online service does: store a pre-application centrally (demo and tests)."""
    engine = central.open_central(central_url)
    try:
        with engine.begin() as connection:
            central.insert_ignoring_duplicates(connection, preapplications, {
                "number": number, "payload": payload, "created_at": central.utcnow()})
    finally:
        engine.dispose()
