"""Wizard page 6: the applicant has signed; Finish records it and submits, and asks for
the pick-up voucher when the box is ticked (the main window prints it, on the printer the
form went to, without asking again: the wizard is gone by the time it is rendered).
Where the business type costs a fee (the rules' [fees]), the page shows it: ticked as
paid (Alt+P) with its method, Finish records the payment (services/fees.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal

from counter_app.domain.fees import format_amount
from counter_app.domain.lifecycle import Status
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.services import fees, intake


class SignedPage(IntakePage):
    sig_voucher_wanted = Signal(object, object)  # application id, once submitted; printer

    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_signed.ui")
        self.ui.signed_check.toggled.connect(lambda _checked: self.completeChanged.emit())
        self.fee_outstanding = False

    def initializePage(self) -> None:  # noqa: N802
        self.errors.clear()
        self.ui.summary_label.setText(self.tr(
            "Application {number}: when the applicant has checked every entry on the printed "
            "form and signed it, tick the box and press Finish.").format(
                number=self.state.number))
        self.ui.signed_check.setChecked(self.state.status == Status.SIGNED)
        self._show_fee()
        self.focus_later(self.ui.signed_check)

    def _show_fee(self) -> None:
        ui = self.ui
        due = fees.fee_due(self.state.ctx, self.state.application_id)
        self.fee_outstanding = due.outstanding
        ui.fee_row.setVisible(due.outstanding)
        if not due.outstanding:
            return
        if ui.method_combo.count() == 0:
            for code, words in self.state.ctx.rules.fees.methods.items():
                ui.method_combo.addItem(words, code)
        ui.paid_check.setText(self.tr("Fee {amount} &paid").format(
            amount=format_amount(due.amount_fen)))

    def isComplete(self) -> bool:  # noqa: N802
        return self.ui.signed_check.isChecked()

    def nextId(self) -> int:  # noqa: N802
        return -1  # the last step (the review's waiting page has a higher id)

    def validatePage(self) -> bool:  # noqa: N802
        app_id = self.state.application_id
        if self.fee_outstanding and self.ui.paid_check.isChecked():
            try:
                fees.record_payment(self.state.ctx, self.state.operator, app_id,
                                    self.ui.method_combo.currentData())
            except Exception as error:  # noqa: BLE001 - shown on the page, nothing lost
                self.errors.show(error)
                return False
            self.fee_outstanding = False
        if self.state.status != Status.SIGNED and not self.run_step(intake.mark_signed, app_id):
            return False
        if not self.run_step(intake.submit, app_id):
            return False
        if self.ui.voucher_check.isChecked():
            self.sig_voucher_wanted.emit(app_id, self.state.printer)
        return True
