"""Wizard page 5: render the registration form in the background, preview, print.

Printing is done when staff confirm the print dialog and every page reached the printer;
then the print is recorded (each reprint too). A failed print (printer offline, out of
paper) shows why and can simply be repeated. The dialog preselects the printer used last,
and the printer chosen is kept for the pick-up voucher, printed after the signature
without a second dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from counter_app.domain.lifecycle import Status
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.qt.pdf_print import choose_printer, load_pdf, print_pdf, print_title
from counter_app.qt.uiload import pdf_preview
from counter_app.services import documents, intake, printing

PRINTED = (Status.FORM_PRINTED, Status.SIGNED)


class PrintPage(IntakePage):
    sig_preview_ready = Signal()
    sig_printed = Signal(int)  # pages

    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_print.ui")
        self.pdf_path: Path | None = None
        self.printed = False
        self.document, self.view = pdf_preview(self, self.ui.pdf_placeholder)
        self.ui.print_button.clicked.connect(self.print_form)

    def initializePage(self) -> None:  # noqa: N802
        self.errors.clear()
        self.printed = self.state.status in PRINTED
        self.pdf_path = None
        self.document.close()  # Windows cannot replace a file that is still open
        self.ui.print_button.setEnabled(False)
        self.ui.status_label.setText(self.tr("Preparing the registration form…"))
        self.state.runner.run(printing.render_form, self.state.ctx, self.state.operator,
                              self.state.application_id,
                              on_done=self._rendered, on_error=self._render_failed)

    def isComplete(self) -> bool:  # noqa: N802
        return self.printed

    def print_form(self) -> None:
        if self.pdf_path is None:
            return
        ctx = self.state.ctx
        printer = choose_printer(self, ctx.settings, print_title(self.pdf_path))
        if printer is None:  # staff cancelled the printer dialog
            return
        try:
            pages = print_pdf(documents.document_bytes(ctx, self.pdf_path), printer)
        except Exception as error:  # noqa: BLE001 - shown, and printing stays possible
            self.errors.show(error)
            return
        self.state.printer = printer
        if not self.run_step(intake.record_form_printed, self.state.application_id,
                             self.pdf_path):
            return
        self.errors.clear()
        self.printed = True
        self.ui.status_label.setText(self.tr(
            "Printed. Ask the applicant to check the form and sign it."))
        self.completeChanged.emit()
        self.sig_printed.emit(pages)
        self.wizard().button(self.wizard().WizardButton.NextButton).setFocus()

    def _rendered(self, path: Path) -> None:
        self.pdf_path = path
        load_pdf(self.document, documents.document_bytes(self.state.ctx, path))
        self.ui.print_button.setEnabled(True)
        self.ui.print_button.setFocus()
        self.ui.status_label.setText(
            self.tr("The form was printed before; you may print it again.") if self.printed
            else self.tr("Check the form, then print it."))
        self.sig_preview_ready.emit()

    def _render_failed(self, error: Exception) -> None:
        self.ui.status_label.clear()
        self.errors.show(error)
