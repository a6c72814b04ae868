"""The end-of-day report for supervisors (Reports ▸ End-of-day report…): pick the day,
look at the PDF (chart and tables) in the preview, print it. Rendering runs on the task
runner; printing goes through the printer dialog with the remembered printer. QtPdf's
widgets load when the dialog first opens, not with the main window. The dialog takes as
much of the screen's height as it may (the page scrolls in the preview): its buttons stay
on a 1366×768 screen with a taskbar.

At a site that makes cards at the window (instant issuance) the dialog also takes the
blank cards counted at day close: the count and, when it differs from the stock expected,
the explanation; Record count records them (services/blank_count.py) and then shows the
report again, with the count in it. Elsewhere that part is hidden."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.qt.inline_errors import ERROR_STYLE
from counter_app.qt.pdf_print import load_pdf, print_with_dialog
from counter_app.qt.screen_fit import fit_to_screen
from counter_app.qt.uiload import load_ui, pdf_preview
from counter_app.security.roles import Permission
from counter_app.services import blank_count, documents, issuance, reports

PREFERRED = QSize(760, 960)  # an A4 page at this width is taller: the preview scrolls


def render_report(ctx, operator, day: dt.date) -> Path:
    """On the task runner: the figures, then the PDF."""
    return reports.render_end_of_day(ctx, reports.end_of_day(ctx, operator, day=day),
                                     operator=operator)


class DayReportDialog(QDialog):
    sig_rendered = Signal(object)   # the PDF's path
    sig_printed = Signal(int)       # pages
    sig_counted = Signal(object)    # the BlankCount recorded

    def __init__(self, ctx, operator, runner, parent: QWidget | None = None,
                 day: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator, self.runner = ctx, operator, runner
        self.ui = load_ui(self, "day_report.ui")
        self.pdf_path: Path | None = None
        self.shown_day: dt.date | None = None  # the day the preview shows
        self.rendering = False
        self.document, self.view = pdf_preview(self, self.ui.pdf_placeholder)
        fit_to_screen(self, PREFERRED)
        day = day or dt.date.today()
        self.ui.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.ui.date_edit.setMaximumDate(QDate.currentDate())
        self.ui.refresh_button.clicked.connect(self.render)  # made again: figures move on
        # Enter in the date, or leaving it: only a new day needs a new report.
        self.ui.date_edit.editingFinished.connect(
            lambda: self.render() if self.day != self.shown_day else None)
        self.ui.print_button.clicked.connect(self.print_report)
        self.ui.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_report)
        self.instant = issuance.instant_here(ctx)
        self.ui.blank_group.setVisible(self.instant)
        self.ui.blank_error_label.setStyleSheet(ERROR_STYLE)
        self.ui.blank_error_label.hide()
        if self.instant:
            self.ui.record_count_button.clicked.connect(self.record_count)
            self.ui.explanation_edit.returnPressed.connect(self.record_count)
            self._show_stock()
        self.render()

    @property
    def day(self) -> dt.date:
        return self.ui.date_edit.date().toPython()

    def render(self) -> None:
        if self.rendering:
            return
        self.rendering = True
        self.shown_day = self.day
        self.ui.print_button.setEnabled(False)
        self.ui.status_label.setText(self.tr("Preparing the report…"))
        self.document.close()  # Windows cannot replace a file that is still open
        self.runner.run(render_report, self.ctx, self.operator, self.day,
                        on_done=self._rendered, on_error=self._failed)

    def _show_stock(self) -> None:
        """What is expected (and what was counted today, if it was), beside the fields."""
        today = dt.date.today()
        with self.ctx.sessions() as session:
            stock = issuance.local_stock(session)
        counted = blank_count.blank_count_of(self.ctx, today)
        if stock is None:
            text = self.tr("The stock of blank cards is not known yet: sync first.")
        else:
            text = self.tr("Expected in stock: {expected} (received {received}, issued "
                           "{issued}, spoiled {spoiled}).").format(
                expected=stock.expected, received=stock.received, issued=stock.issued,
                spoiled=stock.spoiled)
        if counted is not None:
            text += " " + self.tr("Counted today: {counted}.").format(counted=counted.counted)
            self.ui.count_spin.setValue(counted.counted)
            self.ui.explanation_edit.setText(counted.explanation)
        self.ui.blank_expected_label.setText(text)

    def record_count(self) -> None:
        """Record the blanks counted (today's), then show the report again with them."""
        if self.rendering:
            return
        self.ui.blank_error_label.clear()
        self.ui.blank_error_label.hide()
        try:
            done = blank_count.record_blank_count(
                self.ctx, self.operator, dt.date.today(), self.ui.count_spin.value(),
                self.ui.explanation_edit.text())
        except Exception as error:  # noqa: BLE001 - a CounterError says what is wrong
            self.ui.blank_error_label.setText(message_for(error))
            self.ui.blank_error_label.show()
            field = getattr(error, "field", "")
            (self.ui.explanation_edit if field == "explanation"
             else self.ui.count_spin).setFocus()
            return
        self._show_stock()
        self.sig_counted.emit(done)
        today = dt.date.today()
        self.ui.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.render()

    def print_report(self) -> None:
        if self.pdf_path is None or self.rendering:
            return
        try:
            pages = print_with_dialog(self, self.ctx, self.pdf_path)
        except Exception as error:  # noqa: BLE001 - PrintError says what is wrong
            dialogs.show_error(self, message_for(error))
            return
        if pages:
            self.ui.status_label.setText(self.tr("Printed."))
            self.sig_printed.emit(pages)

    def _rendered(self, path: Path) -> None:
        self.rendering = False
        self.pdf_path = path
        load_pdf(self.document, documents.document_bytes(self.ctx, path))
        self.ui.print_button.setEnabled(True)
        self.ui.print_button.setFocus()
        self.ui.status_label.setText(self.tr("End-of-day report of {day}.").format(
            day=self.shown_day.isoformat()))
        self.sig_rendered.emit(path)

    def _failed(self, error: Exception) -> None:
        self.rendering = False
        self.shown_day = None
        self.ui.status_label.clear()
        dialogs.show_error(self, message_for(error))


class ReportActions:
    """Reports ▸ End-of-day report… for supervisors (the OVERRIDE permission)."""

    def __init__(self, window) -> None:
        self.window = window
        self.dialog: DayReportDialog | None = None
        action = window.ui.action_end_of_day
        action.triggered.connect(self.open)
        action.setEnabled(window.operator.can(Permission.OVERRIDE))

    def open(self) -> None:
        if not self.window.operator.can(Permission.OVERRIDE):
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        window = self.window
        self.dialog = DayReportDialog(window.ctx, window.operator, window.runner, window)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self, _result: int) -> None:
        self.dialog.deleteLater()
        self.dialog = None
