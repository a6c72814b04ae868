"""Wizard page 3: the preliminary examination — pass, or reject with the reasons.

A commit page: once examined, the applicant's data can no longer change here. Choosing
"reject" turns Next into Finish: the wizard ends after telling staff what to do.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from counter_app.qt import dialogs
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.qt.page_review import REVIEW_WAIT
from counter_app.services import intake, queue, review


class ExaminationPage(IntakePage):
    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_examination.ui")
        self.setCommitPage(True)
        self.rejected = False
        self._add_reason_checks()
        self.ui.reject_radio.toggled.connect(self._choice_changed)
        self._choice_changed(False)

    def initializePage(self) -> None:  # noqa: N802
        self.errors.clear()
        detail = queue.application_detail(self.state.ctx, self.state.application_id)
        missing = detail.missing
        received = sum(1 for m in detail.materials if m.received)
        summary = self.tr("Materials received: {received} of {total}.").format(
            received=received, total=len(detail.materials))
        if missing:
            summary += " " + self.tr("Missing required materials: {names}.").format(
                names="、".join(missing))
        self.ui.summary_label.setText(summary)
        # Passing needs every required material, so offer only the rejection then.
        choice = self.ui.reject_radio if missing else self.ui.pass_radio
        choice.setChecked(True)
        self.focus_later(choice)
        self.ui.pass_radio.setEnabled(not missing)
        if missing and "missing_material" in self.reason_checks:
            self.reason_checks["missing_material"].setChecked(True)
        if missing:
            self.ui.reason_edit.setPlainText(self.tr("Missing: {names}").format(
                names="、".join(missing)))

    def nextId(self) -> int:  # noqa: N802
        if self.ui.reject_radio.isChecked():
            return -1
        if review.required_here(self.state.ctx, self.state.operator):
            return REVIEW_WAIT  # a supervisor approves before the photo
        return super().nextId()

    def validatePage(self) -> bool:  # noqa: N802
        app_id = self.state.application_id
        if not self.ui.reject_radio.isChecked():
            return self.run_step(intake.examine, app_id, True)
        reasons = [line.strip() for line in self.ui.reason_edit.toPlainText().splitlines()
                   if line.strip()]
        codes = [code for code, check in self.reason_checks.items() if check.isChecked()]
        if not self.run_step(intake.examine, app_id, False, reasons, codes):
            return False
        self.rejected = True
        dialogs.show_info(self, self.tr("The application has been rejected. Please give the "
                                        "applicant the reasons and return the materials."))
        return True

    def _add_reason_checks(self) -> None:
        """One check box per reason code of the city's rules, two columns."""
        self.reason_checks = {}
        reasons = self.state.ctx.rules.rejection_reasons
        for index, (code, text) in enumerate(reasons.items()):
            check = QCheckBox(text, self.ui.reason_codes_box)
            self.ui.reason_codes_layout.addWidget(check, index // 2, index % 2)
            self.reason_checks[code] = check

    def _choice_changed(self, rejecting: bool) -> None:
        self.ui.reason_codes_box.setEnabled(rejecting)
        self.ui.reason_label.setEnabled(rejecting)
        self.ui.reason_edit.setEnabled(rejecting)
        self.completeChanged.emit()  # Next becomes Finish and back
