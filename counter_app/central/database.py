"""The central database as the counter sees it: embedded SQLite or PostgreSQL by URL.

The embedded SQLite central (a single office, the demo) is migrated on first use and
trusts its counters; PostgreSQL is set up once by `counter-app central init` and fences
each site by row-level security (counter_app.central.fencing).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, create_engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from counter_app.central import migrate
from counter_app.central.schema import (
    applications,
    applied_operations,
    metadata,
    preapplications,
    sites,
)
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.store.db import make_sqlite_engine

MSG_UNREACHABLE = QT_TRANSLATE_NOOP(
    "messages", "The central database cannot be reached; applications stay queued on this "
                "counter and will be sent later. ({reason})")
MSG_NOT_INITIALISED = QT_TRANSLATE_NOOP(
    "messages", "The central database has not been set up for counters yet (run "
                "'counter-app central init'). Applications stay queued on this counter.")
MSG_REVOKED = QT_TRANSLATE_NOOP(
    "messages", "This counter's access to the central database has been withdrawn. "
                "Applications stay queued on this counter; ask the administrator to enrol "
                "it again.")


class SyncError(CounterError):
    code = "sync"


def normalise_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use psycopg 3 for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_embedded(url: str) -> bool:
    return normalise_url(url).startswith("sqlite")


def create_central_engine(url: str, **options) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        return make_sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True,
                         connect_args={"connect_timeout": 5, "application_name": "counter-app"},
                         **options)


def open_central(url: str) -> Engine:
    """An engine on a central database that is ready for counters (SyncError if not)."""
    try:
        engine = create_central_engine(url)
        if engine.dialect.name == "sqlite":
            migrate.upgrade(engine)
        elif not migrate.is_current(engine):
            engine.dispose()
            raise SyncError(MSG_NOT_INITIALISED)
    except (OperationalError, DBAPIError) as exc:
        raise unreachable(exc) from exc
    return engine


def unreachable(exc: Exception) -> SyncError:
    """The words staff see for a failed connection: revoked access, or unreachable."""
    detail = str(getattr(exc, "orig", exc))
    if "not permitted to log in" in detail or "password authentication failed" in detail:
        return SyncError(MSG_REVOKED)
    return SyncError(MSG_UNREACHABLE, reason=error_name(exc))


def error_name(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    return type(orig).__name__ if orig is not None else type(exc).__name__


def dialect_of(connection: Connection):
    return postgresql if connection.dialect.name == "postgresql" else sqlite


def insert_ignoring_duplicates(connection: Connection, table, row: dict) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING; True when the row was new."""
    # RETURNING rather than rowcount: psycopg reports no rowcount here through SQLAlchemy.
    statement = (dialect_of(connection).insert(table).values(**row).on_conflict_do_nothing()
                 .returning(*table.primary_key.columns))
    return connection.execute(statement).first() is not None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


__all__ = ["SyncError", "applications", "applied_operations", "metadata", "open_central",
           "preapplications", "sites"]
