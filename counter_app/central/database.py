"""The central database (PostgreSQL) as counters and the card centre reach it.

A city's server is set up once by `counter-app central init`; the built-in one
(counter_app.central.builtin) the same way, on first use. Either fences each site by
row-level security (counter_app.central.fencing).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from sqlalchemy import Engine, create_engine
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from counter_app.central import migrate
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

log = logging.getLogger(__name__)

MSG_UNREACHABLE = QT_TRANSLATE_NOOP(
    "messages", "The central database cannot be reached; applications stay queued on this "
                "counter and will be sent later.")
MSG_NOT_INITIALISED = QT_TRANSLATE_NOOP(
    "messages", "The central database has not been set up for counters yet (run "
                "'counter-app central init'). Applications stay queued on this counter.")
MSG_REVOKED = QT_TRANSLATE_NOOP(
    "messages", "This counter's access to the central database has been withdrawn. "
                "Applications stay queued on this counter; ask the administrator to enrol "
                "it again.")
MSG_ADMINISTRATOR = QT_TRANSLATE_NOOP(
    "messages", "This is an administrator's login to the central database; a counter sends "
                "its applications with its own login ('counter-app enrol').")
MSG_NOT_POSTGRESQL = QT_TRANSLATE_NOOP(
    "messages", "The central database must be a PostgreSQL server (a postgresql:// address).")

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


class SyncError(CounterError):
    code = "sync"


def normalise_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use psycopg 3 for them."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise SyncError(MSG_NOT_POSTGRESQL)
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def create_central_engine(url: str, **options) -> Engine:
    return create_engine(normalise_url(url), pool_pre_ping=True, hide_parameters=True,
                         connect_args={"connect_timeout": 5, "application_name": "counter-app"},
                         **options)


def open_central(url: str) -> Engine:
    """A new engine on a central database that is ready for counters (SyncError if not)."""
    engine = create_central_engine(url)
    try:
        if not migrate.is_current(engine):
            raise SyncError(MSG_NOT_INITIALISED)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise unreachable(exc) from exc
    except SyncError:
        engine.dispose()
        raise
    return engine


def engine_for(url: str) -> Engine:
    """The process's one engine (and connection pool) for *url*: an idle sync cycle, an
    inquiry and a collection all reuse it."""
    with _engines_lock:
        engine = _engines.get(url)
    if engine is None:
        engine = open_central(url)
        with _engines_lock:
            engine = _engines.setdefault(url, engine)
    return engine


def forget(url: str | None = None) -> None:
    """Drop the cached engine of *url* (all when None): a fresh connection next time."""
    with _engines_lock:
        gone = list(_engines.values()) if url is None else [_engines.pop(url, None)]
        if url is None:
            _engines.clear()
    for engine in filter(None, gone):
        engine.dispose()


def unreachable(exc: Exception) -> SyncError:
    """The words staff see for a failed connection: revoked access, or unreachable."""
    detail = str(getattr(exc, "orig", exc))
    if "not permitted to log in" in detail or "password authentication failed" in detail:
        return SyncError(MSG_REVOKED)
    # staff read words; the driver's error class (OperationalError...) is for the log
    log.warning("the central database cannot be reached: %s", error_name(exc))
    return SyncError(MSG_UNREACHABLE)


def error_name(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    return type(orig).__name__ if orig is not None else type(exc).__name__


def insert_ignoring_duplicates(connection: Connection, table, row: dict) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING; True when the row was new."""
    # RETURNING rather than rowcount: psycopg reports no rowcount here through SQLAlchemy.
    statement = (insert(table).values(**row).on_conflict_do_nothing()
                 .returning(*table.primary_key.columns))
    return connection.execute(statement).first() is not None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
