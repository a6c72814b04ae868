"""The list behind one of the main window's open-item counts (issue 17): waiting for
review, unsent, refused, printed but unsigned, unfinished from earlier days, returned by a
supervisor to staff.

Enter or a double-click on a row picks it: the dialog closes and the main window opens
the application (the wizard, the review queue, the inquiry or the sync problems, by what
it is). The selected row's reason (the central side's, or the supervisor's with the
note) shows whole under the table. ID numbers are shown masked; nothing here is logged.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.qt.status_names import status_name
from counter_app.qt.sync_reasons import reason_text
from counter_app.qt.uiload import load_ui
from counter_app.services import worklists
from counter_app.services.worklists import WorkItem, WorkKind

NUMBER, ID_NUMBER, STATUS, SINCE, DETAIL = range(5)
CONTEXT = "work_lists"
TITLES = {
    WorkKind.REVIEW: QT_TRANSLATE_NOOP("work_lists", "Waiting for review"),
    WorkKind.UNSENT: QT_TRANSLATE_NOOP("work_lists", "Not yet sent"),
    WorkKind.REFUSED: QT_TRANSLATE_NOOP("work_lists", "Refused by the central database"),
    WorkKind.UNSIGNED: QT_TRANSLATE_NOOP("work_lists", "Printed but not signed"),
    WorkKind.OLD_DRAFTS: QT_TRANSLATE_NOOP("work_lists", "Unfinished from earlier days"),
    WorkKind.RETURNED: QT_TRANSLATE_NOOP("work_lists", "Returned to staff"),
}
INTROS = {
    WorkKind.REVIEW: QT_TRANSLATE_NOOP(
        "work_lists", "Examined applications waiting for a supervisor's approval. Their photo, "
                      "form, signature and submission follow the approval."),
    WorkKind.UNSENT: QT_TRANSLATE_NOOP(
        "work_lists", "Applications with something not yet sent to the central database. The "
                      "next sync sends them."),
    WorkKind.REFUSED: QT_TRANSLATE_NOOP(
        "work_lists", "The central database refused these; the reason says what to do. Sync ▸ "
                      "Sync problems marks them as seen."),
    WorkKind.UNSIGNED: QT_TRANSLATE_NOOP(
        "work_lists", "The form was printed but the applicant's signature was never recorded."),
    WorkKind.OLD_DRAFTS: QT_TRANSLATE_NOOP(
        "work_lists", "Applications begun before today and not yet at the printed form."),
    WorkKind.RETURNED: QT_TRANSLATE_NOOP(
        "work_lists", "A supervisor returned these to staff with a reason: correct them and "
                      "examine them again, then they wait for the review again."),
}


def kind_title(kind: WorkKind) -> str:
    return QCoreApplication.translate(CONTEXT, TITLES[kind])


class WorkListDialog(QDialog):
    sig_picked = Signal(object)  # the WorkItem to open

    def __init__(self, ctx, kind: WorkKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.rows: list[WorkItem] = []
        self.ui = load_ui(self, "work_list.ui")
        self.setWindowTitle(kind_title(kind))
        self.ui.intro_label.setText(QCoreApplication.translate(CONTEXT, INTROS[kind]))
        table = self.ui.items_table
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        for column, width in ((NUMBER, 200), (ID_NUMBER, 170), (STATUS, 110), (SINCE, 140)):
            table.setColumnWidth(column, width)
        table.verticalHeader().setDefaultSectionSize(30)
        table.itemActivated.connect(lambda _item: self.open_selected())  # Enter, double-click
        table.itemSelectionChanged.connect(self._update_buttons)
        table.itemSelectionChanged.connect(self._show_detail)
        self.ui.open_button.clicked.connect(self.open_selected)
        self.ui.refresh_button.clicked.connect(self.reload)
        self.ui.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload)
        self.reload()
        table.setFocus()

    def reload(self) -> None:
        self.rows = worklists.items(self.ctx, self.kind)
        table = self.ui.items_table
        table.setRowCount(len(self.rows))
        for index, item in enumerate(self.rows):
            cells = (item.number or "—", item.masked_id, status_name(item.status)
                     if item.status else "", local_text(item.since), self._detail(item))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                table.setItem(index, column, cell)
        if self.rows:
            table.selectRow(0)
            summary = self.tr("{count} in the list. Enter opens the selected one.").format(
                count=len(self.rows))
        else:
            summary = self.tr("Nothing is open here.")
        self.ui.summary_label.setText(summary)
        self._update_buttons()
        self._show_detail()

    def selected(self) -> WorkItem | None:
        rows = self.ui.items_table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def open_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.accept()
            self.sig_picked.emit(item)

    def _detail(self, item: WorkItem) -> str:
        if self.kind is WorkKind.REFUSED and item.detail:
            return reason_text(item.detail)  # stored as its template and values
        return item.detail

    def _show_detail(self) -> None:
        """The selected row's reason (and a return's note) in full: the column cuts it."""
        item = self.selected()
        lines = []
        if item is not None and item.detail:
            lines.append(self.tr("Reason: {reason}").format(reason=self._detail(item)))
        if item is not None and item.note:
            lines.append(self.tr("Note: {note}").format(note=item.note))
        self.ui.detail_label.setText("\n".join(lines))
        self.ui.detail_label.setVisible(bool(lines))

    def _update_buttons(self) -> None:
        self.ui.open_button.setEnabled(self.selected() is not None)
