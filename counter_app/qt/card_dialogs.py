"""After the card is made, at the window: collection (scan the voucher, check who collects,
hand over, print the receipt), activation, and the invalid list's reports.

Finding, recording and rendering run on the task runner (finding may ask the central
database where a card waits); the results come back on the GUI thread. Printing goes
through the printer dialog (counter_app.qt.dialogs.setup_printer, patched in tests).

Collection and activation also say whether the electronic social security card can be
claimed on the card shown (or just handed over, or just activated) and why not, and print
the city's e-card guide; a report to the invalid list says what becomes of the e-card
(suspended with the card, cancelled with it, working again after an undo). Issue 16.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from counter_app.domain.cards import EntryState, InvalidKind
from counter_app.domain.clock import DAY, local_text
from counter_app.domain.collection import Collector
from counter_app.domain.ecard import EcardEligibility, report_note
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.qt import dialogs
from counter_app.qt.card_names import (card_message, collector_name, entry_state_name,
                                       invalid_kind_name, level_name)
from counter_app.qt.ecard_view import GuidePrinter, printed_text, show_eligibility
from counter_app.qt.pdf_print import print_with_dialog
from counter_app.qt.status_names import status_name
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.services import card_reports, collection, ecard
from counter_app.services.auth import CurrentOperator
from counter_app.services.card_reports import CardView
from counter_app.services.collection import CardAtCounter, Collected
from counter_app.services.context import AppContext

log = logging.getLogger(__name__)

ERROR_COLOUR = "#c0392b"
DONE_COLOUR = "#1e7e34"
UNREPORT = "unreport"  # the kind combo's entry for undoing a temporary loss report

T_ENTER_NUMBER = QT_TRANSLATE_NOOP(
    "CardDialogs", "Scan the pick-up voucher, or type the application number or an ID number.")
T_LOOKING = QT_TRANSLATE_NOOP("CardDialogs", "Looking for the card…")
T_SEVERAL = QT_TRANSLATE_NOOP(
    "CardDialogs", "{count} cards were found for this number: choose the one to hand over.")
T_GUARDIAN_NAMED = QT_TRANSLATE_NOOP(
    "CardDialogs", "A &guardian on record: {name} ({relation})")
T_GUARDIAN = QT_TRANSLATE_NOOP("CardDialogs", "A &guardian on record")
T_CHILD_TIP = QT_TRANSLATE_NOOP(
    "CardDialogs", "A child's card is handed to a guardian on record")
T_RECORDING = QT_TRANSLATE_NOOP("CardDialogs", "Recording the hand-over…")
T_HANDED_OVER = QT_TRANSLATE_NOOP(
    "CardDialogs", "The card of application {number} was handed over to {collector}.")
T_ACTIVATED = QT_TRANSLATE_NOOP(
    "CardDialogs", "The activation of the card of application {number} is recorded.")
T_UNDO_ITEM = QT_TRANSLATE_NOOP(
    "CardDialogs", "The card was found: undo the temporary loss report")
T_ENTER_CARD = QT_TRANSLATE_NOOP("CardDialogs", "Please enter a card number or an ID number.")
T_NOTHING_FOUND = QT_TRANSLATE_NOOP(
    "CardDialogs", "No card of this handling point and nothing on the invalid list was found "
                   "for this number. A card taken in elsewhere can still be reported with its "
                   "number and the holder's ID number.")
T_NOT_LISTED = QT_TRANSLATE_NOOP("CardDialogs", "not listed")
T_ENTRY = QT_TRANSLATE_NOOP("CardDialogs", "{kind} ({level}), {state}, since {date}")
T_UNTIL = QT_TRANSLATE_NOOP("CardDialogs", ", until {date}")
T_UNDO_BUTTON = QT_TRANSLATE_NOOP("CardDialogs", "&Undo the report")
T_RECORD_BUTTON = QT_TRANSLATE_NOOP("CardDialogs", "&Record")
T_RECORDED = QT_TRANSLATE_NOOP("CardDialogs", "Recorded: {kind} ({level}).")
T_HOLDS_UNTIL = QT_TRANSLATE_NOOP(
    "CardDialogs", "It holds until {date}, unless made formal or undone before.")
T_UNDONE = QT_TRANSLATE_NOOP(
    "CardDialogs", "The temporary loss report is undone; the card is valid again.")


def _t(source: str) -> str:
    return QCoreApplication.translate("CardDialogs", source)


@dataclass(frozen=True)
class Handover:
    """What the worker brings back from a hand-over: the collection (always recorded
    once this exists) and its receipt, or why the receipt could not be rendered."""

    collected: Collected
    receipt: Path | None
    receipt_error: Exception | None = None
    ecard: EcardEligibility | None = None  # the e-card on the card handed over


def collect_and_render(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                       collector_id: str, expected: Collector | None) -> Handover:
    """On the worker: record the collection, then render its receipt."""
    done = collection.collect(ctx, operator, application_id, collector_id, expected=expected)
    said = ecard_of(ctx, operator, application_id)
    try:
        return Handover(done, collection.collection_receipt(ctx, operator, application_id),
                        ecard=said)
    except CounterError as error:  # recorded all the same; the receipt can be reprinted
        return Handover(done, None, error, ecard=said)


def activate_and_check(ctx: AppContext, operator: CurrentOperator,
                       application_id: uuid.UUID) -> EcardEligibility | None:
    """On the worker: record the activation; what it means for the e-card."""
    collection.activate(ctx, operator, application_id)
    return ecard_of(ctx, operator, application_id)


def ecard_of(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID
             ) -> EcardEligibility | None:
    """The e-card line after a hand-over or an activation; None (no line) rather than a
    failure of what was just recorded."""
    try:
        return ecard.for_application(ctx, operator, application_id)
    except Exception:  # noqa: BLE001 - recorded all the same; the line is a courtesy
        log.exception("e-card eligibility not found after recording")
        return None


def find_with_ecard(lookup, ctx: AppContext, operator: CurrentOperator, text: str
                    ) -> tuple[list[CardAtCounter], dict]:
    """On the worker: the cards for *text*, and the e-card of each by application id."""
    cards = lookup(ctx, operator, text)
    return cards, ecard.for_cards(ctx, operator, cards)


class _CardLookup(QDialog):
    """The part collection and activation share: a scan field with the focus, a message
    line, a choice when a number finds several cards, the card's details."""

    FORM = ""

    def __init__(self, ctx: AppContext, operator: CurrentOperator, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator, self.runner = ctx, operator, runner
        self.ui = load_ui(self, self.FORM)
        self.cards: list[CardAtCounter] = []
        self.ecards: dict[uuid.UUID, EcardEligibility] = {}
        ui = self.ui
        ui.search_edit.returnPressed.connect(self.find)
        ui.find_button.clicked.connect(self.find)
        ui.candidates_combo.currentIndexChanged.connect(lambda _i: self._show_card())
        ui.close_button.clicked.connect(self.reject)
        self.guide = GuidePrinter(self, ctx, operator, runner, ui.ecard_button,
                                  printed=self._guide_printed)
        self._clear()
        ui.search_edit.setFocus()

    @property
    def card(self) -> CardAtCounter | None:
        index = self.ui.candidates_combo.currentIndex()
        return self.cards[index] if 0 <= index < len(self.cards) else None

    def find(self) -> None:
        text = self.ui.search_edit.text()
        if not text.strip():
            self.say(_t(T_ENTER_NUMBER), error=True)
            return
        self.say(_t(T_LOOKING))
        self.ui.find_button.setEnabled(False)
        self.runner.run(find_with_ecard, self.lookup, self.ctx, self.operator, text,
                        on_done=self._found, on_error=self._not_found)

    def lookup(self, ctx, operator, text) -> list[CardAtCounter]:
        raise NotImplementedError

    def say(self, text: str, error: bool = False, done: bool = False) -> None:
        colour = ERROR_COLOUR if error else DONE_COLOUR if done else ""
        self.ui.message_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.ui.message_label.setText(text)

    def show_ecard(self, eligibility: EcardEligibility | None) -> None:
        show_eligibility(self.ui.ecard_label, eligibility)

    def _guide_printed(self, _pages: int) -> None:
        self.say(printed_text(), done=True)

    def _found(self, found: tuple[list[CardAtCounter], dict]) -> None:
        cards, self.ecards = found
        self.ui.find_button.setEnabled(True)
        self.cards = cards
        combo = self.ui.candidates_combo
        combo.blockSignals(True)
        combo.clear()
        for card in cards:
            combo.addItem(f"{card.number}  ·  {card.name}  ·  {card.card_number}")
        combo.setCurrentIndex(0)
        combo.blockSignals(False)
        combo.setVisible(len(cards) > 1)
        if len(cards) > 1:
            self.say(_t(T_SEVERAL).format(count=len(cards)))
        else:
            self.say("")
        self._show_card()

    def _not_found(self, error: Exception) -> None:
        self.ui.find_button.setEnabled(True)
        self._clear()
        self.say(card_message(error), error=True)
        self.ui.search_edit.setFocus()
        self.ui.search_edit.selectAll()

    def _clear(self) -> None:
        self.cards, self.ecards = [], {}
        self.ui.candidates_combo.clear()
        self.ui.candidates_combo.hide()
        self._show_card()
        self.show_ecard(None)

    def _show_card(self) -> None:
        raise NotImplementedError

    def _show_card_ecard(self) -> None:
        card = self.card
        self.show_ecard(self.ecards.get(card.application_id) if card is not None else None)


class CollectionDialog(_CardLookup):
    """Cards ▸ Collect card… (Ctrl+L)."""

    FORM = "collection_dialog.ui"
    sig_collected = Signal(object)  # the application's id

    def __init__(self, ctx: AppContext, operator: CurrentOperator, runner: TaskRunner,
                 parent: QWidget | None = None, card_reader=None) -> None:
        self.card_reader = card_reader
        super().__init__(ctx, operator, runner, parent)
        ui = self.ui
        ui.collect_button.clicked.connect(self.collect)
        ui.collector_id_edit.returnPressed.connect(self.collect)
        ui.read_card_button.clicked.connect(self.read_card)
        ui.read_card_button.setEnabled(card_reader is not None)
        QShortcut(QKeySequence("F2"), self, self.read_card)
        self.last: Handover | None = None

    def lookup(self, ctx, operator, text) -> list[CardAtCounter]:
        return collection.find_for_collection(ctx, operator, text)

    def _found(self, found: tuple[list[CardAtCounter], dict]) -> None:
        super()._found(found)
        self.ui.collector_id_edit.clear()
        self.ui.collector_id_edit.setFocus()

    def _show_card(self) -> None:
        ui, card = self.ui, self.card
        values = ("", "", "", "", "", "") if card is None else (
            card.number, card.name, card.id_number_masked, card.card_number, card.bank,
            status_name(card.status))
        for label, value in zip((ui.number_value, ui.name_value, ui.id_value, ui.card_value,
                                 ui.bank_value, ui.status_value), values, strict=True):
            label.setText(value)
        ui.card_group.setEnabled(card is not None)
        ui.collector_group.setEnabled(card is not None)
        ui.collect_button.setEnabled(card is not None)
        has_guardian = bool(card and card.guardian_name)
        ui.guardian_radio.setVisible(has_guardian or card is None)
        ui.guardian_radio.setText(
            _t(T_GUARDIAN_NAMED).format(name=card.guardian_name, relation=card.guardian_relation)
            if has_guardian else _t(T_GUARDIAN))
        ui.applicant_radio.setEnabled(card is None or not card.is_minor)
        ui.applicant_radio.setToolTip(_t(T_CHILD_TIP) if card is not None and card.is_minor
                                      else "")
        if card is not None:
            (ui.guardian_radio if card.is_minor and has_guardian
             else ui.applicant_radio).setChecked(True)
        self._show_card_ecard()

    def collect(self) -> None:
        card = self.card
        if card is None:
            return
        expected = (Collector.GUARDIAN if self.ui.guardian_radio.isChecked()
                    and self.ui.guardian_radio.isVisible() else Collector.APPLICANT)
        self.ui.collect_button.setEnabled(False)
        self.say(_t(T_RECORDING))
        self.runner.run(collect_and_render, self.ctx, self.operator, card.application_id,
                        self.ui.collector_id_edit.text(), expected,
                        on_done=self._collected, on_error=self._refused)

    def _refused(self, error: Exception) -> None:
        self.ui.collect_button.setEnabled(self.card is not None)
        self.say(card_message(error), error=True)
        self.ui.collector_id_edit.setFocus()
        self.ui.collector_id_edit.selectAll()

    def _collected(self, handover: Handover) -> None:
        self.last = handover
        done = handover.collected
        self.say(_t(T_HANDED_OVER).format(number=done.number,
                                          collector=collector_name(done.collector)), done=True)
        self.sig_collected.emit(done.application_id)
        self._clear()
        self.show_ecard(handover.ecard)  # the card just handed over: activate it first
        self.ui.search_edit.clear()
        self.ui.collector_id_edit.clear()
        if handover.receipt_error is not None:
            dialogs.show_error(self, card_message(handover.receipt_error))
        elif handover.receipt is not None:
            try:
                print_with_dialog(self, self.ctx, handover.receipt)
            except Exception as error:  # noqa: BLE001 - PrintError says what is wrong
                dialogs.show_error(self, card_message(error))
        self.ui.search_edit.setFocus()

    def read_card(self) -> None:
        if self.card_reader is None or not self.isVisible():
            return
        self.ui.read_card_button.setEnabled(False)
        self.runner.run(self.card_reader.read, on_done=self._card_read,
                        on_error=self._card_failed)

    def _card_read(self, data) -> None:
        self.ui.read_card_button.setEnabled(True)
        self.ui.collector_id_edit.setText(data.id_number)
        self.ui.collect_button.setFocus()

    def _card_failed(self, error: Exception) -> None:
        self.ui.read_card_button.setEnabled(True)
        self.say(card_message(error), error=True)


class ActivationDialog(_CardLookup):
    """Cards ▸ Activate card… (Ctrl+J)."""

    FORM = "activation_dialog.ui"
    sig_activated = Signal(object)  # the application's id

    def __init__(self, ctx: AppContext, operator: CurrentOperator, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, operator, runner, parent)
        self.ui.activate_button.clicked.connect(self.activate)
        self.activating: CardAtCounter | None = None  # the card whose activation runs

    def lookup(self, ctx, operator, text) -> list[CardAtCounter]:
        return collection.find_for_activation(ctx, operator, text)

    def _found(self, found: tuple[list[CardAtCounter], dict]) -> None:
        super()._found(found)
        self.ui.activate_button.setFocus()

    def _show_card(self) -> None:
        ui, card = self.ui, self.card
        values = ("", "", "", "") if card is None else (
            card.number, card.name, card.card_number,
            f"{local_text(card.collected_at)}  ·  {collector_name(card.collector)}"
            if card.collector else local_text(card.collected_at))
        for label, value in zip((ui.number_value, ui.name_value, ui.card_value,
                                 ui.collected_value), values, strict=True):
            label.setText(value)
        ui.card_group.setEnabled(card is not None)
        ui.activate_button.setEnabled(card is not None)
        self._show_card_ecard()

    def activate(self) -> None:
        card = self.card
        if card is None:
            return
        self.ui.activate_button.setEnabled(False)
        self.activating = card
        self.runner.run(activate_and_check, self.ctx, self.operator, card.application_id,
                        on_done=self._activated, on_error=self._refused)

    def _activated(self, eligibility: EcardEligibility | None) -> None:
        card = self.activating
        self.say(_t(T_ACTIVATED).format(number=card.number), done=True)
        self.sig_activated.emit(card.application_id)
        self._clear()
        self.show_ecard(eligibility)  # the card just activated: the e-card can be claimed
        self.ui.search_edit.clear()
        self.ui.search_edit.setFocus()

    def _refused(self, error: Exception) -> None:
        self.ui.activate_button.setEnabled(self.card is not None)
        self.say(card_message(error), error=True)


class CardReportDialog(QDialog):
    """Cards ▸ Report a card… (Ctrl+Shift+L) and Undo a temporary loss report…
    (Ctrl+Shift+U): one dialog, the second preselecting the undo."""

    sig_recorded = Signal()
    CARD, NAME, ID, STATUS, LISTED = range(5)

    def __init__(self, ctx: AppContext, operator: CurrentOperator, runner: TaskRunner,
                 parent: QWidget | None = None, undo: bool = False) -> None:
        super().__init__(parent)
        self.ctx, self.operator, self.runner = ctx, operator, runner
        self.ui = load_ui(self, "card_report_dialog.ui")
        self.views: list[CardView] = []
        ui = self.ui
        for kind in card_reports.REPORTABLE:
            ui.kind_combo.addItem(invalid_kind_name(kind), kind.value)
        ui.kind_combo.addItem(_t(T_UNDO_ITEM), UNREPORT)
        self.choose(UNREPORT if undo else InvalidKind.TEMPORARY_LOSS.value)
        table = ui.cards_table
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.LISTED, QHeaderView.ResizeMode.Stretch)
        for column, width in ((self.CARD, 120), (self.NAME, 90), (self.ID, 180),
                              (self.STATUS, 110)):
            table.setColumnWidth(column, width)
        table.verticalHeader().setDefaultSectionSize(30)
        table.itemSelectionChanged.connect(self._selected)
        ui.search_edit.returnPressed.connect(self.find)
        ui.find_button.clicked.connect(self.find)
        ui.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        ui.holder_edit.returnPressed.connect(self.record)
        ui.record_button.clicked.connect(self.record)
        ui.close_button.clicked.connect(self.reject)
        self._kind_changed()
        ui.search_edit.setFocus()

    def choose(self, kind: str) -> None:
        self.ui.kind_combo.setCurrentIndex(max(0, self.ui.kind_combo.findData(kind)))

    def say(self, text: str, error: bool = False, done: bool = False) -> None:
        colour = ERROR_COLOUR if error else DONE_COLOUR if done else ""
        self.ui.message_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.ui.message_label.setText(text)

    def find(self, keep_message: bool = False) -> None:
        text = self.ui.search_edit.text()
        if not text.strip():
            self.say(_t(T_ENTER_CARD), error=True)
            return
        if not keep_message:
            self.say("")
        self.runner.run(card_reports.find_cards, self.ctx, self.operator, text,
                        on_done=self._found, on_error=lambda e: self.say(card_message(e), True))

    def _found(self, views: list[CardView]) -> None:
        self.views = views
        table = self.ui.cards_table
        table.setRowCount(len(views))
        for row, view in enumerate(views):
            cells = (view.card_number, view.name or "—", view.id_number_masked,
                     status_name(view.status) if view.status else "—", self._listed(view))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == self.LISTED:
                    item.setToolTip(text)
                table.setItem(row, column, item)
        if views:
            table.selectRow(0)
        elif not self.ui.message_label.text():
            self.say(_t(T_NOTHING_FOUND))
            searched = self.ui.search_edit.text().strip().upper()
            (self.ui.holder_edit if len(searched) == 18 else self.ui.card_number_edit
             ).setText(searched)

    def _listed(self, view: CardView) -> str:
        if not view.entries:
            return _t(T_NOT_LISTED)
        parts = []
        for entry in reversed(view.entries):
            text = _t(T_ENTRY).format(
                kind=invalid_kind_name(entry.kind), level=level_name(entry.level),
                state=entry_state_name(entry.state), date=local_text(entry.listed_at, DAY))
            if entry.kind is InvalidKind.TEMPORARY_LOSS and entry.state is EntryState.ACTIVE \
                    and entry.expires_at:
                text += _t(T_UNTIL).format(date=local_text(entry.expires_at))
            parts.append(text)
        return "; ".join(parts)

    def _selected(self) -> None:
        rows = self.ui.cards_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.views):
            return
        view = self.views[rows[0].row()]
        self.ui.card_number_edit.setText(view.card_number)
        searched = self.ui.search_edit.text().strip().upper()
        if len(searched) == 18 and not self.ui.holder_edit.text():
            self.ui.holder_edit.setText(searched)  # found by the ID number shown

    def _kind_changed(self) -> None:
        undo = self.ui.kind_combo.currentData() == UNREPORT  # the holder's ID for both
        self.ui.record_button.setText(_t(T_UNDO_BUTTON) if undo else _t(T_RECORD_BUTTON))

    def record(self) -> None:
        kind = self.ui.kind_combo.currentData()
        card = self.ui.card_number_edit.text()
        if kind == UNREPORT:
            self.runner.run(card_reports.unreport_card, self.ctx, self.operator, card,
                            self.ui.holder_edit.text(),
                            on_done=self._recorded, on_error=self._refused)
        else:
            self.runner.run(card_reports.report, self.ctx, self.operator, card,
                            self.ui.holder_edit.text(), InvalidKind(kind),
                            on_done=self._recorded, on_error=self._refused)
        self.ui.record_button.setEnabled(False)

    def _recorded(self, entry) -> None:
        self.ui.record_button.setEnabled(True)
        if entry.state is EntryState.ACTIVE:
            text = _t(T_RECORDED).format(
                kind=invalid_kind_name(entry.kind), level=level_name(entry.level))
            if entry.expires_at:
                text += " " + _t(T_HOLDS_UNTIL).format(date=local_text(entry.expires_at))
            text += " " + card_message(report_note(entry.kind))  # the e-card goes with it
        else:
            text = _t(T_UNDONE) + " " + card_message(report_note(None))
        self.say(text, done=True)
        self.sig_recorded.emit()
        self.ui.search_edit.setText(self.ui.card_number_edit.text())
        self.find(keep_message=True)

    def _refused(self, error: Exception) -> None:
        self.ui.record_button.setEnabled(True)
        self.say(card_message(error), error=True)
        field = getattr(error, "field", "")
        target = {"card_number": self.ui.card_number_edit,
                  "id_number": self.ui.holder_edit}.get(field)
        if target is not None:
            target.setFocus()
            target.selectAll()


__all__ = ["ActivationDialog", "CardReportDialog", "CollectionDialog", "Handover",
           "collect_and_render"]
