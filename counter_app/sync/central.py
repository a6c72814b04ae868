"""The central database as the counter sees it: embedded SQLite or PostgreSQL by URL.

First cut: the schema is created with metadata.create_all; issue 6 gives the central side
its own Alembic migrations, roles and row-level security.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Column, DateTime, Engine, Integer, MetaData, String, Table,
                        create_engine, insert)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, make_url

from counter_app.store.db import make_sqlite_engine

metadata = MetaData()

# One row per application, keyed by the UUID the counter made.
applications = Table(
    "central_applications", metadata,
    Column("id", String(36), primary_key=True),
    Column("number", String(30), nullable=False),
    Column("site_code", String(20), nullable=False, index=True),
    Column("business_type", String(30), nullable=False),
    Column("status", String(30), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("received_at", DateTime, nullable=False),
)

# Operations already applied: a resend of the same (device, seq) has no second effect.
applied_operations = Table(
    "central_applied_operations", metadata,
    Column("device_id", String(36), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("op_id", String(36), nullable=False),
    Column("applied_at", DateTime, nullable=False),
)


# Applications started online (number given to the applicant), pulled by the counters.
preapplications = Table(
    "central_preapplications", metadata,
    Column("number", String(40), primary_key=True),
    Column("payload", JSON, nullable=False),
    Column("created_at", DateTime, nullable=False),
)


def normalise_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use psycopg 3 for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def open_central(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = make_sqlite_engine(url)
    else:
        engine = create_engine(url, pool_pre_ping=True,
                               connect_args={"connect_timeout": 5,
                                             "application_name": "counter-app"})
    metadata.create_all(engine)
    return engine


def insert_ignoring_duplicates(connection: Connection, table: Table, row: dict) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING; True when the row was new."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    # RETURNING rather than rowcount: psycopg reports no rowcount here through SQLAlchemy.
    statement = (dialect.insert(table).values(**row).on_conflict_do_nothing()
                 .returning(*table.primary_key.columns))
    return connection.execute(statement).first() is not None


def upsert_application(connection: Connection, row: dict) -> None:
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(applications).values(**row)
    updates = {k: statement.excluded[k] for k in row if k != "id"}
    connection.execute(statement.on_conflict_do_update(index_elements=["id"], set_=updates))


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


__all__ = ["applications", "applied_operations", "insert", "open_central"]
