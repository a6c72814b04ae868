"""The console's Factory results tab: the factory's result file, checked line by line and
applied all or nothing (its problems listed per line), and one card marked by hand. It
reads nothing of its own: what it shows is the report of its last step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSizePolicy, QWidget

from counter_app.qt import dialogs
from counter_app.qt.card_centre_tab import (
    ERROR_COLOUR,
    ConsoleTab,
    Page,
    Row,
    RowsModel,
    Step,
    note,
    set_up_view,
    show_rows,
)
from counter_app.qt.i18n import message_for
from counter_app.qt.status_names import status_name
from counter_app.qt.tasks import TaskRunner
from counter_app.services.context import AppContext


class ResultsTab(ConsoleTab):
    page = Page.RESULTS

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "card_centre_results.ui", parent)
        ui = self.ui
        self.problems = RowsModel([self.tr("Line"), self.tr("Problem")], right_aligned={0},
                                  parent=self)
        set_up_view(ui.problems_table, self.problems, (60,))
        note(ui.results_intro_label)
        ui.import_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        ui.import_summary_label.setSizePolicy(QSizePolicy.Policy.Expanding,
                                              QSizePolicy.Policy.Preferred)
        ui.import_button.clicked.connect(self.import_results)
        ui.mark_produced_button.clicked.connect(self.mark_produced)
        ui.mark_failed_button.clicked.connect(self.mark_failed)

    def import_results(self) -> None:
        path = dialogs.choose_result_file(self)
        if path is None:
            return
        self._summary(self.tr("Checking {file}…").format(file=path.name))
        self._step(Step.FACTORY_RESULTS, self.ui.import_button, self.centre.import_results,
                   path, on_done=self._imported, on_error=self._import_failed)

    def _imported(self, report) -> None:
        show_rows(self.ui.problems_table, [
            Row((problem.line, index), (str(problem.line), problem_text(problem)), late=True)
            for index, problem in enumerate(report.problems)], keep=())
        if report.applied:
            self._summary(self.tr(
                "Applied: {lines} lines, {produced} cards produced, {failed} failed.").format(
                lines=report.lines, produced=report.produced, failed=report.failed))
        else:
            lines = len({p.line for p in report.problems})
            self._summary(self.tr(
                "Nothing was applied: {bad} of {lines} lines have problems. Correct the file "
                "and import it again.").format(bad=lines, lines=report.lines), error=True)

    def _import_failed(self, error: Exception) -> None:
        show_rows(self.ui.problems_table, [], keep=())
        self._summary(message_for(error), error=True)

    def _summary(self, text: str, *, error: bool = False) -> None:
        self.ui.import_summary_label.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.ui.import_summary_label.setText(text)

    def mark_produced(self) -> None:
        ui = self.ui
        self._step(Step.FACTORY_RESULTS, ui.mark_produced_button, self.centre.mark_produced,
                   ui.mark_number_edit.text().strip(), ui.mark_card_edit.text().strip(),
                   ui.mark_bank_edit.text().strip(), on_done=self._marked)

    def mark_failed(self) -> None:
        ui = self.ui
        self._step(Step.FACTORY_RESULTS, ui.mark_failed_button, self.centre.mark_failed,
                   ui.mark_number_edit.text().strip(), ui.mark_reason_edit.text().strip(),
                   on_done=self._marked)

    def _marked(self, _result) -> None:
        ui = self.ui
        number = ui.mark_number_edit.text().strip()
        for edit in (ui.mark_number_edit, ui.mark_card_edit, ui.mark_reason_edit):
            edit.clear()
        self.sig_message.emit(self.tr("{number} recorded.").format(number=number))
        ui.mark_number_edit.setFocus()


def problem_text(problem) -> str:
    """A line's problem as staff read it (translated; a status in words)."""
    params = dict(problem.params)
    if "status" in params:
        params["status"] = status_name(params["status"])
    return QCoreApplication.translate("messages", problem.template).format(**params)
