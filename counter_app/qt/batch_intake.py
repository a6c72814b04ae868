"""Batch intake: give committees the spreadsheet template, check a committee's
spreadsheet, list every problem of the rows to fix (row, name and masked ID number, column,
message), accept the good rows as one batch, hand the batch over to a bank outlet (a file
the bank imports) and print it: the batch list, with the forms of the applications past
examination.

Printing a batch runs on the task runner in two steps, rendering the PDF and then
painting its pages on the printer, both reporting to one cancellable progress dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHeaderView, QProgressDialog, QTableWidgetItem, QWidget

from counter_app.batches.spreadsheet import column_title
from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.qt.pdf_print import choose_printer, print_document
from counter_app.qt.tasks import Cancelled, ProgressRelay, TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.services import batches, documents
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext

PROBLEM_COLUMN = 3  # row, applicant, column, problem
FIT_ROWS_UP_TO = 500


class BatchIntakeDialog(QDialog):
    def __init__(self, ctx: AppContext, operator: CurrentOperator, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator, self.runner = ctx, operator, runner
        self.path: Path | None = None
        self.report = None            # the last check's, while its file is the one chosen
        self.accepted_batch = None
        self.printer = self.relay = self.progress = self.batch_print = None
        self._progress_text = ""
        self.ui = load_ui(self, "batch_intake.ui")
        header = self.ui.problems_table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROBLEM_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.ui.problems_table.verticalHeader().hide()
        self.ui.choose_button.clicked.connect(self.choose_file)
        self.ui.save_template_button.clicked.connect(self.save_template)
        self.ui.accept_button.clicked.connect(self.accept_rows)
        self.ui.handover_button.clicked.connect(self.hand_over)
        self.ui.print_button.clicked.connect(self.print_batch)
        self.ui.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+O"), self, self.choose_file)

    def choose_file(self) -> None:
        path = dialogs.choose_spreadsheet(self)
        if path is None:
            return
        self.path, self.report, self.accepted_batch = path, None, None
        self.ui.file_name_label.setText(path.name)
        self._set_busy(self.tr("Checking the rows…"))
        self.runner.run(batches.check_file, self.ctx, path, on_done=self._checked,
                        on_error=self._failed)

    def save_template(self) -> None:
        """The template committees fill in, so a spreadsheet comes with the right columns."""
        out = dialogs.choose_template_file(self, self.tr("batch intake template") + ".xlsx")
        if out is None:
            return
        self._set_busy(self.tr("Saving the template…"))
        self.runner.run(batches.save_template, self.ctx, out, on_done=self._template_saved,
                        on_error=self._failed)

    def _template_saved(self, out: Path) -> None:
        if out.suffix.lower() == ".xlsx":
            text = self.tr("Template saved: {file}. Give it to the committee; its second "
                           "sheet says how to fill it in.")
        else:  # a CSV has no room for the notes
            text = self.tr("Template saved: {file}.")
        self.ui.summary_label.setText(text.format(file=out))
        self._ready_again()

    def _checked(self, report) -> None:
        self.report = report
        self._show_problems(report)
        text = self.tr(
            "{good} rows can be accepted; {bad} rows need correcting ({problems} problems, "
            "listed below: send the list back to the committee).").format(
                good=len(report.good), bad=report.bad_rows, problems=len(report.problems))
        if report.good:
            text += " " + self.tr("By business type: {counts}.").format(
                counts=self._business_counts(report))
        self.ui.summary_label.setText(text)
        self._ready_again()

    def _business_counts(self, report) -> str:
        """Each business type's label (the rules file's words) and how many good rows."""
        labels = self.ctx.rules.labels
        return "; ".join(f"{labels[business]}: {count}"
                         for business, count in report.business_counts().items())

    def _show_problems(self, report) -> None:
        """One line per problem, so a row with three mistakes shows all three."""
        table = self.ui.problems_table
        table.setRowCount(len(report.problems))
        for index, problem in enumerate(report.problems):
            cells = (str(problem.row), problem.applicant, column_title(problem.field),
                     message_for(problem.error))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long message (the types to choose) in full
                table.setItem(index, column, item)
        self._fit_rows(table)

    @staticmethod
    def _fit_rows(table) -> None:
        """Wrapped messages in rows as high as they need: measuring every row costs time,
        so a file of thousands of problems keeps one line each (the tooltip has the rest)."""
        few = table.rowCount() <= FIT_ROWS_UP_TO
        table.setWordWrap(few)
        table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents if few else QHeaderView.ResizeMode.Interactive)

    def accept_rows(self) -> None:
        self._set_busy(self.tr("Taking in the batch…"))
        self.runner.run(batches.accept_batch, self.ctx, self.operator, self.path,
                        self.ui.committee_edit.text(), on_done=self._accepted,
                        on_error=self._failed)

    def _accepted(self, accepted) -> None:
        self.accepted_batch = accepted
        self.ui.summary_label.setText(self.tr(
            "Batch {number}: {count} applications taken in.").format(
                number=accepted.number, count=accepted.accepted))
        self._batch_actions_ready()

    def hand_over(self) -> None:
        choice = dialogs.choose_handover(self, f"{self.accepted_batch.number}.csv")
        if choice is None:
            return
        bank_outlet, out = choice
        self._set_busy(self.tr("Writing the handover file…"))
        self.runner.run(batches.hand_over, self.ctx, self.operator, self.accepted_batch.id,
                        bank_outlet, out, on_done=lambda count: self._handed_over(count, out),
                        on_error=self._failed)

    def _handed_over(self, count: int, out: Path) -> None:
        self.ui.summary_label.setText(self.tr(
            "{count} applications handed over; file: {file}").format(count=count, file=out))
        self._batch_actions_ready()

    # --- printing the batch -------------------------------------------------------

    def print_batch(self) -> None:
        """Printer first, so staff can leave a long batch to print on its own."""
        self.printer = choose_printer(self, self.ctx.settings,
                                      QCoreApplication.translate("printing", "Print the batch"))
        if self.printer is None:
            return
        self._set_busy(self.tr("Printing the batch…"))
        self.batch_print = None
        self.relay = ProgressRelay()
        self.relay.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.progress = self._progress_dialog()
        self.progress.canceled.connect(self.relay.cancel)
        self._progress_text = self.tr("Preparing form {done} of {total}…")
        self.runner.run(documents.batch_of, self.ctx, self.operator, self.accepted_batch.id,
                        self.relay.report, on_done=self._batch_rendered,
                        on_error=self._batch_print_failed)

    def _progress_dialog(self) -> QProgressDialog:
        progress = QProgressDialog(self.tr("Preparing the batch list…"), self.tr("Cancel"),
                                   0, 0, self)  # no total yet: a busy indicator
        progress.setWindowTitle(self.tr("Printing the batch"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(0)
        progress.setMinimumWidth(380)  # room for the longest label without jumping
        progress.show()
        return progress

    def _progressed(self, done: int, total: int) -> None:
        progress = self.progress  # setValue of a modal dialog processes events: the task
        if progress is None:      # may finish (and drop self.progress) inside it
            return
        progress.setLabelText(self._progress_text.format(done=done, total=total))
        progress.setMaximum(total)
        progress.setValue(done)

    def _batch_rendered(self, result) -> None:
        if self.relay.cancelled:  # cancelled after the last form: print nothing
            self._batch_print_failed(Cancelled())
            return
        self.batch_print = result
        self._progress_text = self.tr("Printing page {done} of {total}…")
        self.progress.setRange(0, 0)
        self.progress.setLabelText(self.tr("Sending the batch to the printer…"))
        self.runner.run(print_document, self.ctx, result.path, self.printer, self.relay.report,
                        on_done=self._batch_printed, on_error=self._batch_print_failed)

    def _batch_printed(self, pages: int) -> None:
        self._close_progress()
        result = self.batch_print
        text = self.tr("Batch {number} printed: the list of {listed} applications and {forms} "
                       "forms; pages printed: {pages}.").format(
            number=result.batch_number, listed=result.listed, forms=result.forms, pages=pages)
        if result.listed > result.forms:
            text += " " + self.tr("{count} applications have not passed examination yet; "
                                  "their forms print once they have.").format(
                count=result.listed - result.forms)
        self.ui.summary_label.setText(text)
        self._batch_actions_ready()

    def _batch_print_failed(self, error: Exception) -> None:
        self._close_progress()
        self.ui.summary_label.setText(
            self.tr("Printing the batch was cancelled.") if isinstance(error, Cancelled)
            else message_for(error))
        self._batch_actions_ready()

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()  # closing would otherwise count as cancel
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None
        self.printer = None

    def _batch_actions_ready(self) -> None:
        self.ui.choose_button.setEnabled(True)
        self.ui.save_template_button.setEnabled(True)
        self.ui.handover_button.setEnabled(True)
        self.ui.print_button.setEnabled(True)

    def _set_busy(self, text: str) -> None:
        self.ui.summary_label.setText(text)
        for button in (self.ui.choose_button, self.ui.save_template_button,
                       self.ui.accept_button, self.ui.handover_button, self.ui.print_button):
            button.setEnabled(False)

    def _failed(self, error: Exception) -> None:
        self.ui.summary_label.setText(message_for(error))
        self._ready_again()

    def _ready_again(self) -> None:
        """After a step that changed nothing of the batch: what was possible before is again."""
        self.ui.choose_button.setEnabled(True)
        self.ui.save_template_button.setEnabled(True)
        self.ui.accept_button.setEnabled(self.accepted_batch is None and self.report is not None
                                         and bool(self.report.good))
        for button in (self.ui.handover_button, self.ui.print_button):
            button.setEnabled(self.accepted_batch is not None)
