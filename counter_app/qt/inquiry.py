"""Inquiry at the window (Ctrl+I, Art. 15/19): the cardholder's applications, cards and
invalid-list entries by ID number or card number, and a printed result for them.

The number field has the focus; Enter searches (a scanner's Enter too). The number is
checked at once; the lookup (the central database when it answers, else this counter's
own data, with a note) runs on the task runner. The dialog shows statuses, dates, levels
and site names, masked numbers, never the applicant's name; and whether the electronic
social security card can be claimed on the holder's card, and why not, with "Print e-card
guide" (issue 16).
"""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from counter_app.domain.business import BusinessType
from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.inquiry import parse_inquiry_number
from counter_app.qt import dialogs
from counter_app.qt.ecard_view import GuidePrinter, printed_text, show_eligibility
from counter_app.qt.i18n import message_for
from counter_app.qt.pdf_print import print_with_dialog
from counter_app.qt.status_names import status_name
from counter_app.qt.uiload import load_ui
from counter_app.security.roles import Permission
from counter_app.services import ecard, inquiry
from counter_app.services.inquiry import InquiryResult

CONTEXT = "inquiry"
KIND_NAMES = {
    "temporary_loss": QT_TRANSLATE_NOOP("inquiry", "Temporary loss report"),
    "formal_loss": QT_TRANSLATE_NOOP("inquiry", "Formal loss report"),
    "damage": QT_TRANSLATE_NOOP("inquiry", "Damaged"),
    "expiry": QT_TRANSLATE_NOOP("inquiry", "Expired"),
    "cancellation": QT_TRANSLATE_NOOP("inquiry", "Cancelled"),
    "replaced": QT_TRANSLATE_NOOP("inquiry", "Replaced"),
}
LEVEL_NAMES = {
    "city": QT_TRANSLATE_NOOP("inquiry", "City"),
    "province": QT_TRANSLATE_NOOP("inquiry", "Province"),
    "national": QT_TRANSLATE_NOOP("inquiry", "National"),
}
STATE_NAMES = {
    "active": QT_TRANSLATE_NOOP("inquiry", "In force (card not usable)"),
    "released": QT_TRANSLATE_NOOP("inquiry", "Released"),
    "cancelled": QT_TRANSLATE_NOOP("inquiry", "Card cancelled"),
}
PROMISE_NAMES = {
    "due_soon": QT_TRANSLATE_NOOP("inquiry", "due soon"),
    "overdue": QT_TRANSLATE_NOOP("inquiry", "overdue"),
}
ERROR_STYLE = "color: #c0392b;"
NOTE_STYLE = "color: #b35900;"


def name_of(table: dict[str, str], code: str) -> str:
    source = table.get(code)
    return QCoreApplication.translate(CONTEXT, source) if source else code


class InquiryDialog(QDialog):
    sig_answered = Signal(object)   # InquiryResult, shown
    sig_printed = Signal(int)       # pages
    sig_guide_printed = Signal(int)  # pages of the e-card guide

    def __init__(self, ctx, operator, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator, self.runner = ctx, operator, runner
        self.ui = load_ui(self, "inquiry.ui")
        self.result: InquiryResult | None = None
        self.busy = False
        ui = self.ui
        for table in (ui.applications_table, ui.invalid_table):
            header = table.horizontalHeader()
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            table.verticalHeader().setDefaultSectionSize(30)
        ui.error_label.setStyleSheet(ERROR_STYLE)
        ui.note_label.setStyleSheet(NOTE_STYLE)
        for label in (ui.error_label, ui.note_label, ui.ecard_label):
            label.hide()
        self.ecard = None  # EcardEligibility of the answer shown
        self.guide = GuidePrinter(self, ctx, operator, runner, ui.ecard_button,
                                  printed=self._guide_printed)
        ui.number_edit.returnPressed.connect(self.search)
        ui.number_edit.textEdited.connect(lambda _text: self._clear_error())
        ui.search_button.clicked.connect(self.search)
        ui.print_button.clicked.connect(self.print_result)
        ui.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_result)
        ui.print_button.setEnabled(False)
        ui.summary_label.setText(self.tr("Type or scan an ID number or card number and press "
                                         "Enter."))
        ui.number_edit.setFocus()

    # --- actions ------------------------------------------------------------------

    def search(self) -> None:
        if self.busy:
            return
        text = self.ui.number_edit.text()
        self._forget_result()  # the last person's answer never stands beside a new number
        try:
            parse_inquiry_number(text)  # at once: a mistyped digit needs no round trip
        except CounterError as error:
            self._show_error(message_for(error))
            return
        self._clear_error()
        self.busy = True
        self.ui.search_button.setEnabled(False)
        self.ui.print_button.setEnabled(False)
        self.ui.summary_label.setText(self.tr("Looking up…"))
        self.runner.run(functools.partial(inquiry.inquire, operator=self.operator),
                        self.ctx, text, on_done=self._answered, on_error=self._failed)

    def print_result(self) -> None:
        if self.result is None or self.busy:
            return
        self.busy = True
        self.runner.run(inquiry.render_result, self.ctx, self.result, self.operator,
                        on_done=self._print_file, on_error=self._failed)

    # --- results ------------------------------------------------------------------

    def _answered(self, result: InquiryResult) -> None:
        self.busy = False
        self.result = result
        self.ui.search_button.setEnabled(True)
        self.ui.print_button.setEnabled(True)
        self._fill_applications(result)
        self._fill_invalid(result)
        self.ui.summary_label.setText(self._summary(result))
        self.ui.note_label.setVisible(result.note is not None)
        self.ui.note_label.setText(message_for(result.note) if result.note else "")
        self.ecard = ecard.for_inquiry(self.ctx, result)
        show_eligibility(self.ui.ecard_label, self.ecard)
        self.ui.number_edit.selectAll()  # the next number replaces this one
        self.ui.number_edit.setFocus()
        self.sig_answered.emit(result)

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.ui.search_button.setEnabled(True)
        self.ui.print_button.setEnabled(self.result is not None)
        self.ui.summary_label.clear()
        self._show_error(message_for(error))

    def _print_file(self, pdf) -> None:
        self.busy = False
        try:
            pages = print_with_dialog(self, self.ctx, pdf)
        except Exception as error:  # noqa: BLE001 - PrintError says what is wrong
            dialogs.show_error(self, message_for(error))
            return
        if pages:
            self.ui.summary_label.setText(self.tr("The result was printed."))
            self.sig_printed.emit(pages)

    def _guide_printed(self, pages: int) -> None:
        self.ui.summary_label.setText(printed_text())
        self.sig_guide_printed.emit(pages)

    def _summary(self, result: InquiryResult) -> str:
        if not result.found:
            return self.tr("Nothing is known about {number}.").format(
                number=result.masked_number)
        text = self.tr("{number} — applications: {applications}, invalid-list entries: "
                       "{entries}.").format(number=result.masked_number,
                                          applications=len(result.applications),
                                          entries=len(result.invalid))
        if result.invalid_in_force:
            text += " " + self.tr("A card of this number is on the invalid list and cannot "
                                  "be used.")
        return text

    def _fill_applications(self, result: InquiryResult) -> None:
        labels = self.ctx.rules.labels
        rows = []
        for app in result.applications:
            status = status_name(app.status)
            if not app.sent:
                status = self.tr("{status} (not yet sent)").format(status=status)
            due = _day(app.due_date)
            if app.promise is not None and app.promise.value in PROMISE_NAMES:
                due = f"{due} ({name_of(PROMISE_NAMES, app.promise.value)})"
            card = app.card
            rows.append((app.number, app.site_name, _business(labels, app.business_type),
                         status, _day(app.received_on), due,
                         card.number if card and card.number else "",
                         status_name(card.status) if card and card.number else ""))
        _fill(self.ui.applications_table, rows)

    def _fill_invalid(self, result: InquiryResult) -> None:
        rows = [(entry.card_number, name_of(KIND_NAMES, entry.kind),
                 name_of(LEVEL_NAMES, entry.level), name_of(STATE_NAMES, entry.state),
                 local_text(entry.listed_at), local_text(entry.released_at or entry.expires_at),
                 entry.site_name) for entry in result.invalid]
        _fill(self.ui.invalid_table, rows)

    def _forget_result(self) -> None:
        self.result = None
        self.ui.print_button.setEnabled(False)
        _fill(self.ui.applications_table, [])
        _fill(self.ui.invalid_table, [])
        self.ui.summary_label.clear()
        self.ui.note_label.hide()
        self.ecard = None
        show_eligibility(self.ui.ecard_label, None)

    def _show_error(self, text: str) -> None:
        self.ui.error_label.setText(text)
        self.ui.error_label.show()
        self.ui.number_edit.setFocus()
        self.ui.number_edit.selectAll()

    def _clear_error(self) -> None:
        self.ui.error_label.clear()
        self.ui.error_label.hide()


class InquiryActions:
    """The main window's Inquiry action (Ctrl+I): one dialog, raised when open again."""

    def __init__(self, window) -> None:
        self.window = window
        self.dialog: InquiryDialog | None = None
        action = window.ui.action_inquiry
        action.triggered.connect(self.open)
        action.setEnabled(window.operator.can(Permission.INTAKE)
                          or window.operator.can(Permission.CARD_CENTRE))

    def open(self) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            self.dialog.ui.number_edit.setFocus()
            return
        window = self.window
        self.dialog = InquiryDialog(window.ctx, window.operator, window.runner, window)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self, _result: int) -> None:
        self.dialog.deleteLater()
        self.dialog = None


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for index, row in enumerate(rows):
        for column, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(index, column, item)


def _business(labels: dict, code: str) -> str:
    try:
        return labels[BusinessType(code)]
    except (ValueError, KeyError):
        return code


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
