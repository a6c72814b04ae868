"""Sync in the background: on a timer and on demand, never two at once.

The status line tells staff how many applications wait to be sent, when the last sync
succeeded (local time) and, when it failed, why — in words, not an exception. The counter
keeps working offline for as long as it must; once the oldest unsent entry is older than
syncing.OLD_BACKLOG the line says so, and operations the central database refused are
counted until staff have looked at them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.domain.clock import MINUTE, local_date, local_text
from counter_app.qt.i18n import message_for
from counter_app.qt.tasks import TaskRunner
from counter_app.services import syncing
from counter_app.services.context import AppContext

SEPARATOR = "  ·  "


@dataclass(frozen=True)
class SyncView:
    """What the status bar shows about sync."""
    text: str          # the status line
    running: bool      # a sync is under way
    failed: bool       # the last attempt failed (the reason is in text)
    old_backlog: bool  # something has waited longer than syncing.OLD_BACKLOG
    rejected: int      # refused operations staff have not marked as seen
    flagged: bool = False  # the central side found this counter's audit log changed


class SyncController(QObject):
    sig_status = Signal(str)       # the status line text
    sig_view = Signal(object)      # the same as a SyncView, for styling and indicators
    sig_finished = Signal(bool)    # True when the sync succeeded

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self._running = False
        # This session's last failure, already translated: covers errors that are not
        # stored (anything but a SyncError); a stored one survives a restart.
        self._error = ""
        self._timer = QTimer(self)
        self._timer.setInterval(max(5, ctx.settings.sync_interval_s) * 1000)
        self._timer.timeout.connect(self.sync_now)

    @property
    def running(self) -> bool:
        return self._running

    def start_timer(self) -> None:
        self._timer.start()

    def stop_timer(self) -> None:
        self._timer.stop()

    def sync_now(self) -> bool:
        """Start a sync unless one is running; True when one was started."""
        if self._running:
            return False
        self._running = True
        self.refresh_status()
        self._runner.run(syncing.sync_now, self._ctx, on_done=self._succeeded,
                         on_error=self._failed)
        return True

    def refresh_status(self) -> None:
        view = self.status_view()
        self.sig_status.emit(view.text)
        self.sig_view.emit(view)

    def status_text(self) -> str:
        return self.status_view().text

    def status_view(self, now: dt.datetime | None = None) -> SyncView:
        status = syncing.sync_status(self._ctx)
        # Most important first: a narrow window cuts the line at the end.
        parts = [self.tr("Sending to the central database…")] if self._running else []
        if status.audit_flags:  # someone changed the audit log here: the supervisor must know
            parts.append(self.tr("Audit log flagged by the central database: tell the "
                                 "supervisor"))
        parts.append(self.tr("Waiting to be sent: {count}").format(count=status.pending))
        error = "" if self._running else (
            self._error or (message_for(status.last_error) if status.last_error else ""))
        if error:
            parts.append(self.tr("Sync failed: {error}").format(error=error))
        old = status.backlog_is_old(now)
        if old:
            parts.append(self.tr("Not sent since {time}: check the network").format(
                time=_local(status.oldest_pending)))
        if status.last_success is not None:
            parts.append(self.tr("Last sync: {time}").format(
                time=_local(status.last_success)))
        return SyncView(SEPARATOR.join(parts), self._running, bool(error), old,
                        status.rejected, bool(status.audit_flags))

    def _succeeded(self, _result) -> None:
        self._running, self._error = False, ""
        self.refresh_status()
        self.sig_finished.emit(True)

    def _failed(self, error: Exception) -> None:
        self._running, self._error = False, message_for(error)
        self.refresh_status()
        self.sig_finished.emit(False)


def _local(utc_naive: dt.datetime) -> str:
    """Today's times go without the date, to keep the status line short."""
    today = local_date(utc_naive) == dt.date.today()
    return local_text(utc_naive, "%H:%M" if today else MINUTE)
