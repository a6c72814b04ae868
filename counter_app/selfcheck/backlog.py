"""The counter's link to the central side: when the last sync succeeded, and how long the
oldest application not yet sent has waited. The counter works offline for as long as it
must, so neither ever stops new applications; past the rules' hours they warn."""

from __future__ import annotations

import datetime as dt

from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.selfcheck.items import Check, Item, State

MSG_SYNC_OK = QT_TRANSLATE_NOOP("messages", "The last successful sync was at {time}.")
MSG_SYNC_OLD = QT_TRANSLATE_NOOP(
    "messages", "No successful sync since {time}: check the network and the sync status in "
                "the status bar.")
MSG_SYNC_NEVER_NOTHING = QT_TRANSLATE_NOOP(
    "messages", "No sync yet, and nothing is waiting to be sent.")
MSG_SYNC_NEVER = QT_TRANSLATE_NOOP(
    "messages", "No successful sync yet while {count} wait to be sent: check the network "
                "and the sync status in the status bar.")
MSG_UNSENT_NONE = QT_TRANSLATE_NOOP("messages", "Every application has been sent.")
MSG_UNSENT_OK = QT_TRANSLATE_NOOP(
    "messages", "{count} applications wait to be sent, the oldest since {time}.")
MSG_UNSENT_OLD = QT_TRANSLATE_NOOP(
    "messages", "{count} applications wait to be sent, the oldest since {time}: check the "
                "network and the sync status in the status bar.")


def last_sync_item(last_success: dt.datetime | None, pending: int, now: dt.datetime, *,
                   warning_hours: int) -> Item:
    """*last_success* and *now* naive UTC; *pending* everything waiting to be sent."""
    if last_success is None:
        if not pending:
            return Item(Check.LAST_SYNC, State.OK, MSG_SYNC_NEVER_NOTHING)
        return Item(Check.LAST_SYNC, State.WARNING, MSG_SYNC_NEVER, {"count": pending})
    params = {"time": local_text(last_success)}
    if now - last_success > dt.timedelta(hours=warning_hours):
        return Item(Check.LAST_SYNC, State.WARNING, MSG_SYNC_OLD, params)
    return Item(Check.LAST_SYNC, State.OK, MSG_SYNC_OK, params)


def unsent_item(oldest: dt.datetime | None, count: int, now: dt.datetime, *,
                warning_hours: int) -> Item:
    """*oldest*: when the oldest application not yet sent was queued (naive UTC)."""
    if oldest is None or not count:
        return Item(Check.UNSENT, State.OK, MSG_UNSENT_NONE)
    params = {"count": count, "time": local_text(oldest)}
    if now - oldest > dt.timedelta(hours=warning_hours):
        return Item(Check.UNSENT, State.WARNING, MSG_UNSENT_OLD, params)
    return Item(Check.UNSENT, State.OK, MSG_UNSENT_OK, params)
