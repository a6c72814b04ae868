"""Sync as the window and the command line use it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.services.context import AppContext
from counter_app.store.models import Meta
from counter_app.sync.pull import pull_preapplications
from counter_app.sync.push import PushResult, SyncError, pending_count, push_once

__all__ = ["SyncError", "SyncStatus", "sync_now", "sync_status"]


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    last_success: dt.datetime | None  # UTC
    last_error: str


def sync_now(ctx: AppContext, central_url: str | None = None) -> PushResult:
    """Send what is queued, then bring down what the counter looks up (pre-applications)."""
    url = central_url or ctx.settings.effective_central_url
    result = push_once(ctx.sessions, str(ctx.device_id), url)
    pull_preapplications(ctx.sessions, url)
    return result


def sync_status(ctx: AppContext) -> SyncStatus:
    with ctx.sessions() as session:
        ok = session.get(Meta, "last_sync_ok")
        error = session.get(Meta, "last_sync_error")
    return SyncStatus(pending_count(ctx.sessions),
                      dt.datetime.fromisoformat(ok.value) if ok else None,
                      error.value if error else "")
