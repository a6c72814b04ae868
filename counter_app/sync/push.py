"""Push the outbox to the central database.

Order of events, chosen so that a crash anywhere loses nothing and applies nothing twice:
1. read a batch of unsent outbox rows (local);
2. in ONE central transaction, for each row record (device, seq) as applied — skipping the
   row if it was already — and apply it;
3. after the central commit, mark the rows sent locally.
A crash between 2 and 3 resends the batch; step 2 recognises it and changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.store.models import Meta, OutboxEntry, utcnow
from counter_app.sync import central

log = logging.getLogger(__name__)

MSG_UNREACHABLE = QT_TRANSLATE_NOOP(
    "messages", "The central database cannot be reached; applications stay queued on this "
                "counter and will be sent later. ({reason})")
BATCH_SIZE = 200


class SyncError(CounterError):
    code = "sync"


@dataclass(frozen=True)
class PushResult:
    sent: int        # newly applied centrally
    duplicates: int  # already there (a resend after a crash)
    pending: int     # still waiting locally afterwards


def push_once(sessions: sessionmaker[Session], device_id: str, central_url: str) -> PushResult:
    """Send every unsent outbox row; raise SyncError (nothing lost) when central is down."""
    sent = duplicates = 0
    try:
        engine = central.open_central(central_url)
        try:
            while batch := _unsent(sessions, BATCH_SIZE):
                new, seen = _apply_batch(engine, device_id, batch)
                sent, duplicates = sent + new, duplicates + seen
                _mark_sent(sessions, [entry.seq for entry in batch])
        finally:
            engine.dispose()
    except (OperationalError, DBAPIError) as exc:
        reason = type(exc.orig).__name__ if getattr(exc, "orig", None) else type(exc).__name__
        log.warning("sync failed: %s", reason)
        _set_meta(sessions, {"last_sync_error": reason, "last_sync_attempt": _now()})
        raise SyncError(MSG_UNREACHABLE, reason=reason) from exc
    _set_meta(sessions, {"last_sync_ok": _now(), "last_sync_error": "",
                         "last_sync_attempt": _now()})
    return PushResult(sent, duplicates, pending_count(sessions))


def pending_count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(
            select(func.count()).where(OutboxEntry.sent_at.is_(None))) or 0


def _unsent(sessions: sessionmaker[Session], limit: int) -> list[OutboxEntry]:
    with sessions() as session:
        return list(session.scalars(select(OutboxEntry).where(OutboxEntry.sent_at.is_(None))
                                    .order_by(OutboxEntry.seq).limit(limit)))


def _apply_batch(engine, device: str, batch: list[OutboxEntry]) -> tuple[int, int]:
    new = seen = 0
    with engine.begin() as connection:
        for entry in batch:
            first_time = central.insert_ignoring_duplicates(connection, central.applied_operations, {
                "device_id": device, "seq": entry.seq, "op_id": str(entry.op_id),
                "applied_at": central.utcnow()})
            if not first_time:
                seen += 1
                continue
            _apply(connection, entry)
            new += 1
    return new, seen


def _apply(connection, entry: OutboxEntry) -> None:
    if entry.kind == "application_submitted":
        payload = entry.payload
        central.upsert_application(connection, {
            "id": payload["id"], "number": payload["number"], "site_code": payload["site_code"],
            "business_type": payload["business_type"], "status": payload["status"],
            "payload": payload, "received_at": central.utcnow()})
    else:
        raise ValueError(f"unknown outbox kind {entry.kind!r}")


def _mark_sent(sessions: sessionmaker[Session], seqs: list[int]) -> None:
    with sessions.begin() as session:
        for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.seq.in_(seqs))):
            entry.sent_at = utcnow()
            entry.attempts += 1


def _now() -> str:
    return utcnow().isoformat(timespec="seconds")


def _set_meta(sessions: sessionmaker[Session], values: dict[str, str]) -> None:
    with sessions.begin() as session:
        for key, value in values.items():
            session.merge(Meta(key=key, value=value))
