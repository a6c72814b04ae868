"""Operations the central database refused, with its reason in words.

A refused operation never holds up the queue behind it; it stays listed here (and counted
in the status bar) until staff mark it as seen. Marking only hides it from the count: the
operation and its reason stay in the local database, and "show the ones already seen"
brings them back. The applicant's name is shown (this is the protected window) but never
logged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from counter_app.domain.clock import local_text
from counter_app.qt.sync_reasons import kind_name, reason_text
from counter_app.qt.uiload import load_ui
from counter_app.services import queue, syncing
from counter_app.services.context import AppContext

NUMBER, NAME, KIND, REASON, TIME = range(5)
SEQ_ROLE = Qt.ItemDataRole.UserRole
SEEN_COLOUR = QColor("#8a9099")


class SyncProblemsDialog(QDialog):
    sig_dismissed = Signal()  # some were marked as seen: the status bar's count changed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = load_ui(self, "sync_problems.ui")
        self._seen: set[int] = set()  # seqs of the listed rows already marked as seen
        table = self.ui.problems_table
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        for column, width in ((NUMBER, 180), (NAME, 90), (KIND, 110), (TIME, 150)):
            table.setColumnWidth(column, width)
        table.verticalHeader().setDefaultSectionSize(32)
        table.itemSelectionChanged.connect(self._update_buttons)
        self.ui.show_seen_check.toggled.connect(lambda _on: self.reload())
        self.ui.mark_seen_button.clicked.connect(self.mark_selected_seen)
        self.ui.close_button.clicked.connect(self.reject)
        self.reload()
        table.setFocus()

    def reload(self) -> None:
        """List the refused operations again (after a sync, or a change of filter)."""
        include_seen = self.ui.show_seen_check.isChecked()
        rows = syncing.rejections(self.ctx, include_dismissed=include_seen)
        unseen = {r.seq for r in syncing.rejections(self.ctx)} if include_seen else None
        names = queue.numbers_and_names(self.ctx, {r.entity_id for r in rows})
        table = self.ui.problems_table
        selected = set(self.selected_seqs())
        table.setRowCount(len(rows))
        self._seen = set()
        for index, rejection in enumerate(rows):
            number, name = names.get(rejection.entity_id, ("—", ""))
            seen = unseen is not None and rejection.seq not in unseen
            if seen:
                self._seen.add(rejection.seq)
            cells = (number, name, kind_name(rejection.kind), reason_text(rejection.reason),
                     local_text(rejection.created_at))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(SEQ_ROLE, rejection.seq)
                if column == REASON:
                    item.setToolTip(text)  # a long one ends in "…" in its cell
                if seen:
                    item.setForeground(QBrush(SEEN_COLOUR))
                table.setItem(index, column, item)
        for index, rejection in enumerate(rows):
            if rejection.seq in selected:
                table.selectRow(index)
        if not table.selectedItems() and rows:
            table.setCurrentCell(0, 0)
            table.selectRow(0)
        if rows:
            summary = self.tr("{count} refused operations not yet marked as seen.").format(
                count=len(rows) - len(self._seen))
        else:
            # seen ones leave the list: "refused nothing" would not be true then
            summary = self.tr("No refused operation is waiting to be looked at.")
        self.ui.summary_label.setText(summary)
        self._update_buttons()

    def selected_seqs(self) -> list[int]:
        table = self.ui.problems_table
        rows = sorted({index.row() for index in table.selectionModel().selectedRows()})
        items = [table.item(row, NUMBER) for row in rows]
        return [item.data(SEQ_ROLE) for item in items if item is not None]

    def mark_selected_seen(self) -> None:
        seqs = [seq for seq in self.selected_seqs() if seq not in self._seen]
        if not seqs:
            return
        syncing.dismiss_rejections(self.ctx, seqs)
        self.reload()
        self.ui.problems_table.setFocus()  # back to the list, keyboard work goes on
        self.sig_dismissed.emit()

    def _update_buttons(self) -> None:
        self.ui.mark_seen_button.setEnabled(
            any(seq not in self._seen for seq in self.selected_seqs()))
