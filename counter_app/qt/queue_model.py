"""Today's queue as a table model: number, name, business type, status, time."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from counter_app.domain.clock import local_text
from counter_app.domain.lifecycle import COUNTER_OWNED, Status
from counter_app.qt.status_names import status_name
from counter_app.services.queue import QueueRow

Index = QModelIndex | QPersistentModelIndex

STATUS_COLOURS = {
    Status.SUBMITTED: QColor("#1e7e34"),
    Status.REJECTED: QColor("#c0392b"),
    Status.WITHDRAWN: QColor("#7f8c8d"),
}
IN_PROGRESS_COLOUR = QColor("#b9770e")  # still at the counter: needs staff's attention


class QueueModel(QAbstractTableModel):
    NUMBER, NAME, BUSINESS, STATUS, TIME = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, application_id) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == application_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Number"), self.tr("Name"), self.tr("Business type"),
                self.tr("Status"), self.tr("Time"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.STATUS:
            return STATUS_COLOURS.get(row.status,
                                      IN_PROGRESS_COLOUR if row.status in COUNTER_OWNED else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.TIME:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: QueueRow, column: int) -> str:
        if column == self.NUMBER:
            return row.number
        if column == self.NAME:
            return row.name
        if column == self.BUSINESS:
            return row.business_label
        if column == self.STATUS:
            return status_name(row.status)
        return local_text(row.created_at, "%H:%M")
