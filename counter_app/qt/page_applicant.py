"""Wizard page 1: the applicant, who presents the application, and their details.

The ID number comes first: leaving the field reads birth date, sex and age from it, and
shows the guardian fields only for a minor (whose own phone may stay empty: the
guardian's is taken), and switches a business type staff have not chosen to the one the
rules give for the applicant's age. The pinyin is proposed from the name until staff edit
it. F2 reads an ID card into the first empty person (applicant, then guardian,
then agent). Next saves the applicant (the first time it creates the application; later
it updates the same one).
"""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox

from counter_app.domain.business import CARD_APPLICATIONS, BusinessType, Presenter
from counter_app.domain.idnumber import IdNumberError, ResidentId, parse_resident_id
from counter_app.domain.people import AgentDetails, ApplicantDetails, GuardianDetails
from counter_app.domain.pinyin import propose_pinyin
from counter_app.idcard.reader import IdCardData
from counter_app.qt.choices import ETHNICITIES, GUARDIAN_RELATIONS
from counter_app.qt.i18n import message_for
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.services import intake

FIELDS = ("name", "id_number", "phone", "guardian_name", "guardian_relation",
          "guardian_id_number", "guardian_phone", "agent_name", "agent_relation",
          "agent_id_number", "agent_phone", "household_address", "residence_address",
          "mailing_address", "old_card_number")
WIDGET_NAMES = {"guardian_relation": "guardian_relation_combo",
                "household_address": "household_edit", "residence_address": "residence_edit",
                "mailing_address": "mailing_edit", "old_card_number": "old_card_edit"}
ERROR_LABELS = {"old_card_number": "old_card_error",
                "household_address": "page_error", "residence_address": "page_error",
                "mailing_address": "page_error"}


class ApplicantPage(IntakePage):
    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_applicant.ui")
        ui = self.ui
        for business, label in state.ctx.rules.labels.items():
            if business in CARD_APPLICATIONS:
                ui.business_combo.addItem(label, business.value)
        _fill(ui.ethnicity_combo, ETHNICITIES)
        _fill(ui.guardian_relation_combo, GUARDIAN_RELATIONS, current=-1)
        self._install_errors()
        self._auto_pinyin = ""
        self._business_chosen = False  # staff picked the type: never switched behind them
        self.unchanged = False  # a reopened draft passed through: Next need not save it
        ui.id_info_label.setStyleSheet("color: #1f5f99;")
        ui.guardian_group.hide()
        ui.agent_group.hide()
        self._fill_presenters(is_minor=False)
        ui.id_number_edit.editingFinished.connect(self.read_id_number)
        ui.name_edit.textEdited.connect(self._propose_pinyin)
        ui.presenter_combo.currentIndexChanged.connect(self._presenter_changed)
        ui.business_combo.currentIndexChanged.connect(lambda _i: self._business_changed())
        ui.business_combo.activated.connect(self._business_picked)
        self._business_changed()
        ui.read_card_button.clicked.connect(self.read_card)
        ui.read_card_button.setEnabled(state.card_reader is not None)
        QShortcut(QKeySequence("F2"), self, self.read_card)
        QShortcut(QKeySequence("F3"), self, ui.preapplication_edit.setFocus)

    def _install_errors(self) -> None:
        ui = self.ui
        widgets = {f: getattr(ui, WIDGET_NAMES.get(f, f + "_edit")) for f in FIELDS}
        labels = {f: getattr(ui, ERROR_LABELS.get(f, f + "_error")) for f in FIELDS}
        for alias, target in (("guardian", "guardian_name"), ("agent", "agent_name")):
            widgets[alias], labels[alias] = widgets[target], labels[target]
        widgets["presenter"], labels["presenter"] = ui.presenter_combo, ui.page_error
        widgets["business_type"], labels["business_type"] = ui.business_combo, ui.page_error
        self.errors = InlineErrors(ui.page_error, widgets, labels)

    def initializePage(self) -> None:  # noqa: N802
        if self.state.application_id is not None and not self.ui.name_edit.text():
            self.show_details(*intake.applicant_of(self.state.ctx, self.state.application_id))
            self._business_chosen = True  # saved with the draft
            self._show_id_facts()  # birth date, sex and age, as when it was typed
        self.focus_later(self.ui.id_number_edit)

    # --- what the ID number, the name and the presenter tell -------------------------

    def read_id_number(self) -> ResidentId | None:
        """Show what the ID number tells (or why it is wrong) as soon as it is typed."""
        if not (self.isVisible() and shiboken6.isValid(self.ui.id_number_error)):
            return None  # focus also leaves the field while the wizard is torn down
        return self._show_id_facts()

    def _show_id_facts(self) -> ResidentId | None:
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
        facts = self.tr("Born {date}  ·  {sex}  ·  {age} years old").format(
            date=resident.birth_date.isoformat(), age=age,
            sex=self.tr("male") if resident.sex == "M" else self.tr("female"))
        switched = self._suggest_business(resident)
        ui.id_info_label.setText(f"{facts}  ·  {switched}" if switched else facts)
        is_minor = age < self.state.ctx.rules.minor_age
        ui.guardian_group.setVisible(is_minor)
        ui.phone_edit.setPlaceholderText(
            self.tr("Empty: the guardian's phone") if is_minor else "")
        self._fill_presenters(is_minor)
        return resident

    def _business_picked(self, _index: int) -> None:
        self._business_chosen = True

    def _suggest_business(self, resident: ResidentId) -> str:
        """Switch a type staff did not pick to the rules' type for this age (the newborn
        type past its window: a first application); returns what was done, or ""."""
        combo, rules = self.ui.business_combo, self.state.ctx.rules
        current = BusinessType(combo.currentData())
        refused = rules.age_refusal(current, resident.birth_date, dt.date.today())
        instead = rules.businesses[current].ages.instead
        if self._business_chosen or refused is None or combo.findData(instead.value) < 0:
            return ""
        combo.setCurrentIndex(combo.findData(instead.value))
        return self.tr("business type set to {business}").format(
            business=rules.labels[instead])

    def _propose_pinyin(self, name: str) -> None:
        """Keep proposing while the pinyin is still the proposal (staff may overwrite it)."""
        if self.ui.pinyin_edit.text() not in ("", self._auto_pinyin):
            return
        self._auto_pinyin = propose_pinyin(name).text
        self.ui.pinyin_edit.setText(self._auto_pinyin)

    def _fill_presenters(self, is_minor: bool) -> None:
        combo = self.ui.presenter_combo
        current = combo.currentData()
        rules = self.state.ctx.rules
        combo.blockSignals(True)
        combo.clear()
        for presenter in rules.presenters_for(is_minor):
            if is_minor and presenter is Presenter.APPLICANT:
                continue  # a minor's application is presented by a guardian or an agent
            combo.addItem(rules.presenters[presenter].label, presenter.value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        self._presenter_changed()

    def _business_changed(self) -> None:
        """A replacement or renewal names the card it replaces (intake.REPLACING)."""
        business = self.ui.business_combo.currentData()
        self.ui.old_card_row.setVisible(business in {b.value for b in intake.REPLACING})

    def _presenter_changed(self) -> None:
        self.ui.agent_group.setVisible(self._presenter() is Presenter.AGENT)

    def _presenter(self) -> Presenter:
        return Presenter(self.ui.presenter_combo.currentData() or Presenter.APPLICANT)

    # --- online pre-applications ------------------------------------------------------

    def look_up_preapplication(self) -> None:
        """Fill the page from the pre-application whose number was typed (Enter), asked of
        the central database with the applicant's (or else the guardian's) ID number."""
        from counter_app.services import preapplications
        ui = self.ui
        number = ui.preapplication_edit.text().strip()
        if not number:
            return
        holder = ui.id_number_edit.text().strip() or ui.guardian_id_number_edit.text().strip()
        ui.preapplication_edit.setEnabled(False)  # one look-up at a time: each is budgeted
        self.state.runner.run(preapplications.find, self.state.ctx, number, holder,
                              self.state.operator.username,
                              on_done=self._preapplication_found,
                              on_error=self._preapplication_failed)

    def _preapplication_found(self, found) -> None:
        business, details = found
        self.ui.preapplication_edit.setEnabled(True)
        self.errors.clear()
        self.show_details(business, details)
        self.read_id_number()
        self.ui.phone_edit.setFocus()

    def _preapplication_failed(self, error: Exception) -> None:
        self.ui.preapplication_edit.setEnabled(True)
        self.ui.preapplication_edit.setFocus()
        self.errors.show(error)

    # --- the ID-card reader ------------------------------------------------------------

    def read_card(self) -> None:
        reader = self.state.card_reader
        if reader is None or not self.isVisible():
            return
        self.ui.read_card_button.setEnabled(False)
        self.state.runner.run(reader.read, on_done=self._card_read, on_error=self._card_failed)

    def _card_read(self, card: IdCardData) -> None:
        ui = self.ui
        ui.read_card_button.setEnabled(True)
        if not ui.id_number_edit.text().strip():
            ui.id_number_edit.setText(card.id_number)
            ui.name_edit.setText(card.name)
            self._propose_pinyin(card.name)
            ui.ethnicity_combo.setCurrentText(card.ethnicity.removesuffix("族") + "族")
            ui.household_edit.setText(card.address)
            ui.id_valid_edit.setText(card.valid_until)
            self.read_id_number()
            ui.phone_edit.setFocus()
        elif ui.guardian_group.isVisible() and not ui.guardian_id_number_edit.text().strip():
            ui.guardian_name_edit.setText(card.name)
            ui.guardian_id_number_edit.setText(card.id_number)
            ui.guardian_relation_combo.setFocus()
        elif ui.agent_group.isVisible():
            ui.agent_name_edit.setText(card.name)
            ui.agent_id_number_edit.setText(card.id_number)
            ui.agent_relation_edit.setFocus()

    def _card_failed(self, error: Exception) -> None:
        self.ui.read_card_button.setEnabled(True)
        self.errors.show(error)

    # --- saving ------------------------------------------------------------------------

    def validatePage(self) -> bool:  # noqa: N802
        if self.ui.preapplication_edit.hasFocus():  # Enter there looks the number up
            self.look_up_preapplication()
            return False
        if self.unchanged:
            self.unchanged = False
            return True
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
            guardian=self._guardian(), presenter=self._presenter(),
            same_register=ui.same_register_check.isChecked(), agent=self._agent(),
            preapplication_number=ui.preapplication_edit.text().strip().upper(),
            old_card_number=(ui.old_card_edit.text().strip()
                             if ui.old_card_row.isVisibleTo(self) else ""))

    def _guardian(self) -> GuardianDetails | None:
        ui = self.ui
        if ui.guardian_group.isHidden():
            return None
        return GuardianDetails(
            name=ui.guardian_name_edit.text().strip(),
            relation=ui.guardian_relation_combo.currentText().strip(),
            id_number=ui.guardian_id_number_edit.text(),
            phone=ui.guardian_phone_edit.text().strip())

    def _agent(self) -> AgentDetails | None:
        ui = self.ui
        if ui.agent_group.isHidden():
            return None
        return AgentDetails(
            name=ui.agent_name_edit.text().strip(), id_number=ui.agent_id_number_edit.text(),
            phone=ui.agent_phone_edit.text().strip(),
            relation=ui.agent_relation_edit.text().strip())

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
        ui.preapplication_edit.setText(details.preapplication_number)
        ui.old_card_edit.setText(details.old_card_number)
        guardian = details.guardian
        ui.guardian_group.setVisible(guardian is not None)
        self._fill_presenters(is_minor=guardian is not None)
        ui.presenter_combo.setCurrentIndex(
            max(0, ui.presenter_combo.findData(details.effective_presenter(guardian is not None))))
        ui.same_register_check.setChecked(details.same_register)
        if guardian is not None:
            ui.guardian_name_edit.setText(guardian.name)
            ui.guardian_relation_combo.setCurrentText(guardian.relation)
            ui.guardian_id_number_edit.setText(guardian.id_number)
            ui.guardian_phone_edit.setText(guardian.phone)
        if details.agent is not None:
            agent = details.agent
            for edit, value in ((ui.agent_name_edit, agent.name),
                                (ui.agent_id_number_edit, agent.id_number),
                                (ui.agent_phone_edit, agent.phone),
                                (ui.agent_relation_edit, agent.relation)):
                edit.setText(value)


def _fill(combo: QComboBox, items: tuple[str, ...], current: int = 0) -> None:
    combo.addItems(items)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setCurrentIndex(current)
