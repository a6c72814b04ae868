"""Sync in the background: on a timer and on demand, never two at once.

The status line tells staff how many applications wait to be sent, when the last sync
succeeded (local time) and, when it failed, why — in words, not an exception.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from counter_app.qt.i18n import message_for
from counter_app.qt.tasks import TaskRunner
from counter_app.services import syncing
from counter_app.services.context import AppContext
from counter_app.sync.central import MSG_UNREACHABLE


class SyncController(QObject):
    sig_status = Signal(str)       # the status line text
    sig_finished = Signal(bool)    # True when the sync succeeded

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self._running = False
        self._error = ""  # the last failure of this session, already translated
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
        self.sig_status.emit(self.tr("Sending to the central database…"))
        self._runner.run(syncing.sync_now, self._ctx, on_done=self._succeeded,
                         on_error=self._failed)
        return True

    def refresh_status(self) -> None:
        self.sig_status.emit(self.status_text())

    def status_text(self) -> str:
        status = syncing.sync_status(self._ctx)
        parts = [self.tr("Waiting to be sent: {count}").format(count=status.pending)]
        if status.last_success is not None:
            parts.append(self.tr("Last sync: {time}").format(
                time=_local(status.last_success)))
        error = self._error or _stored_error(status.last_error)
        if error:
            parts.append(self.tr("Sync failed: {error}").format(error=error))
        return "  ·  ".join(parts)

    def _succeeded(self, _result) -> None:
        self._running, self._error = False, ""
        self.refresh_status()
        self.sig_finished.emit(True)

    def _failed(self, error: Exception) -> None:
        self._running, self._error = False, message_for(error)
        self.refresh_status()
        self.sig_finished.emit(False)


def _stored_error(reason: str) -> str:
    """A failure recorded by an earlier run (only the reason's class name is stored)."""
    if not reason:
        return ""
    return QCoreApplication.translate("messages", MSG_UNREACHABLE).format(reason=reason)


def _local(utc_naive: dt.datetime) -> str:
    local = utc_naive.replace(tzinfo=dt.UTC).astimezone()
    today = dt.date.today()
    return local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")
