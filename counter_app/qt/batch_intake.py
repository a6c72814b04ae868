"""Batch intake: check a committee's spreadsheet, list the rows to fix, accept the good
rows as one batch, and hand the batch over to a bank outlet (a file the bank imports)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.services import batches
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext


class BatchIntakeDialog(QDialog):
    def __init__(self, ctx: AppContext, operator: CurrentOperator, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator, self.runner = ctx, operator, runner
        self.path: Path | None = None
        self.accepted_batch = None
        self.ui = load_ui(self, "batch_intake.ui")
        header = self.ui.problems_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ui.problems_table.verticalHeader().hide()
        self.ui.choose_button.clicked.connect(self.choose_file)
        self.ui.accept_button.clicked.connect(self.accept_rows)
        self.ui.handover_button.clicked.connect(self.hand_over)
        self.ui.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+O"), self, self.choose_file)

    def choose_file(self) -> None:
        path = dialogs.choose_spreadsheet(self)
        if path is None:
            return
        self.path, self.accepted_batch = path, None
        self.ui.file_name_label.setText(path.name)
        self._set_busy(self.tr("Checking the rows…"))
        self.runner.run(batches.check_file, self.ctx, path, on_done=self._checked,
                        on_error=self._failed)

    def _checked(self, report) -> None:
        self._show_problems(report)
        self.ui.summary_label.setText(self.tr(
            "{good} rows can be accepted; {bad} rows need correcting (listed below: send the "
            "list back to the committee).").format(good=len(report.good),
                                                    bad=len(report.problems)))
        self.ui.accept_button.setEnabled(bool(report.good))
        self.ui.choose_button.setEnabled(True)

    def _show_problems(self, report) -> None:
        table = self.ui.problems_table
        table.setRowCount(len(report.problems))
        for index, problem in enumerate(report.problems):
            table.setItem(index, 0, QTableWidgetItem(str(problem.row)))
            table.setItem(index, 1, QTableWidgetItem(message_for(problem.error)))

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
        self.ui.choose_button.setEnabled(True)
        self.ui.handover_button.setEnabled(True)

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
        self.ui.choose_button.setEnabled(True)

    def _set_busy(self, text: str) -> None:
        self.ui.summary_label.setText(text)
        for button in (self.ui.choose_button, self.ui.accept_button, self.ui.handover_button):
            button.setEnabled(False)

    def _failed(self, error: Exception) -> None:
        self.ui.summary_label.setText(message_for(error))
        self.ui.choose_button.setEnabled(True)
        self.ui.accept_button.setEnabled(self.path is not None and self.accepted_batch is None)
