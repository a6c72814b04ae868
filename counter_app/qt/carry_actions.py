"""Sync ▸ Export unsent to carry… and Import a receipt… (issue 17): the outbox carried by
hand where there is no network. The work runs off the GUI thread; the window says what
was written or marked, or why not."""

from __future__ import annotations

from PySide6.QtCore import QObject

from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.security.roles import Permission
from counter_app.services import carrying


class CarryActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.busy = False
        ui = window.ui
        allowed = window.operator.can(Permission.SYNC)
        for action, slot in ((ui.action_export_outbox, self.export),
                             (ui.action_import_receipt, self.import_receipt)):
            action.triggered.connect(slot)
            action.setEnabled(allowed)

    def export(self) -> None:
        window = self.window
        if self.busy:
            return
        try:
            suggested = carrying.default_file_name(window.ctx)
        except Exception as error:  # noqa: BLE001 - credentials unreadable: said in words
            dialogs.show_error(window, message_for(error))
            return
        path = dialogs.choose_carry_file(window, suggested)
        if path is None:
            return
        self._start(self.tr("Writing the file to carry…"), carrying.export_outbox, path,
                    self._exported)

    def import_receipt(self) -> None:
        if self.busy:
            return
        path = dialogs.choose_receipt_file(self.window)
        if path is not None:
            self._start(self.tr("Reading the receipt…"), carrying.import_receipt, path,
                        self._receipt_imported)

    def _start(self, status: str, work, path, on_done) -> None:
        window = self.window
        self.busy = True
        window.statusBar().showMessage(status)
        window.runner.run(work, window.ctx, window.operator, path, on_done=on_done,
                          on_error=self._failed)

    def _exported(self, summary: carrying.ExportSummary) -> None:
        self._finish()
        if summary.operations:
            text = self.tr(
                "{applications} applications ({operations} operations, {files} files, {audit} "
                "audit records) were written to {file}.\n\nCarry the file to the central "
                "database; import the receipt that comes back here. Until then they stay "
                "unsent.")
        else:
            text = self.tr("No application was waiting: {file} holds {audit} audit records "
                           "only. Carry it to the central database like any other.")
        dialogs.show_info(self.window, text.format(
            applications=summary.applications, operations=summary.operations,
            files=summary.files, audit=summary.audit_rows, file=summary.path))

    def _receipt_imported(self, summary: carrying.ReceiptSummary) -> None:
        self._finish()
        dialogs.show_info(self.window, self.tr(
            "Marked as sent: {marked}. Refused by the central database: {rejected} (see Sync "
            "problems). Still to send: {waiting}.").format(
            marked=summary.marked_sent, rejected=summary.rejected, waiting=summary.waiting))
        self.window.refresh()

    def _failed(self, error: BaseException) -> None:
        self._finish()
        dialogs.show_error(self.window, message_for(error))

    def _finish(self) -> None:
        self.busy = False
        self.window.statusBar().clearMessage()
