"""Wizard page 1: the applicant (and the guardian of a minor).

The ID number comes first: leaving the field reads birth date, sex and age from it, and
shows the guardian fields only for a minor. Next saves the applicant (the first time it
creates the application; later it updates the same one).
"""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtWidgets import QComboBox

from counter_app.domain.business import CARD_APPLICATIONS, BusinessType
from counter_app.domain.idnumber import IdNumberError, ResidentId, parse_resident_id
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.qt.choices import ETHNICITIES, GUARDIAN_RELATIONS
from counter_app.qt.i18n import message_for
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.services import intake

FIELDS = ("name", "id_number", "phone", "guardian_name", "guardian_relation",
          "guardian_id_number", "guardian_phone")
WIDGET_SUFFIX = {"guardian_relation": "_combo"}


class ApplicantPage(IntakePage):
    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_applicant.ui")
        ui = self.ui
        for business, label in state.ctx.rules.labels.items():
            if business in CARD_APPLICATIONS:
                ui.business_combo.addItem(label, business.value)
        _fill(ui.ethnicity_combo, ETHNICITIES)
        _fill(ui.guardian_relation_combo, GUARDIAN_RELATIONS, current=-1)
        widgets = {f: getattr(ui, f + WIDGET_SUFFIX.get(f, "_edit")) for f in FIELDS}
        labels = {f: getattr(ui, f + "_error") for f in FIELDS}
        widgets["guardian"], labels["guardian"] = widgets["guardian_name"], labels["guardian_name"]
        self.errors = InlineErrors(ui.page_error, widgets, labels)
        ui.id_info_label.setStyleSheet("color: #1f5f99;")
        ui.guardian_group.hide()
        ui.id_number_edit.editingFinished.connect(self.read_id_number)

    def initializePage(self) -> None:  # noqa: N802
        if self.state.application_id is not None and not self.ui.name_edit.text():
            self.show_details(*intake.applicant_of(self.state.ctx, self.state.application_id))
        self.focus_later(self.ui.id_number_edit)

    def show_details(self, business: BusinessType, details: ApplicantDetails) -> None:
        """Fill the page with a reopened draft's applicant."""
        ui = self.ui
        ui.business_combo.setCurrentIndex(max(0, ui.business_combo.findData(business.value)))
        for edit, value in ((ui.name_edit, details.name), (ui.id_number_edit, details.id_number),
                            (ui.phone_edit, details.phone), (ui.pinyin_edit, details.pinyin),
                            (ui.id_valid_edit, details.id_valid_until),
                            (ui.occupation_edit, details.occupation),
                            (ui.household_edit, details.household_address),
                            (ui.residence_edit, details.residence_address),
                            (ui.mailing_edit, details.mailing_address)):
            edit.setText(value)
        ui.ethnicity_combo.setCurrentText(details.ethnicity)
        guardian = details.guardian
        ui.guardian_group.setVisible(guardian is not None)
        if guardian is not None:
            ui.guardian_name_edit.setText(guardian.name)
            ui.guardian_relation_combo.setCurrentText(guardian.relation)
            ui.guardian_id_number_edit.setText(guardian.id_number)
            ui.guardian_phone_edit.setText(guardian.phone)

    def read_id_number(self) -> ResidentId | None:
        """Show what the ID number tells (or why it is wrong) as soon as it is typed."""
        if not (self.isVisible() and shiboken6.isValid(self.ui.id_number_error)):
            return None  # focus also leaves the field while the wizard is torn down
        ui = self.ui
        ui.id_number_error.hide()
        if not ui.id_number_edit.text().strip():
            ui.id_info_label.clear()
            return None
        try:
            resident = parse_resident_id(ui.id_number_edit.text())
        except IdNumberError as error:
            ui.id_info_label.clear()
            ui.id_number_error.setText(message_for(error))
            ui.id_number_error.show()
            return None
        ui.id_number_edit.setText(resident.number)  # compacted, X upper-case
        age = resident.age_on(dt.date.today())
        ui.id_info_label.setText(self.tr("Born {date}  ·  {sex}  ·  {age} years old").format(
            date=resident.birth_date.isoformat(), age=age,
            sex=self.tr("male") if resident.sex == "M" else self.tr("female")))
        ui.guardian_group.setVisible(age < self.state.ctx.rules.minor_age)
        return resident

    def validatePage(self) -> bool:  # noqa: N802
        self.errors.clear()
        self.read_id_number()
        business = BusinessType(self.ui.business_combo.currentData())
        return self.run_step(intake.save_applicant, business, self.details(),
                             self.state.application_id)

    def details(self) -> ApplicantDetails:
        ui = self.ui
        return ApplicantDetails(
            name=ui.name_edit.text().strip(), id_number=ui.id_number_edit.text(),
            phone=ui.phone_edit.text().strip(), pinyin=ui.pinyin_edit.text().strip().upper(),
            ethnicity=ui.ethnicity_combo.currentText().strip(),
            id_valid_until=ui.id_valid_edit.text().strip(),
            occupation=ui.occupation_edit.text().strip(),
            household_address=ui.household_edit.text().strip(),
            residence_address=ui.residence_edit.text().strip(),
            mailing_address=ui.mailing_edit.text().strip(),
            guardian=self._guardian())

    def _guardian(self) -> GuardianDetails | None:
        ui = self.ui
        if ui.guardian_group.isHidden():
            return None
        return GuardianDetails(
            name=ui.guardian_name_edit.text().strip(),
            relation=ui.guardian_relation_combo.currentText().strip(),
            id_number=ui.guardian_id_number_edit.text(),
            phone=ui.guardian_phone_edit.text().strip())


def _fill(combo: QComboBox, items: tuple[str, ...], current: int = 0) -> None:
    combo.addItems(items)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setCurrentIndex(current)
