"""Pull reference data from the central database into the local store.

First cut: online pre-applications, copied whole (they are few and short-lived). The
issue on sync replaces this with a cursor that cannot skip a row committed late.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counter_app.store.models import PreApplication, utcnow
from counter_app.sync import central
from counter_app.sync.push import MSG_UNREACHABLE, SyncError


def pull_preapplications(sessions: sessionmaker[Session], central_url: str) -> int:
    """Copy the central pre-applications into the local store; returns how many."""
    try:
        engine = central.open_central(central_url)
        try:
            with engine.connect() as connection:
                rows = connection.execute(select(central.preapplications)).mappings().all()
        finally:
            engine.dispose()
    except (OperationalError, DBAPIError) as exc:
        raise SyncError(MSG_UNREACHABLE, reason=type(exc).__name__) from exc
    with sessions.begin() as session:
        for row in rows:
            session.merge(PreApplication(number=row["number"], payload=row["payload"],
                                         created_at=row["created_at"], pulled_at=utcnow()))
    return len(rows)


def publish_preapplication(central_url: str, number: str, payload: dict) -> None:
    """What the online service does: store a pre-application centrally (demo and tests)."""
    engine = central.open_central(central_url)
    try:
        with engine.begin() as connection:
            central.insert_ignoring_duplicates(connection, central.preapplications, {
                "number": number, "payload": payload, "created_at": central.utcnow()})
    finally:
        engine.dispose()
