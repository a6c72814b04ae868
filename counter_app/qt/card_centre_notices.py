"""The console's Notices tab: notices waiting to go out or given up; due ones sent now, every
minute while Send automatically is ticked, and after cards are sent; chosen ones retried."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from counter_app.domain.clock import local_text
from counter_app.qt import dialogs
from counter_app.qt.card_centre_tab import (
    ConsoleTab,
    Page,
    Row,
    RowsModel,
    Step,
    note,
    on_selection,
    selected_keys,
    set_up_view,
    show_rows,
    site_name,
    site_tip,
)
from counter_app.qt.i18n import message_for
from counter_app.qt.tasks import TaskRunner
from counter_app.services import card_centre
from counter_app.services.context import AppContext

AUTO_SEND_MS = 60_000


class NoticesTab(ConsoleTab):
    page = Page.NOTICES

    def __init__(self, ctx: AppContext, runner: TaskRunner, senders: Callable[[], dict],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "card_centre_notices.ui", parent)
        ui = self.ui
        self._senders = senders
        self._sending = False
        self.notices = RowsModel(
            [self.tr("Application no."), self.tr("Handling point"), self.tr("Channel"),
             self.tr("Status"), self.tr("Attempts"), self.tr("Next attempt"),
             self.tr("Last error")], right_aligned={4}, parent=self)
        set_up_view(ui.notices_table, self.notices, (190, 200, 70, 90, 80, 145))
        note(ui.notices_intro_label)
        self.auto_send_timer = QTimer(self, interval=AUTO_SEND_MS, timeout=self._auto_send)
        on_selection(ui.notices_table, self._update_buttons)
        ui.send_notices_button.clicked.connect(self.send_notices)
        ui.retry_button.clicked.connect(self.retry_notices)
        ui.auto_send_check.toggled.connect(self._auto_send_toggled)
        self._update_buttons()

    def set_centre(self, centre: card_centre.CardCentre | None) -> None:
        super().set_centre(centre)
        self._auto_send_toggled(self.ui.auto_send_check.isChecked())

    def query(self):
        return lambda centre: centre.notices()

    def show_data(self, notices) -> None:
        show_rows(self.ui.notices_table, [
            Row(n.key, (n.number, site_name(n.site_code, n.site_name), self._channel(n.channel),
                        self._status(n.status), str(n.attempts),
                        "" if n.status == "failed" else local_text(n.next_attempt_at),
                        n.last_error),
                late=n.status == "failed", tips={1: site_tip(n.site_code, n.site_name)})
            for n in notices])
        failed = sum(1 for n in notices if n.status == "failed")
        self.ui.notices_count_label.setText(
            self.tr("{waiting} waiting, {failed} given up").format(
                waiting=len(notices) - failed, failed=failed))
        self._update_buttons()

    def send_notices(self) -> None:
        if self.centre is None or self._sending:
            return
        self._sending = True
        centre, senders = self.centre, self._senders
        self._step(Step.NOTICES, self.ui.send_notices_button,
                   lambda: centre.send_notices(senders()), on_done=self._sent,
                   on_error=self._send_failed)

    def send_if_automatic(self) -> None:
        """After cards were sent: their notices go out at once when sending is automatic."""
        if self.ui.auto_send_check.isChecked():
            QTimer.singleShot(0, self.send_notices)

    def _sent(self, report) -> None:
        self._sending = False
        self.sig_message.emit(self.tr(
            "Notices: {sent} sent, {failed} to be tried again, {gave_up} given up.").format(
            sent=report.sent, failed=report.failed, gave_up=report.gave_up))

    def _send_failed(self, error: Exception) -> None:
        self._sending = False
        dialogs.show_error(self, message_for(error))

    def retry_notices(self) -> None:
        keys = selected_keys(self.ui.notices_table)
        if keys:
            self._step(Step.NOTICES, self.ui.retry_button, self.centre.retry_notices, keys,
                       on_done=lambda _count: self.send_notices())

    def _auto_send(self) -> None:
        if self.ui.auto_send_check.isChecked() and self.centre is not None:
            self.send_notices()

    def _auto_send_toggled(self, on: bool) -> None:
        if on and self.centre is not None:
            self.auto_send_timer.start()
        else:
            self.auto_send_timer.stop()

    def _update_buttons(self) -> None:
        self.ui.retry_button.setEnabled(bool(selected_keys(self.ui.notices_table)))

    def _channel(self, channel: str) -> str:
        return {"sms": self.tr("SMS"), "letter": self.tr("Letter")}.get(channel, channel)

    def _status(self, status: str) -> str:
        names = {"pending": self.tr("Waiting"), "failed": self.tr("Given up"),
                 "sent": self.tr("Sent")}
        return names.get(status, status)
