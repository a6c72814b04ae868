"""Sync as the window and the command line use it: push the outbox, pull what the central
side owns, and say how it went."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, OperationalError

from counter_app.central import database
from counter_app.central.operations import REJECTED
from counter_app.domain.errors import CounterError
from counter_app.services import central_access, updates
from counter_app.services.context import AppContext
from counter_app.store.models import Meta, OutboxEntry, utcnow
from counter_app.issuance.rules import load_issuance_rules
from counter_app.sync import anchors, card_stock, carry
from counter_app.sync.pull import pull_once
from counter_app.sync.push import pending_count, push_once, resolve_identity, set_meta

__all__ = ["SyncError", "SyncResult", "SyncStatus", "sync_now", "sync_status"]

log = logging.getLogger(__name__)
SyncError = database.SyncError
# A backlog older than this is worth a warning in the status bar.
OLD_BACKLOG = dt.timedelta(hours=24)


@dataclass(frozen=True)
class SyncResult:
    sent: int
    duplicates: int
    pending: int
    rejected: int
    files: int = 0
    pulled: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    last_success: dt.datetime | None  # UTC
    last_error: SyncError | None      # the last attempt's failure, as staff should read it
    oldest_pending: dt.datetime | None  # UTC creation time of the oldest unsent entry
    rejected: int                     # refused operations staff have not yet looked at
    audit_flags: int = 0              # times the central side flagged this audit log

    def backlog_is_old(self, now: dt.datetime | None = None) -> bool:
        now = now or utcnow()
        return self.oldest_pending is not None and now - self.oldest_pending > OLD_BACKLOG


@dataclass(frozen=True)
class Rejection:
    seq: int
    entity_id: str
    kind: str
    reason: str
    created_at: dt.datetime


def sync_now(ctx: AppContext, override_url: str | None = None) -> SyncResult:
    """One sync cycle; SyncError (with everything kept queued) when the central side fails."""
    set_meta(ctx.sessions, {"last_sync_attempt": _iso(utcnow())})
    url = None
    try:
        url = central_access.counter_url(ctx, override_url)
        engine = database.engine_for(url)
        identity = resolve_identity(engine)
        pushed = push_once(ctx.sessions, engine, ctx.files)
        anchors.push(ctx.sessions, engine, identity.device_id)  # checked centrally
        carry.exchange_keys(ctx.sessions, engine, ctx.files)  # for carrying by hand
        pulled = pull_once(ctx.sessions, engine)
        # instant issuance: the site setting, the blank cards, this counter's card numbers
        rules = load_issuance_rules()
        card_stock.refresh(ctx.sessions, engine, reserve_count=rules.reserve_count,
                           reserve_below=rules.reserve_below)
    except (OperationalError, DBAPIError) as exc:
        if url:
            database.forget(url)
        error = database.unreachable(exc)
        log.warning("sync failed: %s", database.error_name(exc))
        _store_error(ctx, error)
        raise error from exc
    except CounterError as error:  # refused, not enrolled, built-in server not started
        _store_error(ctx, error)
        raise
    set_meta(ctx.sessions, {"last_sync_ok": _iso(utcnow()), "last_sync_error": ""})
    # a published program update: listed, checked, a share of it fetched (never fails)
    updates.after_sync(ctx.settings, engine)
    return SyncResult(pushed.sent, pushed.duplicates, pushed.pending, pushed.rejected,
                      pushed.files, pulled)


def sync_status(ctx: AppContext) -> SyncStatus:
    with ctx.sessions() as session:
        ok = session.get(Meta, "last_sync_ok")
        error = session.get(Meta, "last_sync_error")
        oldest = session.scalar(select(func.min(OutboxEntry.created_at))
                                .where(OutboxEntry.sent_at.is_(None)))
        rejected = session.scalar(select(func.count()).where(
            OutboxEntry.result == REJECTED, OutboxEntry.dismissed_at.is_(None))) or 0
        flags = anchors.stored_flags(session)
    return SyncStatus(pending_count(ctx.sessions),
                      dt.datetime.fromisoformat(ok.value) if ok and ok.value else None,
                      _stored_error(error.value if error else ""), oldest, rejected,
                      flags.count)


def rejections(ctx: AppContext, include_dismissed: bool = False) -> list[Rejection]:
    """Operations the central side refused, newest first, with its reason."""
    statement = select(OutboxEntry).where(OutboxEntry.result == REJECTED)
    if not include_dismissed:
        statement = statement.where(OutboxEntry.dismissed_at.is_(None))
    with ctx.sessions() as session:
        return [Rejection(e.seq, e.entity_id, e.kind, e.last_error, e.created_at)
                for e in session.scalars(statement.order_by(OutboxEntry.seq.desc()))]


def dismiss_rejections(ctx: AppContext, seqs: list[int]) -> None:
    with ctx.sessions.begin() as session:
        for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.seq.in_(seqs))):
            entry.dismissed_at = utcnow()


def _store_error(ctx: AppContext, error: CounterError) -> None:
    stored = json.dumps({"template": error.template, "params": error.params}, default=str)
    set_meta(ctx.sessions, {"last_sync_error": stored})


def _stored_error(value: str) -> SyncError | None:
    if not value:
        return None
    try:
        data = json.loads(value)
        if data["template"].startswith(database.MSG_UNREACHABLE):  # an older version's,
            return SyncError(database.MSG_UNREACHABLE)  # which named the error's class
        return SyncError(data["template"], **data["params"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return SyncError(database.MSG_UNREACHABLE)


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")
