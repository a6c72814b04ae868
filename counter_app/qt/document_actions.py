"""The Documents menu: attach a signed form, print the pick-up voucher, the rejection
notice and the applicant guide. Rendering runs on the task runner; printing goes through
the printer dialog with the remembered printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from counter_app.domain.business import BusinessType
from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.qt.pdf_print import print_document, print_with_dialog
from counter_app.security.roles import Permission
from counter_app.services import documents


class DocumentActions:
    def __init__(self, window) -> None:
        self.window = window
        ui = window.ui
        ui.action_signed_copy.triggered.connect(self.attach_signed_copy)
        ui.action_voucher.triggered.connect(
            lambda: self._print_for_selected(documents.voucher))
        ui.action_notice.triggered.connect(
            lambda: self._print_for_selected(documents.rejection_notice))
        for business, label in window.ctx.rules.labels.items():
            action = ui.guide_menu.addAction(label)
            action.triggered.connect(lambda _checked=False, b=business: self.print_guide(b))
        allowed = window.operator.can(Permission.INTAKE)
        for action in (ui.action_signed_copy, ui.action_voucher, ui.action_notice):
            action.setEnabled(allowed)
        ui.guide_menu.setEnabled(allowed)
        self.dialog = None

    def attach_signed_copy(self) -> None:
        from counter_app.qt.signed_copy import SignedCopyDialog

        row = self.window.selected_row()
        self.dialog = SignedCopyDialog(self.window.ctx, self.window.operator, self.window.runner,
                                       row.id if row else None, row.number if row else "",
                                       self.window)
        self.dialog.sig_attached.connect(lambda _copy: self.window.refresh())
        self.dialog.open()

    def print_voucher(self, application_id, printer=None) -> None:
        """Render the pick-up voucher in the background, then print it (after Finish): on
        *printer* without a dialog when the form was just printed there."""
        if printer is None:
            self._render_then_print(documents.voucher, application_id)
            return
        window = self.window
        window.runner.run(documents.voucher, window.ctx, window.operator, application_id,
                          on_done=lambda pdf: self._print_on(pdf, printer),
                          on_error=lambda error: dialogs.show_error(window, message_for(error)))

    def _print_on(self, pdf: Path, printer) -> None:
        window = self.window
        try:
            print_document(window.ctx, pdf, printer)
        except Exception as error:  # noqa: BLE001 - PrintError says what is wrong
            dialogs.show_error(window, message_for(error))
            return
        window.statusBar().showMessage(QCoreApplication.translate(
            "DocumentActions", "The pick-up voucher was printed."), 5000)

    def print_guide(self, business: BusinessType) -> None:
        self._render_then_print(documents.guide, business)

    def _print_for_selected(self, render) -> None:
        row = self.window.selected_row()
        if row is None:
            dialogs.show_info(self.window, QCoreApplication.translate(
                "DocumentActions", "Select an application in the queue first."))
            return
        self._render_then_print(render, row.id)

    def _render_then_print(self, render, argument) -> None:
        window = self.window
        window.runner.run(render, window.ctx, window.operator, argument,
                          on_done=self.print_file,
                          on_error=lambda error: dialogs.show_error(window, message_for(error)))

    def print_file(self, pdf: Path) -> int:
        """Print through the dialog (remembered printer); 0 when staff cancel."""
        window = self.window
        try:
            pages = print_with_dialog(window, window.ctx, pdf)
        except Exception as error:  # noqa: BLE001 - PrintError says what is wrong
            dialogs.show_error(window, message_for(error))
            return 0
        if pages:
            window.statusBar().showMessage(QCoreApplication.translate("DocumentActions", "Printed."), 5000)
        return pages
