"""Engines and sessions for the local SQLite store.

SQLite runs in WAL with synchronous=FULL (a committed application survives a power cut)
and every write transaction starts with BEGIN IMMEDIATE, so two writers queue for the
lock up front instead of failing halfway through with "database is locked".
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from counter_app.store import migrate


def make_sqlite_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error's text never carries the row's values (names, ID numbers)
    engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def open_local_store(url: str) -> sessionmaker[Session]:
    """Open (creating if needed) the local database and bring its schema up to date."""
    engine = make_sqlite_engine(url)
    migrate.upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)
