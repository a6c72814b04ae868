"""The main window's open items (issue 17): six counts under the header (waiting for
review, unsent, refused, printed but unsigned, unfinished from earlier days, returned by a
supervisor to staff), each a button and an action of Application ▸ Open items (Ctrl+1 …
Ctrl+6) that opens its list; a row of the list opens the application where it can be
worked on. And the supervisor's review queue (F6).

The counts are one cheap query (services/worklists.py): counted again after every change
the window makes, after a sync, and every minute for what other counters and the sync do.
The review and returned counts show where the site wants reviews (or while any
application waits or is returned).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QTimer

from counter_app.domain.lifecycle import COUNTER_OWNED
from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.security.roles import Permission
from counter_app.services import intake, worklists
from counter_app.services.worklists import WorkItem, WorkKind

REFRESH_MS = 60_000
MUTED = "color: #8a9099;"
ALERT = "color: #c0392b; font-weight: bold;"
BUSY = "font-weight: bold;"


class OpenItems:
    def __init__(self, window) -> None:
        self.window = window
        self.ctx, self.operator = window.ctx, window.operator
        ui = window.ui
        self.actions = {kind: getattr(ui, f"action_work_{kind.value}") for kind in WorkKind}
        self.buttons = {kind: getattr(ui, f"{kind.value}_button") for kind in WorkKind}
        self.names = {kind: action.text() for kind, action in self.actions.items()}  # translated
        for kind, action in self.actions.items():
            self.buttons[kind].setDefaultAction(action)
            action.triggered.connect(lambda _checked=False, k=kind: self.open_list(k))
        ui.action_review_queue.triggered.connect(lambda: self.open_review_queue())
        ui.action_review_queue.setEnabled(self.operator.can(Permission.OVERRIDE))
        self.counts: dict[WorkKind, int] = dict.fromkeys(WorkKind, 0)
        self.list_dialog = None
        self.queue_dialog = None
        self.timer = QTimer(window)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        try:
            self.counts = worklists.counts(self.ctx)
        except Exception as error:  # noqa: BLE001 - the counts wait for the next time
            self.window.statusBar().showMessage(message_for(error), 15000)
            return
        required = self.ctx.rules.review.required_at(self.operator.site_code)
        reviewing = required or self.counts[WorkKind.REVIEW] > 0
        for kind, count in self.counts.items():
            self.actions[kind].setText(f"{self.names[kind]}  {count}")
            self.buttons[kind].setStyleSheet(
                MUTED if count == 0
                else ALERT if kind in (WorkKind.REFUSED, WorkKind.RETURNED) else BUSY)
        for kind, shown in ((WorkKind.REVIEW, reviewing),
                            (WorkKind.RETURNED, required or self.counts[WorkKind.RETURNED])):
            for widget in (self.actions[kind], self.buttons[kind]):
                widget.setVisible(bool(shown))
        self.window.ui.action_review_queue.setVisible(reviewing)

    # --- the lists ----------------------------------------------------------------

    def open_list(self, kind: WorkKind) -> None:
        from counter_app.qt.work_list import WorkListDialog  # loaded on first use

        if self.list_dialog is not None:
            self.list_dialog.close()
        self.list_dialog = WorkListDialog(self.ctx, kind, self.window)
        self.list_dialog.sig_picked.connect(self.open_item)
        self.list_dialog.finished.connect(self._list_closed)
        self.list_dialog.open()

    def open_item(self, item: WorkItem) -> None:
        """Where the item can be worked on: the review queue for a supervisor, the wizard
        while the counter owns it, the inquiry once sent, the sync problems for an
        operation that is not an application's."""
        window = self.window
        if item.application_id is None:
            window.open_sync_problems()
        elif item.kind is WorkKind.REVIEW and self.operator.can(Permission.OVERRIDE):
            self.open_review_queue(item.application_id)
        elif item.status in COUNTER_OWNED:
            window.open_wizard(item.application_id)
        else:
            self._inquire(item.application_id)

    def _inquire(self, application_id: uuid.UUID) -> None:
        try:
            _business, details = intake.applicant_of(self.ctx, application_id)
        except Exception as error:  # noqa: BLE001 - gone meanwhile: said in words
            dialogs.show_error(self.window, message_for(error))
            return
        self.window.inquiry.open()
        dialog = self.window.inquiry.dialog
        dialog.ui.number_edit.setText(details.id_number)
        dialog.search()

    def _list_closed(self, _result: int) -> None:
        if self.list_dialog is not None:
            self.list_dialog.deleteLater()
            self.list_dialog = None

    # --- the review queue ---------------------------------------------------------

    def open_review_queue(self, select: uuid.UUID | None = None) -> None:
        if not self.operator.can(Permission.OVERRIDE):
            return
        from counter_app.qt.review_queue import ReviewQueueDialog  # loaded on first use

        if self.queue_dialog is not None:
            self.queue_dialog.reload(select)
            self.queue_dialog.raise_()
            self.queue_dialog.activateWindow()
            return
        self.queue_dialog = ReviewQueueDialog(self.ctx, self.operator, self.window, select)
        self.queue_dialog.sig_decided.connect(lambda _id, _outcome: self.window.refresh())
        self.queue_dialog.finished.connect(self._queue_closed)
        self.queue_dialog.open()

    def _queue_closed(self, _result: int) -> None:
        self.queue_dialog.deleteLater()
        self.queue_dialog = None
        self.window.refresh()

