"""Wizard page 6: the applicant has signed; Finish records it and submits, and asks for
the pick-up voucher when the box is ticked (the main window prints it, on the printer the
form went to, without asking again: the wizard is gone by the time it is rendered)."""

from __future__ import annotations

from PySide6.QtCore import Signal

from counter_app.domain.lifecycle import Status
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.services import intake


class SignedPage(IntakePage):
    sig_voucher_wanted = Signal(object, object)  # application id, once submitted; printer

    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_signed.ui")
        self.ui.signed_check.toggled.connect(lambda _checked: self.completeChanged.emit())

    def initializePage(self) -> None:  # noqa: N802
        self.errors.clear()
        self.ui.summary_label.setText(self.tr(
            "Application {number}: when the applicant has checked every entry on the printed "
            "form and signed it, tick the box and press Finish.").format(
                number=self.state.number))
        self.ui.signed_check.setChecked(self.state.status == Status.SIGNED)
        self.focus_later(self.ui.signed_check)

    def isComplete(self) -> bool:  # noqa: N802
        return self.ui.signed_check.isChecked()

    def validatePage(self) -> bool:  # noqa: N802
        app_id = self.state.application_id
        if self.state.status != Status.SIGNED and not self.run_step(intake.mark_signed, app_id):
            return False
        if not self.run_step(intake.submit, app_id):
            return False
        if self.ui.voucher_check.isChecked():
            self.sig_voucher_wanted.emit(app_id, self.state.printer)
        return True
